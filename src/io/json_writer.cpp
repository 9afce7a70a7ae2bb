// The streaming JSON writer's string escaping (see json_writer.hpp).
#include "json_writer.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "edurules/io/utf8.hpp"

namespace edurules::io {

/// A JSON string as nlohmann's dump writes it without ensure_ascii: `"` and
/// `\` escaped, \b \t \n \f \r short, other control characters as \u00xx,
/// everything else (UTF-8 included) as is. Text that is not valid UTF-8 (the
/// readers refuse it, so it does not occur) is handed to nlohmann, which
/// replaces the invalid bytes with U+FFFD, so that even then the bytes match.
namespace {
/// The bytes string_body must look at: control characters, `"`, `\` and the
/// bytes of multi-byte UTF-8 sequences (checked for validity).
constexpr auto special = [] {
    std::array<bool, 256> t{};
    for (std::size_t c = 0; c < 256; ++c) t[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
    return t;
}();
}  // namespace

void json_writer::string_body(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && !special[static_cast<unsigned char>(s[i])]) ++i;
    if (i == s.size()) {  // the usual text: nothing to escape
        put('"');
        put(s);
        put('"');
        return;
    }
    spill();  // written straight to the string, so that invalid UTF-8 can be taken back
    const std::size_t start = out_.size();
    out_ += '"';
    bool high = false;
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            high = true;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out_.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out_ += "\\\"";
                break;
            case '\\':
                out_ += "\\\\";
                break;
            case '\b':
                out_ += "\\b";
                break;
            case '\t':
                out_ += "\\t";
                break;
            case '\n':
                out_ += "\\n";
                break;
            case '\f':
                out_ += "\\f";
                break;
            case '\r':
                out_ += "\\r";
                break;
            default: {
                static constexpr char hex[] = "0123456789abcdef";
                const char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                out_.append(esc, sizeof esc);
            }
        }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
    if (high && invalid_utf8_at(s) != std::string_view::npos) {
        out_.resize(start);
        out_ += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
}

}  // namespace edurules::io
