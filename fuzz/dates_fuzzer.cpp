// Fuzz target: the small parsers every input goes through: parse_iso_date,
// school_year::parse, decimal::parse (and the yyyymmdd column dates of the
// leave batch). Each accepted value must print back to the text it came
// from (dates, school years) or to an equal value (decimals), and month
// arithmetic on an accepted date must stay inside the calendar or throw.
#include <cstring>
#include <stdexcept>

#include "edurules/core/calendar.hpp"
#include "edurules/core/decimal.hpp"
#include "edurules/leave/batch.hpp"
#include "fuzz_common.hpp"

using namespace edurules;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view s = fuzz::as_text(data, size);

    if (const auto d = parse_iso_date(s)) {
        EDR_FUZZ_CHECK(to_iso(*d) == s, s);
        EDR_FUZZ_CHECK(d->year() >= 1900 && d->year() <= 9999, s);
        // Month steps the rules take (registration periods, reminders): either
        // a date or a clean out-of-range exception from Boost, never UB.
        for (int n : {-1200, -24, -1, 1, 12, 24, 1200}) {
            try {
                const date m = add_months(*d, n, (n & 1) ? month_overflow::clamp : month_overflow::roll_forward);
                EDR_FUZZ_CHECK(!m.is_special(), s);
            } catch (const edurules::error& e) {
                // Past Boost's calendar (1400..9999): an input error, never UB (F3 fixed).
                EDR_FUZZ_CHECK(e.code() == errc::invalid_input, s);
            }
        }
        // The school year of a day from September 9999 on ends in 10000,
        // beyond Boost's calendar: an out_of_range exception (finding F3).
        try {
            EDR_FUZZ_CHECK(school_year::containing(*d).days().contains(*d), s);
        } catch (const std::out_of_range&) {
            EDR_FUZZ_CHECK(d->year() == 9999 && d->month() >= 9, s);
        }
    }

    if (const auto y = school_year::parse(s)) {
        EDR_FUZZ_CHECK(y->name() == s, s);
        EDR_FUZZ_CHECK(y->first_day() < y->last_day(), s);
    }

    if (const auto v = decimal::parse(s)) {
        EDR_FUZZ_CHECK(v->scale >= 0 && v->scale <= decimal::max_scale, s);
        const std::string t = v->to_string();
        const auto back = decimal::parse(t);
        EDR_FUZZ_CHECK(back && *back == *v && back->scale == v->scale, t);
        // The scales the rules read decimals in: points and money (2), whole numbers (0).
#ifdef EDR_FUZZ_MASK_KNOWN  // finding F1 (README): in_scale overflows int64 beyond |m| * 100
        if (v->mantissa > -INT64_MAX / 100 && v->mantissa < INT64_MAX / 100)
#endif
        {
            (void)v->in_scale(0);
            (void)v->in_scale(2);
        }
    }

    // The leave batch's yyyymmdd dates, from the first four bytes.
    if (size >= 4) {
        std::int32_t v;
        std::memcpy(&v, data, 4);
        if (const auto d = leave::batch_impl::yyyymmdd(v)) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "%08d", v);
            const std::string iso = std::string(buf, 4) + "-" + std::string(buf + 4, 2) + "-" + std::string(buf + 6, 2);
            EDR_FUZZ_CHECK(parse_iso_date(iso) == d, iso);
        }
    }
    return 0;
}
