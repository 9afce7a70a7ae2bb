// Private: per-domain request handlers behind io::evaluate_json.
#pragma once

#include <string_view>
#include <vector>

#include "edurules/engine.hpp"
#include "edurules/io/leave_json.hpp"
#include "edurules/pe/dossier.hpp"
#include "edurules/pe/model.hpp"
#include "json_util.hpp"
#include "json_writer.hpp"

namespace edurules::io::detail {

/// Each handler gets the whole parsed request (schema_version already
/// checked) and returns the "result" member of the response. They throw
/// edurules::error for bad input.
/// Decodes an already parsed dossier document; error fields are prefixed with `root`.
pe::dossier decode_dossier(const json& doc, const path& root);  // src/io/pe_json.cpp

/// A decoded pe.status, pe.reminders or pe.book request: the typed inputs,
/// whichever reader (the fast one or the document one) produced them.
struct pe_request {
    std::string kind;
    date on;
    bool explain = false;
    bool bookings = true;  ///< pe.status: write the per-completion booking records
    pe::dossier dossier;
    std::vector<pe::upload_row> rows;  ///< pe.book
};
/// Points a recognition awards per completion, when the readers accept them
/// (not negative, within the plausibility bound, at most two decimals).
std::optional<pe::points> plausible_points(const decimal& d);  // src/io/pe_json.cpp
/// The PE kinds decoded into a pe_request and written without a document.
bool is_typed_pe_kind(std::string_view kind);                              // src/io/pe_json.cpp
pe_request decode_pe_request(std::string_view kind, const json& request);  // src/io/pe_json.cpp
/// Decides `r` and writes the response's "result".
void write_pe_result(json_writer& w, const engine& e, const pe_request& r);  // src/io/pe_json.cpp

json handle_pe(const engine& e, std::string_view kind, const json& request);  // src/io/pe_json.cpp
/// Minutes after midnight of a clock time "HH:MM" (00:00 .. 24:00), nullopt for anything else.
std::optional<int> clock_minutes(std::string_view s);  // src/io/leave_json.cpp
/// A leave.* request decoded from its document (src/io/leave_json.cpp).
leave_request decode_leave_request(const engine& e, const json& request, std::string_view kind);
/// Decides every worker of `r` and writes the response's "result" (src/io/leave_json.cpp).
void write_leave_result(json_writer& w, const engine& e, const leave_request& r);
json handle_insight(const engine& e, std::string_view kind, const json& request);  // src/io/insight_json.cpp
json handle_account(const engine& e, std::string_view kind, const json& request);  // src/io/account_json.cpp
/// Decides an account.right request and writes the response's "result" as it
/// goes, a worker at a time (src/io/account_json.cpp).
void write_account_right(json_writer& w, const engine& e, const json& request);

}  // namespace edurules::io::detail
