// Calendar types: dates, inclusive periods, Belgian school years, month
// arithmetic with an explicit end-of-month policy, and exact durations.
#pragma once

#include <array>
#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <climits>
#include <compare>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "edurules/core/error.hpp"

namespace edurules {

/// A calendar date (no time zone). Boost.Date_Time's gregorian date.
using date = boost::gregorian::date;
using day_count = boost::gregorian::date_duration;

/// An exact duration in whole minutes. Attendance is recorded "even with
/// decimals" (docs/rules.md, conventions), so hours are never binary floating point.
struct minutes {
    std::int64_t count = 0;

    constexpr minutes() = default;
    constexpr explicit minutes(std::int64_t n) : count(n) {}
    constexpr auto operator<=>(const minutes&) const = default;
    constexpr minutes& operator+=(minutes o) {
        count += o.count;
        return *this;
    }
    constexpr minutes& operator-=(minutes o) {
        count -= o.count;
        return *this;
    }
    friend constexpr minutes operator+(minutes a, minutes b) { return minutes{a.count + b.count}; }
    friend constexpr minutes operator-(minutes a, minutes b) { return minutes{a.count - b.count}; }
    friend constexpr minutes operator*(minutes a, std::int64_t k) { return minutes{a.count * k}; }
    friend constexpr minutes operator*(std::int64_t k, minutes a) { return minutes{a.count * k}; }
};

/// Minutes in one clock hour: a unit conversion, not a legal number.
inline constexpr std::int64_t minutes_per_hour = 60;

constexpr minutes hours(std::int64_t h) { return minutes{h * minutes_per_hour}; }
constexpr minutes min(minutes a, minutes b) { return a < b ? a : b; }
constexpr minutes max(minutes a, minutes b) { return a < b ? b : a; }

/// What adding months does when the target month is shorter than the start
/// day (e.g. 31 January + 1 month, 29 February + 12 months).
enum class month_overflow {
    clamp,        ///< to the last day of the target month (31 Jan + 1 m = 28/29 Feb)
    roll_forward  ///< to the first day of the following month (29 Feb + 12 m = 1 Mar)
};

/// The date of a Boost day number, built directly: the same value as adding a
/// day_count to a date, without int_adapter's special-value arithmetic.
inline date from_day_number(std::int64_t n) { return date(static_cast<date::date_int_type>(n)); }

/// The years Boost's gregorian calendar covers (dates computed from others
/// may reach back to 1400).
inline constexpr int first_calendar_year = 1400;
inline constexpr int last_calendar_year = 9999;
/// The first year of a date given as text (parse_iso_date): 1900, narrower
/// than the calendar's.
inline constexpr int first_input_year = 1900;

/// Boost's day number (a Julian day number) of y-m-d, for a day known to
/// exist in the calendar: the formula of boost::gregorian::gregorian_calendar::
/// day_number without its field checks.
constexpr std::uint32_t day_number_of(int y, int m, int d) {
    const int a = (14 - m) / 12;
    const int yy = y + 4800 - a;
    const int mm = m + 12 * a - 3;
    return static_cast<std::uint32_t>(d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045);
}

/// A day's year, month and day, as Boost's year_month_day() gives them.
struct civil_day {
    int year;
    int month;  ///< 1..12
    int day;    ///< 1..31
};

/// The year, month and day of a date in Boost's calendar (1400..9999): the
/// inverse of day_number_of, in plain integer arithmetic, where Boost's
/// year_month_day() checks each field as it builds it. The algorithm is
/// C. Neri and L. Schneider's (Euclidean affine functions, "Software:
/// Practice and Experience" 53(4), 2023): days are counted from a March
/// first 82 x 400 years back, so that every quantity is unsigned, and each
/// division by a constant is a multiplication. Same values as Boost (test
/// Calendar.CivilOfEqualsBoostOnEveryDay).
inline civil_day civil_of(date d) {
    constexpr std::uint32_t shift = 82;                           // 400-year cycles moved back
    constexpr std::uint32_t unix_jdn = 2440588;                   // 1970-01-01's Julian day number
    constexpr std::uint32_t from_unix = 719468 + 146097 * shift;  // 1970-01-01 in the shifted count
    const std::uint32_t n = static_cast<std::uint32_t>(d.day_number()) - unix_jdn + from_unix;
    const std::uint32_t n1 = 4 * n + 3;
    const std::uint32_t century = n1 / 146097;
    const std::uint32_t n2 = (n1 % 146097) / 4 * 4 + 3;  // day of the century, x 4 + 3
    const std::uint64_t p2 = std::uint64_t{2939745} * n2;
    const auto year_of_century = static_cast<std::uint32_t>(p2 >> 32);
    const std::uint32_t day_of_year = static_cast<std::uint32_t>(p2) / 2939745 / 4;  // from 1 March
    const std::uint32_t n3 = 2141 * day_of_year + 197913;
    const std::uint32_t month = n3 / 65536, day = (n3 % 65536) / 2141;  // month 3..14
    const std::uint32_t january_on = day_of_year >= 306 ? 1 : 0;        // January and February: the next year
    return civil_day{static_cast<int>(100 * century + year_of_century - 400 * shift + january_on),
                     static_cast<int>(january_on ? month - 12 : month), static_cast<int>(day + 1)};
}

/// Adds `n` months (may be negative) to `d` under an explicit policy.
/// Boost's own month iterator snaps end-of-month dates to the end of month,
/// which is not what legal periods want, so this is done by hand.
inline date add_months(date d, int n, month_overflow policy) {
    const civil_day ymd = civil_of(d);  // one conversion from the day number
    const int ym = ymd.year * 12 + (ymd.month - 1) + n;
    const int y = ym / 12;
    const int m = ym % 12 + 1;
    // Boost's calendar covers 1400..9999: say so as an input problem rather
    // than let its out_of_range escape as an internal error.
    if (y < first_calendar_year || y > last_calendar_year)
        throw error(errc::invalid_input, "",
                    "date arithmetic from " + std::to_string(ymd.year) +
                        " reaches past the calendar (1400-01-01 to 9999-12-31)");
    const int last = boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                                            static_cast<unsigned short>(m));
    // y is within the calendar, m in 1..12 and the day within the month:
    // the day number directly, without Boost's field checks.
    const int day = ymd.day;
    if (day <= last) return from_day_number(day_number_of(y, m, day));
    if (policy == month_overflow::clamp) return from_day_number(day_number_of(y, m, last));
    return from_day_number(day_number_of(y, m, last) + 1);
}

