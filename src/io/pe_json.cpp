// The PE JSON codec and the pe.* request handlers.
#include "edurules/io/pe_json.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <stdexcept>
#include <type_traits>

#include "edurules/core/nearest.hpp"
#include "edurules/pe/activity.hpp"
#include "edurules/pe/collective.hpp"
#include "handlers.hpp"

namespace edurules::io {

namespace {

/// Points a recognition may award per completion at most. Not a legal number
/// but a plausibility bound (real activities award a few points), so that sums
/// over any dossier stay far inside 64 bits.

}  // namespace

namespace detail {
std::optional<pe::points> plausible_points(const decimal& d) {
    if (d.is_negative() || decimal{pe::max_points_per_completion, 0} < d) return std::nullopt;
    return pe::points::from(d);
}
}  // namespace detail

namespace {

pe::points as_points(const json& j, const path& p) {
    const decimal d = as_decimal(j, p);
    if (auto v = detail::plausible_points(d)) return *v;
    if (d.is_negative()) invalid(p, "points cannot be negative: " + show(j));
    if (decimal{pe::max_points_per_completion, 0} < d)
        invalid(
            p, "more than " + std::to_string(pe::max_points_per_completion) + " points for one completion: " + show(j));
    auto v = pe::points::from(d);
    if (!v) invalid(p, "points have at most two decimals: " + show(j));
    return *v;
}

std::vector<date> date_list(const json& obj, std::string_view key, const path& p) {
    std::vector<date> out;
    const json* j = find(obj, key);
    if (!j) return out;
    require_array(*j, p / key);
    for (std::size_t i = 0; i < j->size(); ++i) out.push_back(as_date((*j)[i], (p / key)[i]));
    return out;
}

/// Facts the registration rules refuse (pe::check_facts, the check every
/// face shares), named by field.
void refuse_defects(const pe::participant& x, const path& p) {
    std::size_t k = 0;
    switch (pe::check_facts(pe::registration_facts::of(x), &k)) {
        case pe::facts_defect::none:
            return;
        case pe::facts_defect::activation_without_diploma:
            invalid(p / "activation_date", "an activation needs a diploma_date");
        case pe::facts_defect::activation_before_diploma:
            invalid(p / "activation_date", "is before the diploma_date " + to_iso(*x.diploma_date));
        case pe::facts_defect::dispensation_decided_before_request:
            invalid((p / "dispensations")[k] / "decided", "is before the request date");
        case pe::facts_defect::dispensation_granted_undecided:
            invalid((p / "dispensations")[k] / "granted", "a granted dispensation needs a decided date");
    }
}

pe::participant parse_participant(const json& j, const path& p, std::size_t index) {
    require_object(j, p);
    pe::participant x;
    try {
        require_known(
            j, {"seu_number", "name", "track", "diploma_date", "activation_date", "renewal_requests", "dispensations"},
            p);
        x.seu_number = get_string(j, "seu_number", p);
        if (x.seu_number.empty()) invalid(p / "seu_number", "must not be empty");
        if (auto n = opt_string(j, "name", p)) x.name = *n;
        if (auto t = opt_string(j, "track", p)) {
            auto tr = pe::parse_track(*t);
            if (!tr)
                invalid(p / "track",
                        "expected \"uitzendprofessional\" or \"backofficeprofessional\", got " + show(json(*t)));
            x.track = *tr;
        }
        x.diploma_date = opt_date(j, "diploma_date", p);
        x.activation_date = opt_date(j, "activation_date", p);
        x.renewal_requests = date_list(j, "renewal_requests", p);
        if (const json* ds = find(j, "dispensations")) {
            require_array(*ds, p / "dispensations");
            for (std::size_t i = 0; i < ds->size(); ++i) {
                const path dp = (p / "dispensations")[i];
                const json& dj = require_object((*ds)[i], dp);
                require_known(dj, {"requested", "decided", "granted"}, dp);
                pe::dispensation d;
                d.requested = get_date(dj, "requested", dp);
                d.decided = opt_date(dj, "decided", dp);
                if (const json* g = find(dj, "granted")) d.granted = as_bool(*g, dp / "granted");
                x.dispensations.push_back(d);
            }
        }
        refuse_defects(x, p);
    } catch (error& e) {
        throw error(e.code(), e.field(), e.message(), static_cast<std::int64_t>(index));
    }
    return x;
}

pe::activity parse_activity(const json& j, const path& p) {
    require_object(j, p);
    require_known(j, {"id", "title", "form", "provider", "net_minutes", "test", "topics", "public", "content"}, p);
    pe::activity a;
    a.id = get_string(j, "id", p);
    if (a.id.empty()) invalid(p / "id", "must not be empty");
    if (auto t = opt_string(j, "title", p)) a.title = *t;
    a.form = get_string(j, "form", p);
    if (const json* pr = find(j, "provider")) {
        require_object(*pr, p / "provider");
        require_known(*pr, {"kind", "name"}, p / "provider");
        const std::string kind = get_string(*pr, "kind", p / "provider");
        if (kind == "commercial")
            a.provider = pe::provider_kind::commercial;
        else if (kind == "employer")
            a.provider = pe::provider_kind::employer;
        else
            invalid(p / "provider" / "kind", "expected \"commercial\" or \"employer\", got " + show(json(kind)));
        if (auto n = opt_string(*pr, "name", p / "provider")) a.provider_name = *n;
    }
    const json& mins = member(j, "net_minutes", p);
    const std::int64_t m = as_int(mins, p / "net_minutes");
    if (m <= 0) invalid(p / "net_minutes", "a duration must be positive: " + show(mins));
    a.net_duration = minutes{m};
    if (const json* t = find(j, "test")) {
        require_object(*t, p / "test");
        require_known(*t, {"questions", "required_correct"}, p / "test");
        pe::test_element te;
        te.questions = get_int(*t, "questions", p / "test");
        te.required_correct = get_int(*t, "required_correct", p / "test");
        if (te.questions < 0) invalid(p / "test" / "questions", "cannot be negative");
        if (te.required_correct < 0) invalid(p / "test" / "required_correct", "cannot be negative");
        a.test = te;
    }
    if (const json* ts = find(j, "topics")) {
        require_array(*ts, p / "topics");
        a.topics.emplace();  // given, possibly empty; absent stays nullopt (see pe::assess_topics)
        for (std::size_t i = 0; i < ts->size(); ++i) a.topics->push_back(as_string((*ts)[i], (p / "topics")[i]));
    }
    if (const json* pub = find(j, "public")) a.public_calendar = as_bool(*pub, p / "public");
    if (const json* cs = find(j, "content")) {
        require_array(*cs, p / "content");
        for (std::size_t i = 0; i < cs->size(); ++i) {
            const path cp = (p / "content")[i];
            const json& cj = require_object((*cs)[i], cp);
            require_known(cj, {"version", "from"}, cp);
            pe::content_change c{get_string(cj, "version", cp), get_date(cj, "from", cp)};
            if (!a.content.empty() && !(a.content.back().from < c.from))
                invalid(cp / "from", "content versions must be in date order");
            a.content.push_back(std::move(c));
        }
    }
    return a;
}

pe::recognition parse_recognition(const json& j, const path& p) {
    require_object(j, p);
    require_known(j, {"id", "activity_id", "decided", "content_version", "points", "paid", "withdrawn"}, p);
    pe::recognition r;
    r.id = get_string(j, "id", p);
    r.activity_id = get_string(j, "activity_id", p);
    r.decided = get_date(j, "decided", p);
    if (auto v = opt_string(j, "content_version", p)) r.content_version = *v;
    if (const json* pts = find(j, "points")) r.awarded = as_points(*pts, p / "points");
    r.paid = opt_date(j, "paid", p);
    r.withdrawn = opt_date(j, "withdrawn", p);
    if (r.withdrawn && *r.withdrawn < r.decided) invalid(p / "withdrawn", "is before the decision date");
    return r;
}

pe::completion parse_completion(const json& j, const path& p) {
    require_object(j, p);
    require_known(j, {"seu_number", "activity_id", "completed"}, p);
    return pe::completion{get_string(j, "seu_number", p), get_string(j, "activity_id", p), get_date(j, "completed", p)};
}

pe::dossier decode_dossier_at(const json& doc, const path& root) {
    check_schema_version(doc, dossier_schema_version, root);
    require_known(doc, {"schema_version", "participants", "activities", "recognitions", "completions"}, root);
    // A dossier is about participants: without the list (a misspelt
    // "participant", or another kind of file) it would give an empty report.
    require_array(member(doc, "participants", root), root / "participants");
    pe::dossier d;
    auto list = [&](std::string_view key, auto&& each) {
        const json* arr = find(doc, key);
        if (!arr) return;
        require_array(*arr, root / key);
        for (std::size_t i = 0; i < arr->size(); ++i) each((*arr)[i], (root / key)[i], i);
    };
    list("participants",
         [&](const json& j, const path& p, std::size_t i) { d.participants.push_back(parse_participant(j, p, i)); });
    list("activities",
         [&](const json& j, const path& p, std::size_t) { d.activities.push_back(parse_activity(j, p)); });
    list("recognitions",
         [&](const json& j, const path& p, std::size_t) { d.recognitions.push_back(parse_recognition(j, p)); });
    list("completions",
         [&](const json& j, const path& p, std::size_t) { d.completions.push_back(parse_completion(j, p)); });
    return d;
}

/// Where a booking stands in its response: a dossier's completion (its index)
/// or an upload row (its line, and the row or the field that made it unreadable).
struct booking_at {
    const pe::completion* row = nullptr;
    const std::string* field = nullptr;
    std::string_view number_key = "index";
    std::size_t number = 0;
};

/// Where pe::write_booking_sentence writes a booking's "message": its points
/// as their exact decimal, everything else as it comes.
struct sentence_in_json {
    json_writer::text_value& to;
    template <class T>
    [[gnu::always_inline]] sentence_in_json& operator<<(const T& piece) {
        if constexpr (std::is_same_v<T, pe::points>)
            to << piece.exact();
        else
            to << piece;
        return *this;
    }
};

/// Where the one-pass record writer (booking_in_place) has
/// pe::write_booking_sentence write a booking's "message": at a pointer,
/// within a bound, no room asked of the writer per piece (the writer's
/// members are reloaded after every byte stored through it: a third of the
/// record's cost). A piece past the bound or holding something to escape
/// marks the record for the general writer (ok false).
struct sentence_at {
    char* p;
    const char* end;
    pe::points pts_of;  ///< the booking's points (booked) ...
    const char* pts;    ///< ... as text, written once
    std::size_t pts_size;
    date iso_day;  ///< the completion date, written once as ISO text (iso)
    const char* iso;
    bool ok = true;

