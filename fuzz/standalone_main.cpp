// A main() for the fuzz targets without libFuzzer (libgit2's fuzzers/
// standalone_driver.c does the same): replays every file named on the command
// line, or every file in a named directory, through LLVMFuzzerTestOneInput.
// This is how the committed corpora run as ordinary tests with any compiler:
// a crash once found and added to the corpus stays fixed.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path p(argv[i]);
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            for (const auto& e : fs::recursive_directory_iterator(p))
                if (e.is_regular_file()) files.push_back(e.path());
        } else if (fs::is_regular_file(p, ec)) {
            files.push_back(p);
        } else {
            std::fprintf(stderr, "%s: not a file or directory\n", argv[i]);
            return 2;
        }
    }
    std::sort(files.begin(), files.end());  // a stable order makes a failure easy to find again
    if (files.empty()) {
        std::fprintf(stderr, "usage: %s FILE|DIR...  (no inputs found)\n", argv[0]);
        return 2;
    }
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        // A copy of exactly the file's bytes, so ASan sees reads past the end.
        std::vector<std::uint8_t> buf(bytes.begin(), bytes.end());
        std::fprintf(stderr, "replay %s (%zu bytes)\n", f.string().c_str(), buf.size());
        LLVMFuzzerTestOneInput(buf.data(), buf.size());
    }
    std::printf("%zu inputs replayed without a finding\n", files.size());
    return 0;
}
