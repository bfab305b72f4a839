#include "time/dates.hpp"

#include <boost/date_time/gregorian/formatters.hpp>

namespace tiaoli::time {
namespace {

constexpr int kMinYear = 1400;  // Date's range
constexpr int kMaxYear = 9999;
constexpr std::int64_t kFirstDay = -208188;  // 1400-01-01, in days since 1970-01-01
constexpr std::int64_t kLastDay = 2932896;   // 9999-12-31

bool is_leap(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) noexcept {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Only called with a validated year, month and day, so Boost's range checks never throw.
Date make_date(int year, int month, int day) noexcept {
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
              static_cast<unsigned short>(day));
}

struct YearMonth {
  int year;
  int month;
};

std::optional<YearMonth> shift_months(int year, int month, long months) noexcept {
  const long index = year * 12L + (month - 1) + months;
  const long shifted_year = index >= 0 ? index / 12 : -((-index + 11) / 12);
  if (shifted_year < kMinYear || shifted_year > kMaxYear) return std::nullopt;
  return YearMonth{static_cast<int>(shifted_year), static_cast<int>(index - shifted_year * 12) + 1};
}

int digits(std::string_view text, std::size_t pos, std::size_t count) noexcept {
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<Date> parse_iso_date(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int year = digits(text, 0, 4);
  const int month = digits(text, 5, 2);
  const int day = digits(text, 8, 2);
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return make_date(year, month, day);
}

std::string format_iso_date(Date d) { return boost::gregorian::to_iso_extended_string(d); }

namespace {

// Completed years from `born` to `today` (today >= born).
int completed_years(const Civil& born, const Civil& today, AgeConvention convention) noexcept {
  // The birthday in this year; 29 February falls on 1 March in common years.
  const bool leap_day = born.month == 2 && born.day == 29 && !is_leap(today.year);
  const int birthday_month = leap_day ? 3 : born.month;
  const int birthday_day = leap_day ? 1 : born.day;
  const int order =
      today.month != birthday_month ? today.month - birthday_month : today.day - birthday_day;
  const bool birthday_passed = convention == AgeConvention::kOnBirthday ? order >= 0 : order > 0;
  const int years = today.year - born.year - (birthday_passed ? 0 : 1);
  return years < 0 ? 0 : years;
}

// Neri–Schneider (see civil_from_days) for days from about year -32800 (where n in march_year
// would turn negative) to 9999.
constexpr std::uint32_t kShift = 82;  // 400-year cycles added so that n stays positive
constexpr std::int64_t kOffset = 719468 + 146097 * kShift;

bool in_neri_schneider_range(std::int64_t days) noexcept {
  return days >= -kOffset && days <= kLastDay;
}

// Neri–Schneider's first steps: the year that began on the 1 March on or before `days`, and the day
// counted from that 1 March (0 … 365; 306 and after: January and February of the next year).
struct MarchYear {
  int year;
  std::uint32_t day_of_year;
};

MarchYear march_year(std::int64_t days) noexcept {
  const auto n = static_cast<std::uint32_t>(days + kOffset);
  const std::uint32_t n1 = 4 * n + 3;
  const std::uint32_t century = n1 / 146097;
  const std::uint32_t n2 = n1 % 146097 / 4 * 4 + 3;
  const std::uint64_t p2 = std::uint64_t{2939745} * n2;
  const auto year_of_century = static_cast<std::uint32_t>(p2 >> 32);
  return {static_cast<int>(100 * century + year_of_century) - static_cast<int>(400 * kShift),
          static_cast<std::uint32_t>(p2) / 2939745 / 4};
}

}  // namespace

// In in_neri_schneider_range: C. Neri and L. Schneider,
// "Euclidean affine functions and their application to calendar algorithms" (2022), a few
// multiplications and shifts, no division. Other days: H. Hinnant's civil_from_days.
Civil civil_from_days(std::int64_t days) noexcept {
  if (in_neri_schneider_range(days)) {
    const MarchYear march = march_year(days);
    const std::uint32_t n3 = 2141 * march.day_of_year + 197913;
    const std::uint32_t month = n3 >> 16;  // March = 3 ... February = 14
    const std::uint32_t day = (n3 & 0xffff) / 2141 + 1;
    const bool january_or_february = march.day_of_year >= 306;
    return Civil{march.year + (january_or_february ? 1 : 0),
                 static_cast<int>(january_or_february ? month - 12 : month), static_cast<int>(day)};
  }
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<std::uint32_t>(days - era * 146097);
  const std::uint32_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::uint32_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::uint32_t shifted_month = (5 * day_of_year + 2) / 153;  // March = 0
  const auto day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const auto month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  const auto year = static_cast<int>(static_cast<std::int64_t>(year_of_era) + era * 400);
  return Civil{month <= 2 ? year + 1 : year, month, day};
}

bool day_in_date_range(std::int64_t days) noexcept { return days >= kFirstDay && days <= kLastDay; }

int date_part_of_days(std::int64_t days, int part) noexcept {
  const Civil civil = civil_from_days(days);
  return part == 0 ? civil.year : part == 1 ? civil.month : civil.day;
}

int completed_years(Date birth, Date on, AgeConvention convention) noexcept {
  if (birth.is_special() || on.is_special() || on < birth) return 0;
  const auto born = birth.year_month_day();  // one conversion each, not one per part
  const auto today = on.year_month_day();
  return completed_years(Civil{born.year, born.month, born.day},
                         Civil{today.year, today.month, today.day}, convention);
}

namespace {

// A day as its year and the order of its (month, day) in any year: 1 January = 0 … 28 February
// = 58, 29 February = 59, 1 March = 60 … 31 December = 365, leap year or not.
struct YearAndOrdinal {
  int year;
  int ordinal;
};

YearAndOrdinal year_and_ordinal(std::int64_t days) noexcept {
  if (in_neri_schneider_range(days)) {
    const MarchYear march = march_year(days);
    const auto day_of_year = static_cast<int>(march.day_of_year);
    const bool january_or_february = day_of_year >= 306;
    return {march.year + (january_or_february ? 1 : 0),
            january_or_february ? day_of_year - 306 : day_of_year + 60};
  }
  constexpr int kBefore[] = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335};
  Civil civil = civil_from_days(days);
  return {civil.year, kBefore[civil.month - 1] + civil.day - 1};
}

}  // namespace

int completed_years_from_days(std::int64_t birth, std::int64_t on,
                              AgeConvention convention) noexcept {
  if (on < birth) return 0;
  const YearAndOrdinal born = year_and_ordinal(birth);
  const YearAndOrdinal today = year_and_ordinal(on);
  // The birthday in this year; 29 February falls on 1 March in common years.
  const int birthday = born.ordinal == 59 && !is_leap(today.year) ? 60 : born.ordinal;
  const bool passed = convention == AgeConvention::kOnBirthday ? today.ordinal >= birthday
                                                               : today.ordinal > birthday;
  const int years = today.year - born.year - (passed ? 0 : 1);
  return years < 0 ? 0 : years;
}

Date add_months_clamped(Date d, int months) noexcept {
  if (d.is_special()) return Date();
  const auto target = shift_months(d.year(), d.month(), months);
  if (!target) return Date();
  const int last = days_in_month(target->year, target->month);
  const int day = d.day();
  return make_date(target->year, target->month, day < last ? day : last);
}

Date term_last_day(Date start, int years, int months) noexcept {
  const long total = years * 12L + months;
  if (start.is_special() || total < 1) return start;
  const auto end = shift_months(start.year(), start.month(), total);
  if (!end) return Date();
  const int last = days_in_month(end->year, end->month);
  if (start.day() > last) return make_date(end->year, end->month, last);
  const Date corresponding = make_date(end->year, end->month, start.day());
  // The day before 1400-01-01 cannot occur: the end month is always after the start month.
  return corresponding - boost::gregorian::days(1);
}

int quarter_of(Date d) noexcept { return d.is_special() ? 0 : (d.month() - 1) / 3 + 1; }

Date quarter_end(Date d) noexcept {
  if (d.is_special()) return d;
  const int month = quarter_of(d) * 3;
  return make_date(d.year(), month, days_in_month(d.year(), month));
}

Date year_end(Date d) noexcept {
  if (d.is_special()) return d;
  return make_date(d.year(), 12, 31);
}

bool is_quarter_end(Date d) noexcept { return !d.is_special() && d == quarter_end(d); }

bool is_year_end(Date d) noexcept { return !d.is_special() && d.month() == 12 && d.day() == 31; }

long days_between(Date from, Date to) noexcept { return static_cast<long>((to - from).days()); }

}  // namespace tiaoli::time
