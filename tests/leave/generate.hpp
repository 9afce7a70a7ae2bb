// A seeded generator of leave workers for parity tests: every region and
// regime, school years 2019-2020 to 2025-2026, 1 to 3 trainings, part-time and
// variable jobs, distance and cancelled lessons, absences over and under 10%
// (justified, holiday, unjustified), leave taken, sanctions,
// employer-proposed trainings, passed modules, and now and then facts that
// contradict themselves (overlapping lessons) which every face must refuse.
#pragma once

#include <random>

#include "edurules/leave/model.hpp"

namespace leave_test {

struct worker_generator {
    std::mt19937_64 g;
    explicit worker_generator(std::uint64_t seed) : g(seed) {}

    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(g); }
    bool chance(int percent) { return uniform(1, 100) <= percent; }
    edurules::date day_between(edurules::date a, int days) { return a + edurules::day_count(uniform(0, days)); }

    void add_lessons(edurules::leave::training& t, edurules::date first) {
        using namespace edurules::leave;
        const int n = uniform(1, 40), len = uniform(2, 8) * 25, start = uniform(32, 40) * 30;
        const int every = uniform(1, 2) * 7;
        for (int i = 0; i < n; ++i) {
            lesson l;
            l.day = first + edurules::day_count(i * every);
            l.start = start;
            l.end = start + len;
            l.mode = chance(80) ? lesson_mode::contact : static_cast<lesson_mode>(uniform(1, 5));
            l.cancelled = chance(5);
            l.coinciding = chance(30) ? !t.coinciding : t.coinciding;
            t.lessons.push_back(l);
        }
        if (chance(2) && t.lessons.size() > 1) t.lessons[1].day = t.lessons[0].day;  // overlap: refused
    }

    void add_absences(edurules::leave::training& t) {
        using namespace edurules::leave;
        static const char* reasons[] = {"illness",     "holiday",       "unjustified",
                                        "unjustified", "work_required", "teacher_absent"};
        const int heavy = chance(30) ? 3 : 12;  // some trainings over 10% unjustified
        for (const auto& l : t.lessons) {
            if (l.cancelled || uniform(1, heavy) != 1) continue;
            absence a;
            a.day = l.day;
            a.length = chance(70) ? l.length() : edurules::minutes{l.length().count / 2};
            a.reason = reasons[uniform(0, 5)];
            if (a.reason == "holiday") {
                a.holiday = edurules::period{l.day - edurules::day_count(uniform(0, 3)),
                                             l.day + edurules::day_count(uniform(3, 10))};
                if (chance(60)) a.employer_declared_on = a.holiday->first - edurules::day_count(uniform(-3, 20));
            }
            t.absences.push_back(a);
        }
        for (const auto& l : t.lessons)
            if (!l.cancelled && chance(15)) t.taken.push_back({l.day, edurules::minutes{uniform(1, 8) * 60}});
    }

    edurules::leave::training make_training(int sy, int index) {
        using namespace edurules::leave;
        training t;
        t.id = "t" + std::to_string(index);
        t.type = static_cast<training_type>(chance(60) ? uniform(0, 5) : chance(50) ? 0 : uniform(6, 7));
        t.coinciding = chance(40);
        t.raised = chance(15) ? static_cast<raise_reason>(uniform(1, 3)) : raise_reason::none;
        if (chance(20)) t.language_kind = chance(50) ? "national" : "other";
        t.org = chance(30) ? organisation::school_year : organisation::modular;
        t.lesson_periods = chance(20);
        const edurules::date first = day_between(edurules::date(static_cast<unsigned short>(sy - 1), 9, 1), 640);
        if (chance(30)) t.start = first - edurules::day_count(uniform(0, 20));
        if (chance(10)) t.module_code = "M" + std::to_string(uniform(1, 4));
        t.recognised = !chance(3);
        t.counting = chance(70) ? vov_counting::attended_hours : static_cast<vov_counting>(uniform(1, 4));
        t.credits = uniform(0, 60);
        t.graduate = chance(20);
        t.exam_contract = chance(5);
        t.exams = uniform(0, 3);
        t.competences = uniform(0, 3);
        t.employer_proposed = chance(25);
        t.career_oriented = chance(10);
        if (t.career_oriented && chance(70)) t.career_attest_date = first - edurules::day_count(uniform(0, 3000));
        t.assessment = static_cast<final_assessment>(uniform(0, 3));
        if (chance(50)) t.enrolled_on = first + edurules::day_count(uniform(-30, 60));
        if (!chance(3)) add_lessons(t, first);
        if (t.lessons.empty() && !t.start) t.start = first;
        add_absences(t);
        if (chance(40)) t.provider = "P" + std::to_string(uniform(1, 2));  // module combination (issue 12)
        return t;
    }

    edurules::leave::worker make(int sy) {
        using namespace edurules::leave;
        worker w;
        w.id = "w";
        w.reg = static_cast<region>(uniform(1, 3));
        if (chance(3)) w.sector = "public";
        const int jobs = chance(80) ? 1 : 2;
        for (int j = 0; j < jobs; ++j) {
            job x;
            x.from = day_between(edurules::date(static_cast<unsigned short>(sy - 2), 1, 1), 900);
            if (chance(20)) x.to = x.from + edurules::day_count(uniform(30, 700));
            x.full_time_minutes_per_week = (chance(80) ? 38 : 40) * 60;
            x.contract_minutes_per_week = chance(50) ? x.full_time_minutes_per_week : uniform(4, 76) * 30;
            x.sched = chance(20) ? schedule::variable : schedule::fixed;
            w.jobs.push_back(x);
        }
        if (chance(10)) w.passed_modules = {"M1", "M3"};
        w.at_most_upper_secondary = chance(20);
        w.vov_sanctioned = chance(10);
        if (chance(10)) w.bev_reimbursed_elsewhere = edurules::minutes{uniform(0, 50) * 60};
        if (chance(50)) w.monthly_wage_cents = uniform(1800, 5200) * 100;
        if (chance(10)) w.new_job_on = day_between(edurules::date(static_cast<unsigned short>(sy), 1, 1), 200);
        const int n = uniform(1, 3);
        for (int i = 0; i < n; ++i) w.trainings.push_back(make_training(sy, i));
        return w;
    }
};

}  // namespace leave_test
