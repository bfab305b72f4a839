#include "time/dates.hpp"

#include <boost/date_time/gregorian/formatters.hpp>

namespace tiaoli::time {
namespace {

constexpr int kMinYear = 1400;  // Date's range
constexpr int kMaxYear = 9999;

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

int completed_years(Date birth, Date on, AgeConvention convention) noexcept {
  if (birth.is_special() || on.is_special() || on < birth) return 0;
  const auto born = birth.year_month_day();  // one conversion each, not one per part
  const auto today = on.year_month_day();
  const int born_year = born.year, born_month = born.month, born_day = born.day;
  const int year = today.year, month = today.month, day = today.day;
  // The birthday in this year; 29 February falls on 1 March in common years.
  const bool leap_day = born_month == 2 && born_day == 29 && !is_leap(year);
  const int birthday_month = leap_day ? 3 : born_month;
  const int birthday_day = leap_day ? 1 : born_day;
  const int order = month != birthday_month ? month - birthday_month : day - birthday_day;
  const bool birthday_passed = convention == AgeConvention::kOnBirthday ? order >= 0 : order > 0;
  const int years = year - born_year - (birthday_passed ? 0 : 1);
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
