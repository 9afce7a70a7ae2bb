// Dispatches a JSON request to the domain that decides it.
#include "edurules/io/request.hpp"

#include "edurules/core/nearest.hpp"
#include "fast_request.hpp"
#include "handlers.hpp"

namespace edurules::io {

namespace {
/// The request member whose dates a domain computes from.
const char* dates_member(std::string_view kind) {
    if (kind == "account.ledger") return "events";
    return kind.rfind("leave.", 0) == 0 || kind.rfind("account.", 0) == 0 ? "workers" : "dossier";
}

/// Runs `body`, turning errors that name no field into errors naming the
/// request member the dates come from.
template <class F>
void naming_fields(std::string_view kind, F&& body) {
    try {
        body();
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
}

/// {"kind": ..., "result": <written by `result`>, "schema_version": 1}, compact,
/// from the start of `out`; returns its length. A refusal met while writing
/// (account.right decides as it writes) leaves no answer: the owner of `out`
/// drops what was written (evaluate_json below, the C ABI).
template <class F>
std::size_t write_response(out_buffer& out, std::string_view kind, F&& result) {
    json_writer w(out, 0);
    w.begin_object().member("kind", kind).key("result");
    naming_fields(kind, [&] { result(w); });
    w.member("schema_version", request_schema_version).end_object();
    w.finish();
    return w.size();
}

/// `write` (writing into an out_buffer, returning the length) into `out`,
/// replacing its content; an error leaves `out` empty.
template <class F>
void into_string(std::string& out, F&& write) {
    out.clear();
    string_out o(out);
    std::size_t n = 0;
    try {
        n = write(o);
    } catch (...) {
        out.clear();
        throw;
    }
    o.done(n);
}

/// rulebook.describe: the rulebook in force, every dated value of every
/// parameter. Its members are refused as every kind's are: an unknown one
/// (`dtae`) names the nearest, and a "date" (sent by `rulebook show --format
/// json`; the answer holds every dated value, so it selects nothing) and an
/// "explain" must still be a date and true or false.
json describe_result(const engine& e, const json& req) {
    const path root;
    constexpr std::string_view members[] = {"schema_version", "kind", "date", "explain"};
    require_kind_members(req, "rulebook.describe", members);
    (void)opt_date(req, "date", root);
    if (const json* x = find(req, "explain")) (void)as_bool(*x, root / "explain");
    return json::parse(e.book().to_json());
}

/// The kinds still answered through a document tree.
json tree_result(const engine& e, const std::string& kind, const json& req) {
    if (kind == "rulebook.describe") return describe_result(e, req);
    if (kind.rfind("pe.", 0) == 0) return detail::handle_pe(e, kind, req);
    if (kind.rfind("insight.", 0) == 0) return detail::handle_insight(e, kind, req);
    if (kind.rfind("account.", 0) == 0) return detail::handle_account(e, kind, req);
    invalid(path() / "kind",
            "unknown request kind " + show(json(kind)) +
                edurules::one_of(
                    kind, std::string_view("pe.status, pe.reminders, pe.book, pe.activity, pe.recognition, "
                                           "pe.collective, leave.evaluate, leave.regime, leave.eligibility, "
                                           "leave.entitlement, leave.absence, leave.reimbursement, leave.deadlines, "
                                           "insight.access, insight.overview, insight.dossier, account.right, "
                                           "account.ledger, rulebook.describe")));
}
}  // namespace

namespace detail {

std::size_t evaluate_json_document(const engine& e, std::string_view request_json, out_buffer& out) {
    const json req = parse_json(request_json, "request");
    const path root;
    check_schema_version(req, request_schema_version, root);
    const std::string kind = get_string(req, "kind", root);
    if (is_typed_pe_kind(kind)) {
        std::optional<pe_request> r;
        naming_fields(kind, [&] { r = decode_pe_request(kind, req); });
        return write_response(out, kind, [&](json_writer& w) { write_pe_result(w, e, *r); });
    }
    if (kind.rfind("leave.", 0) == 0) {
        std::optional<leave_request> r;
        naming_fields(kind, [&] { r = decode_leave_request(e, req, kind); });
        return write_response(out, kind, [&](json_writer& w) { write_leave_result(w, e, *r); });
    }
    if (kind == "account.right")
        return write_response(out, kind, [&](json_writer& w) { write_account_right(w, e, req); });
    json result;
    naming_fields(kind, [&] { result = tree_result(e, kind, req); });
    return write_response(out, kind,
                          [&](json_writer& w) { w.raw(result.dump(-1, ' ', false, json::error_handler_t::replace)); });
}

void evaluate_json_document(const engine& e, std::string_view request_json, std::string& out) {
    into_string(out, [&](out_buffer& o) { return evaluate_json_document(e, request_json, o); });
}

}  // namespace detail

std::size_t evaluate_json(const engine& e, std::string_view request_json, out_buffer& out) {
    // The fast reader decodes the usual requests straight into the typed
    // inputs; on any doubt it declines and the document reader decides, so
    // that every refusal is the document reader's, word for word.
    if (auto fast = detail::fast_decode(e, request_json)) {
        if (auto* pe = std::get_if<detail::pe_request>(&*fast)) {
            const std::size_t n =
                write_response(out, pe->kind, [&](json_writer& w) { detail::write_pe_result(w, e, *pe); });
            detail::recycle_dossier(std::move(pe->dossier));
            return n;
        }
        auto& lv = std::get<leave_request>(*fast);
        return write_response(out, lv.kind, [&](json_writer& w) { detail::write_leave_result(w, e, lv); });
    }
    return detail::evaluate_json_document(e, request_json, out);
}

void evaluate_json(const engine& e, std::string_view request_json, std::string& out) {
    into_string(out, [&](out_buffer& o) { return evaluate_json(e, request_json, o); });
}

std::string evaluate_json(const engine& e, std::string_view request_json) {
    std::string out;
    evaluate_json(e, request_json, out);
    return out;
}

}  // namespace edurules::io
