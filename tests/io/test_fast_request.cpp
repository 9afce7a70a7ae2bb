// The fast request reader (src/io/fast_request.cpp) against the document
// reader: whatever the fast reader accepts, the document reader accepts too
// and decodes to the same values; on the benchmark fixtures the fast reader
// accepts every request (so they never build a tree); and the responses
// (written by json_writer) do not depend on which reader decoded the request.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "../../src/io/fast_reader.hpp"
#include "../../src/io/fast_request.hpp"
#include "edurules/io/request.hpp"

namespace {

using namespace edurules;
using nlohmann::json;

std::string read(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

std::string iso(const std::optional<date>& d) { return d ? to_iso(*d) : "-"; }

/// Every decoded value of a PE request, as text.
std::string describe(const io::detail::pe_request& r) {
    std::ostringstream o;
    o << r.kind << ' ' << to_iso(r.on) << ' ' << r.explain << r.bookings << '\n';
    for (const auto& p : r.dossier.participants) {
        o << "P " << p.seu_number << '|' << p.name << '|' << pe::to_string(p.track) << '|' << iso(p.diploma_date) << '|'
          << iso(p.activation_date);
        for (auto d : p.renewal_requests) o << " r" << to_iso(d);
        for (const auto& d : p.dispensations) o << " d" << to_iso(d.requested) << iso(d.decided) << d.granted;
        o << '\n';
    }
    for (const auto& a : r.dossier.activities) {
        o << "A " << a.id << '|' << a.title << '|' << a.form << '|' << static_cast<int>(a.provider) << '|'
          << a.provider_name << '|' << a.net_duration.count << '|' << a.public_calendar << '|'
          << (a.test ? std::to_string(a.test->questions) + "/" + std::to_string(a.test->required_correct) : "-");
        if (a.topics) {
            o << " topics";
            for (const auto& t : *a.topics) o << ',' << t;
        }
        for (const auto& c : a.content) o << " c" << c.version << '@' << to_iso(c.from);
        o << '\n';
    }
    for (const auto& x : r.dossier.recognitions)
        o << "R " << x.id << '|' << x.activity_id << '|' << to_iso(x.decided) << '|' << x.content_version << '|'
          << (x.awarded ? x.awarded->to_string() : "-") << '|' << iso(x.paid) << '|' << iso(x.withdrawn) << '\n';
    for (const auto& c : r.dossier.completions)
        o << "C " << c.seu_number << '|' << c.activity_id << '|' << to_iso(c.completed) << '\n';
    for (const auto& u : r.rows)
        o << "U " << u.line << '|'
          << (u.row ? u.row->seu_number + "|" + u.row->activity_id + "|" + to_iso(u.row->completed)
                    : "- " + u.field + " " + u.problem)
          << '\n';
    return o.str();
}

/// The fast reader's verdict on `text`, checked against the document reader:
/// returns whether the fast reader accepted it.
bool same_as_document_reader(const engine& e, const std::string& text) {
    const auto fast = io::detail::fast_decode(e, text);
    if (!fast) return false;
    const auto* pe = std::get_if<io::detail::pe_request>(&*fast);
    if (!pe) return true;  // leave: compared through the responses below
    io::detail::pe_request dom;
    EXPECT_NO_THROW(dom = io::detail::decode_pe_request(pe->kind, json::parse(text))) << text.substr(0, 400);
    EXPECT_EQ(describe(*pe), describe(dom)) << text.substr(0, 400);
    return true;
}

const engine& eng() {
    static const engine e;
    return e;
}

std::vector<std::string> fixture_requests(const char* name) {
    std::vector<std::string> out;
    for (const auto& q : json::parse(read(std::string(EDURULES_SOURCE_DIR) + "/bench/fixtures/" + name + ".json")))
        out.push_back(q.dump());
    return out;
}

TEST(FastRequest, AcceptsEveryW1RequestAndDecodesAsTheDocumentReader) {
    for (const auto& q : fixture_requests("w1")) {
        EXPECT_TRUE(same_as_document_reader(eng(), q)) << q.substr(0, 200);
        json b = json::parse(q);  // the same dossier booked as rows
        b["kind"] = "pe.book";
        b["rows"] = b["dossier"]["completions"];
        b["dossier"]["completions"] = json::array();
        EXPECT_TRUE(same_as_document_reader(eng(), b.dump()));
    }
}

/// Random edits of valid requests: whatever the fast reader accepts decodes
/// as the document reader decodes it.
TEST(FastRequest, MutatedRequestsDecodeAsTheDocumentReaderOrAreDeclined) {
    std::mt19937 rng(14);
    const auto base = fixture_requests("w1");
    const std::vector<json> values = {
        nullptr,      true,         0,       7,      -1,        1.5,           300.0,          "",         "x",
        "2024-02-30", "2024-02-29", "0.601", "1.25", "a\\b\"c", json::array(), json::object(), "employer", 1e300};
    const std::vector<std::string> keys = {"name", "Name", "untill", "points", "track", "test", "topics", "bookings"};
    int accepted = 0, tried = 0;
    for (int i = 0; i < 1500; ++i) {
        json doc = json::parse(base[rng() % base.size()]);
        std::vector<json::json_pointer> ptrs;
        const json flat = doc.flatten();
        for (auto it = flat.begin(); it != flat.end(); ++it) ptrs.emplace_back(it.key());
        const auto at = ptrs[rng() % ptrs.size()];
        switch (rng() % 4) {
            case 0:
                doc[at] = values[rng() % values.size()];
                break;
            case 1:
                if (doc[at.parent_pointer()].is_object()) doc[at.parent_pointer()].erase(at.back());
                break;
            case 2:
                doc[at.parent_pointer()][keys[rng() % keys.size()]] = values[rng() % values.size()];
                break;
            default:
                doc[at.parent_pointer()] = values[rng() % values.size()];
        }
        ++tried;
        accepted += same_as_document_reader(eng(), doc.dump());
        std::string text = doc.dump();  // and byte edits of the text
        text[rng() % text.size()] = "{}[]\",:0 \\\x01\xff-e"[rng() % 15];
        if (same_as_document_reader(eng(), text)) ++accepted;
    }
    EXPECT_GT(accepted, 0);
    EXPECT_GT(tried, 0);
}

TEST(FastRequest, DeclinesWhatItIsNotSureOf) {
    const std::string ok = fixture_requests("w1")[0];
    EXPECT_TRUE(io::detail::fast_decode(eng(), ok));
    auto declined = [&](std::string text) { return !io::detail::fast_decode(eng(), text); };
    EXPECT_TRUE(declined(ok + "x"));                                                    // content after the object
    EXPECT_TRUE(declined(ok.substr(0, ok.size() - 1)));                                 // truncated
    EXPECT_TRUE(declined(json::parse(ok).dump().insert(1, "\"explain\":true,")));       // repeated member
    EXPECT_TRUE(declined(std::string(ok).replace(ok.find("\"date\""), 6, "\"dat\"")));  // unknown member
    std::string nul = ok;
    nul[nul.find("Participant")] = '\0';
    EXPECT_TRUE(declined(nul));
    json j = json::parse(ok);
    j["dossier"]["participants"][0]["name"] = nullptr;
    EXPECT_TRUE(declined(j.dump()));
    j = json::parse(ok);
    j["dossier"]["activities"][0]["net_minutes"] = 300.0;  // a whole number written as 300.0
    EXPECT_TRUE(declined(j.dump()));
    j = json::parse(ok);
    j["dossier"]["participants"][0]["name"] = "line\nbreak";
    EXPECT_TRUE(declined(j.dump()));
    // a member name written with an escape is read in place by neither
    // reader's fast path: declined, and the document reader answers the same
    std::string escaped = ok;
    escaped.replace(escaped.find("\"date\""), 6, "\"d\\u0061te\"");
    EXPECT_TRUE(declined(escaped));
    EXPECT_EQ(json::parse(io::evaluate_json(eng(), escaped)), json::parse(io::evaluate_json(eng(), ok)));
}

/// Names and dates are read in place, sixteen bytes at a time
/// (fast::plain_length): an escape or (in a value) a control character at any
/// position before the closing quote, whatever the block, is declined; what
/// follows the closing quote is not looked at.
TEST(FastRequest, InPlaceReadsFindTheClosingQuoteAndDeclineEscapes) {
    using io::detail::fast::plain_length;
    for (std::size_t len = 0; len <= 40; ++len) {
        std::string text(len, 'a');
        for (std::size_t k = 0; k < len; ++k) text[k] = "2024-01-31T_x\xc3\xa9"[k % 15];
        auto buffer = [&](const std::string& t) { return t + "\"\\\x01\"" + std::string(64, '\\'); };
        const std::string clean = buffer(text);
        EXPECT_EQ(plain_length(clean.data(), true), len);
        EXPECT_EQ(plain_length(clean.data(), false), len);
        for (std::size_t at = 0; at < len; ++at) {
            std::string t = text;
            t[at] = '\\';
            const std::string escaped = buffer(t);
            EXPECT_THROW(plain_length(escaped.data(), false), io::detail::fast::declined) << len << " " << at;
            t[at] = '\x1f';
            const std::string control = buffer(t);
            EXPECT_THROW(plain_length(control.data(), true), io::detail::fast::declined) << len << " " << at;
            EXPECT_EQ(plain_length(control.data(), false), len);  // names: only escapes are declined
        }
    }
}

/// One escaped character anywhere in a member name, a date or an id sends
/// the request to the document reader, which answers as for the plain text.
TEST(FastRequest, EscapesInANameOrADateAreLeftToTheDocumentReader) {
    for (const char* workload : {"w1", "w2"}) {
        const std::string ok = fixture_requests(workload)[1];
        ASSERT_TRUE(io::detail::fast_decode(eng(), ok)) << workload;
        const json answer = json::parse(io::evaluate_json(eng(), ok));
        std::vector<std::pair<std::size_t, std::size_t>> spans;  // text between the quotes
        std::set<std::string> names;
        for (std::size_t at = ok.find("\":"); at != std::string::npos; at = ok.find("\":", at + 1)) {
            const std::size_t open = ok.rfind('"', at - 1);
            if (names.insert(ok.substr(open + 1, at - open - 1)).second) spans.emplace_back(open + 1, at - open - 1);
        }
        for (std::size_t at = ok.find("\"20"); at != std::string::npos; at = ok.find("\"20", at + 1))
            if (at + 11 < ok.size() && ok[at + 5] == '-' && ok[at + 8] == '-' && ok[at + 11] == '"') {
                spans.emplace_back(at + 1, 10);  // the first date (YYYY-MM-DD)
                break;
            }
        for (const char* id : {"\"seu_number\":\"", "\"activity_id\":\"", "\"id\":\"", "\"form\":\""}) {
            const std::size_t at = std::string_view(workload) == "w1" ? ok.find(id) : std::string::npos;  // PE ids
            if (at == std::string::npos) continue;
            const std::size_t first = at + std::strlen(id);
            spans.emplace_back(first, ok.find('"', first) - first);
        }
        for (const auto& [first, len] : spans)
            for (std::size_t k = 0; k < len; ++k) {
                std::string escaped = ok;
                char hex[8];
                std::snprintf(hex, sizeof hex, "\\u%04x", static_cast<unsigned char>(ok[first + k]));
                escaped.replace(first + k, 1, hex);
                EXPECT_FALSE(io::detail::fast_decode(eng(), escaped)) << escaped.substr(first, len + 5);
                EXPECT_EQ(json::parse(io::evaluate_json(eng(), escaped)), answer) << escaped.substr(first, len + 5);
            }
    }
}

/// A member given twice in one object is refused by its path (the fast reader
/// declines, the document reader names it): nlohmann alone would keep the last
/// value silently. An escaped spelling of the same name is the same name.
TEST(FastRequest, RepeatedMembersAreRefusedByPath) {
    const std::string ok = fixture_requests("w1")[0];
    auto refusal = [&](const std::string& text) {
        try {
            io::evaluate_json(eng(), text);
        } catch (const error& e) {
            EXPECT_EQ(e.code(), errc::invalid_input) << e.what();
            return e.field();
        }
        return std::string("(accepted)");
    };
    std::string twice = ok;
    twice.insert(twice.find("\"name\"", twice.find("\"participants\"")), "\"track\":\"uitzendprofessional\",");
    EXPECT_EQ(refusal(twice), "dossier.participants[0].track");
    std::string escaped = ok;
    escaped.insert(1, "\"d\\u0061te\":\"2025-01-01\",");
    EXPECT_EQ(refusal(escaped), "date");
    std::string in_list = ok;
    const auto r = in_list.find("\"recognitions\"");
    ASSERT_NE(r, std::string::npos);
    in_list.insert(in_list.find("\"activity_id\"", r), "\"activity_id\":\"X\",");
    EXPECT_EQ(refusal(in_list), "dossier.recognitions[0].activity_id");
    EXPECT_EQ(refusal(ok), "(accepted)");
}

/// A required member that is missing is refused by its own path; when the
/// object holds a member that nearly spells it, the message names that one
/// (the likelier mistake), at any depth. A member unlike it is not named.
TEST(FastRequest, MissingMembersNameANearMisspelling) {
    const std::string ok = fixture_requests("w1")[0];
    auto refusal = [&](const std::string& text) -> std::pair<std::string, std::string> {
        try {
            io::evaluate_json(eng(), text);
        } catch (const error& e) {
            EXPECT_EQ(e.code(), errc::invalid_input) << e.what();
            return {e.field(), e.what()};
        }
        return {"(accepted)", ""};
    };
    const auto top = refusal(R"({"schema_version":1,"Kind":"pe.status","date":"2025-01-01"})");
    EXPECT_EQ(top.first, "kind");
    EXPECT_NE(top.second.find("the member \"Kind\" is near"), std::string::npos) << top.second;
    std::string deep = ok;
    const auto at = deep.find("\"seu_number\"", deep.find("\"participants\""));
    ASSERT_NE(at, std::string::npos);
    deep.replace(at, 12, "\"seu_numbr\"");
    const auto nested = refusal(deep);
    EXPECT_EQ(nested.first, "dossier.participants[0].seu_numbr");  // known names are checked first
    EXPECT_NE(nested.second.find("did you mean \"seu_number\""), std::string::npos) << nested.second;
    const auto unlike = refusal(R"({"schema_version":1,"sort":"pe.status","date":"2025-01-01"})");
    EXPECT_EQ(unlike.first, "kind");
    EXPECT_EQ(unlike.second.find("is near"), std::string::npos) << unlike.second;
}

/// The response is the same whichever reader decoded the request, and the
/// "bookings": false option leaves out exactly the completions' records.
TEST(FastRequest, ResponsesDoNotDependOnTheReader) {
    for (const auto& q : fixture_requests("w1")) {
        json j = json::parse(q);
        j["explain"] = true;
        const std::string fast = io::evaluate_json(eng(), j.dump());
        j["dossier"]["participants"][0]["name"] = "tab\there";  // declined: the document reader decodes
        const json slow = json::parse(io::evaluate_json(eng(), j.dump()));
        json f = json::parse(fast);
        f["result"]["participants"][0]["name"] = "tab\there";
        EXPECT_EQ(f, slow);
        j["bookings"] = false;
        const json lean = json::parse(io::evaluate_json(eng(), j.dump()));
        EXPECT_FALSE(lean["result"].contains("completions"));
        f["result"].erase("completions");
        EXPECT_EQ(f, lean);
    }
}

/// The fast reader decodes into the lists the thread's previous request
/// left (recycle_dossier): whatever came before, an answer is the document
/// reader's for the same request. The W1 requests go largest first, so each
/// smaller dossier lands in room that held more records, and a dossier of
/// 1,500 completions (more than the reader keeps room for) comes between.
TEST(FastRequest, AnswersDoNotDependOnTheRequestBefore) {
    std::vector<std::string> qs = fixture_requests("w1");
    std::sort(qs.begin(), qs.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    json big = json::parse(qs.front());
    json many = json::array();
    for (int k = 0; k < 25; ++k)
        for (const auto& c : big["dossier"]["completions"]) many.push_back(c);
    ASSERT_GE(many.size(), 1500u);
    big["dossier"]["completions"] = many;
    qs.insert(qs.begin() + static_cast<std::ptrdiff_t>(qs.size() / 2), big.dump());
    for (const std::string& q : qs) {
        std::string doc;
        io::detail::evaluate_json_document(eng(), q, doc);
        EXPECT_EQ(io::evaluate_json(eng(), q), doc) << q.substr(0, 200);
    }
}

TEST(FastRequest, BookingsOptionIsRefusedWhenNotABoolean) {
    json j = json::parse(fixture_requests("w1")[0]);
    j["bookings"] = "no";
    try {
        io::evaluate_json(eng(), j.dump());
        FAIL();
    } catch (const error& e) {
        EXPECT_EQ(e.field(), "bookings");
        EXPECT_NE(e.message().find("expected true or false"), std::string::npos);
    }
}

}  // namespace

namespace {

/// A pe.book request giving both "rows" and "csv" is refused naming both
/// (the CSV was booked and the rows dropped without a word), by the fast
/// reader (it declines) and the document reader alike; each alone is booked.
TEST(FastRequest, BookWithBothRowsAndCsvIsRefused) {
    json j;
    for (const auto& q : fixture_requests("w1"))
        if (j = json::parse(q); !j["dossier"]["completions"].empty()) break;
    ASSERT_FALSE(j["dossier"]["completions"].empty());
    j["kind"] = "pe.book";
    const json c = j["dossier"]["completions"][0];
    j["rows"] = json::array({c});
    j["csv"] = "seu_number,activity_id,completed\n" + c["seu_number"].get<std::string>() + "," +
               c["activity_id"].get<std::string>() + "," + c["completed"].get<std::string>() + "\n";
    EXPECT_FALSE(io::detail::fast_decode(eng(), j.dump()));
    for (const bool document : {false, true}) {
        try {
            std::string out;
            if (document)
                io::detail::evaluate_json_document(eng(), j.dump(), out);
            else
                io::evaluate_json(eng(), j.dump());
            ADD_FAILURE() << "accepted both rows and csv";
        } catch (const error& e) {
            EXPECT_EQ(e.code(), errc::invalid_input);
            EXPECT_EQ(e.field(), "csv");
            EXPECT_NE(e.message().find("\"rows\""), std::string::npos) << e.message();
        }
    }
    json rows = j, csv = j;
    rows.erase("csv");
    csv.erase("rows");
    EXPECT_EQ(json::parse(io::evaluate_json(eng(), rows.dump()))["result"]["rows_in"], 1);
    EXPECT_EQ(json::parse(io::evaluate_json(eng(), csv.dump()))["result"]["rows_in"], 1);
}

}  // namespace

namespace {

/// The field and message of the refusal of `doc`, by the fast reader's path
/// (io::evaluate_json) and the document reader's; "(accepted)" if accepted.
std::pair<std::string, std::string> refusal_of(const json& doc) {
    std::pair<std::string, std::string> got[2];
    for (int document = 0; document < 2; ++document) {
        try {
            std::string out;
            if (document)
                io::detail::evaluate_json_document(eng(), doc.dump(), out);
            else
                io::evaluate_json(eng(), doc.dump());
            got[document] = {"(accepted)", ""};
        } catch (const error& e) {
            EXPECT_EQ(e.code(), errc::invalid_input) << e.what();
            got[document] = {e.field(), e.message()};
        }
    }
    EXPECT_EQ(got[0], got[1]);
    return got[0];
}

json example(const char* name) {
    return json::parse(read(std::string(EDURULES_SOURCE_DIR) + "/examples/data/" + name));
}

/// Each kind refuses the members it does not use (they were read by another
/// kind and silently ignored by this one: "rows": "garbage" in a pe.status),
/// naming the member, the kind and, when one is close, the nearest of its
/// members; the fast reader declines them and the document reader refuses.
TEST(RequestMembers, EachKindRefusesMembersItDoesNotUse) {
    const json status = json::parse(fixture_requests("w1")[0]);
    const json act = {{"id", "A1"}, {"form", "e_learning"}, {"net_minutes", 60}};
    const json dossier = status["dossier"];
    struct probe {
        json doc;
        std::string member, kind;
    };
    std::vector<probe> probes;
    for (const char* m : {"rows", "csv", "activity", "recognition", "seu_numbers"}) {
        json d = status;
        d[m] = "garbage";
        EXPECT_FALSE(io::detail::fast_decode(eng(), d.dump())) << m;
        probes.push_back({d, m, "pe.status"});
    }
    json rem = status;
    rem["kind"] = "pe.reminders";
    EXPECT_TRUE(io::detail::fast_decode(eng(), rem.dump()));
    rem["bookings"] = false;
    EXPECT_FALSE(io::detail::fast_decode(eng(), rem.dump()));
    probes.push_back({rem, "bookings", "pe.reminders"});
    probes.push_back({{{"schema_version", 1},
                       {"kind", "pe.collective"},
                       {"date", "2025-01-01"},
                       {"dossier", dossier},
                       {"seu_numbers", json::array()},
                       {"rows", json::array()}},
                      "rows",
                      "pe.collective"});
    probes.push_back(
        {{{"schema_version", 1}, {"kind", "pe.activity"}, {"date", "2025-01-01"}, {"activity", act}, {"dossier", 1}},
         "dossier",
         "pe.activity"});
    json book = status;
    book["kind"] = "pe.book";
    book["rows"] = json::array();
    book["bookings"] = true;
    probes.push_back({book, "bookings", "pe.book"});
    json overview = example("insight.json");
    overview.erase("dossier_file");
    overview["dossier"] = example("dossier.json");
    overview["kind"] = "insight.overview";
    overview["date"] = "2025-06-01";
    overview["contact"] = overview["organisations"][0]["contacts"][0]["id"];
    EXPECT_EQ(refusal_of(overview).first, "(accepted)");
    for (const char* m : {"participant", "participants", "from", "to"}) {
        json d = overview;
        d[m] = m == std::string("participants") ? json::array() : json("2025-01-01");
        probes.push_back({d, m, "insight.overview"});
    }
    json in_dossier = overview;
    in_dossier["kind"] = "insight.dossier";
    in_dossier["participants"] = json::array();
    probes.push_back({in_dossier, "participants", "insight.dossier"});
    json right = example("account.json"), ledger = example("account_ledger.json");
    EXPECT_EQ(refusal_of(right).first, "(accepted)");
    EXPECT_EQ(refusal_of(ledger).first, "(accepted)");
    right["events"] = json::array();
    ledger["workers"] = json::array();
    probes.push_back({right, "events", "account.right"});
    probes.push_back({ledger, "workers", "account.ledger"});
    for (const auto& p : probes) {
        const auto [field, message] = refusal_of(p.doc);
        EXPECT_EQ(field, p.member) << p.kind;
        EXPECT_NE(message.find("unknown member of a " + p.kind + " request"), std::string::npos) << message;
    }
    // the nearest of the kind's own members
    json near = status;
    near["bookingz"] = false;
    const auto [field, message] = refusal_of(near);
    EXPECT_EQ(field, "bookingz");
    EXPECT_NE(message.find("of a pe.status request (did you mean \"bookings\"?)"), std::string::npos) << message;
}

}  // namespace
