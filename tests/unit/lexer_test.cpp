// The expression lexer: tokens, their kinds and offsets, and the errors it reports.
#include "expr/lexer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.hpp"

namespace tiaoli::detail {
namespace {

using test::Contains;

std::vector<Token> tokens_of(std::string_view text) { return lex(text); }

// The kinds of all tokens, kEnd included.
std::vector<TokenKind> kinds(std::string_view text) {
  std::vector<TokenKind> out;
  for (const Token& t : lex(text)) out.push_back(t.kind);
  return out;
}

TEST(Lexer, EmptyInputIsJustEnd) {
  auto t = tokens_of("");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].kind, TokenKind::kEnd);
  EXPECT_EQ(t[0].offset, 0);
}

TEST(Lexer, DateIsOneToken) {
  auto t = tokens_of("as_of >= 2026-03-01");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[2].kind, TokenKind::kDate);
  EXPECT_EQ(t[2].text, "2026-03-01");
  EXPECT_EQ(t[2].offset, 9);
  EXPECT_EQ(t[2].length, 10);
}

TEST(Lexer, SubtractionOfNumbersIsNotADate) {
  // 2026-03 is not the shape of a date: three tokens, int minus int.
  EXPECT_EQ(kinds("2026-03"), (std::vector<TokenKind>{TokenKind::kInt, TokenKind::kPunct,
                                                      TokenKind::kInt, TokenKind::kEnd}));
}

TEST(Lexer, ImpossibleDateIsRejectedWithMessage) {
  auto t = tokens_of("x == 2026-02-30");
  ASSERT_FALSE(t.empty());
  const Token& last = t.back();
  EXPECT_EQ(last.kind, TokenKind::kError);
  EXPECT_TRUE(Contains(last.text, "2026-02-30"));
  EXPECT_TRUE(Contains(last.text, "not a valid date"));
  EXPECT_EQ(last.offset, 5);
}

TEST(Lexer, LeapDayOnlyInLeapYears) {
  EXPECT_EQ(tokens_of("2024-02-29")[0].kind, TokenKind::kDate);
  EXPECT_EQ(tokens_of("2025-02-29").back().kind, TokenKind::kError);
}

TEST(Lexer, IntegersAndDecimals) {
  auto t = tokens_of("18 39.5 0.0001");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].kind, TokenKind::kInt);
  EXPECT_EQ(t[0].text, "18");
  EXPECT_EQ(t[1].kind, TokenKind::kDecimal);
  EXPECT_EQ(t[1].text, "39.5");
  EXPECT_EQ(t[1].offset, 3);
  EXPECT_EQ(t[2].kind, TokenKind::kDecimal);
  EXPECT_EQ(t[2].text, "0.0001");
}

TEST(Lexer, DotAfterNumberWithoutDigitIsMemberAccessPunct) {
  // "1." is an int followed by '.', not a decimal.
  EXPECT_EQ(kinds("1."),
            (std::vector<TokenKind>{TokenKind::kInt, TokenKind::kPunct, TokenKind::kEnd}));
}

TEST(Lexer, NumberRunningIntoNameIsAnError) {
  auto t = tokens_of("18years");
  EXPECT_EQ(t.back().kind, TokenKind::kError);
  EXPECT_TRUE(Contains(t.back().text, "space"));
  EXPECT_EQ(t.back().offset, 2);
}

TEST(Lexer, StringsInBothQuotesAreUnquoted) {
  auto t = tokens_of(R"("高中" '中专')");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].kind, TokenKind::kString);
  EXPECT_EQ(t[0].text, "高中");
  EXPECT_EQ(t[0].offset, 0);
  EXPECT_EQ(t[0].length, 8);  // two quotes + two 3-byte characters
  EXPECT_EQ(t[1].kind, TokenKind::kString);
  EXPECT_EQ(t[1].text, "中专");
  EXPECT_EQ(t[1].offset, 9);
}

