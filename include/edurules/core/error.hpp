// The one exception type of the C++ core: a code the faces can map (C ABI,
// Python, CLI exit status) plus where the problem is (record, field, offset).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace edurules {

/// Error categories. The numeric values are pinned: the C ABI exposes them
/// negated as EDR_E_* and they are never reused.
enum class errc : int {
    invalid_argument = 1,  ///< a caller broke an API precondition (null pointer, bad length)
    parse = 2,             ///< input is not well-formed (JSON syntax, CSV shape, UTF-8)
    invalid_input = 3,     ///< well-formed input with an invalid value (impossible date, negative hours, unknown id)
    rulebook = 4,          ///< the rulebook is malformed or lacks a parameter for a date
    io = 5,                ///< a file could not be read or written
    internal = 6,          ///< a bug: please report
};

inline const char* to_string(errc c) {
    switch (c) {
        case errc::invalid_argument:
            return "invalid_argument";
        case errc::parse:
            return "parse";
        case errc::invalid_input:
            return "invalid_input";
        case errc::rulebook:
            return "rulebook";
        case errc::io:
            return "io";
        case errc::internal:
            return "internal";
    }
    return "unknown";
}

/// An error that names what is wrong and where. `field` is a path such as
/// `participants[3].diploma_date`; `record` the 0-based record index when the
/// input is a list of records (-1 if not applicable); `offset` a byte offset in
/// the input text (-1 if unknown). what() is "<field>: <message>".
class error : public std::runtime_error {
public:
    error(errc code, std::string field, std::string message, std::int64_t record = -1, std::int64_t offset = -1)
        : std::runtime_error(field.empty() ? message : field + ": " + message),
          code_(code),
          field_(std::move(field)),
          message_(std::move(message)),
          record_(record),
          offset_(offset) {}

    errc code() const noexcept { return code_; }
    const std::string& field() const noexcept { return field_; }
    const std::string& message() const noexcept { return message_; }
    std::int64_t record() const noexcept { return record_; }
    std::int64_t offset() const noexcept { return offset_; }

private:
    errc code_;
    std::string field_;
    std::string message_;
    std::int64_t record_;
    std::int64_t offset_;
};

}  // namespace edurules
