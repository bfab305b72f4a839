// Compiles checked expressions: picks, once at load time, a specialised evaluator for each node
// whose shape and types allow one (comparisons of ints, dates, enums and bools; and/or/not;
// any/all/count; integer arithmetic). evaluate() and evaluate_bool() use them; every other node
// is interpreted. Results, errors and evaluation-step counts are the same either way.
#pragma once

#include <cstdint>
#include <optional>

#include "expr/ast.hpp"

namespace tiaoli::detail {

// Compiles `root` and everything under it, in place. Call after the checker accepted it.
void compile_expression(Node& root);

// Keys: values as integers that order like the values themselves (ints; dates as days; enums by
// rank, or by index when unordered; bools as 0/1).
bool keyable(const Type* type);
// Two operands compare by key when they have the same keyable type (the checker makes an int
// operand beside a decimal one a decimal comparison, which is left to the interpreter).
bool same_key_space(const Type* a, const Type* b);
std::optional<std::int64_t> key_if_keyable(const Value& value);  // nullopt: not keyable

}  // namespace tiaoli::detail
