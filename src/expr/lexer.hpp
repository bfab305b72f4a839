// Splits an expression into tokens. Identifiers may be Chinese; dates are one token.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tiaoli::detail {

enum class TokenKind {
  kEnd,
  kInt,      // 18
  kDecimal,  // 39.5
  kString,   // "高中" or '高中' (text holds the unquoted, unescaped value)
  kDate,     // 2026-03-01
  kIdent,    // candidate, 年龄, and keywords: and or not in if then else where true false
  kPunct,    // ( ) [ ] , . : + - * / == != < <= > >= ??
  kError,    // text holds the message
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  int offset = 0;
  int length = 0;

  bool is(TokenKind k, std::string_view t) const { return kind == k && text == t; }
  bool punct(std::string_view t) const { return is(TokenKind::kPunct, t); }
  bool keyword(std::string_view t) const { return is(TokenKind::kIdent, t); }
};

// The whole token list, ending with kEnd, or with a kError token at the first bad character.
std::vector<Token> lex(std::string_view text);

}  // namespace tiaoli::detail
