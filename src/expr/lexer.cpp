#include "expr/lexer.hpp"

#include "tiaoli/value.hpp"

namespace tiaoli::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

// Punctuation a Chinese input method types in place of the ASCII the language uses.
struct FullWidth {
  std::string_view wide;
  std::string_view ascii;
};
constexpr FullWidth kFullWidth[] = {
    {"“", "\""}, {"”", "\""}, {"‘", "'"},  {"’", "'"},  {"（", "("}, {"）", ")"}, {"，", ","},
    {"：", ":"}, {"＝", "="}, {"＞", ">"}, {"＜", "<"}, {"！", "!"}, {"［", "["}, {"］", "]"},
    {"＋", "+"}, {"－", "-"}, {"＊", "*"}, {"／", "/"}, {"？", "?"}, {"．", "."}, {"　", " "},
};

const FullWidth* full_width_at(std::string_view s, std::size_t i) {
  if (i >= s.size() || static_cast<unsigned char>(s[i]) < 0x80) return nullptr;
  for (const FullWidth& f : kFullWidth) {
    if (s.substr(i, f.wide.size()) == f.wide) return &f;
  }
  return nullptr;
}

bool looks_like_date(std::string_view s, std::size_t i) {
  if (i + 10 > s.size()) return false;
  for (std::size_t k = 0; k < 10; ++k) {
    char c = s[i + k];
    bool dash = k == 4 || k == 7;
    if (dash ? c != '-' : !is_digit(c)) return false;
  }
  return i + 10 == s.size() || !is_digit(s[i + 10]);
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    while (true) {
      skip_space();
      if (pos_ >= text_.size()) {
        push(TokenKind::kEnd, "", pos_);
        return tokens_;
      }
      if (!next()) return tokens_;
    }
  }

 private:
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  void push(TokenKind kind, std::string text, std::size_t start) {
    tokens_.push_back(
        Token{kind, std::move(text), static_cast<int>(start), static_cast<int>(pos_ - start)});
  }

  bool fail(std::string message, std::size_t start) {
    pos_ = start + 1;
    push(TokenKind::kError, std::move(message), start);
    return false;
  }

  bool next() {
    std::size_t start = pos_;
    char c = text_[pos_];
    if (looks_like_date(text_, pos_)) {
      pos_ += 10;
      std::string text(text_.substr(start, 10));
      if (!Date::parse(text)) {
        pos_ = start;
        return fail("'" + text + "' is not a valid date", start);
      }
      push(TokenKind::kDate, text, start);
      return true;
    }
    if (is_digit(c)) return number(start);
    if (const FullWidth* wide = full_width_at(text_, pos_)) return full_width(start, *wide);
    if (is_ident_start(c)) {
      while (pos_ < text_.size() && is_ident_char(text_[pos_]) && !full_width_at(text_, pos_))
        ++pos_;
      push(TokenKind::kIdent, std::string(text_.substr(start, pos_ - start)), start);
      return true;
    }
    if (c == '"' || c == '\'') return string(start, c);
    return punct(start);
  }

  bool full_width(std::size_t start, const FullWidth& wide) {
    if (wide.wide == "“" || wide.wide == "‘") {
      std::string_view close = wide.wide == "“" ? "”" : "’";
      std::size_t end = text_.find(close, start + wide.wide.size());
      if (end != std::string_view::npos) {
        std::string_view inner =
            text_.substr(start + wide.wide.size(), end - start - wide.wide.size());
        return fail(std::string(wide.wide) + std::string(inner) + std::string(close) +
                        " is in Chinese quotation marks; write it with straight quotes: \"" +
                        std::string(inner) + "\"",
                    start);
      }
    }
    return fail("'" + std::string(wide.wide) + "' is a full-width (Chinese) character; write " +
                    (wide.ascii == " " ? std::string("a plain space")
                                       : "'" + std::string(wide.ascii) + "'") +
                    " instead",
                start);
  }

  bool number(std::size_t start) {
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    TokenKind kind = TokenKind::kInt;
    if (pos_ + 1 < text_.size() && text_[pos_] == '.' && is_digit(text_[pos_ + 1])) {
      kind = TokenKind::kDecimal;
      ++pos_;
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    if (pos_ < text_.size() && is_ident_start(text_[pos_]) &&
        static_cast<unsigned char>(text_[pos_]) < 0x80) {
      return fail("a number must not run into a name; put a space between them", pos_);
    }
    push(kind, std::string(text_.substr(start, pos_ - start)), start);
    return true;
  }

  bool string(std::size_t start, char quote) {
    std::string value;
    ++pos_;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      value += text_[pos_++];
    }
    if (pos_ >= text_.size()) return fail("this string has no closing quote", start);
    ++pos_;
    push(TokenKind::kString, std::move(value), start);
    return true;
  }

  bool punct(std::size_t start) {
    static constexpr std::string_view kTwo[] = {"==", "!=", "<=", ">=", "??"};
    for (std::string_view two : kTwo) {
      if (text_.substr(pos_, 2) == two) {
        pos_ += 2;
        push(TokenKind::kPunct, std::string(two), start);
        return true;
      }
    }
    static constexpr std::string_view kOne = "()[],.:+-*/<>";
    if (kOne.find(text_[pos_]) != std::string_view::npos) {
      ++pos_;
      push(TokenKind::kPunct, std::string(1, text_[start]), start);
      return true;
    }
    if (text_[pos_] == '=') return fail("use '==' to compare", start);
    return fail("unexpected character '" + std::string(1, text_[pos_]) + "'", start);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> lex(std::string_view text) { return Lexer(text).run(); }

}  // namespace tiaoli::detail
