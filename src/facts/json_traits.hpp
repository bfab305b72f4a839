// One interface over the two JSON representations facts arrive in: nlohmann::json (YAML
// documents converted, test cases) and simdjson's DOM (JSON text, the fast path).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>
#include <nlohmann/json.hpp>

#include "tiaoli/fact_value.hpp"

namespace tiaoli::detail {

enum class JsonKind { kNull, kBool, kInteger, kUnsigned, kReal, kString, kArray, kObject };

struct NlohmannTraits {
  using Node = nlohmann::json;
  static JsonKind kind(const Node& n) {
    switch (n.type()) {
      case nlohmann::json::value_t::boolean:
        return JsonKind::kBool;
      case nlohmann::json::value_t::number_integer:
        return JsonKind::kInteger;
      case nlohmann::json::value_t::number_unsigned:
        return JsonKind::kUnsigned;
      case nlohmann::json::value_t::number_float:
        return JsonKind::kReal;
      case nlohmann::json::value_t::string:
        return JsonKind::kString;
      case nlohmann::json::value_t::array:
        return JsonKind::kArray;
      case nlohmann::json::value_t::object:
        return JsonKind::kObject;
      default:
        return JsonKind::kNull;
    }
  }
  static bool boolean(const Node& n) { return n.get<bool>(); }
  static std::int64_t integer(const Node& n) { return n.get<std::int64_t>(); }
  static std::uint64_t unsigned_integer(const Node& n) { return n.get<std::uint64_t>(); }
  static double real(const Node& n) { return n.get<double>(); }
  static std::string_view string(const Node& n) { return n.get_ref<const std::string&>(); }
  static std::size_t size(const Node& n) { return n.size(); }
  template <class F>
  static void for_each(const Node& n, F&& f) {
    for (const Node& element : n) f(element);
  }
  static const Node* member(const Node& n, std::string_view key, Node& /*slot*/) {
    auto it = n.find(key);
    return it == n.end() ? nullptr : &*it;
  }
  static std::string dump(const Node& n) { return n.dump(); }
};

struct SimdjsonTraits {
  using Node = simdjson::dom::element;
  static JsonKind kind(const Node& n) {
    switch (n.type()) {
      case simdjson::dom::element_type::BOOL:
        return JsonKind::kBool;
      case simdjson::dom::element_type::INT64:
        return JsonKind::kInteger;
      case simdjson::dom::element_type::UINT64:
        return JsonKind::kUnsigned;
      case simdjson::dom::element_type::DOUBLE:
        return JsonKind::kReal;
      case simdjson::dom::element_type::STRING:
        return JsonKind::kString;
      case simdjson::dom::element_type::ARRAY:
        return JsonKind::kArray;
      case simdjson::dom::element_type::OBJECT:
        return JsonKind::kObject;
      default:
        return JsonKind::kNull;
    }
  }
  // The kind was checked before each of these is called, so get() cannot fail here.
  template <class T>
  static T get(const Node& n) {
    T value{};
    if (n.get(value) != simdjson::SUCCESS) return T{};
    return value;
  }
  static bool boolean(const Node& n) { return get<bool>(n); }
  static std::int64_t integer(const Node& n) { return get<std::int64_t>(n); }
  static std::uint64_t unsigned_integer(const Node& n) { return get<std::uint64_t>(n); }
  static double real(const Node& n) { return get<double>(n); }
  static std::string_view string(const Node& n) { return get<std::string_view>(n); }
  static std::size_t size(const Node& n) { return get<simdjson::dom::array>(n).size(); }
  template <class F>
  static void for_each(const Node& n, F&& f) {
    for (Node element : get<simdjson::dom::array>(n)) f(element);
  }
  // simdjson elements are handles: a found member is returned by value, kept in `slot`.
  static const Node* member(const Node& n, std::string_view key, Node& slot) {
    if (get<simdjson::dom::object>(n).at_key(key).get(slot) != simdjson::SUCCESS) return nullptr;
    return &slot;
  }
  static std::string dump(const Node& n) { return simdjson::minify(n); }
};

// Facts built in C++ (tiaoli::FactValue).
struct FactValueTraits {
  using Node = FactValue;
  static JsonKind kind(const Node& n) {
    switch (n.data().index()) {
      case 1:
        return JsonKind::kBool;
      case 2:
        return JsonKind::kInteger;
      case 3:
        return JsonKind::kReal;
      case 4:
        return JsonKind::kString;
      case 5:
        return JsonKind::kArray;
      case 6:
        return JsonKind::kObject;
      default:
        return JsonKind::kNull;
    }
  }
  static bool boolean(const Node& n) { return std::get<bool>(n.data()); }
  static std::int64_t integer(const Node& n) { return std::get<std::int64_t>(n.data()); }
  static std::uint64_t unsigned_integer(const Node& n) {
    return static_cast<std::uint64_t>(integer(n));
  }
  static double real(const Node& n) { return std::get<double>(n.data()); }
  static std::string_view string(const Node& n) { return std::get<std::string>(n.data()); }
  static std::size_t size(const Node& n) { return std::get<FactValue::Array>(n.data()).size(); }
  template <class F>
  static void for_each(const Node& n, F&& f) {
    for (const Node& element : std::get<FactValue::Array>(n.data())) f(element);
  }
  static const Node* member(const Node& n, std::string_view key, Node& /*slot*/) {
    for (const auto& [name, value] : std::get<FactValue::Object>(n.data())) {
      if (name == key) return &value;
    }
    return nullptr;
  }
  static std::string dump(const Node& n);
};

}  // namespace tiaoli::detail
