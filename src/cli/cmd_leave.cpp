// The `leave` command: Belgian paid educational leave for every worker and
// training of an input file (a leave.evaluate request document, see
// schemas/leave.request.schema.json). The file is decoded once
// (io::parse_leave_request), decided by leave::evaluate, and printed: as the
// JSON request path's response, or as a table or CSV read from the results.
// Nothing here decides, sums or rounds.
#include <iostream>
#include <stdexcept>

#include "common.hpp"
#include "edurules/io/leave_json.hpp"

namespace edurules::cli {

namespace {
using namespace edurules::leave;

std::string reason_list(std::uint32_t bits) {
    std::string out;
    for (std::size_t b = 0; b < reason_codes.size(); ++b)
        if (bits & (1u << b)) out += (out.empty() ? "" : ", ") + std::string(reason_codes[b]);
    return out;
}

std::string suspension_list(const worker_result& w) {
    std::string out;
    for (const auto& s : w.suspensions)
        out += (out.empty() ? "" : "; ") + to_iso(s.window.first) + ".." + to_iso(s.window.last);
    return out;
}

std::vector<std::string> row_of(const worker_result& w, const training_result& t) {
    std::string cap;
    if (t.reg == regime::vov)
        cap = w.vov ? w.vov->own.hours_text() : "";
    else if (w.cap.found)
        cap = hours_text(w.cap.cap);
    return {w.id,
            w.year.name(),
            t.id,
            std::string(to_string(t.reg)),
            t.eligible ? "yes" : "no",
            w.share.percent(),
            cap,
            hours_text(t.attended),
            hours_text(t.granted),
            suspension_list(w),
            t.money.known() ? format_scaled(t.money.amount_cents, 2) : "unknown",
            t.reg != regime::none && t.dates.claim_until ? to_iso(*t.dates.claim_until) : "",
            reason_list(t.reasons)};
}

void print_steps(std::ostream& out, const explanation& why, const std::string& indent) {
    for (const auto& st : why.steps()) {
        out << indent << "- [" << st.rule << "] " << st.text << "\n";
        for (const auto& u : st.params) {
            if (!u.param || !u.version) continue;
            out << indent << "    " << u.param->name << " = " << u.param->format(u.version->value) << " ("
                << to_code(u.version->conf) << ", " << u.version->source_id << ")\n";
        }
    }
}
}  // namespace

int cmd_leave(int argc, char** argv, int first) {
    const options o = parse_options(argc, argv, first);
    if (o.positional.size() != 1) throw usage_error("leave needs exactly one INPUT.json");
    const auto eng = make_engine(o);
    std::optional<std::string> year;
    if (auto sy = o.extra.find("school-year"); sy != o.extra.end()) year = sy->second;
    const std::string text = read_file(o.positional[0]);
    std::vector<worker_result> results;
    io::leave_request req;
    try {
        req = io::parse_leave_request(*eng, text, "leave.evaluate", year);
        req.explain = o.explain;
        results = io::evaluate_leave(*eng, req, o.explain);
    } catch (const std::out_of_range&) {
        // Boost's calendar ends at 9999-12-31. Input dates after
        // leave::latest_input_date are refused naming their exact field; a
        // date computed past the calendar anyway names the input and its workers.
        throw error(errc::invalid_input, o.positional[0] + ": workers",
                    "a date computed from these dates falls outside the calendar (1400-01-01 to 9999-12-31): a date "
                    "near 9999-12-31 is too late");
    } catch (const error& err) {  // date arithmetic in the core (add_months past 9999) names no field either
        if (!err.field().empty() || err.code() != errc::invalid_input) throw;
        throw error(err.code(), o.positional[0] + ": workers", err.message(), err.record(), err.offset());
    }
    output out(o);
    if (o.fmt == format::json) {
        out.stream() << io::leave_response_json(*eng, req, results) << "\n";
        out.close();
        return exit_ok;
    }
    std::vector<std::vector<std::string>> rows;
    std::size_t eligible = 0, total = 0;
    for (const auto& w : results) {
        for (const auto& t : w.trainings) {
            rows.push_back(row_of(w, t));
            eligible += t.eligible;
            ++total;
        }
    }
    if (o.fmt == format::csv) {
        print_csv(out.stream(),
                  {"worker", "school_year", "training", "regime", "eligible", "employment_percent", "cap_hours",
                   "attended_hours", "granted_hours", "suspension", "reimbursement_eur", "claim_until", "reasons"},
                  rows);
        out.close();
        return exit_ok;
    }
    out.stream() << "Paid educational leave (" << eng->book().name() << " " << eng->book().version() << ")\n\n";
    print_table(out.stream(),
                {"worker", "school year", "training", "regime", "eligible", "employment", "cap (h)", "attended (h)",
                 "granted (h)", "suspension", "reimbursement (EUR)", "claim until", "reasons"},
                rows);
    out.stream() << "\n"
                 << total << " worker x training rows; " << eligible << " eligible, " << (total - eligible)
                 << " not (reasons in the last column; --format json --explain for the rules and sources).\n";
    if (!o.explain) {
        out.close();
        return exit_ok;
    }
    for (const auto& w : results) {
        out.stream() << "\n" << w.id << ":\n";
        print_steps(out.stream(), w.why, "  ");
        for (const auto& t : w.trainings) {
            out.stream() << "  " << t.id << ":\n";
            print_steps(out.stream(), t.why, "    ");
        }
    }
    out.close();
    return exit_ok;
}

}  // namespace edurules::cli