/// `d` plus `n` days (may be negative), refused (errc::invalid_input, as
/// add_months) when it leaves the calendar: Boost adds past 9999-12-31
/// without a word, to a date that has no ISO text.
inline date add_days(date d, std::int64_t n) {
    const std::int64_t day = static_cast<std::int64_t>(d.day_number()) + n;
    if (day < static_cast<std::int64_t>(day_number_of(first_calendar_year, 1, 1)) ||
        day > static_cast<std::int64_t>(day_number_of(last_calendar_year, 12, 31)))
        throw error(errc::invalid_input, "",
                    "date arithmetic from " + std::to_string(civil_of(d).year) +
                        " reaches past the calendar (1400-01-01 to 9999-12-31)");
    return from_day_number(static_cast<date::date_int_type>(day));
}

inline date next_day(date d) { return d + day_count(1); }
inline date prev_day(date d) { return d - day_count(1); }

/// An inclusive period [first, last]. Empty when last < first.
struct period {
    date first;
    date last;

    bool empty() const { return last < first; }
    bool contains(date d) const { return first <= d && d <= last; }
    bool overlaps(const period& o) const { return first <= o.last && o.first <= last; }
    /// Number of days in the period, both ends included.
    std::int64_t days() const { return empty() ? 0 : (last - first).days() + 1; }
    period intersect(const period& o) const {
        return period{first < o.first ? o.first : first, last < o.last ? last : o.last};
    }
    bool operator==(const period&) const = default;

    /// The period of `months` months starting on `start`: it ends the day
    /// before the same day `months` later (under `policy`).
    static period of_months(date start, int months, month_overflow policy) {
        return period{start, prev_day(add_months(start, months, policy))};
    }
};

/// A Belgian school year: 1 September to 31 August, named "2019-2020" (docs/rules.md
/// conventions). Identified by the calendar year in which it starts.
class school_year {
public:
    constexpr school_year() = default;
    constexpr explicit school_year(int start_year)
        : start_year_(start_year),
          first_(september_first(start_year)),
          next_first_(start_year <= last_calendar_year ? september_first(start_year + 1) : 0) {}

    static school_year containing(date d) {
        if (d.is_special()) [[unlikely]] {  // Boost's fields (they throw), as before
            const int y = d.year();
            return school_year(d.month() >= boost::gregorian::Sep ? y : y - 1);
        }
        // one conversion from the day number, where Boost's year() and month() make two
        const civil_day c = civil_of(d);
        return school_year(c.month >= boost::gregorian::Sep ? c.year : c.year - 1);
    }
    /// Parses "2019-2020"; returns nullopt unless the second year follows the first.
    static std::optional<school_year> parse(std::string_view s) {
        if (s.size() != 9 || s[4] != '-') return std::nullopt;
        int a = 0, b = 0;
        for (int i = 0; i < 4; ++i) {
            if (s[i] < '0' || s[i] > '9' || s[5 + i] < '0' || s[5 + i] > '9') return std::nullopt;
            a = a * 10 + (s[i] - '0');
            b = b * 10 + (s[5 + i] - '0');
        }
        if (b != a + 1 || a < 1901 || a > 9998) return std::nullopt;
        return school_year(a);
    }

