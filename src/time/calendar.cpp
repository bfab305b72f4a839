#include "time/calendar.hpp"

#include <algorithm>
#include <utility>

namespace tiaoli::time {
namespace {

constexpr int kMinYear = 1400;  // Date's range
constexpr int kMaxYear = 9999;

const char* weekday_name(int day_of_week) {  // Boost numbering: 0 = Sunday
  static constexpr const char* kNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                           "Thursday", "Friday", "Saturday"};
  return kNames[day_of_week];
}

int iso_weekday(int day_of_week) { return day_of_week == 0 ? 7 : day_of_week; }

Date january_first(int year) {  // year is validated, so Boost does not throw
  return Date(static_cast<unsigned short>(year), 1, 1);
}

std::string years_text(const std::vector<int>& sorted_years) {
  std::string text;
  for (std::size_t i = 0; i < sorted_years.size();) {
    std::size_t run_end = i;
    while (run_end + 1 < sorted_years.size() &&
           sorted_years[run_end + 1] == sorted_years[run_end] + 1) {
      ++run_end;
    }
    if (!text.empty()) text += ", ";
    text += std::to_string(sorted_years[i]);
    if (run_end > i) text += "–" + std::to_string(sorted_years[run_end]);
    i = run_end + 1;
  }
  return text;
}

std::string day_label(const char* what, const CalendarDay& day) {
  return std::string(what) + " " + format_iso_date(day.date) + " (" + day.name + ")";
}

// Checks the covered years; returns the valid ones, sorted and unique.
std::vector<int> check_years(const CalendarData& data, const std::string& prefix,
                             std::vector<CalendarError>& errors) {
  std::vector<int> years;
  if (data.years.empty()) errors.push_back({prefix + "covers no years"});
  for (int year : data.years) {
    if (year < kMinYear || year > kMaxYear) {
      errors.push_back({prefix + "year " + std::to_string(year) + " is outside 1400–9999"});
    } else if (std::find(years.begin(), years.end(), year) != years.end()) {
      errors.push_back({prefix + "year " + std::to_string(year) + " is listed twice"});
    } else {
      years.push_back(year);
    }
  }
  std::sort(years.begin(), years.end());
  return years;
}

void check_weekend(const CalendarData& data, const std::string& prefix,
                   std::vector<CalendarError>& errors) {
  bool seen[8] = {};  // by ISO weekday
  for (int day : data.weekend) {
    if (day < 1 || day > 7) {
      errors.push_back({prefix + "weekend day " + std::to_string(day) +
                        " is not an ISO weekday (1 = Monday … 7 = Sunday)"});
      continue;
    }
    if (seen[day]) {
      errors.push_back({prefix + "weekend day " + std::to_string(day) + " is listed twice"});
    }
    seen[day] = true;
  }
}

}  // namespace

std::variant<Calendar, CalendarError> Calendar::build(CalendarData data) {
  Calendar calendar;
  std::vector<CalendarError> errors = calendar.build_tables(data);
  if (!errors.empty()) return std::move(errors.front());
  calendar.data_ = std::move(data);
  return std::variant<Calendar, CalendarError>(std::move(calendar));
}

std::vector<CalendarError> Calendar::validate(const CalendarData& data) {
  Calendar calendar;
  return calendar.build_tables(data);
}

