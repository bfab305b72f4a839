// Binds a JSON value to a schema type: the one place that decides what facts are acceptable,
// for both JSON representations (json_traits.hpp). Errors are FactError naming the field path.
#pragma once

#include <charconv>
#include <cmath>
#include <memory>
#include <regex>
#include <string>

#include "facts/facts_reader.hpp"
#include "facts/json_traits.hpp"

namespace tiaoli::detail {

// Hosts send whole records; this bounds what one document may make the engine hold.
inline constexpr std::size_t kMaxListLength = 100000;
// Integers beyond this are refused: sums of them stay far from overflow.
inline constexpr std::int64_t kMaxInteger = 999999999999999;

// Where a value sits in the document, spelled out only when an error or a record needs it.
struct FactPlace {
  const FactPlace* parent = nullptr;
  std::string_view field;  // a field name; empty for a list element
  std::size_t index = 0;
  std::string_view root;  // the topmost place's own name (e.g. "parameter min_age"), or ""

  std::string str() const {
    std::string base = parent != nullptr ? parent->str() : std::string(root);
    if (field.empty() && parent != nullptr) return base + "[" + std::to_string(index) + "]";
    if (field.empty()) return base;
    return base.empty() ? std::string(field) : base + "." + std::string(field);
  }
};

std::optional<Duration> parse_duration(std::string_view text);

template <class Traits>
class Binder {
 public:
  using Node = typename Traits::Node;

  static Value value(const Type& type, const Node& node, const FactPlace& where) {
    JsonKind kind = Traits::kind(node);
    switch (type.kind) {
      case TypeKind::kBool:
        if (kind != JsonKind::kBool) wrong_type(type, node, where);
        return Value(Traits::boolean(node));
      case TypeKind::kInt:
        return Value(integer(type, node, where));
      case TypeKind::kDecimal:
        return Value(decimal(type, node, where));
      case TypeKind::kString:
        return Value(std::string(text(type, node, where)));
      case TypeKind::kDate: {
        std::string_view s = text(type, node, where);
        auto date = Date::parse(s);
        if (!date) fail(where, "\"" + std::string(s) + "\" is not a valid date (YYYY-MM-DD)");
        return Value(*date);
      }
      case TypeKind::kDuration: {
        std::string_view s = text(type, node, where);
        auto duration = parse_duration(s);
        if (!duration)
          fail(where, "\"" + std::string(s) +
                          "\" is not a duration (write e.g. 1 year, 6 months, 30 days)");
        return Value(*duration);
      }
      case TypeKind::kEnum: {
        std::string_view s = text(type, node, where);
        int index = type.enum_info->find(s);
        if (index < 0)
          fail(where, "\"" + std::string(s) + "\" is not one of " + type.enum_info->values_text());
        return Value(EnumValue{type.enum_info, index});
      }
      case TypeKind::kList: {
        if (kind != JsonKind::kArray) wrong_type(type, node, where);
        std::size_t size = Traits::size(node);
        if (size > kMaxListLength) {
          fail(where, "the list has " + std::to_string(size) + " entries; at most " +
                          std::to_string(kMaxListLength) + " are accepted");
        }
        auto list = std::make_shared<List>();
        list->reserve(size);
        Traits::for_each(node, [&](const Node& element) {
          FactPlace at{&where, {}, list->size(), {}};
          list->push_back(value(*type.element, element, at));
        });
        return Value(std::shared_ptr<const List>(std::move(list)));
      }
      case TypeKind::kRecord:
        if (kind != JsonKind::kObject) wrong_type(type, node, where);
        return Value(std::shared_ptr<const Record>(record(*type.record, node, where)));
      default:
        wrong_type(type, node, where);
    }
  }

  // Unknown members are ignored (hosts send whole records); absent or null fields stay null and
  // are reported where a rule needs them.
  static std::shared_ptr<Record> record(const RecordInfo& info, const Node& node,
                                        const FactPlace& where) {
    auto result = std::make_shared<Record>();
    result->type = &info;
    result->fields.resize(info.fields.size());  // beside the record: one cache miss reads both
    result->path = where.str();
    Node slot;
    for (std::size_t i = 0; i < info.fields.size(); ++i) {
      const FieldInfo& field = info.fields[i];
      const Node* member = Traits::member(node, field.name, slot);
      if (member == nullptr || Traits::kind(*member) == JsonKind::kNull) continue;
      FactPlace at{&where, field.name, 0, {}};
      result->fields[i] = value(*field.type, *member, at);
      if (field.min || field.max) check_bounds(field, result->fields[i], at);
    }
    return result;
  }

