// Parses an expression string into a tree with byte offsets on every node.
#pragma once

#include <string>
#include <string_view>

#include "expr/ast.hpp"

namespace tiaoli::detail {

struct ParseError {
  int offset = 0;
  std::string message;
};

struct ParseOutput {
  NodePtr root;      // null on error
  ParseError error;  // meaningful when root is null
};

// Nesting deeper than this is rejected, so no expression can exhaust the stack.
inline constexpr int kMaxExpressionDepth = 64;
// A long chain such as 1 + 1 + ... + 1 builds a tree as high as it is long; the checker and
// evaluator walk it recursively, so its height is bounded too.
inline constexpr int kMaxExpressionHeight = 256;

ParseOutput parse_expression(std::string_view text);

}  // namespace tiaoli::detail
