// Compiles checked expressions: picks, once at load time, a specialised evaluator for each node
// whose shape and types allow one (comparisons of ints, dates, enums and bools; and/or/not;
// any/all/count; integer arithmetic). evaluate() and evaluate_bool() use them; every other node
// is interpreted. Results, errors and evaluation-step counts are the same either way.
#pragma once

#include "expr/ast.hpp"

namespace tiaoli::detail {

// Compiles `root` and everything under it, in place. Call after the checker accepted it.
void compile_expression(Node& root);

}  // namespace tiaoli::detail