TEST(Lexer, OtherQuoteInsideStringIsPlainText) {
  auto t = tokens_of(R"("it's" 'say "hi"')");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].text, "it's");
  EXPECT_EQ(t[1].text, "say \"hi\"");
}

TEST(Lexer, BackslashEscapesTheQuote) {
  auto t = tokens_of(R"("a\"b")");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].kind, TokenKind::kString);
  EXPECT_EQ(t[0].text, "a\"b");
}

TEST(Lexer, UnterminatedStringIsAnErrorAtItsQuote) {
  auto t = tokens_of(R"(x == "abc)");
  EXPECT_EQ(t.back().kind, TokenKind::kError);
  EXPECT_TRUE(Contains(t.back().text, "closing quote"));
  EXPECT_EQ(t.back().offset, 5);
}

TEST(Lexer, ChineseIdentifiers) {
  auto t = tokens_of("年龄 >= 候选人.年龄");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].kind, TokenKind::kIdent);
  EXPECT_EQ(t[0].text, "年龄");
  EXPECT_EQ(t[0].length, 6);
  EXPECT_TRUE(t[1].punct(">="));
  EXPECT_EQ(t[2].text, "候选人");
  EXPECT_EQ(t[2].offset, 10);
  EXPECT_TRUE(t[3].punct("."));
  EXPECT_EQ(t[4].text, "年龄");
}

TEST(Lexer, IdentifiersMayContainDigitsAndUnderscores) {
  auto t = tokens_of("_a1 b_2");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].text, "_a1");
  EXPECT_EQ(t[1].text, "b_2");
}

TEST(Lexer, KeywordsAreIdentTokens) {
  auto t = tokens_of("not x in y");
  EXPECT_TRUE(t[0].keyword("not"));
  EXPECT_TRUE(t[2].keyword("in"));
}

TEST(Lexer, TwoCharacterOperators) {
  auto t = tokens_of("a==b!=c<=d>=e??f");
  std::vector<std::string> puncts;
  for (const Token& tok : t) {
    if (tok.kind == TokenKind::kPunct) puncts.push_back(tok.text);
  }
  EXPECT_EQ(puncts, (std::vector<std::string>{"==", "!=", "<=", ">=", "??"}));
}

TEST(Lexer, CoalesceOperatorOffsets) {
  auto t = tokens_of("worker.contract_term_years ?? 1");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_TRUE(t[3].punct("??"));
  EXPECT_EQ(t[3].offset, 27);
  EXPECT_EQ(t[3].length, 2);
}

TEST(Lexer, SingleEqualsIsAnErrorSuggestingDoubleEquals) {
  auto t = tokens_of("a = 1");
  EXPECT_EQ(t.back().kind, TokenKind::kError);
  EXPECT_TRUE(Contains(t.back().text, "=="));
  EXPECT_EQ(t.back().offset, 2);
}

TEST(Lexer, SingleQuestionMarkIsAnError) {
  auto t = tokens_of("a ? b");
  EXPECT_EQ(t.back().kind, TokenKind::kError);
  EXPECT_EQ(t.back().offset, 2);
}

TEST(Lexer, UnexpectedCharacterNamesIt) {
  auto t = tokens_of("a & b");
  EXPECT_EQ(t.back().kind, TokenKind::kError);
  EXPECT_TRUE(Contains(t.back().text, "'&'"));
  EXPECT_EQ(t.back().offset, 2);
}

TEST(Lexer, StopsAtTheFirstError) {
  auto t = tokens_of("a = b = c");
  ASSERT_EQ(t.size(), 2u);  // "a", then the error; nothing after
  EXPECT_EQ(t[1].kind, TokenKind::kError);
}

TEST(Lexer, OffsetsAreByteOffsetsAndSkipWhitespace) {
  auto t = tokens_of("  a\t+\n  12");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].offset, 2);
  EXPECT_EQ(t[1].offset, 4);
  EXPECT_EQ(t[2].offset, 8);
  EXPECT_EQ(t[2].length, 2);
  EXPECT_EQ(t[3].kind, TokenKind::kEnd);
  EXPECT_EQ(t[3].offset, 10);
}

TEST(Lexer, AllSingleCharacterPunctuation) {
  auto t = tokens_of("()[],.:+-*/<>");
  ASSERT_EQ(t.size(), 14u);
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    EXPECT_EQ(t[i].kind, TokenKind::kPunct) << i;
    EXPECT_EQ(t[i].offset, static_cast<int>(i));
    EXPECT_EQ(t[i].length, 1);
  }
}

}  // namespace
}  // namespace tiaoli::detail
