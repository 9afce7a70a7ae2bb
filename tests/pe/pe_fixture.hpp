// Shared fixture for the PE tests: the built-in engine and small builders.
#pragma once

#include <gtest/gtest.h>

#include "edurules/engine.hpp"
#include "edurules/pe/activity.hpp"
#include "edurules/pe/batch.hpp"
#include "edurules/pe/booking.hpp"
#include "edurules/pe/collective.hpp"
#include "edurules/pe/recognition.hpp"
#include "edurules/pe/registration.hpp"
#include "edurules/pe/status.hpp"

namespace pe_test {
using namespace edurules;
using namespace edurules::pe;
using boost::gregorian::date;

inline const engine& builtin_engine() {
    static const engine e;
    return e;
}
inline const pe::rules& R() { return builtin_engine().pe(); }

inline points pts(std::int64_t whole) { return points{whole * 100}; }

inline participant person(std::string seu, std::optional<date> diploma, std::optional<date> activation = std::nullopt) {
    participant p;
    p.seu_number = std::move(seu);
    p.name = "Test " + p.seu_number;
    p.diploma_date = diploma;
    p.activation_date = activation;
    return p;
}

/// Status on `d` from a list of booked points.
inline status status_of(const participant& p, std::vector<booked_points> booked, date d, const pe::rules& r = R()) {
    return status_at(r, registration_facts::of(p), p.track, booked_span{booked}, d);
}

inline activity elearning(std::string id, std::int64_t mins = 60) {
    activity a;
    a.id = std::move(id);
    a.title = "E-learning " + a.id;
    a.form = "e_learning";
    a.net_duration = minutes{mins};
    a.test = test_element{5, 4};
    a.topics = {"arbeidsrecht"};
    return a;
}

inline recognition recog(std::string id, std::string activity_id, date decided,
                         std::optional<points> awarded = pts(1)) {
    recognition r;
    r.id = std::move(id);
    r.activity_id = std::move(activity_id);
    r.decided = decided;
    r.awarded = awarded;
    return r;
}
}  // namespace pe_test
