// Building a facts document in C++, without writing YAML or JSON text.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tiaoli {

// A JSON-like value: null, bool, integer, number, text, list or record (ordered members).
// Dates are text ("2026-03-15"), as in YAML and JSON facts.
class FactValue {
 public:
  using Array = std::vector<FactValue>;
  using Object = std::vector<std::pair<std::string, FactValue>>;

  FactValue() = default;
  FactValue(bool v) : data_(v) {}                            // NOLINT
  FactValue(int v) : data_(static_cast<std::int64_t>(v)) {}  // NOLINT
  FactValue(std::int64_t v) : data_(v) {}                    // NOLINT
  FactValue(double v) : data_(v) {}                          // NOLINT
  FactValue(const char* v) : data_(std::string(v)) {}        // NOLINT
  FactValue(std::string v) : data_(std::move(v)) {}          // NOLINT
  FactValue(Array v) : data_(std::move(v)) {}                // NOLINT
  FactValue(Object v) : data_(std::move(v)) {}               // NOLINT

  // {{"birth_date", "1990-05-01"}, {"education", "高中"}}
  static FactValue object(std::initializer_list<std::pair<std::string, FactValue>> members) {
    return FactValue(Object(members));
  }
  static FactValue array(std::initializer_list<FactValue> elements) {
    return FactValue(Array(elements));
  }

  // Adds or replaces a member of a record (the value becomes a record if it was null).
  FactValue& set(const std::string& name, FactValue value);

  const auto& data() const { return data_; }

 private:
  std::variant<std::monostate, bool, std::int64_t, double, std::string, Array, Object> data_;
};

}  // namespace tiaoli
