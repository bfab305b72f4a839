#include "time/calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>  // operator<< for readable failures
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace tiaoli::time {
namespace {

Date d(const char* text) {
  const auto parsed = parse_iso_date(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(Date());
}

std::vector<Date> dates(std::initializer_list<const char*> texts) {
  std::vector<Date> result;
  for (const char* text : texts) result.push_back(d(text));
  return result;
}

void add_range(std::vector<CalendarDay>& days, const char* first, const char* last,
               const char* name) {
  for (Date day = d(first); day <= d(last); day += boost::gregorian::days(1)) {
    days.push_back({day, name});
  }
}

// cn-public-holidays.md, 2024–2026, typed in from the reference (not read from the rule set).
CalendarData cn_mainland() {
  CalendarData data;
  data.id = "cn-mainland";
  data.name = "中国大陆法定节假日与调休";
  data.years = {2024, 2025, 2026};
  data.weekend = {6, 7};
  data.sources = {"cn-public-holidays.md"};
  auto& off = data.holidays;
  auto& work = data.makeup_workdays;
  add_range(off, "2024-01-01", "2024-01-01", "元旦");
  add_range(off, "2024-02-10", "2024-02-17", "春节");
  add_range(work, "2024-02-04", "2024-02-04", "春节");
  add_range(work, "2024-02-18", "2024-02-18", "春节");
  add_range(off, "2024-04-04", "2024-04-06", "清明节");
  add_range(work, "2024-04-07", "2024-04-07", "清明节");
  add_range(off, "2024-05-01", "2024-05-05", "劳动节");
  add_range(work, "2024-04-28", "2024-04-28", "劳动节");
  add_range(work, "2024-05-11", "2024-05-11", "劳动节");
  add_range(off, "2024-06-10", "2024-06-10", "端午节");
  add_range(off, "2024-09-15", "2024-09-17", "中秋节");
  add_range(work, "2024-09-14", "2024-09-14", "中秋节");
  add_range(off, "2024-10-01", "2024-10-07", "国庆节");
  add_range(work, "2024-09-29", "2024-09-29", "国庆节");
  add_range(work, "2024-10-12", "2024-10-12", "国庆节");

  add_range(off, "2025-01-01", "2025-01-01", "元旦");
  add_range(off, "2025-01-28", "2025-02-04", "春节");
  add_range(work, "2025-01-26", "2025-01-26", "春节");
  add_range(work, "2025-02-08", "2025-02-08", "春节");
  add_range(off, "2025-04-04", "2025-04-06", "清明节");
  add_range(off, "2025-05-01", "2025-05-05", "劳动节");
  add_range(work, "2025-04-27", "2025-04-27", "劳动节");
  add_range(off, "2025-05-31", "2025-06-02", "端午节");
  add_range(off, "2025-10-01", "2025-10-08", "国庆节、中秋节");
  add_range(work, "2025-09-28", "2025-09-28", "国庆节、中秋节");
  add_range(work, "2025-10-11", "2025-10-11", "国庆节、中秋节");

  add_range(off, "2026-01-01", "2026-01-03", "元旦");
  add_range(work, "2026-01-04", "2026-01-04", "元旦");
  add_range(off, "2026-02-15", "2026-02-23", "春节");
  add_range(work, "2026-02-14", "2026-02-14", "春节");
  add_range(work, "2026-02-28", "2026-02-28", "春节");
  add_range(off, "2026-04-04", "2026-04-06", "清明节");
  add_range(off, "2026-05-01", "2026-05-05", "劳动节");
  add_range(work, "2026-05-09", "2026-05-09", "劳动节");
  add_range(off, "2026-06-19", "2026-06-21", "端午节");
  add_range(off, "2026-09-25", "2026-09-27", "中秋节");
  add_range(off, "2026-10-01", "2026-10-07", "国庆节");
  add_range(work, "2026-09-20", "2026-09-20", "国庆节");
  add_range(work, "2026-10-10", "2026-10-10", "国庆节");
  return data;
}

Calendar build_ok(CalendarData data) {
  auto built = Calendar::build(std::move(data));
  if (auto* error = std::get_if<CalendarError>(&built)) {
    ADD_FAILURE() << error->message;
    std::abort();
  }
  return std::get<Calendar>(std::move(built));
}

const Calendar& cn() {
  static const Calendar calendar = build_ok(cn_mainland());
  return calendar;
}

std::string build_error(const CalendarData& data) {
  auto built = Calendar::build(data);
  const auto* error = std::get_if<CalendarError>(&built);
  return error != nullptr ? error->message : "(built without error)";
}

template <class T>
T value(const CalendarResult<T>& result) {
  if (const auto* error = std::get_if<CalendarError>(&result)) {
    ADD_FAILURE() << "unexpected error: " << error->message;
    return T{};
  }
  return std::get<T>(result);
}

template <class T>
std::string error(const CalendarResult<T>& result) {
  const auto* error = std::get_if<CalendarError>(&result);
  return error != nullptr ? error->message : "(no error)";
}

// The 7th working day of a period starting on `start`, with the days it skipped.
std::pair<Date, std::vector<Date>> seventh(const char* start, bool count_start_day) {
  std::vector<Date> skipped{d("2000-01-01")};  // must be cleared
  const Date end = value(cn().nth_working_day(d(start), 7, count_start_day, &skipped));
  return {end, skipped};
}

using Kind = Calendar::DayKind;

TEST(Calendar, Identity) {
  EXPECT_EQ(cn().id(), "cn-mainland");
  EXPECT_EQ(cn().name(), "中国大陆法定节假日与调休");
  EXPECT_EQ(cn().covered_years_text(), "2024–2026");
  EXPECT_EQ(cn().data().holidays.size(), 28U + 28U + 33U);
  EXPECT_EQ(cn().data().makeup_workdays.size(), 8U + 5U + 6U);
}

TEST(Calendar, Covers) {
  EXPECT_TRUE(cn().covers(d("2024-01-01")));
  EXPECT_TRUE(cn().covers(d("2026-12-31")));
  EXPECT_FALSE(cn().covers(d("2023-12-31")));
  EXPECT_FALSE(cn().covers(d("2027-01-01")));
  EXPECT_FALSE(cn().covers(Date()));
}

TEST(Calendar, ClassifiesEachKindOfDay) {
  const auto workday = value(cn().classify(d("2026-04-01")));  // Wednesday
  EXPECT_EQ(workday.kind, Kind::kWorkday);
  EXPECT_EQ(workday.name, nullptr);
  const auto weekend = value(cn().classify(d("2026-04-11")));  // Saturday
  EXPECT_EQ(weekend.kind, Kind::kWeekend);
  EXPECT_EQ(weekend.name, nullptr);
  const auto holiday = value(cn().classify(d("2026-04-06")));  // Monday, 清明节
  EXPECT_EQ(holiday.kind, Kind::kHoliday);
  ASSERT_NE(holiday.name, nullptr);
  EXPECT_EQ(*holiday.name, "清明节");
  const auto weekend_holiday = value(cn().classify(d("2026-04-04")));  // Saturday, 清明节
  EXPECT_EQ(weekend_holiday.kind, Kind::kHoliday);
  const auto makeup = value(cn().classify(d("2024-09-29")));  // Sunday
  EXPECT_EQ(makeup.kind, Kind::kMakeupWorkday);
  ASSERT_NE(makeup.name, nullptr);
  EXPECT_EQ(*makeup.name, "国庆节");
}

TEST(Calendar, IsWorkingDay) {
  EXPECT_TRUE(value(cn().is_working_day(d("2024-02-09"))));   // 除夕 2024 is a working day
  EXPECT_FALSE(value(cn().is_working_day(d("2024-02-10"))));  // 春节
  EXPECT_TRUE(value(cn().is_working_day(d("2024-02-04"))));   // Sunday, makeup
  EXPECT_TRUE(value(cn().is_working_day(d("2025-02-08"))));   // Saturday, makeup
  EXPECT_FALSE(value(cn().is_working_day(d("2025-02-09"))));  // Sunday
  EXPECT_FALSE(value(cn().is_working_day(d("2026-01-02"))));  // Friday, 元旦
  EXPECT_TRUE(value(cn().is_working_day(d("2026-01-04"))));   // Sunday, makeup
  EXPECT_TRUE(value(cn().is_working_day(d("2026-01-05"))));   // Monday
}

// "公示时间：4月1日至4月10日（7个工作日）": 04-01 to 04-03, then 04-07 to 04-10.
TEST(NthWorkingDay, QingmingTwentyTwentySixCountingStartDay) {
  const auto [end, skipped] = seventh("2026-04-01", true);
  EXPECT_EQ(end, d("2026-04-10"));
  EXPECT_EQ(skipped, dates({"2026-04-04", "2026-04-05", "2026-04-06"}));
}

// 民法典 第二百零一条: day 1 is 04-02; 04-11/12 is a weekend, so the 7th is Monday 04-13.
TEST(NthWorkingDay, QingmingTwentyTwentySixNotCountingStartDay) {
  const auto [end, skipped] = seventh("2026-04-01", false);
  EXPECT_EQ(end, d("2026-04-13"));
  EXPECT_EQ(skipped, dates({"2026-04-04", "2026-04-05", "2026-04-06", "2026-04-11", "2026-04-12"}));
}

// 2025: off 05-01..05-05, Sunday 04-27 worked. 04-25, 04-27..30, 05-06, 05-07.
TEST(NthWorkingDay, LabourDayTwentyTwentyFiveWithMakeupSunday) {
  const auto [end, skipped] = seventh("2025-04-25", true);
  EXPECT_EQ(end, d("2025-05-07"));
  EXPECT_EQ(skipped, dates({"2025-04-26", "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04",
                            "2025-05-05"}));
}

// 2026: off 05-01..05-05, Saturday 05-09 worked. 04-29, 04-30, 05-06..09, 05-11.
TEST(NthWorkingDay, LabourDayTwentyTwentySixWithMakeupSaturday) {
  const auto [end, skipped] = seventh("2026-04-29", true);
  EXPECT_EQ(end, d("2026-05-11"));
  EXPECT_EQ(skipped, dates({"2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
                            "2026-05-10"}));
}

// 2024: off 10-01..10-07; Sunday 09-29 and Saturday 10-12 worked.
TEST(NthWorkingDay, NationalDayTwentyTwentyFourBeforeTheHoliday) {
  const auto [end, skipped] = seventh("2024-09-27", true);  // 09-27, 09-29, 09-30, 10-08..11
  EXPECT_EQ(end, d("2024-10-11"));
  EXPECT_EQ(skipped, dates({"2024-09-28", "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04",
                            "2024-10-05", "2024-10-06", "2024-10-07"}));
}

TEST(NthWorkingDay, NationalDayTwentyTwentyFourEndsOnMakeupSaturday) {
  const auto [end, skipped] = seventh("2024-09-27", false);  // 09-29, 09-30, 10-08..12
  EXPECT_EQ(end, d("2024-10-12"));
  EXPECT_EQ(skipped.front(), d("2024-09-28"));
  EXPECT_EQ(skipped.back(), d("2024-10-07"));
  EXPECT_EQ(skipped.size(), 8U);
}

TEST(NthWorkingDay, NationalDayTwentyTwentyFourAfterTheHoliday) {
  const auto [end, skipped] = seventh("2024-09-30", true);  // 09-30, 10-08..12, 10-14
  EXPECT_EQ(end, d("2024-10-14"));
  EXPECT_EQ(skipped.size(), 8U);  // 10-01..10-07 and Sunday 10-13
  EXPECT_EQ(skipped.back(), d("2024-10-13"));
}

// 2026: off 02-15..02-23; Saturdays 02-14 and 02-28 worked.
TEST(NthWorkingDay, SpringFestivalTwentyTwentySix) {
  const auto [end, skipped] = seventh("2026-02-12", true);  // 02-12, 13, 14, 24, 25, 26, 27
  EXPECT_EQ(end, d("2026-02-27"));
  EXPECT_EQ(skipped, dates({"2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
                            "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23"}));
  EXPECT_EQ(value(cn().nth_working_day(d("2026-02-12"), 8, true)), d("2026-02-28"));
}

TEST(NthWorkingDay, StartOnAMakeupSaturdayCountsIt) {
  EXPECT_EQ(value(cn().nth_working_day(d("2026-02-14"), 1, true)), d("2026-02-14"));
  EXPECT_EQ(value(cn().nth_working_day(d("2026-02-14"), 2, true)), d("2026-02-24"));
  EXPECT_EQ(value(cn().nth_working_day(d("2026-02-14"), 1, false)), d("2026-02-24"));
}

// Saturday 2026-03-07 is not a working day, so counting starts Monday 03-09.
TEST(NthWorkingDay, StartOnAWeekend) {
  const auto [end, skipped] = seventh("2026-03-07", true);
  EXPECT_EQ(end, d("2026-03-17"));
  EXPECT_EQ(skipped, dates({"2026-03-07", "2026-03-08", "2026-03-14", "2026-03-15"}));
  const auto [end_next_day, skipped_next_day] = seventh("2026-03-07", false);
  EXPECT_EQ(end_next_day, d("2026-03-17"));
  EXPECT_EQ(skipped_next_day, dates({"2026-03-08", "2026-03-14", "2026-03-15"}));
}

TEST(NthWorkingDay, StartOnAHoliday) {
  const auto [end, skipped] = seventh("2026-04-04", true);  // 04-07..10, 04-13..15
  EXPECT_EQ(end, d("2026-04-15"));
  EXPECT_EQ(skipped, dates({"2026-04-04", "2026-04-05", "2026-04-06", "2026-04-11", "2026-04-12"}));
}

TEST(NthWorkingDay, AcrossYearEnds) {
  // 2024-12-31 Tuesday; 2025-01-01 元旦; 01-02 Thursday.
  EXPECT_EQ(value(cn().nth_working_day(d("2024-12-31"), 2, true)), d("2025-01-02"));
  // 2026-01-01..03 off, Sunday 01-04 worked.
  EXPECT_EQ(value(cn().nth_working_day(d("2025-12-31"), 2, true)), d("2026-01-04"));
}

TEST(NthWorkingDay, NeedsPositiveCount) {
  EXPECT_NE(error(cn().nth_working_day(d("2026-04-01"), 0, true)).find("at least 1"),
            std::string::npos);
}

TEST(NthWorkingDay, NullSkippedIsAllowed) {
  EXPECT_EQ(value(cn().nth_working_day(d("2026-04-01"), 7, true, nullptr)), d("2026-04-10"));
}

TEST(OutOfCoverage, StartAfterTheLastYear) {
  EXPECT_EQ(error(cn().nth_working_day(d("2027-01-04"), 7, true)),
            "date 2027-01-04 is outside the years calendar cn-mainland covers (2024–2026)");
  EXPECT_EQ(error(cn().is_working_day(d("2027-01-04"))),
            "date 2027-01-04 is outside the years calendar cn-mainland covers (2024–2026)");
}

TEST(OutOfCoverage, StartBeforeTheFirstYear) {
  const std::string message = error(cn().classify(d("2023-12-29")));
  EXPECT_NE(message.find("2023-12-29"), std::string::npos) << message;
  EXPECT_NE(message.find("2024–2026"), std::string::npos) << message;
  EXPECT_NE(error(cn().add_working_days(d("2023-06-01"), 3)).find("2023-06-01"), std::string::npos);
}

// 2026-12-28 Monday .. 12-31 Thursday are days 1..4; day 5 would need 2027.
TEST(OutOfCoverage, RunningPastTheLastYearNamesTheFirstUncoveredDate) {
  EXPECT_EQ(value(cn().nth_working_day(d("2026-12-28"), 4, true)), d("2026-12-31"));
  EXPECT_EQ(error(cn().nth_working_day(d("2026-12-28"), 5, true)),
            "date 2027-01-01 is outside the years calendar cn-mainland covers (2024–2026)");
  EXPECT_NE(error(cn().nth_working_day(d("2024-01-02"), 10000, true)).find("2027-01-01"),
            std::string::npos);
}

TEST(AddWorkingDays, StartNotCounted) {
  EXPECT_EQ(value(cn().add_working_days(d("2026-04-01"), 0)), d("2026-04-01"));
  EXPECT_EQ(value(cn().add_working_days(d("2026-04-04"), 0)), d("2026-04-04"));
  EXPECT_EQ(value(cn().add_working_days(d("2026-04-01"), 7)), d("2026-04-13"));
  EXPECT_EQ(value(cn().add_working_days(d("2024-12-31"), 1)), d("2025-01-02"));
  EXPECT_EQ(value(cn().add_working_days(d("2025-12-31"), 1)), d("2026-01-04"));
  EXPECT_NE(error(cn().add_working_days(d("2026-04-01"), -1)).find("negative"), std::string::npos);
  EXPECT_NE(error(cn().add_working_days(d("2027-01-01"), 0)).find("2027-01-01"), std::string::npos);
}

TEST(WorkingDaysBetween, HalfOpenInterval) {
  EXPECT_EQ(value(cn().working_days_between(d("2026-04-01"), d("2026-04-10"))), 6);
  EXPECT_EQ(value(cn().working_days_between(d("2026-04-01"), d("2026-04-01"))), 0);
  EXPECT_EQ(value(cn().working_days_between(d("2026-02-13"), d("2026-02-28"))), 6);
}

// 365 or 366 days, minus 104 weekend days, minus weekday holidays, plus makeup days.
TEST(WorkingDaysBetween, WholeYears) {
  EXPECT_EQ(value(cn().working_days_between(d("2024-01-01"), d("2024-12-31"))), 366 - 104 - 19 + 8);
  EXPECT_EQ(value(cn().working_days_between(d("2024-12-31"), d("2025-12-31"))), 365 - 104 - 18 + 5);
  EXPECT_EQ(value(cn().working_days_between(d("2025-12-31"), d("2026-12-31"))), 365 - 104 - 19 + 6);
}

TEST(WorkingDaysBetween, Errors) {
  EXPECT_NE(error(cn().working_days_between(d("2026-04-10"), d("2026-04-01"))).find("before"),
            std::string::npos);
  EXPECT_EQ(error(cn().working_days_between(d("2026-12-01"), d("2027-01-10"))),
            "date 2027-01-10 is outside the years calendar cn-mainland covers (2024–2026)");
  EXPECT_NE(error(cn().working_days_between(d("2023-12-01"), d("2024-01-10"))).find("2023-12-01"),
            std::string::npos);
}

TEST(WorkingDaysBetween, AgreesWithCountingDayByDay) {
  const Date from = d("2024-01-01");
  int expected = 0;
  for (Date day = from + boost::gregorian::days(1); day <= d("2026-12-31");
       day += boost::gregorian::days(1)) {
    if (value(cn().is_working_day(day))) ++expected;
    ASSERT_EQ(value(cn().working_days_between(from, day)), expected) << day;
  }
}

CalendarData small(std::vector<int> years) {
  CalendarData data;
  data.id = "test";
  data.name = "test";
  data.years = std::move(years);
  data.weekend = {6, 7};
  return data;
}

TEST(CalendarCoverage, GapYearsAreNotCovered) {
  const Calendar calendar = build_ok(small({2026, 2024}));
  EXPECT_EQ(calendar.covered_years_text(), "2024, 2026");
  EXPECT_TRUE(calendar.covers(d("2024-12-31")));
  EXPECT_FALSE(calendar.covers(d("2025-06-01")));
  EXPECT_TRUE(calendar.covers(d("2026-01-01")));
  EXPECT_EQ(error(calendar.nth_working_day(d("2024-12-30"), 3, true)),
            "date 2025-01-01 is outside the years calendar test covers (2024, 2026)");
  EXPECT_NE(error(calendar.working_days_between(d("2024-12-01"), d("2026-01-10"))).find("2025"),
            std::string::npos);
}

TEST(CalendarCoverage, YearsText) {
  EXPECT_EQ(build_ok(small({2025})).covered_years_text(), "2025");
  EXPECT_EQ(build_ok(small({2022, 2023, 2025})).covered_years_text(), "2022–2023, 2025");
}

TEST(CalendarCoverage, WeekendsOnlyCalendarTreatsEveryWeekdayAsWorking) {
  const Calendar calendar = build_ok(small({2025}));
  EXPECT_TRUE(value(calendar.is_working_day(d("2025-01-01"))));
  EXPECT_EQ(value(calendar.classify(d("2025-01-04"))).kind, Kind::kWeekend);
}

TEST(CalendarCoverage, EdgesOfTheDateRangeDoNotThrow) {
  const Calendar last = build_ok(small({9999}));
  EXPECT_EQ(value(last.nth_working_day(d("9999-12-31"), 1, true)), d("9999-12-31"));  // Friday
  EXPECT_NE(error(last.nth_working_day(d("9999-12-31"), 2, true)).find("outside the years"),
            std::string::npos);
  const Calendar first = build_ok(small({1400}));
  EXPECT_EQ(value(first.working_days_between(d("1400-01-01"), d("1400-01-01"))), 0);
  EXPECT_FALSE(first.covers(d("1401-01-01")));
}

TEST(CalendarBuild, RejectsDateOutsideCoveredYears) {
  CalendarData data = cn_mainland();
  data.holidays.push_back({d("2027-01-01"), "元旦"});
  EXPECT_EQ(build_error(data),
            "calendar cn-mainland: holiday 2027-01-01 (元旦) is outside the years it covers "
            "(2024–2026)");
}

TEST(CalendarBuild, RejectsDateBothHolidayAndMakeupDay) {
  CalendarData data = cn_mainland();
  data.makeup_workdays.push_back({d("2024-02-10"), "春节"});
  EXPECT_EQ(build_error(data),
            "calendar cn-mainland: 2024-02-10 is listed both as a holiday (春节) and as a makeup "
            "working day (春节)");
}

TEST(CalendarBuild, RejectsMakeupDayOnAWeekday) {
  CalendarData data = cn_mainland();
  data.makeup_workdays.push_back({d("2024-02-05"), "春节"});
  EXPECT_EQ(build_error(data),
            "calendar cn-mainland: makeup working day 2024-02-05 (春节) is a Monday, not a weekend "
            "day");
}

TEST(CalendarBuild, RejectsDuplicateDates) {
  CalendarData data = cn_mainland();
  data.holidays.push_back({d("2025-01-01"), "元旦"});
  EXPECT_EQ(build_error(data), "calendar cn-mainland: holiday 2025-01-01 (元旦) is listed twice");
  data = cn_mainland();
  data.makeup_workdays.push_back({d("2026-01-04"), "元旦"});
  EXPECT_EQ(build_error(data),
            "calendar cn-mainland: makeup working day 2026-01-04 (元旦) is listed twice");
}

TEST(CalendarBuild, RejectsBadHeaderFields) {
  EXPECT_NE(build_error(small({})).find("covers no years"), std::string::npos);
  EXPECT_NE(build_error(small({2024, 2024})).find("2024 is listed twice"), std::string::npos);
  EXPECT_NE(build_error(small({1399})).find("1399"), std::string::npos);
  CalendarData data = small({2024});
  data.weekend = {6, 8};
  EXPECT_NE(build_error(data).find("weekend day 8"), std::string::npos);
  data.weekend = {7, 7};
  EXPECT_NE(build_error(data).find("weekend day 7 is listed twice"), std::string::npos);
  data = small({2024});
  data.id.clear();
  EXPECT_NE(build_error(data).find("no id"), std::string::npos);
  data = small({2024});
  data.holidays.push_back({Date(), "元旦"});
  EXPECT_NE(build_error(data).find("no valid date"), std::string::npos);
}

TEST(CalendarBuild, ValidateReportsEveryProblem) {
  CalendarData data = cn_mainland();
  EXPECT_TRUE(Calendar::validate(data).empty());
  data.holidays.push_back({d("2023-10-01"), "国庆节"});
  data.makeup_workdays.push_back({d("2026-03-04"), "test"});  // Wednesday
  const auto errors = Calendar::validate(data);
  ASSERT_EQ(errors.size(), 2U);
  EXPECT_NE(errors[0].message.find("2023-10-01"), std::string::npos);
  EXPECT_NE(errors[1].message.find("2026-03-04 (test) is a Wednesday"), std::string::npos);
}

TEST(CalendarBuild, CalendarIsCopyableAndNamesFollowTheCopy) {
  Calendar copy = cn();
  const auto info = value(copy.classify(d("2026-02-16")));
  ASSERT_NE(info.name, nullptr);
  EXPECT_EQ(*info.name, "春节");
  const auto& holidays = copy.data().holidays;
  const auto entry = std::find_if(holidays.begin(), holidays.end(), [](const CalendarDay& day) {
    return day.date == d("2026-02-16");
  });
  ASSERT_NE(entry, holidays.end());
  EXPECT_EQ(info.name, &entry->name);
}

}  // namespace
}  // namespace tiaoli::time
