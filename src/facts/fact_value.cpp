#include "tiaoli/fact_value.hpp"

namespace tiaoli {

FactValue& FactValue::set(const std::string& name, FactValue value) {
  if (!std::holds_alternative<Object>(data_)) data_ = Object{};
  auto& members = std::get<Object>(data_);
  for (auto& [key, member] : members) {
    if (key == name) {
      member = std::move(value);
      return *this;
    }
  }
  members.emplace_back(name, std::move(value));
  return *this;
}

}  // namespace tiaoli
