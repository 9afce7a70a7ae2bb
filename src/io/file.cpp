// Reading input files: regular files only, within a size limit.
#include "edurules/io/file.hpp"

#include <sys/stat.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "edurules/core/error.hpp"

namespace edurules::io {

namespace {
std::atomic<std::uint64_t> limit_override{0};

std::string describe(mode_t m) {
    if (S_ISDIR(m)) return "is a directory, not a file";
    if (S_ISFIFO(m)) return "is a FIFO (pipe), not a regular file";
    if (S_ISCHR(m) || S_ISBLK(m)) return "is a device, not a regular file";
    if (S_ISSOCK(m)) return "is a socket, not a regular file";
    return "is not a regular file";
}
}  // namespace

bool parse_size(const std::string& text, std::uint64_t& out) {
    if (text.empty() || text.size() > 24) return false;
    std::uint64_t v = 0;
    std::size_t i = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        if (v > (UINT64_MAX - 9) / 10) return false;
        v = v * 10 + static_cast<std::uint64_t>(text[i] - '0');
    }
    if (i == 0) return false;
    unsigned shift = 0;
    if (i + 1 == text.size()) {
        switch (text[i]) {
            case 'k':
            case 'K':
                shift = 10;
                break;
            case 'm':
            case 'M':
                shift = 20;
                break;
            case 'g':
            case 'G':
                shift = 30;
                break;
            default:
                return false;
        }
    } else if (i != text.size()) {
        return false;
    }
    if (shift && v > (UINT64_MAX >> shift)) return false;
    out = v << shift;
    return out > 0;
}

std::uint64_t max_input_bytes() {
    if (const std::uint64_t o = limit_override.load()) return o;
    const char* env = std::getenv("EDURULES_MAX_INPUT_BYTES");
    if (!env || !*env) return default_max_input_bytes;
    std::uint64_t v = 0;
    if (!parse_size(env, v))
        throw error(
            errc::invalid_argument, "EDURULES_MAX_INPUT_BYTES",
            "expected a positive number of bytes (a K, M or G suffix allowed), got \"" + std::string(env) + "\"");
    return v;
}

void set_max_input_bytes(std::uint64_t limit) { limit_override.store(limit); }

std::string read_input_file(const std::string& path, std::uint64_t limit) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        const int err = errno;
        throw error(errc::io, path, std::string("cannot open file for reading: ") + std::strerror(err));
    }
    if (!S_ISREG(st.st_mode)) throw error(errc::io, path, describe(st.st_mode));
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size > limit)
        throw error(errc::io, path,
                    "is " + std::to_string(size) + " bytes, more than the input limit of " + std::to_string(limit) +
                        " bytes (EDURULES_MAX_INPUT_BYTES, or --max-input-bytes for the tool)");
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int err = errno;
        throw error(errc::io, path, std::string("cannot open file for reading: ") + std::strerror(err));
    }
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) throw error(errc::io, path, "read failed");
    // The file may have grown since stat: read the rest, within the limit.
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        if (text.size() + static_cast<std::uint64_t>(in.gcount()) > limit)
            throw error(errc::io, path, "grew past the input limit of " + std::to_string(limit) + " bytes while read");
        text.append(buf, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) throw error(errc::io, path, "read failed");
    return text;
}

}  // namespace edurules::io
