// UTF-8 validation of text inputs: the one check every face uses (the C
// ABI's text arguments, the CSV upload reader, the JSON writer's strings).
#pragma once

#include <cstddef>
#include <string_view>

namespace edurules::io {

/// Offset of the first byte that does not start a valid UTF-8 sequence
/// (RFC 3629: no overlong forms, no UTF-16 surrogates U+D800..U+DFFF, nothing
/// above U+10FFFF, no truncated sequence), or npos when all of `s` is valid.
std::size_t invalid_utf8_at(std::string_view s) noexcept;

}  // namespace edurules::io
