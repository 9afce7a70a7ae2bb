// Every leave parameter of the default rulebook is read by some rule, and the
// rule says so in its explanation (issue 11): seeded generated workers
// (generate.hpp: every region and regime, school years 2012-2013 to
// 2026-2027, every training type and counting) are decided with explanations
// on, and the parameters named by the explanations' param_use are collected.
// A parameter nobody names is dead (remove it) or read without explaining.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "generate.hpp"
#include "helpers.hpp"

using namespace leave_test;

namespace {
void collect(const explanation& why, std::set<std::string>& used) {
    for (const auto& s : why.steps())
        for (const auto& u : s.params)
            if (u.param) used.insert(u.param->name);
}
}  // namespace

TEST(LeaveCoverage, EveryLeaveParameterIsReadByARule) {
    worker_generator gen(11);
    std::set<std::string> used;
    for (int i = 0; i < 6000; ++i) {
        const int sy = gen.uniform(2012, 2026);
        worker w = gen.make(sy);
        if (check_facts(w) || check_absence_reasons(R(), w.trainings)) continue;
        try {
            const worker_result r = evaluate(R(), w, school_year(sy), true);
            collect(r.why, used);
            for (const auto& t : r.trainings) collect(t.why, used);
        } catch (const error&) {
            // a year without a value of some parameter: decided elsewhere
        }
    }
    // Flemish BEV trainings started before VOV, in the 2021-2022 transition
    // year, of every type, coinciding or not, raised or not (the transition caps).
    for (std::uint8_t type = 0; type < cap_row_count; ++type) {
        for (int variant = 0; variant < 3; ++variant) {
            worker w = make_worker(region::flanders, {employ(date(2010, 1, 1), 38)});
            training t;
            t.id = "t";
            t.type = static_cast<training_type>(type);
            t.coinciding = variant == 1;
            t.raised = variant == 2 ? raise_reason::basic_education : raise_reason::none;
            t.start = date(2018, 10, 1);
            add_weekly(t, date(2021, 9, 6), 12, 180);
            w.trainings.push_back(t);
            const worker_result r = evaluate(R(), w, school_year(2021), true);
            collect(r.why, used);
            for (const auto& tr : r.trainings) collect(tr.why, used);
        }
    }
    {  // and an exam before the examination board that year (the transition factor)
        worker w = make_worker(region::flanders, {employ(date(2010, 1, 1), 38)});
        training t;
        t.id = "board";
        t.type = training_type::exam_board;
        t.start = date(2018, 10, 1);
        w.trainings.push_back(t);
        const worker_result r = evaluate(R(), w, school_year(2021), true);
        for (const auto& tr : r.trainings) collect(tr.why, used);
    }
    {  // and a worker hired during a BEV training (leave.bev.job_during_training)
        worker w = make_worker(region::wallonia, {employ(date(2016, 11, 20), 38)});
        training t = make_training("hired", training_type::professional);
        add_weekly(t, date(2016, 9, 15), 30, 180);
        w.trainings.push_back(t);
        const worker_result r = evaluate(R(), w, school_year(2016), true);
        for (const auto& tr : r.trainings) collect(tr.why, used);
    }
    // distance lessons in each regime's COVID period (leave.covid.*): Flemish BEV (a training started
    // before VOV), Wallonia, Brussels 2019-2020 and 2022-2023 (the physical-presence minimum), VOV
    for (const auto& [reg, start, sy] :
         {std::tuple{region::flanders, date(2018, 10, 1), 2019}, std::tuple{region::wallonia, date(2019, 9, 3), 2019},
          std::tuple{region::brussels, date(2019, 9, 3), 2019}, std::tuple{region::brussels, date(2022, 9, 6), 2022},
          std::tuple{region::flanders, date(2019, 9, 10), 2019}}) {
        worker w = make_worker(reg, {employ(date(2005, 1, 1), 38)});
        training t = make_training("covid", training_type::professional);
        t.start = start;
        add_weekly(t, date(sy, 9, 10), 14, 180);
        add_weekly(t, date(sy + 1, 4, 7), 4, 180, lesson_mode::distance);
        w.trainings.push_back(t);
        const worker_result r = evaluate(R(), w, school_year(sy), true);
        for (const auto& tr : r.trainings) collect(tr.why, used);
    }
    {  // the covered years' end is read by the refusal of a later school year, which names it
        try {
            refuse_uncovered_year(R(), school_year(2027));
        } catch (const error& e) {
            if (std::string(e.message()).find("leave.coverage.last_day") != std::string::npos)
                used.insert("leave.coverage.last_day");
        }
    }
    std::string missing;
    for (const auto& [name, p] : R().book->parameters())
        if (name.rfind("leave.", 0) == 0 && !used.count(name)) missing += "\n  " + name;
    EXPECT_TRUE(missing.empty()) << "leave parameters no explanation names:" << missing;
}