 private:
  [[noreturn]] static void fail(const FactPlace& where, const std::string& message) {
    std::string path = where.str();
    throw FactError{path, path + ": " + message};
  }

  [[noreturn]] static void wrong_type(const Type& type, const Node& node, const FactPlace& where) {
    JsonKind kind = Traits::kind(node);
    std::string shown = kind == JsonKind::kString ? "\"" + std::string(Traits::string(node)) + "\""
                                                  : Traits::dump(node);
    if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
    static constexpr const char* kKinds[] = {"empty",          "true/false", "a whole number",
                                             "a whole number", "a number",   "text",
                                             "a list",         "a record"};
    fail(where,
         "expected " + type.name() + ", got " + kKinds[static_cast<int>(kind)] + " " + shown);
  }

  static std::string_view text(const Type& type, const Node& node, const FactPlace& where) {
    if (Traits::kind(node) != JsonKind::kString) wrong_type(type, node, where);
    return Traits::string(node);
  }

  static std::int64_t integer(const Type& type, const Node& node, const FactPlace& where) {
    switch (Traits::kind(node)) {
      case JsonKind::kInteger: {
        std::int64_t v = Traits::integer(node);
        if (v > kMaxInteger || v < -kMaxInteger)
          fail(where, "the number " + Traits::dump(node) + " is too large");
        return v;
      }
      case JsonKind::kUnsigned:
        fail(where, "the number " + Traits::dump(node) + " is too large");
      case JsonKind::kReal:
        if (!(std::fabs(Traits::real(node)) < 1e15))
          fail(where, "the number " + Traits::dump(node) + " is too large");
        wrong_type(type, node, where);
      default:
        wrong_type(type, node, where);
    }
  }

  static Decimal decimal(const Type& type, const Node& node, const FactPlace& where) {
    JsonKind kind = Traits::kind(node);
    if (kind == JsonKind::kInteger || kind == JsonKind::kUnsigned) {
      constexpr std::int64_t kLimit = INT64_MAX / Decimal::kScale;  // keeps value * 10^4 in range
      if (kind == JsonKind::kUnsigned || Traits::integer(node) > kLimit ||
          Traits::integer(node) < -kLimit) {
        fail(where, "the number " + Traits::dump(node) + " is too large");
      }
      return Decimal::from_int(Traits::integer(node));
    }
    if (kind != JsonKind::kReal) wrong_type(type, node, where);
    double v = Traits::real(node);
    if (!std::isfinite(v) || std::fabs(v) > 1e14)
      fail(where, "the number " + Traits::dump(node) + " is too large or not a number");
    // The shortest text that reads back as the same double is what the document said (39.5,
    // 39.00001), so exactly 4 places can be checked.
    char digits[64];
    auto [end, error] = std::to_chars(digits, digits + sizeof digits, v, std::chars_format::fixed);
    auto parsed =
        error == std::errc()
            ? Decimal::parse(std::string_view(digits, static_cast<std::size_t>(end - digits)))
            : std::nullopt;
    if (!parsed) fail(where, Traits::dump(node) + " has more than 4 decimal places");
    return *parsed;
  }

  // -1, 0, 1: `v` against a bound, without overflow for integers too large to be a decimal.
  static int compare_to_bound(const Value& v, Decimal bound) {
    Decimal d;
    if (v.kind() == Value::Kind::kInt) {
      std::int64_t i = v.as_int();
      if (i > INT64_MAX / Decimal::kScale) return 1;  // beyond every decimal bound
      if (i < INT64_MIN / Decimal::kScale) return -1;
      d = Decimal::from_int(i);
    } else {
      d = v.as_decimal();
    }
    return d < bound ? -1 : (bound < d ? 1 : 0);
  }

  static void check_bounds(const FieldInfo& field, const Value& v, const FactPlace& where) {
    if (field.min && compare_to_bound(v, *field.min) < 0) {
      fail(where, v.to_string() + " is less than the minimum " + field.min->to_string());
    }
    if (field.max && compare_to_bound(v, *field.max) > 0) {
      fail(where, v.to_string() + " is more than the maximum " + field.max->to_string());
    }
  }
};

}  // namespace tiaoli::detail
