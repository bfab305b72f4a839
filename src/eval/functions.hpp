// The built-in functions of the expression language: their signatures (for the checker) and
// their implementations (for the evaluator), side by side so the two cannot drift apart.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/types.hpp"
#include "tiaoli/value.hpp"

namespace tiaoli::detail {

struct EvalContext;

struct FunctionDef {
  std::string_view name;
  std::vector<TypeKind> params;  // kString also accepts an enum (its value name)
  TypeKind result;
  bool needs_calendar;
  std::string_view summary;  // for "unknown function" help
  Value (*call)(std::span<const Value> args, EvalContext& context);
};

const std::vector<FunctionDef>& builtin_functions();
const FunctionDef* find_function(std::string_view name);  // null when unknown

// Names accepted as the 周岁 convention: "birthday" and "day_after_birthday".
bool is_age_convention(std::string_view name);

}  // namespace tiaoli::detail