std::vector<CalendarError> Calendar::build_tables(const CalendarData& data) {
  std::vector<CalendarError> errors;
  if (data.id.empty()) errors.push_back({"a calendar has no id"});
  const std::string prefix = "calendar " + data.id + ": ";
  const std::vector<int> years = check_years(data, prefix, errors);
  check_weekend(data, prefix, errors);
  if (years.empty()) return errors;

  years_text_ = years_text(years);
  first_year_ = years.front();
  first_day_ = january_first(first_year_);
  const Date last_day(static_cast<unsigned short>(years.back()), 12, 31);
  slots_.assign(static_cast<std::size_t>((last_day - first_day_).days() + 1), Slot::kUncovered);
  for (int year : years) {
    const long begin = offset_of(january_first(year));
    const long end = year == years.back() ? static_cast<long>(slots_.size())
                                          : offset_of(january_first(year + 1));
    std::fill(slots_.begin() + begin, slots_.begin() + end, Slot::kWorkday);
  }
  mark_weekends(data);
  mark_listed(data, /*holidays=*/true, errors);
  mark_listed(data, /*holidays=*/false, errors);
  std::sort(specials_.begin(), specials_.end(),
            [](const Special& a, const Special& b) { return a.offset < b.offset; });
  count_working_days();
  return errors;
}

void Calendar::mark_weekends(const CalendarData& data) {
  bool is_weekend[8] = {};  // by ISO weekday
  for (int day : data.weekend) {
    if (day >= 1 && day <= 7) is_weekend[day] = true;
  }
  int iso_day = iso_weekday(first_day_.day_of_week());
  for (Slot& slot : slots_) {
    if (slot == Slot::kWorkday && is_weekend[iso_day]) slot = Slot::kWeekend;
    iso_day = iso_day % 7 + 1;
  }
}

void Calendar::mark_listed(const CalendarData& data, bool holidays,
                           std::vector<CalendarError>& errors) {
  const std::string prefix = "calendar " + data.id + ": ";
  const auto& days = holidays ? data.holidays : data.makeup_workdays;
  const char* what = holidays ? "holiday" : "makeup working day";
  const Slot listed = holidays ? Slot::kHoliday : Slot::kMakeupWorkday;
  for (std::size_t i = 0; i < days.size(); ++i) {
    const CalendarDay& day = days[i];
    if (day.date.is_special()) {
      errors.push_back({prefix + what + " (" + day.name + ") has no valid date"});
      continue;
    }
    const long offset = offset_of(day.date);
    const Slot slot = slot_at(offset);
    if (slot == Slot::kUncovered) {
      errors.push_back({prefix + day_label(what, day) + " is outside the years it covers (" +
                        years_text_ + ")"});
    } else if (slot == listed) {
      errors.push_back({prefix + day_label(what, day) + " is listed twice"});
    } else if (slot == Slot::kHoliday) {
      const auto other = std::find_if(specials_.begin(), specials_.end(),
                                      [offset](const Special& s) { return s.offset == offset; });
      errors.push_back({prefix + format_iso_date(day.date) + " is listed both as a holiday (" +
                        data.holidays[other->index].name + ") and as a makeup working day (" +
                        day.name + ")"});
    } else if (!holidays && slot != Slot::kWeekend) {
      errors.push_back({prefix + day_label(what, day) + " is a " +
                        weekday_name(day.date.day_of_week()) + ", not a weekend day"});
    } else {
      slots_[static_cast<std::size_t>(offset)] = listed;
      specials_.push_back({offset, holidays ? DayKind::kHoliday : DayKind::kMakeupWorkday, i});
    }
  }
}

void Calendar::count_working_days() {
  working_before_.assign(slots_.size() + 1, 0);
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    working_before_[i + 1] = working_before_[i] + (is_working(slots_[i]) ? 1 : 0);
  }
}

long Calendar::offset_of(Date d) const {
  if (d.is_special() || slots_.empty()) return -1;
  const long offset =
      static_cast<long>(d.day_number()) - static_cast<long>(first_day_.day_number());
  return offset >= 0 && offset < static_cast<long>(slots_.size()) ? offset : -1;
}

Calendar::Slot Calendar::slot_at(long offset) const {
  return offset < 0 || offset >= static_cast<long>(slots_.size())
             ? Slot::kUncovered
             : slots_[static_cast<std::size_t>(offset)];
}

