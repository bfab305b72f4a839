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

// An enum value's key: its rank when the enum is ordered, else its index.
inline std::int64_t enum_key(const EnumValue& e) {
  return e.type->ordered ? e.type->ranks[static_cast<std::size_t>(e.index)] : e.index;
}

// nullopt: not keyable. Inline: the compiled evaluators and the fast path call it per value.
inline std::optional<std::int64_t> key_if_keyable(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kInt:
      return value.as_int();
    case Value::Kind::kDate:
      return value.as_date().days;
    case Value::Kind::kBool:
      return value.as_bool() ? 1 : 0;
    case Value::Kind::kEnum:
      return enum_key(value.as_enum());
    default:
      return std::nullopt;
  }
}

// Shared by the compiled evaluators and the fast path (fast_run.cpp).

// `a op b` for a comparison `op`.
template <Op op>
constexpr bool compare_keys(std::int64_t a, std::int64_t b) {
  if constexpr (op == Op::kEq) return a == b;
  if constexpr (op == Op::kNe) return a != b;
  if constexpr (op == Op::kLt) return a < b;
  if constexpr (op == Op::kLe) return a <= b;
  if constexpr (op == Op::kGt) return a > b;
  return a >= b;
}

// `*result = a op b` for +, - or *; false when it overflows.
template <Op op>
bool checked_arithmetic(std::int64_t a, std::int64_t b, std::int64_t* result) {
  if constexpr (op == Op::kAdd) return !__builtin_add_overflow(a, b, result);
  if constexpr (op == Op::kSub) return !__builtin_sub_overflow(a, b, result);
  return !__builtin_mul_overflow(a, b, result);
}

// `pick.template operator()<op>()` for a comparison `op` (`[]<Op o>() { return &f<o>; }`); null
// for any other operator.
template <class Pick>
auto for_comparison(Op op, Pick pick) -> decltype(pick.template operator()<Op::kEq>()) {
  switch (op) {
    case Op::kEq:
      return pick.template operator()<Op::kEq>();
    case Op::kNe:
      return pick.template operator()<Op::kNe>();
    case Op::kLt:
      return pick.template operator()<Op::kLt>();
    case Op::kLe:
      return pick.template operator()<Op::kLe>();
    case Op::kGt:
      return pick.template operator()<Op::kGt>();
    case Op::kGe:
      return pick.template operator()<Op::kGe>();
    default:
      return nullptr;
  }
}

// The same for the integer operators +, - and *.
template <class Pick>
auto for_arithmetic(Op op, Pick pick) -> decltype(pick.template operator()<Op::kAdd>()) {
  switch (op) {
    case Op::kAdd:
      return pick.template operator()<Op::kAdd>();
    case Op::kSub:
      return pick.template operator()<Op::kSub>();
    case Op::kMul:
      return pick.template operator()<Op::kMul>();
    default:
      return nullptr;
  }
}

}  // namespace tiaoli::detail
