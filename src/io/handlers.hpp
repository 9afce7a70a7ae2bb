// Private: per-domain request handlers behind io::evaluate_json.
#pragma once

#include <string_view>

#include "edurules/engine.hpp"
#include "edurules/pe/model.hpp"
#include "json_util.hpp"

namespace edurules::io::detail {

/// Each handler gets the whole parsed request (schema_version already
/// checked) and returns the "result" member of the response. They throw
/// edurules::error for bad input.
/// Decodes an already parsed dossier document; error fields are prefixed with `root`.
pe::dossier decode_dossier(const json& doc, const path& root);  // src/io/pe_json.cpp

json handle_pe(const engine& e, std::string_view kind, const json& request);       // src/io/pe_json.cpp
json handle_leave(const engine& e, std::string_view kind, const json& request);    // src/io/leave_json.cpp
json handle_insight(const engine& e, std::string_view kind, const json& request);  // src/io/insight_json.cpp
json handle_account(const engine& e, std::string_view kind, const json& request);  // src/io/account_json.cpp

}  // namespace edurules::io::detail
