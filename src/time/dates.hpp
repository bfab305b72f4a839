// Pure date functions for rule evaluation: ISO dates, ages (周岁), contract terms, quarter and
// year ends.
//
// Dates are boost::gregorian::date, which represents 1400-01-01 .. 9999-12-31. No function here
// throws. A function whose result would fall outside that range returns a not-a-date-time value
// (Date().is_not_a_date() is true); arguments are expected to be ordinary dates, not special
// values (not-a-date-time, +/-infinity).
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tiaoli::time {

using Date = boost::gregorian::date;

// Strict ISO 8601 calendar date "YYYY-MM-DD": exactly 4-2-2 ASCII digits, a real date
// (2026-02-30 and 2025-02-29 are rejected), year 1400..9999 (the range of Date).
std::optional<Date> parse_iso_date(std::string_view text) noexcept;

// "YYYY-MM-DD"; special values are rendered as Boost names them ("not-a-date-time", ...).
std::string format_iso_date(Date d);

// When a person reaches N 周岁.
enum class AgeConvention {
  kOnBirthday,        // N from the Nth birthday on (the default).
  kDayAfterBirthday,  // N from the day after the Nth birthday (Supreme People's Court reading).
};

// Completed years of age (周岁) on `on` for someone born on `birth`. A 29 February birthday falls
// on 1 March in common years. Returns 0 before the first birthday, and also when `on` < `birth`.
int completed_years(Date birth, Date on,
                    AgeConvention convention = AgeConvention::kOnBirthday) noexcept;
// A date as year, month (1-12) and day.
struct Civil {
  int year;
  int month;
  int day;
};
// Days since 1970-01-01 (tiaoli::Date::days) as a proleptic Gregorian date; any day.
Civil civil_from_days(std::int64_t days) noexcept;

// Whether day `days` (since 1970-01-01) falls in the years 1400 to 9999 that dates can have.
bool day_in_date_range(std::int64_t days) noexcept;
// The year (part 0), month (1) or day (2) of day `days` since 1970-01-01.
int date_part_of_days(std::int64_t days, int part) noexcept;

// The same for dates given as days since 1970-01-01 (tiaoli::Date::days), converted without
// Boost: what evaluation uses.
int completed_years_from_days(std::int64_t birth, std::int64_t on,
                              AgeConvention convention = AgeConvention::kOnBirthday) noexcept;

// The corresponding day `months` months later (earlier if negative), clamped to the end of the
// target month: 2025-01-31 + 1 month = 2025-02-28.
Date add_months_clamped(Date d, int months) noexcept;

// The last day of a term of `years` years plus `months` months that starts on (and includes)
// `start`, as labour contracts write it: the day before the corresponding day of the end month, or
// the end month's last day when it has no corresponding day (民法典 第二百零二条).
// 2025-03-01 + 1 year -> 2026-02-28; 2025-01-31 + 1 month -> 2025-02-28.
// Precondition: years * 12 + months >= 1 (callers check); returns `start` otherwise.
Date term_last_day(Date start, int years, int months) noexcept;

int quarter_of(Date d) noexcept;  // 1..4 (0 for a special value)
Date quarter_end(Date d) noexcept;
Date year_end(Date d) noexcept;
bool is_quarter_end(Date d) noexcept;
bool is_year_end(Date d) noexcept;

// to - from in days; negative when `to` is before `from`.
long days_between(Date from, Date to) noexcept;

}  // namespace tiaoli::time
