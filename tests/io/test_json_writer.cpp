// The streaming JSON writer (src/io/json_writer.hpp) against nlohmann's dump,
// which it promises to match byte for byte: strings with a byte to escape at
// every position of every length around the 16-byte blocks its scan reads,
// and short pieces of every length (copied without memcpy).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "io/json_writer.hpp"

namespace {

using namespace edurules;

std::string written(const std::string& s) {
    std::string out;
    io::json_writer w(out);
    w.begin_array().value(s).raw("1").end_array();
    w.finish();
    return out;
}

std::string dumped(const std::string& s) {
    return nlohmann::json::array({s, 1}).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(JsonWriter, StringsMatchNlohmannWhereverTheByteToEscapeIs) {
    // what needs escaping (or, above 0x7f, checking), and bytes next to the
    // limits of the signed compare that must pass as they are
    const std::vector<std::string> specials = {"\"",   "\\",   "\n", "\x01", "\x1f", "\t",          "\xc3\xa9",
                                               "\xff", "\x80", " ",  "\x7f", "!",    "\xe2\x82\xac"};
    for (std::size_t len = 0; len <= 48; ++len) {
        std::string plain(len, 'a');
        for (std::size_t k = 0; k < len; ++k) plain[k] = static_cast<char>('a' + k % 26);
        ASSERT_EQ(written(plain), dumped(plain)) << "length " << len;
        for (std::size_t at = 0; at <= len; ++at)
            for (const auto& sp : specials) {
                std::string s = plain;
                s.insert(at, sp);
                ASSERT_EQ(written(s), dumped(s)) << "length " << len << ", special byte(s) at " << at;
            }
    }
}

TEST(JsonWriter, LongStringsAndManyPiecesCrossTheStagingBuffer) {
    std::string big(10000, 'x');
    big[4095] = '"';
    big[9999] = '\n';
    EXPECT_EQ(written(big), dumped(big));
    std::string out;
    io::json_writer w(out);
    nlohmann::json expected = nlohmann::json::array();
    w.begin_array();
    for (int i = 0; i < 2000; ++i) {
        const std::string s(static_cast<std::size_t>(i % 23), static_cast<char>('A' + i % 26));
        w.value(s);
        expected.push_back(s);
    }
    w.end_array();
    w.finish();
    EXPECT_EQ(out, expected.dump());
}

}  // namespace
