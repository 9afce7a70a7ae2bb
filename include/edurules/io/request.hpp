// The JSON request/response path: one entry for every decision the engine
// makes. This is what the C ABI, the command-line tool and Python call.
#pragma once

#include <string>
#include <string_view>

#include "edurules/engine.hpp"
#include "edurules/io/out_buffer.hpp"

namespace edurules::io {

/// Version of the request/response documents (field "schema_version").
inline constexpr int request_schema_version = 1;

/// Evaluates one request document and returns the response document (JSON
/// text). The request's "kind" selects the decision, e.g. "pe.status",
/// "pe.book", "leave.entitlement" (see schemas/ and README.md).
/// Throws edurules::error naming the field for malformed or invalid input.
std::string evaluate_json(const engine& e, std::string_view request_json);
/// The same, writing the response into `out` (replacing its content; its
/// capacity is reused, so a caller answering many requests keeps one buffer).
void evaluate_json(const engine& e, std::string_view request_json, std::string& out);
/// The same, writing the response into `out` from its start and returning
/// its length: memory the caller owns (the C ABI's edr_buf) gets the answer
/// with no copy. After an error the bytes in `out` mean nothing.
std::size_t evaluate_json(const engine& e, std::string_view request_json, out_buffer& out);

}  // namespace edurules::io
