// The fast request reader (see fast_request.hpp): simdjson On-Demand straight
// into pe::dossier and the leave facts. It converts only; every check it
// makes is a reason to decline, and the checks that decide (the facts checks,
// the dossier's own) are the ones the document reader calls.
#include "fast_request.hpp"

#include <simdjson.h>

#include <array>
#include <cstring>

#include "edurules/io/pe_json.hpp"
#include "edurules/io/request.hpp"
#include "edurules/pe/registration.hpp"
#include "fast_reader.hpp"

namespace edurules::io::detail {

namespace {

using namespace fast;

// ---- PE ---------------------------------------------------------------------

std::vector<date> dates(od::value v) {
    std::vector<date> out;
    elements(v, [&](od::value x) { out.push_back(day(x)); });
    return out;
}

pe::dispensation dispensation(od::value v) {
    pe::dispensation d;
    bool requested = false;
    members(v, names<3>{"requested", "decided", "granted"}, [&](std::size_t k, od::value x) {
        if (k == 0) d.requested = day(x), requested = true;
        if (k == 1) d.decided = day(x);
        if (k == 2) d.granted = flag(x);
    });
    if (!requested) doubt();
    return d;
}

/// Decoded into its place in the dossier (no temporary moved in).
void participant(od::value v, pe::participant& x) {
    bool seu = false;
    members(
        v,
        names<7>{"seu_number", "name", "track", "diploma_date", "activation_date", "renewal_requests", "dispensations"},
        [&](std::size_t k, od::value y) {
            switch (k) {
                case 0:  // ids and codes are read in place (plain): one written with an escape,
                         // which no producer needs, is left to the document reader
                    set_text(x.seu_number, plain(y)), seu = true;
                    break;
                case 1:
                    set_text(x.name, text(y));
                    break;
                case 2:
                    x.track = known(pe::parse_track(plain(y)));
                    break;
                case 3:
                    x.diploma_date = day(y);
                    break;
                case 4:
                    x.activation_date = day(y);
                    break;
                case 5:
                    x.renewal_requests = dates(y);
                    break;
                default:
                    elements(y, [&](od::value z) { x.dispensations.push_back(dispensation(z)); });
            }
        });
    if (!seu || x.seu_number.empty()) doubt();
    std::size_t k = 0;
    if (pe::check_facts(pe::registration_facts::of(x), &k) != pe::facts_defect::none) doubt();
}

void provider(od::value v, pe::activity& a) {
    bool kind = false;
    members(v, names<2>{"kind", "name"}, [&](std::size_t k, od::value x) {
        if (k == 1) {
            set_text(a.provider_name, text(x));
            return;
        }
        const std::string_view s = text(x);
        if (s == "commercial")
            a.provider = pe::provider_kind::commercial;
        else if (s == "employer")
            a.provider = pe::provider_kind::employer;
        else
            doubt();
        kind = true;
    });
    if (!kind) doubt();
}

pe::test_element test(od::value v) {
    pe::test_element t;
    unsigned seen = 0;
    members(v, names<2>{"questions", "required_correct"}, [&](std::size_t k, od::value x) {
        (k == 0 ? t.questions : t.required_correct) = count(x);
        seen |= 1u << k;
    });
    if (seen != 3) doubt();
    return t;
}

void content(od::value v, pe::activity& a) {
    elements(v, [&](od::value x) {
        pe::content_change c;
        unsigned seen = 0;
        members(x, names<2>{"version", "from"}, [&](std::size_t k, od::value y) {
            if (k == 0) set_text(c.version, text(y));
            if (k == 1) c.from = day(y);
            seen |= 1u << k;
        });
        if (seen != 3 || (!a.content.empty() && !(a.content.back().from < c.from))) doubt();
        a.content.push_back(std::move(c));
    });
}

/// Decoded into its place in the dossier (no temporary moved in).
void activity(od::value v, pe::activity& a) {
    unsigned seen = 0;
    members(v, names<9>{"id", "title", "form", "provider", "net_minutes", "test", "topics", "public", "content"},
            [&](std::size_t k, od::value x) {
                seen |= 1u << k;
                switch (k) {
                    case 0:
                        set_text(a.id, plain(x));
                        break;
                    case 1:
                        set_text(a.title, text(x));
                        break;
                    case 2:
                        set_text(a.form, plain(x));
                        break;
                    case 3:
                        provider(x, a);
                        break;
                    case 4:
                        a.net_duration = minutes{count(x)};
                        break;
                    case 5:
                        a.test = test(x);
                        break;
                    case 6:
                        a.topics.emplace();
                        elements(x, [&](od::value t) { a.topics->push_back(str(t)); });
                        break;
                    case 7:
                        a.public_calendar = flag(x);
                        break;
                    default:
                        content(x, a);
                }
            });
    if ((seen & 0b10101) != 0b10101 || a.id.empty() || a.net_duration.count <= 0) doubt();
}

/// Decoded into its place in the dossier (no temporary moved in).
void recognition(od::value v, pe::recognition& r) {
    unsigned seen = 0;
    members(v, names<7>{"id", "activity_id", "decided", "content_version", "points", "paid", "withdrawn"},
            [&](std::size_t k, od::value x) {
                seen |= 1u << k;
                switch (k) {
                    case 0:
                        set_text(r.id, plain(x));
                        break;
                    case 1:
                        set_text(r.activity_id, plain(x));
                        break;
                    case 2:
                        r.decided = day(x);
                        break;
                    case 3:
                        set_text(r.content_version, text(x));
                        break;
                    case 4:
                        r.awarded = known(plausible_points(number(x)));
                        break;
                    case 5:
                        r.paid = day(x);
                        break;
                    default:
                        r.withdrawn = day(x);
                }
            });
    if ((seen & 0b111) != 0b111 || (r.withdrawn && *r.withdrawn < r.decided)) doubt();
}

/// Decoded into its place in the dossier (no temporary moved in).
void completion(od::value v, pe::completion& c) {
    unsigned seen = 0;
    members(v, names<3>{"seu_number", "activity_id", "completed"}, [&](std::size_t k, od::value x) {
        seen |= 1u << k;
        if (k == 0) set_text(c.seu_number, plain(x));
        if (k == 1) set_text(c.activity_id, plain(x));
        if (k == 2) c.completed = day(x);
    });
    if (seen != 7) doubt();
}

/// A decoded dossier's lists given back after its answer was written
/// (recycle_dossier), per thread: the next request on the thread decodes
/// into their room instead of growing new lists by doubling.
thread_local pe::dossier spare_dossier;

pe::dossier dossier(od::value v) {
    pe::dossier d = std::move(spare_dossier);  // a moved-from vector is empty, its room moved along
    unsigned seen = 0;
    members(v, names<5>{"schema_version", "participants", "activities", "recognitions", "completions"},
            [&](std::size_t k, od::value x) {
                seen |= 1u << k;
                switch (k) {
                    case 0:
                        if (count(x) != dossier_schema_version) doubt();
                        break;
                    case 1:
                        elements(x, [&](od::value y) { participant(y, d.participants.emplace_back()); });
                        break;
                    case 2:
                        elements(x, [&](od::value y) { activity(y, d.activities.emplace_back()); });
                        break;
                    case 3:
                        elements(x, [&](od::value y) { recognition(y, d.recognitions.emplace_back()); });
                        break;
                    default:
                        elements(x, [&](od::value y) { completion(y, d.completions.emplace_back()); });
                }
            });
    if ((seen & 0b11) != 0b11) doubt();
    return d;
}

std::vector<pe::upload_row> upload_rows(od::value v) {
    std::vector<pe::upload_row> rows;
    elements(v, [&](od::value x) {
        pe::upload_row u;
        u.line = rows.size() + 1;
        completion(x, u.row.emplace());
        rows.push_back(std::move(u));
    });
    return rows;
}

// ---- the request ------------------------------------------------------------

/// What the request's members said, before its kind is known.
struct top {
    std::string kind;
    std::optional<date> on;
    std::optional<bool> explain, bookings;
    std::optional<pe::dossier> dossier;
    std::optional<std::vector<pe::upload_row>> rows;
    std::optional<std::string_view> csv;
    std::optional<school_year> year;
    std::optional<std::vector<leave::worker>> workers;
    std::vector<std::optional<school_year>> years;
};

constexpr names<10> request_members{"schema_version", "kind", "date", "explain", "bookings",
                                    "dossier",        "rows", "csv",  "workers", "school_year"};

void request_member(const engine& e, std::size_t k, od::value v, top& t) {
    switch (k) {
        case 0:
            if (count(v) != request_schema_version) doubt();
            break;
        case 1:
            t.kind = str(v);
            break;
        case 2:
            t.on = day(v);
            break;
        case 3:
            t.explain = flag(v);
            break;
        case 4:
            t.bookings = flag(v);
            break;
        case 5:
            t.dossier = dossier(v);
            break;
        case 6:
            t.rows = upload_rows(v);
            break;
        case 7:
            t.csv = text_with_controls(v);
            break;
        case 8:
            t.workers = leave_workers(e, v, t.years);
            break;
        default:
            t.year = known(school_year::parse(text(v)));
    }
}

/// The request members (bits of request_members) a PE kind uses; 0 for
/// another kind. A member of another kind is the document reader's to refuse.
unsigned pe_members(std::string_view kind) {
    if (kind == "pe.status") return 0b00111111;     // schema_version .. dossier
    if (kind == "pe.reminders") return 0b00101111;  // as pe.status, without bookings
    if (kind == "pe.book") return 0b11101111;       // as pe.reminders, with rows and csv
    return 0;
}

/// A pe.* request from its members, if they make one the document reader accepts.
std::optional<typed_request> pe_from(top& t, unsigned seen) {
    const unsigned allowed = pe_members(t.kind);
    if (!allowed || (seen & ~allowed) || !t.on || !t.dossier) return std::nullopt;
    pe_request r;
    r.kind = std::move(t.kind);
    r.on = *t.on;
    r.explain = t.explain.value_or(false);
    r.bookings = t.bookings.value_or(true);
    r.dossier = std::move(*t.dossier);
    if (r.kind == "pe.book") {
        if (t.csv && t.rows) return std::nullopt;  // both: the document reader refuses it
        if (t.csv) {
            r.rows = parse_upload_csv(*t.csv);  // throws on a bad upload: declined
        } else if (t.rows) {
            r.rows = std::move(*t.rows);
        } else {
            return std::nullopt;
        }
    }
    return typed_request(std::move(r));
}

/// A leave.* request from its members, if they make one the document reader accepts.
std::optional<typed_request> leave_from(const engine& e, top& t, unsigned seen) {
    constexpr unsigned allowed = 0b1100001011;  // schema_version, kind, explain, workers, school_year
    if ((seen & ~allowed) || !t.year || !t.workers || !is_leave_kind(t.kind)) return std::nullopt;
    leave_request r;
    r.kind = std::move(t.kind);
    r.year = *t.year;
    r.explain = t.explain.value_or(true);
    r.workers = std::move(*t.workers);
    if (!leave_workers_accepted(e, r, t.years)) return std::nullopt;
    return typed_request(std::move(r));
}

std::optional<typed_request> decode(const engine& e, od::document& doc) {
    top t;
    unsigned seen = 0;
    od::object root = take(doc.get_object());
    for (auto field : root) {
        od::field f = take(std::move(field));
        const std::size_t k = index_of(request_members, raw_key(f));
        if (k == request_members.size() || (seen >> k & 1u)) doubt();
        seen |= 1u << k;
        request_member(e, k, f.value(), t);
    }
    const char* trailing = nullptr;
    if (!doc.current_location().get(trailing) || (seen & 0b11) != 0b11) doubt();  // content after the object
    if (t.kind.rfind("pe.", 0) == 0) return pe_from(t, seen);
    return leave_from(e, t, seen);
}

}  // namespace

void recycle_dossier(pe::dossier&& d) noexcept {
    // a list that grew past this many records is given back to the heap:
    // one large request does not keep its memory for the thread's lifetime
    constexpr std::size_t most_kept = 1024;
    if (d.participants.capacity() > most_kept || d.activities.capacity() > most_kept ||
        d.recognitions.capacity() > most_kept || d.completions.capacity() > most_kept)
        return;
    d.participants.clear();
    d.activities.clear();
    d.recognitions.clear();
    d.completions.clear();
    spare_dossier = std::move(d);
}

std::optional<typed_request> fast_decode(const engine& e, std::string_view request_json) {
    if (std::memchr(request_json.data(), 0, request_json.size())) return std::nullopt;
    thread_local od::parser parser;
    thread_local std::string padded;
    // the padding is written (spaces), not only reserved: the in-place reads
    // (fast_reader.hpp plain_length) take sixteen bytes at a time and may look
    // past the document's end, and must not look at bytes never written
    padded.reserve(request_json.size() + simdjson::SIMDJSON_PADDING);
    padded.assign(request_json);
    padded.append(simdjson::SIMDJSON_PADDING, ' ');
    padded.resize(request_json.size());
    try {
        od::document doc = take(parser.iterate(padded.data(), padded.size(), padded.capacity()));
        return decode(e, doc);
    } catch (const declined&) {
        return std::nullopt;
    } catch (const error&) {
        return std::nullopt;
    } catch (const simdjson::simdjson_error&) {
        return std::nullopt;
    }
}

}  // namespace edurules::io::detail
