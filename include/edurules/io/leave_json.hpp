// The leave JSON format (schemas/leave.request.schema.json): a request
// decoded once into the leave model, decided by leave::evaluate, encoded as
// the response the JSON request path gives. For faces that want the typed
// results too (the CLI's tables), without a second parse.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "edurules/engine.hpp"
#include "edurules/leave/evaluate.hpp"

namespace edurules::io {

/// A decoded leave request: its kind, school year and workers (each with the
/// school year it is decided for).
struct leave_request {
    std::string kind;
    school_year year{2000};
    bool explain = true;         ///< the document's "explain" member (default true)
    bool explain_given = false;  ///< the document has an "explain" member
    std::vector<leave::worker> workers;
    std::vector<school_year> years;
};

/// Decodes a leave request document; `default_kind` applies when it names no
/// kind, `school_year` (text like "2020-2021") replaces its school year.
/// Throws edurules::error naming the field.
leave_request parse_leave_request(const engine& e, std::string_view json_text, std::string_view default_kind,
                                  const std::optional<std::string>& school_year = std::nullopt);

/// Decides every worker of `r`.
std::vector<leave::worker_result> evaluate_leave(const engine& e, const leave_request& r, bool explain);

/// The response document ({"schema_version", "kind", "result"}) for `results`.
std::string leave_response_json(const engine& e, const leave_request& r,
                                const std::vector<leave::worker_result>& results);

}  // namespace edurules::io
