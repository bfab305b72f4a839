// Checks on raw text before it is parsed: encoding, control characters, YAML aliases.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tiaoli::detail {

// A problem at a 1-based line and column (columns count code points).
struct TextProblem {
  int line = 0;
  int column = 0;
  std::string message;
};

// The length of the UTF-8 sequence starting at text[i], or 0 when it is not valid UTF-8
// (truncated, overlong, a UTF-16 surrogate, beyond U+10FFFF).
std::size_t valid_utf8_length(std::string_view text, std::size_t i);

// Invalid UTF-8, or a control character other than tab, newline and carriage return.
std::optional<TextProblem> check_text(std::string_view text);

// YAML aliases (*name) let a tiny file expand to billions of values ("billion laughs"), so
// tiaoli accepts none. Also reports a YAML syntax error when the text does not parse.
std::optional<TextProblem> find_yaml_alias(const std::string& text);

}  // namespace tiaoli::detail
