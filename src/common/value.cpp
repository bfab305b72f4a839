#include <charconv>
#include <cstdio>

#include "common/date_convert.hpp"
#include "model/types.hpp"
#include "tiaoli/value.hpp"
#include "time/dates.hpp"

namespace tiaoli {

std::optional<Date> Date::parse(std::string_view iso) {
  auto parsed = time::parse_iso_date(iso);
  if (!parsed) return std::nullopt;
  return detail::from_boost(*parsed);
}

Date Date::from_ymd(int year, int month, int day) {
  return detail::from_boost(boost::gregorian::date(static_cast<unsigned short>(year),
                                                   static_cast<unsigned short>(month),
                                                   static_cast<unsigned short>(day)));
}

int Date::year() const { return detail::to_boost(*this).year(); }
int Date::month() const { return detail::to_boost(*this).month(); }
int Date::day() const { return detail::to_boost(*this).day(); }

std::string Date::to_string() const {
  auto ymd = detail::to_boost(*this).year_month_day();
  int parts[3] = {ymd.year, ymd.month, ymd.day};
  std::string text = "0000-00-00";
  for (int i = 3, v = parts[0]; i >= 0; --i, v /= 10)
    text[static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
  for (int k = 1; k <= 2; ++k) {
    std::size_t at = k == 1 ? 5 : 8;
    text[at] = static_cast<char>('0' + parts[k] / 10);
    text[at + 1] = static_cast<char>('0' + parts[k] % 10);
  }
  return text;
}

std::optional<Decimal> Decimal::parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = text.front() == '-';
  if (negative || text.front() == '+') text.remove_prefix(1);
  std::size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || fraction.size() > 4 || (dot != std::string_view::npos && fraction.empty())) {
    return std::nullopt;
  }
  // The whole part times kScale, plus up to kScale - 1 of fraction, must fit in an int64.
  constexpr std::int64_t kMaxWhole = (INT64_MAX - (kScale - 1)) / kScale;
  std::int64_t units = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    if (units > (kMaxWhole - (c - '0')) / 10) return std::nullopt;
    units = units * 10 + (c - '0');
  }
  units *= kScale;
  std::int64_t place = kScale / 10;
  for (char c : fraction) {
    if (c < '0' || c > '9') return std::nullopt;
    units += (c - '0') * place;
    place /= 10;
  }
  return Decimal{negative ? -units : units};
}

std::string Decimal::to_string() const {
  std::int64_t magnitude = units < 0 ? -units : units;
  std::string text;
  if (units < 0) text.push_back('-');
  text.append(std::to_string(magnitude / kScale));
  std::int64_t fraction = magnitude % kScale;
  if (fraction != 0) {
    char digits[8];
    std::snprintf(digits, sizeof digits, "%04lld", static_cast<long long>(fraction));
    std::string tail(digits);
    while (!tail.empty() && tail.back() == '0') tail.pop_back();
    text += "." + tail;
  }
  return text;
}

std::string Duration::to_string() const {
  std::string text;
  auto part = [&text](std::int32_t n, const char* one, const char* many) {
    if (n == 0) return;
    if (!text.empty()) text += ' ';
    text += std::to_string(n) + ' ' + (n == 1 ? one : many);
  };
  part(years, "year", "years");
  part(months, "month", "months");
  part(days, "day", "days");
  return text.empty() ? "0 days" : text;
}

const std::string& EnumValue::name() const { return type->values[static_cast<std::size_t>(index)]; }
std::int32_t EnumValue::rank() const { return type->ranks[static_cast<std::size_t>(index)]; }

const std::string& Record::field_name(std::size_t i) const { return type->fields[i].name; }

std::string Value::to_string() const {
  switch (kind()) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return as_bool() ? "true" : "false";
    case Kind::kInt:
      return std::to_string(as_int());
    case Kind::kDecimal:
      return as_decimal().to_string();
    case Kind::kString:
      return as_string();
    case Kind::kDate:
      return as_date().to_string();
    case Kind::kDuration:
      return as_duration().to_string();
    case Kind::kEnum:
      return as_enum().name();
    case Kind::kList: {
      std::string text = "[";
      const List& list = as_list();
      for (std::size_t i = 0; i < list.size(); ++i) text += (i ? ", " : "") + list[i].to_string();
      return text + "]";
    }
    case Kind::kRecord: {
      const Record& record = as_record();
      std::string text = "{";
      bool first = true;
      for (std::size_t i = 0; i < record.fields.size(); ++i) {
        if (record.fields[i].is_null()) continue;
        text += (first ? "" : ", ") + record.field_name(i) + ": " + record.fields[i].to_string();
        first = false;
      }
      return text + "}";
    }
  }
  return "?";
}

bool Value::operator==(const Value& other) const {
  if (kind() != other.kind()) return false;
  switch (kind()) {
    case Kind::kString:
      return as_string() == other.as_string();
    case Kind::kList:
      return as_list() == other.as_list();
    case Kind::kRecord: {
      const Record& a = as_record();
      const Record& b = other.as_record();
      return a.type == b.type && a.fields == b.fields;
    }
    default:
      return data_ == other.data_;
  }
}

}  // namespace tiaoli
static_assert(sizeof(tiaoli::Value) == 24,
              "a Value is a tag and 16 bytes; a larger one makes every fact record larger");