    sentence_at& operator<<(std::string_view x) {
        if (x.size() > static_cast<std::size_t>(end - p)) {
            ok = false;
            return *this;
        }
        ok &= detail_writer::copy_plain(p, x);
        p += x.size();
        return *this;
    }
    [[gnu::always_inline]] sentence_at& operator<<(edurules::detail::fixed_text x) {
        if (x.size > static_cast<std::size_t>(end - p)) {
            ok = false;
            return *this;
        }
        std::memcpy(p, x.data, x.size);  // inlined here: a few moves of a size known when compiling
        p += x.size;
        ok &= x.plain;
        return *this;
    }
    sentence_at& operator<<(date d) {
        if (end - p < 10) {
            ok = false;
            return *this;
        }
        if (d == iso_day)
            std::memcpy(p, iso, 10);
        else
            write_iso(d, p);
        p += 10;
        return *this;
    }
    sentence_at& operator<<(pe::points x) {
        if (pts_size != 0 && x.hundredths == pts_of.hundredths) return *this << std::string_view(pts, pts_size);
        if (end - p < 32) {
            ok = false;
            return *this;
        }
        p += x.exact().write_to(p);
        return *this;
    }
};

/// `s` quoted at `p` (returns the end); `ok` false when it holds something to escape.
inline char* quoted_at(char* p, std::string_view s, bool& ok) {
    *p = '"';
    ok &= detail_writer::copy_plain(p + 1, s);
    p[s.size() + 1] = '"';
    return p + s.size() + 2;
}

/// A fixed piece of a record, copied by its known length.
template <std::size_t N>
[[gnu::always_inline]] inline char* piece_at(char* p, const char (&s)[N]) {
    std::memcpy(p, s, N - 1);
    return p + N - 1;
}

/// The record of a booking of a completion or readable upload row, compact and
/// without explanation (the JSON path's usual case), written in one pass:
/// one room check for the whole record, every piece placed at a pointer, the
/// completion date and the points turned to text once each. The same bytes as
/// write_booking's; false, with nothing written, when a text holds something
/// to escape (write_booking then writes it). Measured on the 64 W1 requests
/// (callgrind): 1,250 instructions a record by write_booking.
bool booking_in_place(json_writer& w, const pe::booking& b, const booking_at& at) {
    const pe::completion& c = *at.row;
    if (c.completed.is_special()) return false;
    const std::string_view act = c.activity_id, seu = c.seu_number;
    const std::string_view rec = b.rec ? std::string_view(b.rec->id) : std::string_view();
    const std::string_view missed = b.missed ? std::string_view(b.missed->id) : std::string_view();
    // fixed pieces and numbers: at most 128 before the message, 192 after it;
    // the message: its pieces are checked against its own bound
    const std::size_t message_room =
        256 + 2 * (act.size() + seu.size() + rec.size() + missed.size()) + b.problem.size();
    const std::size_t room = 128 + act.size() + message_room + 192 + rec.size() + seu.size();
    char* const first = w.value_room(room);
    bool ok = true;
    char iso[10];
    write_iso(c.completed, iso);
    char pts[32];
    std::size_t pts_size = 0;
    if (b.booked()) pts_size = b.pts.exact().write_to(pts);

    char* p = piece_at(first, "{\"activity_id\":");
    p = quoted_at(p, act, ok);
    p = piece_at(p, ",\"completed\":\"");
    std::memcpy(p, iso, 10);
    p = piece_at(p + 10, "\",\"");
    edurules::detail::copy_short(p, at.number_key);
    p += at.number_key.size();
    p = piece_at(p, "\":");
    p = std::to_chars(p, p + 24, at.number).ptr;
    p = piece_at(p, ",\"message\":\"");
    sentence_at sentence{p, p + message_room, b.pts, pts, pts_size, c.completed, iso};
    pe::write_booking_sentence(sentence, b, at.row);
    if (!(ok & sentence.ok)) return false;
    p = piece_at(sentence.p, "\",\"points\":");
    if (b.booked()) {
        *p = '"';
        edurules::detail::copy_short(p + 1, std::string_view(pts, pts_size));
        p[pts_size + 1] = '"';
        p += pts_size + 2;
    } else {
        p = piece_at(p, "null");
    }
    p = piece_at(p, ",\"reason\":\"");
    const std::string_view reason = pe::to_string(b.reason);
    edurules::detail::copy_short(p, reason);
    p = piece_at(p + reason.size(), "\",\"recognition_id\":");
    p = b.rec ? quoted_at(p, rec, ok) : piece_at(p, "null");
    p = piece_at(p, ",\"seu_number\":");
    p = quoted_at(p, seu, ok);
    p = b.booked() ? piece_at(p, ",\"status\":\"booked\"}") : piece_at(p, ",\"status\":\"rejected\"}");
    if (!ok) return false;
    w.commit(p);
    return true;
}

/// Members in nlohmann's order (sorted by name), as the golden outputs have them.
void write_booking(json_writer& w, const engine& e, const pe::booking& b, bool explain, const booking_at& at) {
    if (!explain && at.row && !at.field && w.compact() && booking_in_place(w, b, at)) return;
    w.begin_object();
    if (at.row) w.member("activity_id", at.row->activity_id).member("completed", at.row->completed);
    if (explain) write_explanation(w.key("explanation"), b.why, e.book());
    if (at.field) w.member("field", *at.field);
    w.member(at.number_key, at.number);
    // the sentence is written straight into the response, piece by piece, as it is read
    json_writer::text_value message(w.key("message"));
    sentence_in_json sentence{message};
    pe::write_booking_sentence(sentence, b, at.row);
    message.end();
    if (b.booked())
        w.member("points", b.pts.exact());
    else
        w.key("points").null();
    w.member("reason", pe::to_string(b.reason));
    if (b.rec)
        w.member("recognition_id", b.rec->id);
    else
        w.key("recognition_id").null();
    if (at.row) w.member("seu_number", at.row->seu_number);
    w.member("status", b.booked() ? "booked" : "rejected");
    w.end_object();
}

void write_status(json_writer& w, const engine& e, const pe::participant& who, const pe::status& s, bool explain) {
    const auto& g = s.reg;
    w.begin_object();
    w.member("days_left", s.days_left);
    w.member("dispensation_pending", g.dispensation_pending);
    w.member("ended_on", g.ended_on);
    if (explain) write_explanation(w.key("explanation"), s.why, e.book());
    w.member("kept_by_dispensation", g.kept_by_dispensation);
    w.member("lapses_on", s.lapses_on);
    w.member("name", who.name);
    w.key("not_registered_reason");
    if (g.state == pe::reg_state::not_registered)
        w.value(pe::to_string(g.reason));
    else
        w.null();
    w.key("period");
    if (g.current)
        w.begin_object()
            .member("end", g.current->last)
            .member("number", g.period_number)
            .member("start", g.current->first)
            .end_object();
    else
        w.null();
    w.member("points_earned", g.earned.exact());
    w.key("points_required");
    if (g.current)
        w.value(g.required.exact());
    else
        w.null();
    w.member("points_short", s.short_by.exact());
    w.key("reminders").begin_array();
    for (const auto& r : s.reminders)
        w.begin_object()
            .member("due_today", r.due_today)
            .member("months_before", r.months_before)
            .member("on", r.on)
            .member("points_short", r.short_by.exact())
            .member("sent", r.sent)
            .end_object();
    w.end_array();
    w.member("renewal_possible", s.renewal_possible);
    w.member("renewal_requested", g.renewal_requested);
    w.member("seu_number", who.seu_number);
    w.member("state", pe::to_string(g.state));
    w.member("title", s.title);
    w.member("track", pe::to_string(who.track));
    w.member("uses_provisional", s.why.uses_provisional());
    w.member("will_lapse", s.will_lapse);
    w.end_object();
}

/// The result of pe.status: `bookings` false leaves out the per-completion records.
void write_dossier_report(json_writer& w, const engine& e, const pe::dossier& d, const pe::dossier_report& r,
                          bool explain, bool bookings) {
    w.begin_object();
    if (bookings) {
        w.key("completions").begin_array();
        for (std::size_t i = 0; i < r.completions.size(); ++i)
            write_booking(w, e, r.completions[i], explain, booking_at{&d.completions[i], nullptr, "index", i});
        w.end_array();
    }
    w.member("date", r.on);
    w.key("participants").begin_array();
    for (const auto& pr : r.participants) write_status(w, e, *pr.who, pr.st, explain);
    w.end_array();
    w.member("rulebook", e.rulebook_label());
    w.end_object();
}

void write_upload_row(json_writer& w, const engine& e, const pe::upload_row& row, const pe::booking& b, bool explain) {
    const booking_at at{row.row ? &*row.row : nullptr, row.row ? nullptr : &row.field, "line", row.line};
    write_booking(w, e, b, explain, at);
}

/// The result of pe.book.
void write_upload_report(json_writer& w, const engine& e, const std::vector<pe::upload_row>& rows,
                         const pe::upload_report& r, bool explain) {
    w.begin_object();
    w.member("booked", r.booked);
    w.member("rejected", r.rejected);
    w.key("rows").begin_array();
    for (std::size_t i = 0; i < r.rows.size(); ++i) write_upload_row(w, e, rows[i], r.rows[i], explain);
    w.end_array();
    w.member("rows_in", r.rows_in);
    w.end_object();
}

date request_date(const json& req) { return get_date(req, "date", path()); }
bool request_explain(const json& req) {
    const json* x = find(req, "explain");
    return x ? as_bool(*x, path("explain")) : false;
}

}  // namespace

pe::dossier parse_dossier(std::string_view json_text) {
    return decode_dossier_at(parse_json(json_text, "dossier"), path());
}

template <class Write>
std::string written(int indent, Write&& write) {
    std::string out;
    json_writer w(out, indent);
    write(w);
    w.finish();
    return out;
}

std::string dossier_report_json(const engine& e, const pe::dossier& d, const pe::dossier_report& r, bool explain) {
    return written(2, [&](json_writer& w) { write_dossier_report(w, e, d, r, explain, true); });
}

std::string upload_report_json(const engine& e, const std::vector<pe::upload_row>& rows, const pe::upload_report& r,
                               bool explain) {
    return written(2, [&](json_writer& w) { write_upload_report(w, e, rows, r, explain); });
}

std::string status_line_json(const engine& e, const pe::participant& who, const pe::status& s, bool explain) {
    return written(-1, [&](json_writer& w) { write_status(w, e, who, s, explain); });
}

std::string booking_line_json(const engine& e, const pe::upload_row& row, const pe::booking& b, bool explain) {
    return written(-1, [&](json_writer& w) { write_upload_row(w, e, row, b, explain); });
}

std::string completion_line_json(const engine& e, const pe::completion& c, std::size_t index, const pe::booking& b,
                                 bool explain) {
    return written(-1, [&](json_writer& w) {
        write_booking(w, e, b, explain, booking_at{&c, nullptr, "index", index});
    });
}

namespace detail {

pe::dossier decode_dossier(const json& doc, const path& root) { return decode_dossier_at(doc, root); }

namespace {
/// Errors from the dossier's own checks (duplicate ids, dates past the
/// calendar) name the record inside the dossier: put them under "dossier.".
template <class F>
decltype(auto) in_dossier(F&& body) {
    try {
        return body();
    } catch (const error& err) {
        const std::string& f = err.field();
        for (const char* list : {"participants[", "activities[", "recognitions[", "completions["})
            if (f.rfind(list, 0) == 0)
                throw error(err.code(), "dossier." + f, err.message(), err.record(), err.offset());
        throw;
    }
}

/// The members each PE kind uses (schemas/pe.request.schema.json says the
/// same): a member of another kind is refused, not ignored.
constexpr std::string_view status_members[] = {"schema_version", "kind", "date", "explain", "bookings", "dossier"};
constexpr std::string_view reminders_members[] = {"schema_version", "kind", "date", "explain", "dossier"};
constexpr std::string_view book_members[] = {"schema_version", "kind", "date", "explain", "dossier", "rows", "csv"};
constexpr std::string_view activity_members[] = {"schema_version", "kind", "date", "explain", "activity"};
constexpr std::string_view recognition_members[] = {"schema_version", "kind",     "date",
                                                    "explain",        "activity", "recognition"};
constexpr std::string_view collective_members[] = {"schema_version", "kind",    "date",
                                                   "explain",        "dossier", "seu_numbers"};

/// Refuses a member `kind` does not use; an unknown kind is refused by name
/// after (handle_pe_inner), whatever its members.
void require_known_pe(const json& req, std::string_view kind) {
    std::span<const std::string_view> known;
    if (kind == "pe.status") known = status_members;
    if (kind == "pe.reminders") known = reminders_members;
    if (kind == "pe.book") known = book_members;
    if (kind == "pe.activity") known = activity_members;
    if (kind == "pe.recognition") known = recognition_members;
    if (kind == "pe.collective") known = collective_members;
    if (!known.empty()) require_kind_members(req, kind, known);
}

/// pe.book's rows: the "csv" member's upload or the "rows" list (an
/// unreadable row is kept, with its field and problem). A request giving
/// both is refused: which of the two to book would be a guess.
std::vector<pe::upload_row> decode_rows(const json& req) {
    const path root;
    std::vector<pe::upload_row> rows;
    const json* csv = find(req, "csv");
    if (csv && find(req, "rows"))
        invalid(root / "csv",
                "given with \"rows\": a pe.book request takes its rows from \"rows\" or from \"csv\", not both");
    if (csv) {
        try {
            rows = parse_upload_csv(as_string(*csv, root / "csv"));
        } catch (const error& err) {  // the upload is the request's "csv" member
            if (err.field() != "upload") throw;
            throw error(err.code(), "csv", err.message(), err.record(), err.offset());
        }
        return rows;
    }
    const json& arr = require_array(member(req, "rows", root), root / "rows");
    for (std::size_t i = 0; i < arr.size(); ++i) {
        pe::upload_row u;
        u.line = i + 1;
        try {
            u.row = parse_completion(arr[i], (root / "rows")[i]);
        } catch (const error& err) {
            u.field = err.field();
            u.problem = err.message();
        }
        rows.push_back(std::move(u));
    }
    return rows;
}

void write_reminders_due(json_writer& w, const pe::dossier_report& r) {
    w.begin_object();
    w.member("date", r.on);
    w.key("reminders_due").begin_array();
    for (const auto& pr : r.participants)
        for (const auto& rem : pr.st.reminders)
            if (rem.due_today)
                w.begin_object()
                    .member("months_before", rem.months_before)
                    .member("period_end", pr.st.reg.current->last)
                    .member("points_short", rem.short_by.exact())
                    .member("seu_number", pr.who->seu_number)
                    .end_object();
    w.end_array();
    w.end_object();
}

/// pe::assess_recognition, a date computed past the calendar (9999-12-31)
/// named by the member it was computed from: the validity runs from
/// recognition.decided, the decision deadline from recognition.paid (the
/// request holds no dossier for request.cpp's catch-all to name).
pe::recognition_assessment assess_recognition_named(const engine& e, const pe::recognition& rec, const pe::activity& a,
                                                    std::optional<date> on) {
    std::string message = "a date computed from it falls outside the calendar (1400-01-01 to 9999-12-31)";
    try {
        return pe::assess_recognition(e.pe(), rec, a, on);
    } catch (const std::out_of_range&) {
    } catch (const error& err) {  // date arithmetic in the core names no field
        if (!err.field().empty() || err.code() != errc::invalid_input) throw;
        message = err.message();
    }
    const char* from = "paid";
    try {
        (void)pe::recognition_validity(e.pe(), rec, a);
    } catch (const std::out_of_range&) {
        from = "decided";
    } catch (const error&) {
        from = "decided";
    }
    invalid(path("recognition") / from, message);
}
}  // namespace

bool is_typed_pe_kind(std::string_view kind) {
    return kind == "pe.status" || kind == "pe.reminders" || kind == "pe.book";
}

pe_request decode_pe_request(std::string_view kind, const json& req) {
    return in_dossier([&] {
        const path root;
        require_known_pe(req, kind);
        pe_request r;
        r.kind = kind;
        r.explain = request_explain(req);
        if (const json* b = find(req, "bookings")) r.bookings = as_bool(*b, root / "bookings");
        r.on = request_date(req);
        r.dossier = decode_dossier_at(member(req, "dossier", root), root / "dossier");
        if (kind == "pe.book") {
            const pe::dossier_index checked(r.dossier);  // its refusals come before the rows'
            r.rows = decode_rows(req);
        }
        return r;
    });
}

void write_pe_result(json_writer& w, const engine& e, const pe_request& r) {
    in_dossier([&] {
        const pe::dossier_index idx(r.dossier);
        if (r.kind == "pe.book") {
            const pe::upload_report rep = pe::book_upload(e.pe(), idx, r.rows, r.on, r.explain);
            write_upload_report(w, e, r.rows, rep, r.explain);
            return;
        }
        const pe::dossier_report rep = pe::evaluate_dossier(e.pe(), idx, r.on, r.explain);
        if (r.kind == "pe.status")
            write_dossier_report(w, e, r.dossier, rep, r.explain, r.bookings);
        else
            write_reminders_due(w, rep);
    });
}

json handle_pe_inner(const engine& e, std::string_view kind, const json& req);

json handle_pe(const engine& e, std::string_view kind, const json& req) {
    return in_dossier([&] { return handle_pe_inner(e, kind, req); });
}

json handle_pe_inner(const engine& e, std::string_view kind, const json& req) {
    const path root;
    require_known_pe(req, kind);
    request_explain(req);  // refused here as for every kind, though these always explain
    if (kind == "pe.activity") {
        const date on = request_date(req);
        const pe::activity a = parse_activity(member(req, "activity", root), root / "activity");
        const auto r = pe::assess_activity(e.pe(), a, on, true);
        json defects = json::array();
        for (auto d : r.defects) defects.push_back(pe::to_string(d));
        json j{{"id", a.id},
               {"meets_criteria", r.meets_criteria},
               {"defects", defects},
               {"minimum_minutes", r.minimum.count},
               {"individual", r.individual},
               {"listed_publicly", r.listed_publicly},
               {"topics_checked", r.topics_checked}};
        j["explanation"] = explanation_to_json(r.why, e.book());
        return j;
    }
    if (kind == "pe.recognition") {
        const pe::activity a = parse_activity(member(req, "activity", root), root / "activity");
        const pe::recognition rec = parse_recognition(member(req, "recognition", root), root / "recognition");
        if (rec.activity_id != a.id)
            invalid(root / "recognition" / "activity_id",
                    "is \"" + rec.activity_id + "\" but the activity is \"" + a.id + "\"");
        std::optional<date> on;
        if (const json* d = find(req, "date")) on = as_date(*d, root / "date");
        const pe::recognition_assessment r = assess_recognition_named(e, rec, a, on);
        json j{{"id", rec.id}, {"valid_from", to_iso(r.validity.first)}, {"valid_until", to_iso(r.validity.last)}};
        if (on) {
            j["date"] = to_iso(*on);
            j["valid_on_date"] = *r.valid_on_date;
        }
        if (r.decision) {
            j["decision_deadline"] = to_iso(r.decision->deadline);
            j["decided_in_time"] = r.decision->in_time;
        }
        j["explanation"] = explanation_to_json(r.why, e.book());
        return j;
    }
    if (kind == "pe.collective") {
        const date on = request_date(req);
        const pe::dossier d = decode_dossier_at(member(req, "dossier", root), root / "dossier");
        const pe::dossier_index idx(d);
        pe::ledger l(e.pe(), idx);
        l.book_dossier(on, false);
        std::vector<std::string> seus;
        const json& arr = require_array(member(req, "seu_numbers", root), root / "seu_numbers");
        for (std::size_t i = 0; i < arr.size(); ++i) seus.push_back(as_string(arr[i], (root / "seu_numbers")[i]));
        const auto r = pe::collective_registration(e.pe(), idx, l, on, seus, true);
        json members = json::array();
        for (const auto& m : r.members) {
            json mj{{"seu_number", m.seu_number}, {"status", pe::to_string(m.reason)}, {"message", m.message}};
            if (m.first_period)
                mj["period"] = json{{"start", to_iso(m.first_period->first)}, {"end", to_iso(m.first_period->last)}};
            members.push_back(std::move(mj));
        }
        return json{{"date", to_iso(on)},
                    {"accepted", r.accepted},
                    {"eligible", r.eligible},
                    {"min_group_size", r.min_group},
                    {"members", std::move(members)},
                    {"explanation", explanation_to_json(r.why, e.book())}};
    }
    invalid(
        root / "kind",
        "unknown PE request kind " + show(json(std::string(kind))) +
            edurules::one_of(kind, std::string_view("pe.status, pe.reminders, pe.book, pe.activity, pe.recognition, "
                                                    "pe.collective")));
}

}  // namespace detail
}  // namespace edurules::io
