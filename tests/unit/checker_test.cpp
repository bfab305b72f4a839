// The type checker, exercised by loading small rule sets: each error names the problem and
// points (file:line:column) at the offending spot inside the YAML file.
#include "check/checker.hpp"

#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"

namespace tiaoli::test {
namespace {

// A `first` decision whose one rule has `when: <expr>` (written as a quoted YAML scalar).
std::string when_decision(std::string_view expr) {
  return "decisions:\n  - id: check\n    hit: first\n    output: {ok: bool}\n    rules:\n"
         "      - id: r\n        cite: \"1.1.1\"\n        when: " +
         yq(expr) +
         "\n"
         "        then: {ok: \"true\"}\n        because: {zh: z, en: e}\n";
}

// Loads a rule set whose `when` is `expr` and returns the diagnostic mentioning `needle`.
std::optional<Diagnostic> when_error(std::string_view expr, std::string_view needle) {
  RuleFolder folder;
  folder.write("decisions/check.yaml", when_decision(expr));
  return load_error(folder, needle);
}

// True when the rule set with `when: <expr>` loads.
bool when_loads(std::string_view expr) {
  RuleFolder folder;
  folder.write("decisions/check.yaml", when_decision(expr));
  auto loaded = folder.load();
  if (!loaded.ok()) ADD_FAILURE() << expr << "\n" << format_diagnostics(loaded.error().diagnostics);
  return loaded.ok();
}

// The 1-based column (in code points) where `needle` starts in `line`.
int column_of(std::string_view line, std::string_view needle) {
  std::size_t at = line.find(needle);
  EXPECT_NE(at, std::string_view::npos) << needle;
  int column = 1;
  for (std::size_t i = 0; i < at; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

TEST(Checker, WellTypedExpressionsLoad) {
  EXPECT_TRUE(when_loads("candidate.education >= \"中专\" and candidate.score > 1.5"));
  EXPECT_TRUE(when_loads("(candidate.nickname ?? \"\") != \"x\""));
  EXPECT_TRUE(when_loads("candidate.favourite == \"红\""));
  EXPECT_TRUE(when_loads("candidate.favourite in [\"红\", \"蓝\"]"));
  EXPECT_TRUE(when_loads("count(t in candidate.training where t.hours > 1) >= 2"));
  EXPECT_TRUE(when_loads("as_of - candidate.birth_date > 365"));
  EXPECT_TRUE(when_loads("candidate.birth_date + 18 years <= as_of"));
}

TEST(Checker, UnknownFieldSuggestsTheClosestName) {
  auto d = when_error("candidate.birth_dat < as_of", "has no field 'birth_dat'");
  ASSERT_TRUE(d);
  EXPECT_TRUE(Contains(d->message, "did you mean 'birth_date'?"));
}

TEST(Checker, UnknownRootNameSuggestsTheClosestName) {
  auto d = when_error("candidat.score > 1", "unknown name 'candidat'");
  ASSERT_TRUE(d);
  EXPECT_TRUE(Contains(d->message, "did you mean 'candidate'?"));
}

TEST(Checker, UnrelatedUnknownNameHasNoSuggestion) {
  auto d = when_error("zzzzzzzz > 1", "unknown name 'zzzzzzzz'");
  ASSERT_TRUE(d);
  EXPECT_FALSE(Contains(d->message, "did you mean"));
}

TEST(Checker, EnumLiteralOutsideTheEnumListsTheValues) {
  auto d = when_error("candidate.education >= \"高中x\"", "'高中x' is not a value of education");
  ASSERT_TRUE(d);
  for (const char* value : {"小学", "初中", "高中", "中专", "大专", "本科"})
    EXPECT_TRUE(Contains(d->message, value));
}

TEST(Checker, EnumLiteralInAListIsChecked) {
  auto d = when_error("candidate.favourite in [\"红\", \"紫\"]", "'紫' is not a value of color");
  ASSERT_TRUE(d);
  EXPECT_TRUE(Contains(d->message, "红, 绿, 蓝"));
}

TEST(Checker, ComparingIntWithDateIsAnError) {
  EXPECT_TRUE(when_error("candidate.score > candidate.birth_date", "cannot compare int with date"));
}

TEST(Checker, ComparingStringWithNumberIsAnError) {
  EXPECT_TRUE(when_error("candidate.nickname == 1", "cannot compare string with int"));
}

TEST(Checker, CoalesceOnARequiredFieldIsAnError) {
  EXPECT_TRUE(when_error("(candidate.score ?? 0) > 1", "never absent"));
}

TEST(Checker, CoalesceNeedsMatchingTypes) {
  EXPECT_TRUE(when_error("(candidate.nickname ?? 1) == 1", "same type on both sides"));
}

TEST(Checker, OrderingAnUnorderedEnumIsAnError) {
  auto d = when_error("candidate.favourite > \"红\"", "have no order");
  ASSERT_TRUE(d);
  EXPECT_TRUE(Contains(d->message, "color"));
  EXPECT_TRUE(Contains(d->message, "ordered: true"));
}

TEST(Checker, EqualityOnAnUnorderedEnumIsFine) {
  EXPECT_TRUE(when_loads("candidate.favourite != \"绿\""));
}

TEST(Checker, WrongFunctionArity) {
  auto d = when_error("year(as_of, as_of) > 2000", "year takes 1 argument(s)");
  ASSERT_TRUE(d);
}

TEST(Checker, WrongFunctionArgumentType) {
  auto d = when_error("year(candidate.score) > 2000",
                      "argument 1 of year should be date, but it is int");
  ASSERT_TRUE(d);
}

TEST(Checker, UnknownFunctionSuggestsTheClosestName) {
  auto d = when_error("yaer(as_of) > 2000", "unknown function 'yaer'");
  ASSERT_TRUE(d);
  EXPECT_TRUE(Contains(d->message, "did you mean 'year'?"));
}

TEST(Checker, UnknownParameterSuggestsTheClosestName) {
  auto d = when_error("candidate.score >= params.min_ag", "unknown parameter 'min_ag'");
  ASSERT_TRUE(d);
  EXPECT_TRUE(Contains(d->message, "did you mean 'min_age'?"));
}

TEST(Checker, BareParamsIsAnError) { EXPECT_TRUE(when_error("params > 1", "params.NAME")); }

TEST(Checker, UnknownDecisionReference) {
  EXPECT_TRUE(when_error("decision(\"nope\").eligible", "unknown decision 'nope'"));
}

TEST(Checker, DecisionReferenceReadsTheOtherDecisionsOutput) {
  EXPECT_TRUE(when_loads(
      "decision(\"eligibility\").eligible and count(decision(\"eligibility\").failed) == 0"));
  EXPECT_TRUE(when_error("decision(\"eligibility\").passed", "has no field 'passed'"));
}

TEST(Checker, DecisionCannotUseItsOwnOutcome) {
  EXPECT_TRUE(when_error("decision(\"check\").ok", "cannot use its own outcome"));
}

TEST(Checker, ConditionMustBeBool) {
  EXPECT_TRUE(when_error("candidate.score", "this should be bool, but it is int"));
}

TEST(Checker, LogicNeedsBools) {
  EXPECT_TRUE(when_error("candidate.score and true", "'and' needs true/false"));
  EXPECT_TRUE(when_error("not candidate.score", "'not' needs a true/false value"));
}

TEST(Checker, ArithmeticTypeErrors) {
  EXPECT_TRUE(when_error("candidate.nickname + 1 == 1", "cannot compute string + int"));
  EXPECT_TRUE(when_error("as_of + as_of == as_of", "cannot compute date + date"));
}

TEST(Checker, FieldOfAListIsAnErrorWithAHint) {
  auto d = when_error("candidate.training.hours > 1", "is a list");
  ASSERT_TRUE(d);
  EXPECT_TRUE(Contains(d->message, "any("));
}

TEST(Checker, InNeedsAListOnTheRight) {
  EXPECT_TRUE(when_error("1 in candidate.score", "right side of 'in' should be a list"));
}

TEST(Checker, SumNeedsANumber) {
  EXPECT_TRUE(when_error("sum(t in candidate.training: t.date) > 1", "sum needs a number"));
}

TEST(Checker, QuantifierNeedsACondition) {
  EXPECT_TRUE(when_error("any(t in candidate.training: t.hours)", "should be true/false"));
}

TEST(Checker, ComprehensionVariableIsScopedToItsComprehension) {
  EXPECT_TRUE(
      when_error("any(t in candidate.training: t.hours > 1) and t.hours > 1", "unknown name 't'"));
}

TEST(Checker, CalendarFunctionsNeedACalendar) {
  EXPECT_TRUE(when_error("is_working_day(as_of)", "needs a calendar"));
}

TEST(Checker, CompletedYearsConventionIsChecked) {
  EXPECT_TRUE(when_error("completed_years(candidate.birth_date, as_of, \"lunar\") > 1",
                         "not a 周岁 convention"));
}

// Every version of a convention parameter is checked, not only the one in force today.
TEST(Checker, CompletedYearsConventionParameterVersionsAreChecked) {
  RuleFolder folder;
  folder.write("parameters.yaml", std::string(kParameters) + R"(  convention:
    type: string
    interpretation: 口径。
    versions:
      - {effective_from: 2024-01-01, value: birthday}
      - {effective_from: 2026-01-01, value: lunar}
)");
  folder.write(
      "decisions/check.yaml",
      when_decision("completed_years(candidate.birth_date, as_of, params.convention) > 1"));
  EXPECT_TRUE(load_error(folder, "'lunar' is not a 周岁 convention"));
}

TEST(Checker, IfBranchesMustAgree) {
  EXPECT_TRUE(
      when_error("(if true then 1 else \"x\") == 1", "'then' gives int but 'else' gives string"));
}

TEST(Checker, ThenValueMustMatchTheOutputType) {
  RuleFolder folder;
  folder.write("decisions/check.yaml", calc_decision("candidate.nickname ?? \"\"", "int"));
  EXPECT_TRUE(load_error(folder, "this should be int, but it is string"));
}

TEST(Checker, ReportsEveryErrorNotJustTheFirst) {
  RuleFolder folder;
  folder.write("decisions/check.yaml", when_decision("candidate.scor > 1 and params.nope > 1"));
  auto loaded = folder.load();
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(find_diagnostic(loaded.error().diagnostics, "no field 'scor'"));
  EXPECT_TRUE(find_diagnostic(loaded.error().diagnostics, "unknown parameter 'nope'"));
}

// Positions: each error points at the offending text inside the YAML file.
constexpr const char* kPositions[] = {
    "decisions:",
    "  - id: check",
    "    hit: first",
    "    output: {ok: bool}",
    "    rules:",
    "      - id: quoted",
    "        cite: \"1.1.1\"",
    "        when: \"candidate.score > 1 and candidate.educaton == '高中'\"",
    "        then: {ok: \"true\"}",
    "        because: {zh: z, en: e}",
    "      - id: unquoted",
    "        cite: \"1.1.1\"",
    "        when: candidate.nickname == \"张三\" and 年龄 > 1",
    "        then: {ok: \"true\"}",
    "        because:",
    "          zh: \"张三的分数为{candidate.scor}分\"",
    "          en: 'score {candidate.score + \"x\"}'",
    "      - id: single_quoted",
    "        cite: \"1.1.1\"",
    "        when: '年龄 == 1 or params.mn_age > 1'",
    "        then: {ok: \"true\"}",
    "        because: {zh: z, en: e}",
};

class CheckerPositions : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string text;
    for (const char* line : kPositions) text += std::string(line) + "\n";
    folder_.write("decisions/check.yaml", text);
    auto loaded = folder_.load();
    ASSERT_FALSE(loaded.ok());
    diagnostics_ = loaded.error().diagnostics;
  }

  // Expects the diagnostic mentioning `needle` at (line, column of `at` on that line).
  void expect_at(std::string_view needle, int line, std::string_view at) {
    const Diagnostic* d = find_diagnostic(diagnostics_, needle);
    ASSERT_NE(d, nullptr) << needle << "\n" << format_diagnostics(diagnostics_);
    EXPECT_EQ(d->file, folder_.file("decisions/check.yaml"));
    EXPECT_EQ(d->line, line) << needle;
    EXPECT_EQ(d->column, column_of(kPositions[line - 1], at)) << needle;
    EXPECT_EQ(d->source_line, kPositions[line - 1]);
  }

  RuleFolder folder_;
  std::vector<Diagnostic> diagnostics_;
};

TEST_F(CheckerPositions, QuotedExpression) {
  expect_at("no field 'educaton'", 8, "candidate.educaton");
}

TEST_F(CheckerPositions, UnquotedExpressionAfterChineseText) {
  expect_at("unknown name '年龄'", 13, "年龄");
}

TEST_F(CheckerPositions, PlaceholderInsideBecauseMessage) {
  expect_at("no field 'scor'", 16, "candidate.scor}");
}

TEST_F(CheckerPositions, PlaceholderInSingleQuotedMessage) {
  expect_at("cannot compute int + string", 17, "candidate.score + ");
}

TEST_F(CheckerPositions, SingleQuotedExpression) {
  expect_at("unknown parameter 'mn_age'", 20, "params.mn_age");
}

TEST_F(CheckerPositions, FormattedDiagnosticHasFileLineColumnAndCaret) {
  const Diagnostic* d = find_diagnostic(diagnostics_, "unknown parameter 'mn_age'");
  ASSERT_NE(d, nullptr);
  std::string text = format_diagnostic(*d);
  std::string prefix =
      folder_.file("decisions/check.yaml") + ":20:" + std::to_string(d->column) + ": error: ";
  EXPECT_EQ(text.rfind(prefix, 0), 0u) << text;
  EXPECT_TRUE(Contains(text, kPositions[19]));
  EXPECT_TRUE(Contains(text, "^"));
}

// In a double-quoted YAML scalar, escape sequences make the scalar's content shorter than its
// source text. Offsets into the content must be mapped back to the source: an error after an
// escaped quote should still point at the offending name.
TEST(CheckerPositionsEscapes, ErrorAfterAnEscapedQuoteInADoubleQuotedScalar) {
  RuleFolder folder;
  const std::string line =
      "        when: \"candidate.nickname == \\\"a\\\" and candidate.scor > 1\"";
  folder.write("decisions/check.yaml",
               "decisions:\n  - id: check\n    hit: first\n    output: {ok: bool}\n    rules:\n"
               "      - id: r\n        cite: \"1.1.1\"\n" +
                   line +
                   "\n"
                   "        then: {ok: \"true\"}\n        because: {zh: z, en: e}\n");
  auto d = load_error(folder, "no field 'scor'");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->line, 8);
  // Expected: the column of "candidate.scor"; actual: two columns earlier (one per backslash).
  EXPECT_EQ(d->column, column_of(line, "candidate.scor"));
}

TEST(CheckerScope, BindingsShadowAndEveryBindingGetsItsOwnSlot) {
  int next_slot = 0;
  detail::Scope a(&next_slot);
  detail::Scope b(&next_slot);  // another rule of the same decision shares the slot counter
  detail::TypeTable types;
  int x = a.bind("x", types.integer(), false);
  int y = b.bind("x", types.date(), true);
  EXPECT_NE(x, y);
  int inner = a.bind("x", types.string(), false);
  ASSERT_NE(a.find("x"), nullptr);
  EXPECT_EQ(a.find("x")->slot, inner);
  EXPECT_EQ(a.find("x")->type, types.string());
  a.unbind();
  EXPECT_EQ(a.find("x")->slot, x);
  EXPECT_TRUE(b.find("x")->maybe_absent);
  EXPECT_EQ(a.find("y"), nullptr);
  EXPECT_EQ(next_slot, 3);
}

}  // namespace
}  // namespace tiaoli::test
