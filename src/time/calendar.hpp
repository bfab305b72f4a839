// Working-day calendars: weekends, public holidays (放假) and makeup working days (调休上班) for a
// set of covered years. A date outside the covered years is an error, never a guess.
//
// A built Calendar is immutable, so one instance may be shared by any number of threads. Day
// lookups index a per-day table, and working-day counts between two dates use prefix sums.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "time/dates.hpp"

namespace tiaoli::time {

// A holiday or a makeup working day, with the festival it belongs to (e.g. 春节).
struct CalendarDay {
  Date date;
  std::string name;
};

struct CalendarData {
  std::string id;                            // e.g. "cn-mainland"
  std::string name;                          // e.g. 中国大陆法定节假日与调休
  std::vector<int> years;                    // years covered, e.g. {2024, 2025, 2026}
  std::vector<int> weekend;                  // ISO weekdays that are days off: 6 = Sat, 7 = Sun
  std::vector<CalendarDay> holidays;         // days off
  std::vector<CalendarDay> makeup_workdays;  // weekend days that are working days
  std::vector<std::string> sources;          // where the data comes from
};

// Analyst-readable; names the offending date and, for coverage errors, the covered years.
struct CalendarError {
  std::string message;
};

template <class T>
using CalendarResult = std::variant<T, CalendarError>;

class Calendar {
 public:
  enum class DayKind { kWorkday, kWeekend, kHoliday, kMakeupWorkday };
  struct DayInfo {
    DayKind kind;
    const std::string* name;  // festival name for kHoliday / kMakeupWorkday, else null
  };

  // Rejects (the error names the date): a date outside the covered years, a date that is both a
  // holiday and a makeup day, a makeup day that is not a weekend day, a date listed twice; also an
  // empty id, no covered years, a year outside 1400..9999 or listed twice, and a weekend day
  // outside 1..7 or listed twice. Returns the first problem; validate() returns all of them.
  static std::variant<Calendar, CalendarError> build(CalendarData data);
  static std::vector<CalendarError> validate(const CalendarData& data);

  const std::string& id() const { return data_.id; }
  const std::string& name() const { return data_.name; }
  const CalendarData& data() const { return data_; }

  bool covers(Date d) const;
  std::string covered_years_text() const { return years_text_; }  // "2024–2026", "2024, 2026"

  CalendarResult<bool> is_working_day(Date d) const;
  // The name pointer stays valid as long as this Calendar object.
  CalendarResult<DayInfo> classify(Date d) const;

  // The n-th working day (n >= 1) of a period that begins on `start`. If `count_start_day` is true
  // and `start` is a working day, `start` is day 1 (as published notices count); otherwise counting
  // begins the next day (民法典 第二百零一条).
  // If `skipped` is non-null it is cleared and filled with the non-working days passed over before
  // the result, in order; a non-working `start` is included when `count_start_day` is true (it was
  // a candidate day one). Error if n < 1 or any date it needs is not covered.
  CalendarResult<Date> nth_working_day(Date start, int n, bool count_start_day,
                                       std::vector<Date>* skipped = nullptr) const;

  // The n-th working day after `start` (`start` not counted); n == 0 returns `start`.
  // Error if n < 0 or any date from `start` to the result is not covered.
  CalendarResult<Date> add_working_days(Date start, int n) const;

  // The number of working days in (from, to]. Error if from > to or any date from `from` to `to`
  // (inclusive) is not covered.
  CalendarResult<int> working_days_between(Date from, Date to) const;

 private:
  enum class Slot : std::uint8_t { kUncovered, kWorkday, kWeekend, kHoliday, kMakeupWorkday };
  struct Special {  // a listed day, for name lookup
    long offset;
    DayKind kind;
    std::size_t index;  // into data_.holidays or data_.makeup_workdays
  };

  Calendar() = default;
  std::vector<CalendarError> build_tables(const CalendarData& data);
  void mark_weekends(const CalendarData& data);
  void mark_listed(const CalendarData& data, bool holidays, std::vector<CalendarError>& errors);
  void count_working_days();

  long offset_of(Date d) const;     // index into slots_, or -1 when outside the table
  Slot slot_at(long offset) const;  // kUncovered outside the table
  Date date_at(long offset) const;  // offset may be one past the table
  static bool is_working(Slot slot) {
    return slot == Slot::kWorkday || slot == Slot::kMakeupWorkday;
  }
  CalendarError outside(Date d) const;

  CalendarData data_;
  std::string years_text_;
  int first_year_ = 0;  // the table covers first_year_-01-01 .. last covered year's 12-31
  Date first_day_;
  std::vector<Slot> slots_;
  std::vector<std::int32_t> working_before_;  // working days in slots_[0, i)
  std::vector<Special> specials_;             // sorted by offset
};

}  // namespace tiaoli::time
