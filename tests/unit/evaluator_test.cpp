// The evaluator: arithmetic, dates, comparisons, lists, absent fields, the evaluation budget
// and the date functions. Most tests evaluate one expression through RuleSet::load + decide.
#include "eval/evaluator.hpp"

#include <gtest/gtest.h>

#include <string>

#include "check/checker.hpp"
#include "expr/parser.hpp"
#include "test_support.hpp"

namespace tiaoli::test {
namespace {

// Evaluates `expr` of type `type` with `facts` and expects success.
Value value_of(std::string_view expr, std::string_view type, std::string_view facts = "{}",
               std::string_view as_of = "2026-03-15", bool calendar = false) {
  Calc calc(expr, type, calendar);
  auto result = calc.run(facts, as_of);
  if (!result.ok()) {
    ADD_FAILURE() << expr << ": " << result.error().message;
    return Value();
  }
  return result.value();
}

bool truth(std::string_view expr, std::string_view facts = "{}",
           std::string_view as_of = "2026-03-15") {
  Value v = value_of(expr, "bool", facts, as_of);
  if (v.kind() != Value::Kind::kBool) {
    ADD_FAILURE() << expr << " did not give a bool";
    return false;
  }
  return v.as_bool();
}

// Evaluates `expr` and expects an evaluation error; returns it.
Error error_of(std::string_view expr, std::string_view type, std::string_view facts = "{}",
               std::string_view as_of = "2026-03-15", bool calendar = false) {
  Calc calc(expr, type, calendar);
  auto result = calc.run(facts, as_of);
  if (result.ok()) {
    ADD_FAILURE() << expr << ": expected an error, got " << result.value().to_string();
    return Error{};
  }
  return result.error();
}

// ---- arithmetic ------------------------------------------------------------------------------

TEST(EvaluatorArithmetic, DecimalsAreExact) {
  EXPECT_TRUE(truth("39.5 + 0.5 == 40"));
  EXPECT_TRUE(truth("0.1 + 0.2 == 0.3"));
  EXPECT_EQ(value_of("39.5 + 0.5", "decimal"), Value(dec("40")));
}

TEST(EvaluatorArithmetic, DecimalHoursFromFactsSumExactly) {
  EXPECT_TRUE(truth("sum(t in candidate.training: t.hours) == 40", kGoodCandidate));
}

TEST(EvaluatorArithmetic, IntegerArithmeticStaysInteger) {
  Value v = value_of("7 * 6 - 2", "int");
  ASSERT_EQ(v.kind(), Value::Kind::kInt);
  EXPECT_EQ(v.as_int(), 40);
  EXPECT_EQ(value_of("-(3 - 5)", "int"), Value(2));
}

TEST(EvaluatorArithmetic, MixedIntAndDecimalGivesDecimal) {
  Value v = value_of("2 * 1.25", "decimal");
  ASSERT_EQ(v.kind(), Value::Kind::kDecimal);
  EXPECT_EQ(v.as_decimal(), dec("2.5"));
  EXPECT_TRUE(truth("1 < 1.5 and 2.0 == 2"));
}

TEST(EvaluatorArithmetic, DivisionGivesADecimalRoundedToFourPlaces) {
  EXPECT_EQ(value_of("7 / 2", "decimal"), Value(dec("3.5")));
  EXPECT_EQ(value_of("1 / 3", "decimal"), Value(dec("0.3333")));
  EXPECT_EQ(value_of("2 / 3", "decimal"), Value(dec("0.6667")));
  EXPECT_EQ(value_of("-2 / 3", "decimal"), Value(dec("-0.6667")));
  EXPECT_EQ(value_of("2 / -3", "decimal"), Value(dec("-0.6667")));
  // A half in the fifth place rounds away from zero (四舍五入).
  EXPECT_EQ(value_of("1 / 20000", "decimal"), Value(dec("0.0001")));
  EXPECT_EQ(value_of("-1 / 20000", "decimal"), Value(dec("-0.0001")));
}

TEST(EvaluatorArithmetic, DivisionByZeroIsAnError) {
  EXPECT_TRUE(
      Contains(error_of("1 / (candidate.score - 5)", "decimal", "candidate: {score: 5}").message,
               "division by zero"));
}

TEST(EvaluatorArithmetic, IntegerOverflowIsAnErrorNotWraparound) {
  EXPECT_TRUE(Contains(
      error_of("999999999999999 * 999999999999999 * 999999999999999", "int").message, "too large"));
  // The largest integers (15 digits) a facts document or a literal may hold.
  const char* big = "candidate: {score: 999999999999999}";
  EXPECT_TRUE(
      Contains(error_of("candidate.score * candidate.score", "int", big).message, "too large"));
  EXPECT_TRUE(
      Contains(error_of("candidate.score * 9000 + candidate.score * 9000", "int", big).message,
               "too large"));
  EXPECT_TRUE(
      Contains(error_of("-(candidate.score * 9000) - candidate.score * 9000", "int", big).message,
               "too large"));
  EXPECT_EQ(value_of("candidate.score * 9000", "int", big),
            Value(std::int64_t{8999999999999991000}));
}

TEST(EvaluatorArithmetic, DecimalOverflowIsAnError) {
  EXPECT_TRUE(
      Contains(error_of("99999999999999.5 * 99999999999999.5", "decimal").message, "too large"));
  EXPECT_TRUE(Contains(
      error_of("candidate.score * 10000.5", "decimal", "candidate: {score: 999999999999999}")
          .message,
      "too large"));
}

TEST(EvaluatorArithmetic, SumOverflowIsAnError) {
  // Each entry is the largest decimal a facts document may hold; two of them overflow.
  std::string facts =
      "worker: {training: [{date: 2026-01-01, hours: 922337203685477},"
      " {date: 2026-01-02, hours: 922337203685477}]}";
  EXPECT_TRUE(Contains(error_of("sum(t in worker.training: t.hours)", "decimal", facts).message,
                       "too large"));
}

// A decimal outcome computed from an int branch must still be a decimal value: hosts read it
// with as_decimal(). The checker types `if c then 1 else 2.5` and `optional_decimal ?? 1` as
// decimal, but evaluate() (evaluator.cpp, kIf and Op::kCoalesce) returns the chosen branch's
// int Value unchanged, so Decision::field("value").as_decimal() throws std::bad_variant_access
// and Value equality with a Decimal fails.
TEST(EvaluatorArithmetic, IntValueInADecimalPositionBecomesDecimal) {
  Value chosen =
      value_of("if candidate.score > 0 then 1 else 2.5", "decimal", "candidate: {score: 1}");
  EXPECT_EQ(chosen.kind(), Value::Kind::kDecimal);
  Value defaulted = value_of("candidate.ratio ?? 1", "decimal", "candidate: {}");
  EXPECT_EQ(defaulted.kind(), Value::Kind::kDecimal);
}

// ---- dates -----------------------------------------------------------------------------------

TEST(EvaluatorDates, AddingMonthsClampsToTheMonthEnd) {
  EXPECT_EQ(value_of("2025-01-31 + 1 month", "date"), Value(date("2025-02-28")));
  EXPECT_EQ(value_of("2024-02-29 + 1 year", "date"), Value(date("2025-02-28")));
  EXPECT_EQ(value_of("2024-01-31 + 1 month", "date"), Value(date("2024-02-29")));
  EXPECT_EQ(value_of("2026-03-31 - 1 month", "date"), Value(date("2026-02-28")));
}

TEST(EvaluatorDates, AddingDaysAndWeeks) {
  EXPECT_EQ(value_of("as_of + 7 days", "date"), Value(date("2026-03-22")));
  EXPECT_EQ(value_of("as_of - 2 weeks", "date"), Value(date("2026-03-01")));
  EXPECT_EQ(value_of("2025-12-31 + 1 day", "date"), Value(date("2026-01-01")));
  EXPECT_EQ(value_of("as_of + days(candidate.score)", "date", "candidate: {score: 20}"),
            Value(date("2026-04-04")));
}

TEST(EvaluatorDates, SubtractingDatesGivesDays) {
  EXPECT_EQ(value_of("2026-03-01 - 2026-02-01", "int"), Value(28));
  EXPECT_EQ(value_of("2024-03-01 - 2024-02-01", "int"), Value(29));
  EXPECT_EQ(value_of("days_between(2026-03-01, 2026-02-01)", "int"), Value(-28));
}

TEST(EvaluatorDates, ComparingDates) {
  EXPECT_TRUE(truth("2026-03-01 < as_of and as_of <= 2026-03-15 and as_of != 2026-03-14"));
  EXPECT_TRUE(
      truth("candidate.birth_date + 18 years <= as_of", "candidate: {birth_date: 2008-03-15}"));
  EXPECT_FALSE(
      truth("candidate.birth_date + 18 years <= as_of", "candidate: {birth_date: 2008-03-16}"));
}

TEST(EvaluatorDates, DatePartsAndPeriodEnds) {
  EXPECT_EQ(value_of("year(as_of) * 10000 + month(as_of) * 100 + day(as_of)", "int"),
            Value(20260315));
  EXPECT_EQ(value_of("quarter(2026-05-10)", "int"), Value(2));
  EXPECT_EQ(value_of("quarter_end(2026-05-10)", "date"), Value(date("2026-06-30")));
  EXPECT_EQ(value_of("quarter_end(2026-12-31)", "date"), Value(date("2026-12-31")));
  EXPECT_EQ(value_of("year_end(2026-05-10)", "date"), Value(date("2026-12-31")));
}

TEST(EvaluatorDates, DateBeyondYear9999IsAnErrorNotACrash) {
  EXPECT_FALSE(error_of("9999-12-31 + 1 day", "date").message.empty());
  EXPECT_FALSE(error_of("as_of + 100000 years", "date").message.empty());
}

// Dates are documented (time/dates.hpp) to span 1400-01-01 .. 9999-12-31. Going below the
// first day should be an evaluation error like going past the last one. The evaluator's bound
// (evaluator.cpp, arithmetic(): `days < -700000`) lets years 0053..1399 through: decide()
// succeeds with a Date that cannot be shown, and Value::to_string / Decision::to_json then throw
// boost's "Year is out of valid range: 1400..9999" (the CLI prints "internal error").
TEST(EvaluatorDates, DateBefore1400IsAnError) {
  Calc calc("1400-01-01 - 1 day", "date");
  auto result = calc.run();
  EXPECT_FALSE(result.ok());  // actual: ok, holding the unrepresentable day 1399-12-31
}

// ---- comparisons, membership, choice ---------------------------------------------------------

TEST(EvaluatorComparisons, OrderedEnumsCompareByRankAndEqualRanksAreEquivalent) {
  const char* high_school = "candidate: {education: 高中}";
  const char* vocational = "candidate: {education: 中专}";
  EXPECT_TRUE(truth("candidate.education >= \"中专\"", high_school));
  EXPECT_TRUE(truth("candidate.education <= \"中专\"", high_school));
  EXPECT_TRUE(truth("candidate.education >= \"高中\"", vocational));
  EXPECT_FALSE(truth("candidate.education > \"高中\"", vocational));
  EXPECT_TRUE(truth("candidate.education == \"高中\"", vocational));  // DESIGN.md: 高中 = 中专
  EXPECT_TRUE(truth("candidate.education < \"大专\"", vocational));
  EXPECT_FALSE(truth("candidate.education >= \"大专\"", high_school));
  EXPECT_TRUE(truth("candidate.education > \"初中\"", "candidate: {education: 本科}"));
}

TEST(EvaluatorComparisons, ComparesAgainstAnEnumParameter) {
  EXPECT_TRUE(truth("candidate.education >= params.min_education", "candidate: {education: 中专}"));
  EXPECT_FALSE(
      truth("candidate.education >= params.min_education", "candidate: {education: 初中}"));
}

TEST(EvaluatorComparisons, UnorderedEnumEquality) {
  EXPECT_TRUE(truth("candidate.favourite == \"绿\"", "candidate: {favourite: 绿}"));
  EXPECT_TRUE(truth("candidate.favourite != \"红\"", "candidate: {favourite: 绿}"));
}

TEST(EvaluatorComparisons, StringsCompare) {
  EXPECT_TRUE(truth("candidate.nickname == \"小张\"", "candidate: {nickname: 小张}"));
  EXPECT_TRUE(truth("\"a\" < \"b\""));
}

TEST(EvaluatorComparisons, InAndNotIn) {
  const char* facts = "candidate: {favourite: 蓝, tags: [电脑, 手机], score: 3}";
  EXPECT_TRUE(truth("candidate.favourite in [\"红\", \"蓝\"]", facts));
  EXPECT_FALSE(truth("candidate.favourite in [\"红\", \"绿\"]", facts));
  EXPECT_TRUE(truth("candidate.favourite not in [\"红\", \"绿\"]", facts));
  EXPECT_TRUE(truth("\"电脑\" in candidate.tags", facts));
  EXPECT_TRUE(truth("\"工作证件\" not in candidate.tags", facts));
  EXPECT_TRUE(truth("candidate.score in [1, 2, 3]", facts));
  EXPECT_TRUE(truth("candidate.score in [1.5, 3.0]", facts));
}

TEST(EvaluatorComparisons, IfThenElseEvaluatesOnlyTheChosenBranch) {
  EXPECT_EQ(
      value_of("if candidate.score > 1 then \"多\" else \"少\"", "string", "candidate: {score: 2}"),
      Value("多"));
  // The else branch would divide by zero; it is not evaluated.
  EXPECT_EQ(value_of("if true then 1.0 else 1 / 0", "decimal"), Value(dec("1")));
}

TEST(EvaluatorComparisons, AndOrShortCircuit) {
  // The right side reads a missing required field; it is never evaluated.
  EXPECT_FALSE(truth("false and candidate.score > 1", "candidate: {}"));
  EXPECT_TRUE(truth("true or candidate.score > 1", "candidate: {}"));
}

// ---- lists and absent values ------------------------------------------------------------------

TEST(EvaluatorLists, QuantifiersAndAggregates) {
  const char* facts =
      "candidate: {training: [{date: 2026-01-10, hours: 8, method: 集中培训},"
      " {date: 2025-06-01, hours: 30}, {date: 2026-02-01, hours: 2.5, method: 在线学习}]}";
  EXPECT_TRUE(truth("any(t in candidate.training: t.hours > 20)", facts));
  EXPECT_FALSE(truth("all(t in candidate.training: t.hours > 2.5)", facts));
  EXPECT_TRUE(
      truth("all(t in candidate.training where year(t.date) == 2026: t.hours >= 2.5)", facts));
  EXPECT_EQ(value_of("count(t in candidate.training where year(t.date) == 2026)", "int", facts),
            Value(2));
  EXPECT_EQ(value_of("count(candidate.training)", "int", facts), Value(3));
  EXPECT_EQ(value_of("sum(t in candidate.training where year(t.date) == 2026: t.hours)", "decimal",
                     facts),
            Value(dec("10.5")));
  EXPECT_EQ(value_of("count(filter(t in candidate.training: t.hours < 10))", "int", facts),
            Value(2));
}

TEST(EvaluatorLists, AbsentOptionalListIsEmptyInQuantifiers) {
  const char* facts = "candidate: {score: 1}";
  EXPECT_FALSE(truth("any(t in candidate.training: t.hours > 0)", facts));
  EXPECT_TRUE(truth("all(t in candidate.training: t.hours > 0)", facts));
  EXPECT_EQ(value_of("count(candidate.training)", "int", facts), Value(0));
  EXPECT_EQ(value_of("count(t in candidate.training where t.hours > 0)", "int", facts), Value(0));
  EXPECT_EQ(value_of("sum(t in candidate.training: t.hours)", "decimal", facts), Value(dec("0")));
  EXPECT_FALSE(truth("\"电脑\" in candidate.tags", facts));
}

TEST(EvaluatorLists, EmptyListIsEmptyToo) {
  EXPECT_EQ(value_of("count(candidate.training)", "int", "candidate: {training: []}"), Value(0));
}

TEST(EvaluatorAbsent, CoalesceGivesTheDefaultOnlyWhenAbsent) {
  EXPECT_EQ(value_of("candidate.nickname ?? \"无\"", "string", "candidate: {score: 1}"),
            Value("无"));
  EXPECT_EQ(value_of("candidate.nickname ?? \"无\"", "string", "candidate: {nickname: 小张}"),
            Value("小张"));
  EXPECT_EQ(value_of("(candidate.ratio ?? 1) * 2", "decimal", "candidate: {ratio: 0.25}"),
            Value(dec("0.5")));
  EXPECT_EQ(value_of("(candidate.ratio ?? 1) * 2", "decimal", "candidate: {}"), Value(dec("2")));
}

TEST(EvaluatorAbsent, ReadingAnAbsentOptionalFieldWithoutDefaultIsAnError) {
  Error e = error_of("candidate.nickname == \"x\"", "bool", "candidate: {score: 1}");
  EXPECT_TRUE(Contains(e.message, "candidate.nickname"));
  EXPECT_EQ(e.field, "candidate.nickname");
}

TEST(EvaluatorAbsent, MissingRequiredFieldNamesItsPath) {
  Error e = error_of("candidate.birth_date < as_of", "bool", "candidate: {score: 1}");
  EXPECT_TRUE(Contains(e.message, "candidate.birth_date"));
  EXPECT_EQ(e.field, "candidate.birth_date");
}

TEST(EvaluatorAbsent, MissingFieldOfAListElementNamesTheElement) {
  Error e = error_of("sum(t in worker.training: t.hours) > 0", "bool",
                     "worker: {training: [{date: 2026-01-01, hours: 1}, {date: 2026-01-02}]}");
  EXPECT_TRUE(Contains(e.message, "worker.training[1].hours"));
  EXPECT_EQ(e.field, "worker.training[1].hours");
}

TEST(EvaluatorAbsent, MissingTopLevelEntryNamesIt) {
  Error e = error_of("count(worker.training) > 0", "bool", "candidate: {score: 1}");
  EXPECT_TRUE(Contains(e.message, "worker"));
  EXPECT_EQ(e.field, "worker");
}

TEST(EvaluatorAbsent, MissingRequiredListNamesIt) {
  Error e = error_of("count(worker.training) > 0", "bool", "worker: {}");
  EXPECT_EQ(e.field, "worker.training");
}

// ---- the evaluation budget ---------------------------------------------------------------------

TEST(EvaluatorBudget, HugeNestedQuantifierErrorsInsteadOfHanging) {
  std::string facts = "worker: {training: [";
  for (int i = 0; i < 1000; ++i)
    facts += std::string(i ? "," : "") + "{date: 2026-01-01, hours: 1}";
  facts += "]}";
  Error e = error_of(
      "any(a in worker.training: any(b in worker.training: any(c in worker.training: "
      "a.hours + b.hours + c.hours > 3)))",
      "bool", facts);
  EXPECT_TRUE(Contains(e.message, "budget"));
}

TEST(EvaluatorBudget, BudgetCountsEveryStep) {
  detail::RuleSetModel model;
  model.facts = model.types.add_record("facts document");
  detail::ParseOutput parsed = detail::parse_expression("1 + 2 * 3");
  ASSERT_NE(parsed.root, nullptr);
  int next_slot = 0;
  detail::Scope scope(&next_slot);
  detail::Usage usage;
  detail::Checker checker(model, -1);
  checker.check(*parsed.root, scope, model.types.integer(), usage);
  ASSERT_TRUE(checker.errors().empty());

  Record facts;
  facts.type = model.facts;
  std::vector<detail::Slot> slots;
  std::vector<std::shared_ptr<const Record>> outcomes;
  detail::EvalContext enough{model, facts, date("2026-03-15"), slots, outcomes};
  enough.budget = 5;  // five nodes: 1, 2, 3, *, +
  EXPECT_EQ(detail::evaluate(*parsed.root, enough), Value(7));
  EXPECT_EQ(enough.budget, 0);

  detail::EvalContext short_by_one{model, facts, date("2026-03-15"), slots, outcomes};
  short_by_one.budget = 4;
  EXPECT_THROW(detail::evaluate(*parsed.root, short_by_one), detail::EvalFailure);
}

// ---- date functions
// ------------------------------------------------------------------------------

TEST(EvaluatorFunctions, CompletedYearsOnBirthdayConvention) {
  const char* expr = "completed_years(candidate.birth_date, as_of, \"birthday\")";
  const char* born = "candidate: {birth_date: 2008-05-01}";
  EXPECT_EQ(value_of(expr, "int", born, "2026-04-30"), Value(17));
  EXPECT_EQ(value_of(expr, "int", born, "2026-05-01"), Value(18));
}

TEST(EvaluatorFunctions, CompletedYearsDayAfterBirthdayConvention) {
  const char* expr = "completed_years(candidate.birth_date, as_of, \"day_after_birthday\")";
  const char* born = "candidate: {birth_date: 2008-05-01}";
  EXPECT_EQ(value_of(expr, "int", born, "2026-05-01"), Value(17));
  EXPECT_EQ(value_of(expr, "int", born, "2026-05-02"), Value(18));
}

TEST(EvaluatorFunctions, CompletedYearsFor29February) {
  const char* birthday = "completed_years(candidate.birth_date, as_of, \"birthday\")";
  const char* day_after = "completed_years(candidate.birth_date, as_of, \"day_after_birthday\")";
  const char* born = "candidate: {birth_date: 2008-02-29}";
  // In a common year the birthday falls on 1 March.
  EXPECT_EQ(value_of(birthday, "int", born, "2026-02-28"), Value(17));
  EXPECT_EQ(value_of(birthday, "int", born, "2026-03-01"), Value(18));
  EXPECT_EQ(value_of(day_after, "int", born, "2026-03-01"), Value(17));
  EXPECT_EQ(value_of(day_after, "int", born, "2026-03-02"), Value(18));
  // In a leap year it is 29 February itself.
  EXPECT_EQ(value_of(birthday, "int", born, "2028-02-28"), Value(19));
  EXPECT_EQ(value_of(birthday, "int", born, "2028-02-29"), Value(20));
  EXPECT_EQ(value_of(day_after, "int", born, "2028-03-01"), Value(20));
}

TEST(EvaluatorFunctions, TermEnd) {
  EXPECT_EQ(value_of("term_end(2025-03-01, 1 year)", "date"), Value(date("2026-02-28")));
  EXPECT_EQ(value_of("term_end(2024-03-01, 1 year)", "date"), Value(date("2025-02-28")));
  EXPECT_EQ(value_of("term_end(2023-03-01, 1 year)", "date"), Value(date("2024-02-29")));
  EXPECT_EQ(value_of("term_end(2025-01-31, 1 month)", "date"), Value(date("2025-02-28")));
  EXPECT_EQ(value_of("term_end(2025-07-15, 6 months)", "date"), Value(date("2026-01-14")));
  EXPECT_EQ(value_of("term_end(2025-03-01, years(3))", "date"), Value(date("2028-02-29")));
}

TEST(EvaluatorFunctions, TermEndRejectsDaysAndAbsurdTerms) {
  EXPECT_TRUE(Contains(error_of("term_end(2025-03-01, 7 days)", "date").message, "days"));
  EXPECT_FALSE(error_of("term_end(2025-03-01, 0 months)", "date").message.empty());
  EXPECT_FALSE(error_of("term_end(9990-01-01, 20 years)", "date").message.empty());
}

TEST(EvaluatorFunctions, NthWorkingDaySkipsHolidaysAndCountsMakeupDays) {
  // 2026-09-30 (Wed) is a working day; 10-01..10-07 are 国庆 holidays; 10-10 (Sat) is a makeup day.
  EXPECT_EQ(value_of("nth_working_day(2026-09-30, 3, true)", "date", "{}", "2026-09-30", true),
            Value(date("2026-10-09")));
  EXPECT_EQ(value_of("nth_working_day(2026-09-30, 3, false)", "date", "{}", "2026-09-30", true),
            Value(date("2026-10-10")));
  // A start day off is not counted even when asked to count the start day.
  EXPECT_EQ(value_of("nth_working_day(2026-10-01, 1, true)", "date", "{}", "2026-09-30", true),
            Value(date("2026-10-08")));
}

TEST(EvaluatorFunctions, WorkingDayFunctions) {
  EXPECT_TRUE(value_of("is_working_day(2026-09-20)", "bool", "{}", "2026-09-30", true)
                  .as_bool());  // 调休 Sunday
  EXPECT_FALSE(value_of("is_working_day(2026-10-01)", "bool", "{}", "2026-09-30", true).as_bool());
  EXPECT_FALSE(value_of("is_working_day(2026-09-27)", "bool", "{}", "2026-09-30", true)
                   .as_bool());  // Sunday
  EXPECT_EQ(value_of("add_working_days(2026-09-30, 1)", "date", "{}", "2026-09-30", true),
            Value(date("2026-10-08")));
}

TEST(EvaluatorFunctions, DatesOutsideTheCalendarAreAnError) {
  Error e = error_of("is_working_day(2027-01-04)", "bool", "{}", "2026-09-30", true);
  EXPECT_TRUE(Contains(e.message, "2027-01-04"));
  e = error_of("nth_working_day(2026-12-30, 5, true)", "date", "{}", "2026-09-30", true);
  EXPECT_FALSE(e.message.empty());
}

TEST(EvaluatorFunctions, NthWorkingDayNotesTheDaysPassedOver) {
  Calc calc("nth_working_day(2026-09-30, 2, true)", "date", true);
  auto facts = calc.ruleset().parse_facts("{}", FactsFormat::kYaml);
  ASSERT_TRUE(facts.ok());
  auto decided = calc.ruleset().decide("calc", facts.value(), options("2026-09-30", true));
  ASSERT_TRUE(decided.ok()) << decided.error().message;
  auto rules = decided.value().explain(Lang::kZh);
  ASSERT_EQ(rules.size(), 1u);
  ASSERT_EQ(rules[0].notes.size(), 1u);
  EXPECT_TRUE(Contains(rules[0].notes[0], "2026-10-08"));
  EXPECT_TRUE(Contains(rules[0].notes[0], "2026-10-01 国庆节"));
}

TEST(EvaluatorFunctions, DurationsFromNumbersAreBounded) {
  EXPECT_EQ(value_of("as_of + months(candidate.score)", "date", "candidate: {score: 2}"),
            Value(date("2026-05-15")));
  EXPECT_TRUE(Contains(
      error_of("years(candidate.score)", "duration", "candidate: {score: 4000000000}").message,
      "out of range"));
}

}  // namespace
}  // namespace tiaoli::test