    constexpr int start_year() const { return start_year_; }
    /// 1 September of the start year. From the day number worked out when the
    /// school year was made (a rule reads it many times per decision, and
    /// Boost's year-month-day constructor checks every field each time);
    /// outside Boost's calendar the checked constructor runs and throws as before.
    date first_day() const {
        if (start_year_ < first_calendar_year || start_year_ > last_calendar_year) [[unlikely]]
            return checked_day(start_year_, boost::gregorian::Sep, 1);
        return from_day_number(first_);
    }
    /// 31 August of the following year (built like first_day).
    date last_day() const {
        if (start_year_ < first_calendar_year || start_year_ + 1 > last_calendar_year) [[unlikely]]
            return checked_day(start_year_ + 1, boost::gregorian::Aug, 31);
        return from_day_number(next_first_ - 1);
    }
    period days() const { return period{first_day(), last_day()}; }
    school_year next() const { return school_year(start_year_ + 1); }
    school_year prev() const { return school_year(start_year_ - 1); }
    std::string name() const { return std::to_string(start_year_) + "-" + std::to_string(start_year_ + 1); }
    constexpr auto operator<=>(const school_year&) const = default;

private:
    /// Boost's checked constructor (throws std::out_of_range outside its calendar).
    [[gnu::noinline]] static date checked_day(int y, int m, int d) {
        return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
    }
    /// Boost's day number of 1 September of year y; 0 outside the calendar (never read there).
    static constexpr std::uint32_t september_first(int y) {
        return y >= first_calendar_year && y <= last_calendar_year + 1 ? day_number_of(y, 9, 1) : 0;
    }
    int start_year_ = 0;
    std::uint32_t first_ = 0;       ///< Boost's day number of 1 September of start_year_
    std::uint32_t next_first_ = 0;  ///< and of the year after (the day after the last day)
};

/// Writes the ISO 8601 text (YYYY-MM-DD, 10 chars) of a date that is not special to `out`.
inline void write_iso(date d, char* out) {
    // two digits at a time from a table of "00" .. "99" (years 1400..9999 have four)
    static constexpr auto pairs = [] {
        std::array<char, 200> t{};
        for (std::size_t i = 0; i < 100; ++i) {
            t[2 * i] = static_cast<char>('0' + i / 10);
            t[2 * i + 1] = static_cast<char>('0' + i % 10);
        }
        return t;
    }();
    const civil_day ymd = civil_of(d);
    const auto y = static_cast<unsigned>(ymd.year);
    auto put2 = [&](std::size_t at, unsigned v) { std::memcpy(out + at, pairs.data() + 2 * v, 2); };
    put2(0, y / 100);
    put2(2, y % 100);
    out[4] = '-';
    put2(5, static_cast<unsigned>(ymd.month));
    out[7] = '-';
    put2(8, static_cast<unsigned>(ymd.day));
}

/// ISO 8601 calendar date text (YYYY-MM-DD).
inline std::string to_iso(date d) {
    if (d.is_special()) return "not-a-date";
    std::string out(10, '-');
    write_iso(d, out.data());
    return out;
}

/// Parses a strict ISO 8601 calendar date `YYYY-MM-DD` within years 1900..9999.
/// Returns nullopt for anything else (wrong shape, 2023-02-30, year 0001).
inline std::optional<date> parse_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto digits = [&](std::size_t pos, std::size_t n, int& out) {
        out = 0;
        for (std::size_t i = pos; i < pos + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y = 0, m = 0, d = 0;
    if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
    // Boost's gregorian calendar supports 1400..9999; we accept 1900..9999.
    if (y < first_input_year || m < 1 || m > 12 || d < 1) return std::nullopt;
    const int last = boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                                            static_cast<unsigned short>(m));
    if (d > last) return std::nullopt;
    return from_day_number(day_number_of(y, m, d));  // checked above: no second check in boost's constructor
}

/// The one day encoding of every batch column (C++, C ABI, Python): days
/// since 1970-01-01 (the Unix epoch, like numpy's datetime64[D]); `no_day`
/// marks a missing date.
inline constexpr std::int32_t no_day = INT32_MIN;

/// Boost's day number of 1970-01-01 (its day numbers are Julian day numbers).
inline const std::int64_t epoch_day_number = static_cast<std::int64_t>(date(1970, 1, 1).day_number());
inline const date epoch_date(1970, 1, 1);
/// Built from the day number directly (no year-month-day conversion, no
/// special-value checks), which keeps this cheap in batch loops.
inline date epoch_day(std::int32_t days) { return from_day_number(epoch_day_number + days); }
inline std::int32_t to_epoch_day(date d) {
    return static_cast<std::int32_t>(static_cast<std::int64_t>(d.day_number()) - epoch_day_number);
}

}  // namespace edurules
