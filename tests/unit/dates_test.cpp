#include "time/dates.hpp"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/formatters.hpp>
#include <vector>

namespace tiaoli::time {
namespace {

Date d(const char* text) {
  const auto parsed = parse_iso_date(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(Date());
}

constexpr auto kOn = AgeConvention::kOnBirthday;
constexpr auto kAfter = AgeConvention::kDayAfterBirthday;

TEST(ParseIsoDate, AcceptsRealDates) {
  EXPECT_EQ(parse_iso_date("2026-03-01"), Date(2026, 3, 1));
  EXPECT_EQ(parse_iso_date("2024-02-29"), Date(2024, 2, 29));
  EXPECT_EQ(parse_iso_date("2000-02-29"), Date(2000, 2, 29));
  EXPECT_EQ(parse_iso_date("2025-12-31"), Date(2025, 12, 31));
  EXPECT_EQ(parse_iso_date("1400-01-01"), Date(1400, 1, 1));
  EXPECT_EQ(parse_iso_date("9999-12-31"), Date(9999, 12, 31));
}

TEST(ParseIsoDate, RejectsDatesThatDoNotExist) {
  EXPECT_EQ(parse_iso_date("2026-02-30"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2025-02-29"), std::nullopt);
  EXPECT_EQ(parse_iso_date("1900-02-29"), std::nullopt);  // century, not leap
  EXPECT_EQ(parse_iso_date("2025-04-31"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2026-13-01"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2026-00-10"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2026-01-00"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2026-01-32"), std::nullopt);
  EXPECT_EQ(parse_iso_date("0000-01-01"), std::nullopt);
  EXPECT_EQ(parse_iso_date("1399-12-31"), std::nullopt);  // before Date's range
}

TEST(ParseIsoDate, RejectsOtherShapes) {
  EXPECT_EQ(parse_iso_date("2026-2-3"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2026-02-3"), std::nullopt);
  EXPECT_EQ(parse_iso_date("garbage"), std::nullopt);
  EXPECT_EQ(parse_iso_date("garbage!!!"), std::nullopt);  // right length
  EXPECT_EQ(parse_iso_date(""), std::nullopt);
  EXPECT_EQ(parse_iso_date("2026/03/01"), std::nullopt);
  EXPECT_EQ(parse_iso_date("20260301"), std::nullopt);
  EXPECT_EQ(parse_iso_date(" 2026-03-01"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2026-03-01 "), std::nullopt);
  EXPECT_EQ(parse_iso_date("2026-03-01T00:00"), std::nullopt);
  EXPECT_EQ(parse_iso_date("+026-03-01"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2026-+3-01"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2026-03--1"), std::nullopt);
  EXPECT_EQ(parse_iso_date(std::string_view("2026-03-0\0", 10)), std::nullopt);
}

TEST(FormatIsoDate, PadsAndRoundTrips) {
  EXPECT_EQ(format_iso_date(Date(2026, 3, 1)), "2026-03-01");
  EXPECT_EQ(format_iso_date(Date(1400, 1, 9)), "1400-01-09");
  for (const char* text : {"2024-02-29", "2025-12-31", "2026-01-01"}) {
    EXPECT_EQ(format_iso_date(d(text)), text);
  }
}

TEST(CompletedYears, DayBeforeOnAndAfterBirthday) {
  const Date birth = d("1990-05-01");
  EXPECT_EQ(completed_years(birth, d("2026-04-30"), kOn), 35);
  EXPECT_EQ(completed_years(birth, d("2026-05-01"), kOn), 36);
  EXPECT_EQ(completed_years(birth, d("2026-05-02"), kOn), 36);
  EXPECT_EQ(completed_years(birth, d("2026-04-30"), kAfter), 35);
  EXPECT_EQ(completed_years(birth, d("2026-05-01"), kAfter), 35);
  EXPECT_EQ(completed_years(birth, d("2026-05-02"), kAfter), 36);
}

TEST(CompletedYears, DefaultConventionIsOnBirthday) {
  EXPECT_EQ(completed_years(d("2008-03-15"), d("2026-03-15")), 18);
  EXPECT_EQ(completed_years(d("2008-03-15"), d("2026-03-14")), 17);
}

TEST(CompletedYears, LeapDayBirthInCommonYearFallsOnFirstOfMarch) {
  const Date birth = d("2008-02-29");
  EXPECT_EQ(completed_years(birth, d("2026-02-28"), kOn), 17);
  EXPECT_EQ(completed_years(birth, d("2026-03-01"), kOn), 18);
  EXPECT_EQ(completed_years(birth, d("2026-02-28"), kAfter), 17);
  EXPECT_EQ(completed_years(birth, d("2026-03-01"), kAfter), 17);
  EXPECT_EQ(completed_years(birth, d("2026-03-02"), kAfter), 18);
}

TEST(CompletedYears, LeapDayBirthInLeapYearFallsOn29February) {
  const Date birth = d("2008-02-29");
  EXPECT_EQ(completed_years(birth, d("2028-02-28"), kOn), 19);
  EXPECT_EQ(completed_years(birth, d("2028-02-29"), kOn), 20);
  EXPECT_EQ(completed_years(birth, d("2028-02-29"), kAfter), 19);
  EXPECT_EQ(completed_years(birth, d("2028-03-01"), kAfter), 20);
}

TEST(CompletedYears, FirstOfMarchBirthInLeapYear) {
  const Date birth = d("2007-03-01");
  EXPECT_EQ(completed_years(birth, d("2024-02-29"), kOn), 16);
  EXPECT_EQ(completed_years(birth, d("2024-03-01"), kOn), 17);
}

TEST(CompletedYears, ExactlySixtyAndTheSixtyFirstBirthday) {
  const Date birth = d("1966-03-15");
  EXPECT_EQ(completed_years(birth, d("2026-03-14"), kOn), 59);
  EXPECT_EQ(completed_years(birth, d("2026-03-15"), kOn), 60);
  EXPECT_EQ(completed_years(birth, d("2027-03-14"), kOn), 60);
  EXPECT_EQ(completed_years(birth, d("2027-03-15"), kOn), 61);
  EXPECT_EQ(completed_years(birth, d("2026-03-15"), kAfter), 59);
  EXPECT_EQ(completed_years(birth, d("2026-03-16"), kAfter), 60);
  EXPECT_EQ(completed_years(birth, d("2027-03-15"), kAfter), 60);
  EXPECT_EQ(completed_years(birth, d("2027-03-16"), kAfter), 61);
}

TEST(CompletedYears, AcrossYearEnd) {
  EXPECT_EQ(completed_years(d("2007-12-31"), d("2025-12-30"), kOn), 17);
  EXPECT_EQ(completed_years(d("2007-12-31"), d("2025-12-31"), kOn), 18);
  EXPECT_EQ(completed_years(d("2007-12-31"), d("2025-12-31"), kAfter), 17);
  EXPECT_EQ(completed_years(d("2007-12-31"), d("2026-01-01"), kAfter), 18);
  EXPECT_EQ(completed_years(d("2008-01-01"), d("2025-12-31"), kOn), 17);
  EXPECT_EQ(completed_years(d("2008-01-01"), d("2026-01-01"), kOn), 18);
}

TEST(CompletedYears, ZeroBeforeFirstBirthdayAndBeforeBirth) {
  const Date birth = d("2025-06-10");
  EXPECT_EQ(completed_years(birth, birth, kOn), 0);
  EXPECT_EQ(completed_years(birth, birth, kAfter), 0);
  EXPECT_EQ(completed_years(birth, d("2026-06-09"), kOn), 0);
  EXPECT_EQ(completed_years(birth, d("2026-06-10"), kOn), 1);
  EXPECT_EQ(completed_years(birth, d("2026-06-10"), kAfter), 0);
  EXPECT_EQ(completed_years(birth, d("2025-06-09"), kOn), 0);
  EXPECT_EQ(completed_years(birth, d("2000-01-01"), kAfter), 0);
}

// completed_years_from_days converts days itself (no Boost); it must agree with the Boost-based
// version on every birth date of 1400..9999 sampled every 97 days and on every day of four
// windows around 29 February and the year end, under both conventions.
TEST(CompletedYears, FromDaysAgreesWithBoostDates) {
  const Date epoch(1970, 1, 1);
  auto days = [&epoch](Date date) { return (date - epoch).days(); };
  std::vector<Date> on_dates;
  for (const char* start : {"2024-02-20", "2026-02-20", "2100-02-20", "2026-12-25"}) {
    for (int i = 0; i < 15; ++i) on_dates.push_back(d(start) + boost::gregorian::days(i));
  }
  on_dates.push_back(d("1400-01-01"));
  on_dates.push_back(d("9999-12-31"));
  int compared = 0;
  for (Date birth = d("1400-01-01"); birth <= d("9999-12-31") - boost::gregorian::days(97);
       birth += boost::gregorian::days(97)) {
    for (Date on : on_dates) {
      for (auto convention : {kOn, kAfter}) {
        ASSERT_EQ(completed_years_from_days(days(birth), days(on), convention),
                  completed_years(birth, on, convention))
            << boost::gregorian::to_iso_extended_string(birth) << " on "
            << boost::gregorian::to_iso_extended_string(on);
        ++compared;
      }
    }
  }
  for (Date birth = d("2004-02-25"); birth <= d("2008-03-05"); birth += boost::gregorian::days(1)) {
    for (Date on : on_dates) {
      for (auto convention : {kOn, kAfter}) {
        ASSERT_EQ(completed_years_from_days(days(birth), days(on), convention),
                  completed_years(birth, on, convention));
      }
    }
  }
  EXPECT_GT(compared, 1000000);
  EXPECT_EQ(completed_years_from_days(days(d("2008-02-29")), days(d("2026-02-28")), kOn), 17);
  EXPECT_EQ(completed_years_from_days(days(d("2008-02-29")), days(d("2026-03-01")), kOn), 18);
  EXPECT_EQ(completed_years_from_days(days(d("2008-02-29")), days(d("2026-03-01")), kAfter), 17);
}

// Beyond Boost's years (after 9999, and before about year -32800, where completed_years_from_days
// takes its other path), it agrees with 周岁 counted from civil_from_days' year, month and day.
TEST(CompletedYears, FromDaysBeyondBoostsYears) {
  auto reference = [](std::int64_t birth, std::int64_t on, AgeConvention convention) {
    Civil b = civil_from_days(birth);
    Civil t = civil_from_days(on);
    bool leap = (t.year % 4 == 0 && t.year % 100 != 0) || t.year % 400 == 0;
    int month = b.month == 2 && b.day == 29 && !leap ? 3 : b.month;
    int day = b.month == 2 && b.day == 29 && !leap ? 1 : b.day;
    int order = t.month != month ? t.month - month : t.day - day;
    bool passed = convention == kOn ? order >= 0 : order > 0;
    int years = t.year - b.year - (passed ? 0 : 1);
    return on < birth || years < 0 ? 0 : years;
  };
  int compared = 0;
  for (std::int64_t start : {std::int64_t{2'930'000}, std::int64_t{-12'720'000}}) {
    for (std::int64_t birth = start; birth < start + 1500; birth += 7) {
      for (std::int64_t on = birth; on < birth + 30'000; on += 13) {
        for (auto convention : {kOn, kAfter}) {
          ASSERT_EQ(completed_years_from_days(birth, on, convention),
                    reference(birth, on, convention))
              << birth << " " << on;
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 900'000);
}

// civil_from_days against Boost on every day of 1400-9999, and, around where it changes method
// (about year -32800, and 9999-12-31) and around 1970, each day is the one after the previous.
TEST(CivilFromDays, EveryDayIsTheDayAfterThePrevious) {
  const Date epoch(1970, 1, 1);
  for (Date day = d("1400-01-01"); day <= d("9999-12-31"); day += boost::gregorian::days(1)) {
    Civil civil = civil_from_days((day - epoch).days());
    auto ymd = day.year_month_day();
    ASSERT_EQ(civil.year, ymd.year);
    ASSERT_EQ(civil.month, ymd.month);
    ASSERT_EQ(civil.day, ymd.day);
  }
  auto leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
  for (std::int64_t middle : {-12'699'422, 0, 2'932'896}) {
    Civil previous = civil_from_days(middle - 400'000);
    for (std::int64_t days = middle - 400'000 + 1; days <= middle + 400'000; ++days) {
      Civil civil = civil_from_days(days);
      constexpr int kLength[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      int length = previous.month == 2 && leap(previous.year) ? 29 : kLength[previous.month - 1];
      Civil expected = previous.day < length
                           ? Civil{previous.year, previous.month, previous.day + 1}
                       : previous.month < 12 ? Civil{previous.year, previous.month + 1, 1}
                                             : Civil{previous.year + 1, 1, 1};
      ASSERT_TRUE(civil.year == expected.year && civil.month == expected.month &&
                  civil.day == expected.day)
          << days << ": " << civil.year << "-" << civil.month << "-" << civil.day;
      previous = civil;
    }
  }
  Civil epoch_day = civil_from_days(0);
  EXPECT_TRUE(epoch_day.year == 1970 && epoch_day.month == 1 && epoch_day.day == 1);
}

TEST(DayInDateRange, IsTheYears1400To9999) {
  const Date epoch(1970, 1, 1);
  auto days = [&epoch](const char* iso) { return (d(iso) - epoch).days(); };
  EXPECT_TRUE(day_in_date_range(days("1400-01-01")));
  EXPECT_FALSE(day_in_date_range(days("1400-01-01") - 1));
  EXPECT_TRUE(day_in_date_range(days("9999-12-31")));
  EXPECT_FALSE(day_in_date_range(days("9999-12-31") + 1));
  EXPECT_EQ(date_part_of_days(days("2028-02-29"), 0), 2028);
  EXPECT_EQ(date_part_of_days(days("2028-02-29"), 1), 2);
  EXPECT_EQ(date_part_of_days(days("2028-02-29"), 2), 29);
}

TEST(AddMonthsClamped, ClampsToMonthEnd) {
  EXPECT_EQ(add_months_clamped(d("2025-01-31"), 1), d("2025-02-28"));
  EXPECT_EQ(add_months_clamped(d("2024-01-31"), 1), d("2024-02-29"));
  EXPECT_EQ(add_months_clamped(d("2025-03-31"), 1), d("2025-04-30"));
  EXPECT_EQ(add_months_clamped(d("2025-03-31"), -1), d("2025-02-28"));
  EXPECT_EQ(add_months_clamped(d("2024-02-29"), 12), d("2025-02-28"));
  EXPECT_EQ(add_months_clamped(d("2025-11-30"), 3), d("2026-02-28"));
  EXPECT_EQ(add_months_clamped(d("2025-02-28"), 1), d("2025-03-28"));  // not snapped to month end
  EXPECT_EQ(add_months_clamped(d("2026-01-15"), -13), d("2024-12-15"));
  EXPECT_EQ(add_months_clamped(d("2026-01-15"), 0), d("2026-01-15"));
}

TEST(AddMonthsClamped, OutsideDateRangeIsNotADate) {
  EXPECT_TRUE(add_months_clamped(d("9999-12-01"), 1).is_not_a_date());
  EXPECT_TRUE(add_months_clamped(d("1400-01-31"), -1).is_not_a_date());
  EXPECT_TRUE(add_months_clamped(Date(), 1).is_not_a_date());
}

TEST(TermLastDay, ExamplesFromTheBrief) {
  EXPECT_EQ(term_last_day(d("2025-03-01"), 1, 0), d("2026-02-28"));
  EXPECT_EQ(term_last_day(d("2023-03-01"), 1, 0), d("2024-02-29"));
  EXPECT_EQ(term_last_day(d("2024-02-29"), 1, 0), d("2025-02-28"));
  EXPECT_EQ(term_last_day(d("2025-01-31"), 0, 1), d("2025-02-28"));
  EXPECT_EQ(term_last_day(d("2025-03-31"), 0, 1), d("2025-04-30"));
  EXPECT_EQ(term_last_day(d("2025-01-15"), 0, 1), d("2025-02-14"));
  EXPECT_EQ(term_last_day(d("2024-12-01"), 1, 0), d("2025-11-30"));
}

TEST(TermLastDay, LeapYears) {
  EXPECT_EQ(term_last_day(d("2024-02-29"), 4, 0), d("2028-02-28"));  // 2028-02-29 exists
  EXPECT_EQ(term_last_day(d("2025-03-01"), 3, 0), d("2028-02-29"));
  EXPECT_EQ(term_last_day(d("2024-01-31"), 0, 1), d("2024-02-29"));  // no 02-31: month end
  EXPECT_EQ(term_last_day(d("2024-01-29"), 0, 1), d("2024-02-28"));  // 02-29 exists
  EXPECT_EQ(term_last_day(d("2025-01-29"), 0, 1), d("2025-02-28"));  // no 02-29: month end
}

TEST(TermLastDay, MonthEnds) {
  EXPECT_EQ(term_last_day(d("2025-03-30"), 0, 1), d("2025-04-29"));  // 04-30 exists
  EXPECT_EQ(term_last_day(d("2025-08-31"), 0, 1), d("2025-09-30"));
  EXPECT_EQ(term_last_day(d("2025-12-31"), 0, 2), d("2026-02-28"));
  EXPECT_EQ(term_last_day(d("2025-01-01"), 1, 0), d("2025-12-31"));  // ends on a year end
  EXPECT_EQ(term_last_day(d("2025-07-01"), 0, 6), d("2025-12-31"));
}

TEST(TermLastDay, YearsAndMonthsCombine) {
  EXPECT_EQ(term_last_day(d("2025-09-01"), 0, 6), d("2026-02-28"));
  EXPECT_EQ(term_last_day(d("2025-03-01"), 1, 6), d("2026-08-31"));
  EXPECT_EQ(term_last_day(d("2025-03-01"), 0, 12), term_last_day(d("2025-03-01"), 1, 0));
}

TEST(TermLastDay, EmptyTermReturnsStart) {
  EXPECT_EQ(term_last_day(d("2025-03-01"), 0, 0), d("2025-03-01"));
  EXPECT_EQ(term_last_day(d("2025-03-01"), 0, -1), d("2025-03-01"));
  EXPECT_TRUE(term_last_day(d("9999-06-01"), 1, 0).is_not_a_date());
}

TEST(Quarters, QuarterOf) {
  EXPECT_EQ(quarter_of(d("2026-01-01")), 1);
  EXPECT_EQ(quarter_of(d("2026-03-31")), 1);
  EXPECT_EQ(quarter_of(d("2026-04-01")), 2);
  EXPECT_EQ(quarter_of(d("2026-06-30")), 2);
  EXPECT_EQ(quarter_of(d("2026-07-01")), 3);
  EXPECT_EQ(quarter_of(d("2026-09-30")), 3);
  EXPECT_EQ(quarter_of(d("2026-10-01")), 4);
  EXPECT_EQ(quarter_of(d("2026-12-31")), 4);
}

TEST(Quarters, QuarterEndOfEachQuarter) {
  EXPECT_EQ(quarter_end(d("2026-02-15")), d("2026-03-31"));
  EXPECT_EQ(quarter_end(d("2026-04-01")), d("2026-06-30"));
  EXPECT_EQ(quarter_end(d("2026-08-31")), d("2026-09-30"));
  EXPECT_EQ(quarter_end(d("2026-10-01")), d("2026-12-31"));
  EXPECT_EQ(quarter_end(d("2024-02-29")), d("2024-03-31"));
}

TEST(Quarters, IsQuarterEnd) {
  for (const char* text : {"2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"}) {
    EXPECT_TRUE(is_quarter_end(d(text))) << text;
  }
  for (const char* text :
       {"2026-03-30", "2026-04-01", "2026-06-29", "2026-07-01", "2026-09-29", "2026-10-01",
        "2026-12-30", "2026-01-01", "2024-02-29", "2026-05-31", "2026-08-31"}) {
    EXPECT_FALSE(is_quarter_end(d(text))) << text;
  }
}

TEST(YearEnd, YearEndAndIsYearEnd) {
  EXPECT_EQ(year_end(d("2024-02-29")), d("2024-12-31"));
  EXPECT_EQ(year_end(d("2026-12-31")), d("2026-12-31"));
  EXPECT_TRUE(is_year_end(d("2026-12-31")));
  EXPECT_TRUE(is_year_end(d("2024-12-31")));
  EXPECT_FALSE(is_year_end(d("2026-12-30")));
  EXPECT_FALSE(is_year_end(d("2027-01-01")));
  EXPECT_FALSE(is_year_end(Date()));
}

TEST(DaysBetween, SignedDifference) {
  EXPECT_EQ(days_between(d("2026-01-01"), d("2026-03-01")), 59);
  EXPECT_EQ(days_between(d("2026-03-01"), d("2026-01-01")), -59);
  EXPECT_EQ(days_between(d("2024-02-28"), d("2024-03-01")), 2);
  EXPECT_EQ(days_between(d("2026-03-01"), d("2026-03-01")), 0);
  EXPECT_EQ(days_between(d("2024-01-01"), d("2025-01-01")), 366);
}

TEST(SpecialValues, DoNotThrow) {
  const Date nad;
  EXPECT_EQ(completed_years(nad, d("2026-01-01"), kOn), 0);
  EXPECT_EQ(quarter_of(nad), 0);
  EXPECT_TRUE(quarter_end(nad).is_not_a_date());
  EXPECT_TRUE(year_end(nad).is_not_a_date());
  EXPECT_FALSE(is_quarter_end(nad));
  EXPECT_TRUE(term_last_day(nad, 1, 0).is_not_a_date());
  EXPECT_EQ(format_iso_date(nad), "not-a-date-time");
}

}  // namespace
}  // namespace tiaoli::time
