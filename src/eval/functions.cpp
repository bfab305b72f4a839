#include "eval/functions.hpp"

#include "common/date_convert.hpp"
#include "eval/evaluator.hpp"
#include "time/dates.hpp"

namespace tiaoli::detail {
namespace {

using Args = std::span<const Value>;
using K = TypeKind;

boost::gregorian::date arg_date(const Value& v) { return to_boost(v.as_date()); }

// Keeps calendar arithmetic inside the years Boost and the calendar can represent.
std::int64_t bounded_count(const Value& v, std::int64_t limit, const char* what) {
  std::int64_t n = v.as_int();
  if (n < -limit || n > limit) {
    throw EvalFailure{std::string(what) + " " + std::to_string(n) + " is out of range", ""};
  }
  return n;
}

const time::Calendar& calendar_of(EvalContext& context) { return *context.model.calendar; }

template <class T>
T calendar_value(time::CalendarResult<T> result) {
  if (auto* error = std::get_if<time::CalendarError>(&result))
    throw EvalFailure{error->message, ""};
  return std::get<T>(std::move(result));
}

std::string describe_days(const time::Calendar& calendar, const std::vector<time::Date>& days) {
  std::string text;
  for (const time::Date& d : days) {
    auto info = calendar_value(calendar.classify(d));
    if (!text.empty()) text += ", ";
    text += time::format_iso_date(d);
    if (info.name != nullptr) text += " " + *info.name;
    if (info.kind == time::Calendar::DayKind::kWeekend) text += " (weekend)";
  }
  return text;
}

Value completed_years(Args args, EvalContext&) {
  std::string_view convention = args[2].kind() == Value::Kind::kEnum
                                    ? std::string_view(args[2].as_enum().name())
                                    : std::string_view(args[2].as_string());
  if (!is_age_convention(convention)) {
    throw EvalFailure{"'" + std::string(convention) +
                          "' is not a 周岁 convention (birthday / day_after_birthday)",
                      ""};
  }
  auto c = convention == "birthday" ? time::AgeConvention::kOnBirthday
                                    : time::AgeConvention::kDayAfterBirthday;
  return Value(time::completed_years_from_days(args[0].as_date().days, args[1].as_date().days, c));
}

Value term_end(Args args, EvalContext&) {
  Duration d = args[1].as_duration();
  if (d.days != 0) throw EvalFailure{"term_end takes a term in years or months, not days", ""};
  std::int64_t months = std::int64_t{d.years} * 12 + d.months;
  if (months < 1 || months > std::int64_t{12} * 100) {
    throw EvalFailure{"a term of " + d.to_string() + " is out of range (1 month to 100 years)", ""};
  }
  Date start = args[0].as_date();
  if (start.year() + months / 12 + 1 > 9999) throw EvalFailure{"the term ends after year 9999", ""};
  return Value(from_boost(time::term_last_day(arg_date(args[0]), 0, static_cast<int>(months))));
}

Value nth_working_day(Args args, EvalContext& context) {
  const time::Calendar& calendar = calendar_of(context);
  auto n = static_cast<int>(bounded_count(args[1], 10000, "the number of working days"));
  std::vector<time::Date> skipped;
  time::Date start = arg_date(args[0]);
  time::Date result =
      calendar_value(calendar.nth_working_day(start, n, args[2].as_bool(), &skipped));
  if (context.notes != nullptr) {
    std::string note = "calendar " + calendar.id() + ": day " + std::to_string(n) +
                       " of the working days from " + time::format_iso_date(start) +
                       (args[2].as_bool() ? " (start day counted when a working day)"
                                          : " (start day not counted)") +
                       " is " + time::format_iso_date(result);
    if (!skipped.empty()) note += "; days off passed over: " + describe_days(calendar, skipped);
    context.notes->push_back(std::move(note));
  }
  return Value(from_boost(result));
}

Value add_working_days(Args args, EvalContext& context) {
  const time::Calendar& calendar = calendar_of(context);
  auto n = static_cast<int>(bounded_count(args[1], 10000, "the number of working days"));
  if (n < 0) throw EvalFailure{"add_working_days needs a number of days >= 0", ""};
  time::Date start = arg_date(args[0]);
  time::Date result = calendar_value(calendar.add_working_days(start, n));
  if (context.notes != nullptr) {
    std::vector<time::Date> skipped;
    for (time::Date d = start + boost::gregorian::days(1); d < result;
         d += boost::gregorian::days(1)) {
      if (!calendar_value(calendar.is_working_day(d))) skipped.push_back(d);
    }
    std::string note = "calendar " + calendar.id() + ": " + std::to_string(n) +
                       " working days after " + time::format_iso_date(start) + " is " +
                       time::format_iso_date(result);
    if (!skipped.empty()) note += "; days off passed over: " + describe_days(calendar, skipped);
    context.notes->push_back(std::move(note));
  }
  return Value(from_boost(result));
}

Value is_working_day(Args args, EvalContext& context) {
  return Value(calendar_value(calendar_of(context).is_working_day(arg_date(args[0]))));
}

Value duration_of(Args args, int unit) {
  auto n = static_cast<std::int32_t>(bounded_count(args[0], 100000, "a duration of"));
  Duration d;
  (unit == 0 ? d.years : unit == 1 ? d.months : d.days) = n;
  return Value(d);
}

}  // namespace

const std::vector<FunctionDef>& builtin_functions() {
  static const std::vector<FunctionDef> functions = {
      {"completed_years",
       {K::kDate, K::kDate, K::kString},
       K::kInt,
       false,
       "completed_years(birth_date, on_date, convention) — 周岁 on a date",
       completed_years},
      {"year",
       {K::kDate},
       K::kInt,
       false,
       "year(date)",
       [](Args a, EvalContext&) {
         return Value(static_cast<std::int64_t>(a[0].as_date().year()));
       }},
      {"month",
       {K::kDate},
       K::kInt,
       false,
       "month(date)",
       [](Args a, EvalContext&) {
         return Value(static_cast<std::int64_t>(a[0].as_date().month()));
       }},
      {"day",
       {K::kDate},
       K::kInt,
       false,
       "day(date)",
       [](Args a, EvalContext&) { return Value(static_cast<std::int64_t>(a[0].as_date().day())); }},
      {"quarter",
       {K::kDate},
       K::kInt,
       false,
       "quarter(date) — 1 to 4",
       [](Args a, EvalContext&) {
         return Value(static_cast<std::int64_t>(time::quarter_of(arg_date(a[0]))));
       }},
      {"quarter_end",
       {K::kDate},
       K::kDate,
       false,
       "quarter_end(date) — last day of its quarter",
       [](Args a, EvalContext&) { return Value(from_boost(time::quarter_end(arg_date(a[0])))); }},
      {"year_end",
       {K::kDate},
       K::kDate,
       false,
       "year_end(date) — 31 December of its year",
       [](Args a, EvalContext&) { return Value(from_boost(time::year_end(arg_date(a[0])))); }},
      {"days_between",
       {K::kDate, K::kDate},
       K::kInt,
       false,
       "days_between(from, to) — to minus from, in days",
       [](Args a, EvalContext&) {
         return Value(
             static_cast<std::int64_t>(time::days_between(arg_date(a[0]), arg_date(a[1]))));
       }},
      {"term_end",
       {K::kDate, K::kDuration},
       K::kDate,
       false,
       "term_end(start, duration) — last day of a term, e.g. term_end(2025-03-01, 1 year) = "
       "2026-02-28",
       term_end},
      {"is_working_day", {K::kDate}, K::kBool, true, "is_working_day(date)", is_working_day},
      {"nth_working_day",
       {K::kDate, K::kInt, K::kBool},
       K::kDate,
       true,
       "nth_working_day(start, n, count_start_day) — the n-th working day of a period",
       nth_working_day},
      {"add_working_days",
       {K::kDate, K::kInt},
       K::kDate,
       true,
       "add_working_days(date, n) — n working days after date",
       add_working_days},
      {"years",
       {K::kInt},
       K::kDuration,
       false,
       "years(n)",
       [](Args a, EvalContext&) { return duration_of(a, 0); }},
      {"months",
       {K::kInt},
       K::kDuration,
       false,
       "months(n)",
       [](Args a, EvalContext&) { return duration_of(a, 1); }},
      {"days",
       {K::kInt},
       K::kDuration,
       false,
       "days(n)",
       [](Args a, EvalContext&) { return duration_of(a, 2); }},
  };
  return functions;
}

const FunctionDef* find_function(std::string_view name) {
  for (const FunctionDef& f : builtin_functions()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool is_age_convention(std::string_view name) {
  return name == "birthday" || name == "day_after_birthday";
}

}  // namespace tiaoli::detail
