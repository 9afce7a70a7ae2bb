// Explanations recorded, formatted when read (core/explain.hpp): a step keeps
// its rule, raw values and rulebook uses; its text is produced by the rule's
// formatter when read, and is the same after copies, moves, appends and the
// death of the data it was recorded from.
#include <gtest/gtest.h>

#include <string>

#include "edurules/core/explain.hpp"

using namespace edurules;
using boost::gregorian::date;

namespace {
/// (count, day, amount, name)
void sample(std::string& o, const trace_args& a) {
    o += std::to_string(a.integer(0)) + " on " + to_iso(a.day(1)) + " costs " + a.dec(2).to_string() + " for ";
    o += a.text(3);
    if (a.flag(4)) o += " (late)";
}
}  // namespace

TEST(Explanation, RecordedStepFormatsWhenRead) {
    explanation why;
    {
        std::string name = "a name longer than the small-string buffer";
        why.record("r.sample", sample, {}, 3, date(2024, 2, 29), decimal{1250, 2}, copied{name}, true);
        name.assign(name.size(), 'x');  // the recorded text is a copy
    }
    ASSERT_EQ(why.size(), 1u);
    EXPECT_EQ(why.steps()[0].rule, "r.sample");
    EXPECT_EQ(why.steps()[0].text(),
              "3 on 2024-02-29 costs 12.50 for a name longer than the small-string buffer (late)");
    std::string out = "> ";
    why.steps()[0].append_text(out);
    EXPECT_EQ(out.substr(0, 10), "> 3 on 202");
}

TEST(Explanation, EagerAndRecordedStepsKeepTheirOrderThroughCopyMoveAndAppend) {
    explanation a;
    a.note("r.one", "first");
    a.record("r.two", sample, {}, 1, date(2020, 1, 1), decimal{5, 0}, copied{"x"}, false);
    a.add("r.three", [] { return std::string("third, made by a callable"); });
    explanation b;
    b.record("r.zero", sample, {}, 0, date(2019, 12, 31), decimal{7, 1}, copied{"y"}, true);
    b.append(a);
    b.append(b);  // appending itself doubles the steps
    const explanation c = b;
    explanation d = std::move(b);
    const std::string expected[] = {"0 on 2019-12-31 costs 0.7 for y (late)", "first", "1 on 2020-01-01 costs 5 for x",
                                    "third, made by a callable"};
    for (const explanation* e : {&c, static_cast<const explanation*>(&d)}) {
        ASSERT_EQ(e->size(), 8u);
        std::size_t i = 0;
        for (const auto& s : e->steps()) EXPECT_EQ(s.text(), expected[i++ % 4]) << i;
        EXPECT_EQ(e->steps().back().rule, "r.three");
    }
    d.clear();
    EXPECT_TRUE(d.empty());
    d.note("r.again", "again");
    EXPECT_EQ(d.steps().front().text(), "again");
}

TEST(Explanation, DisabledRecordsNothingAndCopiesNothing) {
    explanation off(false);
    off.record("r", sample, {}, 1, date(2020, 1, 1), decimal{}, copied{"z"}, false);
    off.note("r", "text");
    EXPECT_TRUE(off.empty());
    EXPECT_FALSE(off.uses_provisional());
}

// A provisional value (confidence P) is flagged whether or not the steps are
// recorded, through copies, moves and appends, and forgotten by clear().
TEST(Explanation, ProvisionalUseIsKnownWithoutRecording) {
    param_version firm, provisional;
    firm.conf = confidence::high;
    provisional.conf = confidence::provisional;
    for (const bool enabled : {false, true}) {
        explanation why(enabled);
        why.record("r", sample, {param_use{nullptr, &firm}}, 1, date(2020, 1, 1), decimal{}, copied{"z"}, false);
        EXPECT_FALSE(why.uses_provisional()) << enabled;
        why.add("r.p", [] { return std::string("p"); }, {param_use{nullptr, &provisional}});
        EXPECT_TRUE(why.uses_provisional()) << enabled;
        EXPECT_EQ(why.empty(), !enabled);
        explanation other(enabled);
        other.append(why);
        EXPECT_TRUE(other.uses_provisional()) << enabled;
        const explanation copy = other;
        explanation moved = std::move(other);
        EXPECT_TRUE(copy.uses_provisional() && moved.uses_provisional()) << enabled;
        moved.clear();
        EXPECT_FALSE(moved.uses_provisional()) << enabled;
        moved.note("r.n", "n", {param_use{nullptr, &provisional}});
        EXPECT_TRUE(moved.uses_provisional()) << enabled;
    }
}

TEST(Explanation, ResetForgetsTheStepsAndSetsRecording) {
    explanation why(true);
    why.note("a.rule", "a sentence");
    ASSERT_EQ(why.size(), 1u);
    why.reset(false);
    EXPECT_TRUE(why.empty());
    EXPECT_FALSE(why.enabled());
    why.note("a.rule", "not recorded");
    EXPECT_TRUE(why.empty());
    why.reset(true);
    why.note("b.rule", "recorded again");
    ASSERT_EQ(why.size(), 1u);
    EXPECT_EQ(why.steps().front().rule, "b.rule");
    EXPECT_EQ(why.steps().front().text(), "recorded again");
}
