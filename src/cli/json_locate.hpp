// Finds where a field named by an error (a path such as
// `workers[0].trainings[1].lessons[3].date` or `parameters["pe.x"].values[0]`)
// stands in the JSON text it was decoded from, so that the command line can
// name the line and column of a well-formed document's bad field (issue 15:
// errors naming file, line and field). Only locates: it decides nothing.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace edurules::cli {

/// The byte offset of the member key (or array element) the path names in
/// `text`, or nullopt when the text or the path cannot be followed (then the
/// caller names the file and the field without a line).
std::optional<std::size_t> locate_json_path(std::string_view text, std::string_view path);

}  // namespace edurules::cli