Date Calendar::date_at(long offset) const {
  const auto size = static_cast<long>(slots_.size());
  // The day after 9999-12-31 is not a Date that Boost can format.
  if (offset >= size && (first_day_ + boost::gregorian::days(size - 1)).year() == kMaxYear) {
    return Date(boost::date_time::pos_infin);
  }
  return first_day_ + boost::gregorian::days(offset);
}

CalendarError Calendar::outside(Date d) const {
  return {"date " + format_iso_date(d) + " is outside the years calendar " + data_.id +
          " covers (" + years_text_ + ")"};
}

bool Calendar::covers(Date d) const { return slot_at(offset_of(d)) != Slot::kUncovered; }

CalendarResult<bool> Calendar::is_working_day(Date d) const {
  const Slot slot = slot_at(offset_of(d));
  if (slot == Slot::kUncovered) return outside(d);
  return is_working(slot);
}

CalendarResult<Calendar::DayInfo> Calendar::classify(Date d) const {
  const long offset = offset_of(d);
  switch (slot_at(offset)) {
    case Slot::kUncovered:
      return outside(d);
    case Slot::kWorkday:
      return DayInfo{DayKind::kWorkday, nullptr};
    case Slot::kWeekend:
      return DayInfo{DayKind::kWeekend, nullptr};
    case Slot::kHoliday:
    case Slot::kMakeupWorkday:
      break;
  }
  const auto special =
      std::lower_bound(specials_.begin(), specials_.end(), offset,
                       [](const Special& s, long value) { return s.offset < value; });
  const auto& days = special->kind == DayKind::kHoliday ? data_.holidays : data_.makeup_workdays;
  return DayInfo{special->kind, &days[special->index].name};
}

CalendarResult<Date> Calendar::nth_working_day(Date start, int n, bool count_start_day,
                                               std::vector<Date>* skipped) const {
  if (n < 1) {
    return CalendarError{"the number of working days must be at least 1 (got " + std::to_string(n) +
                         ")"};
  }
  long offset = offset_of(start);
  if (slot_at(offset) == Slot::kUncovered) return outside(start);
  if (skipped != nullptr) skipped->clear();
  int count = 0;
  if (count_start_day) {
    if (is_working(slot_at(offset))) {
      if (++count == n) return start;
    } else if (skipped != nullptr) {
      skipped->push_back(start);
    }
  }
  // Bounded: every step moves one day forward and the table is finite.
  for (;;) {
    const Slot slot = slot_at(++offset);
    if (slot == Slot::kUncovered) return outside(date_at(offset));
    if (is_working(slot)) {
      if (++count == n) return date_at(offset);
    } else if (skipped != nullptr) {
      skipped->push_back(date_at(offset));
    }
  }
}

CalendarResult<Date> Calendar::add_working_days(Date start, int n) const {
  if (n < 0) {
    return CalendarError{"the number of working days to add must not be negative (got " +
                         std::to_string(n) + ")"};
  }
  if (n == 0) {
    if (!covers(start)) return outside(start);
    return start;
  }
  return nth_working_day(start, n, /*count_start_day=*/false);
}

CalendarResult<int> Calendar::working_days_between(Date from, Date to) const {
  const long from_offset = offset_of(from);
  const long to_offset = offset_of(to);
  if (slot_at(from_offset) == Slot::kUncovered) return outside(from);
  if (slot_at(to_offset) == Slot::kUncovered) return outside(to);
  if (from > to) {
    return CalendarError{"the period from " + format_iso_date(from) + " to " + format_iso_date(to) +
                         " ends before it starts"};
  }
  for (int year = from.year() + 1; year <= to.year(); ++year) {
    if (!covers(january_first(year))) return outside(january_first(year));
  }
  const auto from_index = static_cast<std::size_t>(from_offset) + 1;
  const auto to_index = static_cast<std::size_t>(to_offset) + 1;
  return working_before_[to_index] - working_before_[from_index];
}

}  // namespace tiaoli::time
