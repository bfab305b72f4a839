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
  NodePtr root;       // null on error
  ParseError error;   // meaningful when root is null
};

// Nesting deeper than this is rejected, so no expression can exhaust the stack.
inline constexpr int kMaxExpressionDepth = 64;

ParseOutput parse_expression(std::string_view text);

}  // namespace tiaoli::detail
