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

/// member() writes a literal name and a short value in one place when
/// compact (the word-at-a-time check of json_writer.hpp's plain_word): every
/// byte value at every position of texts of 0 to 17 bytes must give
/// nlohmann's bytes, as must the other kinds of value, compact and indented,
/// first in an object or after another member.
TEST(JsonWriter, MembersWrittenInOnePlaceMatchNlohmann) {
    for (std::size_t len = 0; len <= 17; ++len)
        for (std::size_t at = 0; at < (len ? len : 1); ++at)
            for (int byte = 0; byte < 256; ++byte) {
                std::string s(len, 'k');
                if (len) s[at] = static_cast<char>(byte);
                for (const int indent : {-1, 2}) {
                    std::string out;
                    io::json_writer w(out, indent);
                    w.begin_object().member("a", s).member("b", std::string_view(s)).end_object();
                    w.finish();
                    const nlohmann::json expected = {{"a", s}, {"b", s}};
                    ASSERT_EQ(out, expected.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace))
                        << "length " << len << ", byte " << byte << " at " << at << ", indent " << indent;
                }
            }
    for (const int indent : {-1, 2}) {
        std::string out;
        io::json_writer w(out, indent);
        const std::optional<date> none, day = date(2024, 2, 29);
        w.begin_object()
            .member("a_bool", false)
            .member("b_bool", true)
            .member("c_int", std::int64_t{-9223372036854775807 - 1})
            .member("d_size", std::size_t{18446744073709551615u})
            .member("e_date", date(2024, 12, 31))
            .member("f_none", none)
            .member("g_day", day)
            .member("h_decimal", decimal{-123456789, 9})
            .member("i_literal", "booked")
            .member("j_not_a_date", date(boost::date_time::not_a_date_time))
            .member("k_long", std::string(40, 'x'));
        w.key("l_nested").begin_object().member("m", 1).end_object();
        w.end_object();
        w.finish();
        const nlohmann::json expected = {{"a_bool", false},
                                         {"b_bool", true},
                                         {"c_int", std::int64_t{-9223372036854775807 - 1}},
                                         {"d_size", std::uint64_t{18446744073709551615u}},
                                         {"e_date", "2024-12-31"},
                                         {"f_none", nullptr},
                                         {"g_day", "2024-02-29"},
                                         {"h_decimal", "-0.123456789"},
                                         {"i_literal", "booked"},
                                         {"j_not_a_date", "not-a-date"},
                                         {"k_long", std::string(40, 'x')},
                                         {"l_nested", {{"m", 1}}}};
        EXPECT_EQ(out, expected.dump(indent)) << "indent " << indent;
    }
}

}  // namespace
