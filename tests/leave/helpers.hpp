// Builders shared by the leave tests: a default engine, workers, jobs,
// trainings and lessons in a few lines.
#pragma once

#include <memory>

#include "edurules/engine.hpp"
#include "edurules/leave/evaluate.hpp"

namespace leave_test {
using namespace edurules;
using namespace edurules::leave;
using boost::gregorian::date;

inline const engine& default_engine() {
    static const engine e;
    return e;
}
inline const rules& R() { return default_engine().leave(); }

/// An engine with one parameter overridden (like `--set`).
inline std::unique_ptr<engine> engine_with(std::string_view name, std::string_view value) {
    return std::make_unique<engine>(
        std::make_shared<const rulebook>(rulebook::with_value(*rulebook::builtin(), name, value)));
}

inline job employ(date from, std::int64_t contract_h, std::int64_t full_h = 38, schedule s = schedule::fixed) {
    return job{from, std::nullopt, contract_h * 60, full_h * 60, s};
}

inline worker make_worker(region r, std::vector<job> jobs) {
    worker w;
    w.id = "w";
    w.reg = r;
    w.jobs = std::move(jobs);
    return w;
}

/// `n` weekly lessons of `minutes_each` from `first`, 18:00 onwards.
inline void add_weekly(training& t, date first, int n, int minutes_each, lesson_mode mode = lesson_mode::contact) {
    for (int i = 0; i < n; ++i) {
        lesson l;
        l.day = first + boost::gregorian::days(7 * i);
        l.start = 18 * 60;
        l.end = l.start + minutes_each;
        l.mode = mode;
        l.coinciding = t.coinciding;
        t.lessons.push_back(l);
    }
}

inline training make_training(std::string id, training_type type, bool coinciding = false) {
    training t;
    t.id = std::move(id);
    t.type = type;
    t.coinciding = coinciding;
    return t;
}

inline absence unjustified(date d, std::int64_t m) {
    return absence{d, minutes{m}, "unjustified", std::nullopt, std::nullopt};
}
}  // namespace leave_test
