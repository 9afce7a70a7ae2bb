// Reading input files for every face that takes a path (the tool, the C ABI):
// only regular files, never more than a size limit, errors naming the path.
#pragma once

#include <cstdint>
#include <string>

namespace edurules::io {

/// The default limit on one input file: 1 GiB (generous; a real dossier or
/// upload is megabytes). Not a legal number: a guard against reading
/// /dev/zero or a runaway file until memory runs out.
inline constexpr std::uint64_t default_max_input_bytes = std::uint64_t{1} << 30;

/// The limit in force for this process: the last set_max_input_bytes, else
/// EDURULES_MAX_INPUT_BYTES (bytes, optionally with a K, M or G suffix for
/// powers of 1024) when set, else default_max_input_bytes. Throws
/// error(errc::invalid_argument, "EDURULES_MAX_INPUT_BYTES") for a bad value.
std::uint64_t max_input_bytes();
void set_max_input_bytes(std::uint64_t limit);

/// Parses a size ("1048576", "64M", "2G") into `out`; false when `text` is
/// not a positive size.
bool parse_size(const std::string& text, std::uint64_t& out);

/// Reads a whole input file. A directory, FIFO, device or socket, a file
/// larger than `limit`, or one that cannot be opened or read is
/// error(errc::io) naming `path`. Nothing is read from a non-regular file.
std::string read_input_file(const std::string& path, std::uint64_t limit);
inline std::string read_input_file(const std::string& path) { return read_input_file(path, max_input_bytes()); }

}  // namespace edurules::io
