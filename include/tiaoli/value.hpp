// Values of facts, parameters and decision outcomes.
#pragma once

#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tiaoli {

// A calendar date, stored as days since 1970-01-01 (proleptic Gregorian).
struct Date {
  std::int32_t days = 0;

  static std::optional<Date> parse(std::string_view iso);  // strict YYYY-MM-DD
  static Date from_ymd(int year, int month, int day);      // the caller guarantees validity
  int year() const;
  int month() const;
  int day() const;
  std::string to_string() const;  // YYYY-MM-DD
  auto operator<=>(const Date&) const = default;
};

// An exact decimal with four places, e.g. training hours 39.5.
struct Decimal {
  static constexpr std::int64_t kScale = 10000;
  std::int64_t units = 0;  // value * kScale

  static Decimal from_int(std::int64_t v) { return Decimal{v * kScale}; }
  static std::optional<Decimal> parse(std::string_view text);  // "39.5", "-2", "40.0001"
  std::string to_string() const;                               // shortest form: "39.5", "40"
  auto operator<=>(const Decimal&) const = default;
};

// A length of time as written in a regulation: years, months and days are kept apart.
struct Duration {
  std::int32_t years = 0;
  std::int32_t months = 0;
  std::int32_t days = 0;
  std::string to_string() const;  // "1 year", "6 months", "1 year 2 days"
  // 1 year equals 12 months; months and days are kept apart (a month has no fixed length).
  bool operator==(const Duration& other) const {
    return years * 12 + months == other.years * 12 + other.months && days == other.days;
  }
};

namespace detail {
struct EnumInfo;
struct RecordInfo;
}  // namespace detail

// A value of an enum declared in a rule set's schema. Ordered enums compare by rank.
struct EnumValue {
  const detail::EnumInfo* type = nullptr;
  std::int32_t index = 0;
  const std::string& name() const;
  std::int32_t rank() const;
  bool operator==(const EnumValue& other) const {
    return type == other.type && index == other.index;
  }
};

class Value;
using List = std::vector<Value>;
struct Record;

// A dynamically typed value. The rule set's type checker guarantees which alternative an
// expression produces; hosts read outcomes through the accessors.
class Value {
 public:
  enum class Kind {
    kNull,
    kBool,
    kInt,
    kDecimal,
    kString,
    kDate,
    kDuration,
    kEnum,
    kList,
    kRecord
  };

  Value() = default;
  Value(bool v) : data_(v) {}                                                         // NOLINT
  Value(std::int64_t v) : data_(v) {}                                                 // NOLINT
  Value(int v) : data_(static_cast<std::int64_t>(v)) {}                               // NOLINT
  Value(Decimal v) : data_(v) {}                                                      // NOLINT
  Value(std::string v) : data_(std::make_shared<const std::string>(std::move(v))) {}  // NOLINT
  Value(const char* v) : Value(std::string(v)) {}                                     // NOLINT
  Value(Date v) : data_(v) {}                                                         // NOLINT
  Value(Duration v) : data_(v) {}                                                     // NOLINT
  Value(EnumValue v) : data_(v) {}                                                    // NOLINT
  Value(std::shared_ptr<const List> v) : data_(std::move(v)) {}                       // NOLINT
  Value(std::shared_ptr<const Record> v) : data_(std::move(v)) {}                     // NOLINT

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool is_null() const { return kind() == Kind::kNull; }
  bool as_bool() const { return std::get<bool>(data_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(data_); }
  Decimal as_decimal() const { return std::get<Decimal>(data_); }
  const std::string& as_string() const {
    return *std::get<std::shared_ptr<const std::string>>(data_);
  }
  Date as_date() const { return std::get<Date>(data_); }
  Duration as_duration() const { return std::get<Duration>(data_); }
  EnumValue as_enum() const { return std::get<EnumValue>(data_); }
  const List& as_list() const { return *std::get<std::shared_ptr<const List>>(data_); }
  const Record& as_record() const { return *std::get<std::shared_ptr<const Record>>(data_); }

  // Human-readable: dates ISO, enums and strings bare, lists "[a, b]", records "{k: v}".
  std::string to_string() const;
  // Structural equality (enums by type and index, decimals by value).
  bool operator==(const Value& other) const;

 private:
  // Strings are shared, not copied: a Value stays 24 bytes (records and lists of facts stay
  // compact, which is what a decision over many cases spends its time reading), and copying a
  // string value (an outcome from a literal) allocates nothing.
  std::variant<std::monostate, bool, std::int64_t, Decimal, std::shared_ptr<const std::string>,
               Date, Duration, EnumValue, std::shared_ptr<const List>,
               std::shared_ptr<const Record>>
      data_;
};

// A record of named fields, e.g. a candidate or one training entry. `fields[i]` is the value of
// the schema's i-th field (null when absent). `path` names it in error messages.
struct Record {
  const detail::RecordInfo* type = nullptr;
  std::vector<Value> fields;
  std::string path;
  const std::string& field_name(std::size_t i) const;
};

}  // namespace tiaoli
