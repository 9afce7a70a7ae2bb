// Dispatches a JSON request to the domain that decides it.
#include "edurules/io/request.hpp"

#include "handlers.hpp"

namespace edurules::io {

namespace {
/// The request member whose dates a domain computes from.
const char* dates_member(const std::string& kind) {
    if (kind == "account.ledger") return "events";
    return kind.rfind("leave.", 0) == 0 || kind.rfind("account.", 0) == 0 ? "workers" : "dossier";
}
}  // namespace

std::string evaluate_json(const engine& e, std::string_view request_json) {
    const json req = parse_json(request_json, "request");
    const path root;
    check_schema_version(req, request_schema_version, root);
    const std::string kind = get_string(req, "kind", root);
    json result;
    try {
        if (kind == "rulebook.describe") {
            result = json::parse(e.book().to_json());
        } else if (kind.rfind("pe.", 0) == 0) {
            result = detail::handle_pe(e, kind, req);
        } else if (kind.rfind("leave.", 0) == 0) {
            result = detail::handle_leave(e, kind, req);
        } else if (kind.rfind("insight.", 0) == 0) {
            result = detail::handle_insight(e, kind, req);
        } else if (kind.rfind("account.", 0) == 0) {
            result = detail::handle_account(e, kind, req);
        } else {
            invalid(root / "kind", "unknown request kind " + show(json(kind)));
        }
    } catch (const std::out_of_range&) {
        // Boost's calendar ends at 9999-12-31: a date computed from the input
        // went past it. The leave facts check refuses input dates after
        // leave::latest_input_date naming the exact field; this is the backstop
        // that still names the member holding the dates (issue 13).
        throw error(errc::invalid_input, dates_member(kind),
                    "a date computed from these dates falls outside the calendar (1400-01-01 to 9999-12-31): "
                    "a date near 9999-12-31 is too late");
    } catch (const error& err) {
        // Date arithmetic in the core (add_months past 9999) names no field
        // either: every error names its field.
        if (!err.field().empty() || err.code() != errc::invalid_input) throw;
        throw error(err.code(), dates_member(kind), err.message(), err.record(), err.offset());
    }
    json resp{{"schema_version", request_schema_version}, {"kind", kind}, {"result", std::move(result)}};
    return resp.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace edurules::io
