// Private: the fast reader of JSON requests. It decodes the requests the
// engine answers most (pe.status, pe.reminders, pe.book, leave.*) straight
// into the typed inputs with simdjson's On-Demand API, without a document
// tree, and declines on any doubt: a syntax error, an unknown or repeated
// member, a null, a number that is not a plain whole number, text with
// control characters, a value the readers would refuse. The caller then reads
// the request with the document reader, whose refusals name record and field;
// so both readers accept the same requests, decode them to the same values,
// and every error message is the document reader's
// (tests/io/test_fast_request.cpp compares them).
#pragma once

#include <optional>
#include <string_view>
#include <variant>

#include "edurules/io/out_buffer.hpp"
#include "handlers.hpp"

namespace edurules::io::detail {

using typed_request = std::variant<pe_request, leave_request>;

/// The decoded request, or nullopt when the fast reader declines.
std::optional<typed_request> fast_decode(const engine& e, std::string_view request_json);

/// Gives a decoded dossier's lists back to the fast reader once its answer
/// is written: the thread's next request decodes into their room (lists of
/// up to 1024 records are kept; larger ones are freed).
void recycle_dossier(pe::dossier&& d) noexcept;

/// io::evaluate_json through the document reader only (src/io/request.cpp):
/// what evaluate_json does when the fast reader declines.
std::size_t evaluate_json_document(const engine& e, std::string_view request_json, out_buffer& out);
/// The same into a string (replacing its content).
void evaluate_json_document(const engine& e, std::string_view request_json, std::string& out);

}  // namespace edurules::io::detail
