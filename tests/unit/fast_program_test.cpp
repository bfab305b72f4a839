// The outcome-only fast path (eval/fast_program.hpp) against the interpreter: the same outcome
// or the same error for every case, whichever of the two decides it.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <thread>

#include "eval/decide.hpp"
#include "eval/evaluator.hpp"
#include "eval/failure_lists.hpp"
#include "eval/fast_program.hpp"
#include "facts/facts_reader.hpp"
#include "model/model.hpp"
#include "random_cases.hpp"
#include "test_support.hpp"

namespace tiaoli {
namespace {

std::shared_ptr<const RuleSet> huzhou() {
  static const auto rules = [] {
    auto loaded = RuleSet::load(std::string(TIAOLI_SOURCE_DIR) + "/rules/huzhou");
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().message);
    return loaded.value();
  }();
  return rules;
}

const detail::DecisionDef& decision_def(const RuleSet& rules, std::string_view id) {
  return rules.model().decisions[static_cast<std::size_t>(rules.model().find_decision(id))];
}

// Whether the fast program alone decides `facts` (without falling back to the interpreter).
bool fast_program_decides(const RuleSet& rules, std::string_view decision, const Facts& facts,
                          Date as_of) {
  const detail::DecisionDef& def = decision_def(rules, decision);
  if (!def.fast_program) return false;
  std::vector<detail::Slot> no_slots;
  std::vector<std::shared_ptr<const Record>> outcomes;
  detail::EvalContext context{rules.model(), *facts.bound().record, as_of, no_slots, outcomes};
  Record outcome;
  return detail::run_fast_program(*def.fast_program, context, outcome);
}

// Decides `facts` three ways: the interpreter (with a justification), decide() without one,
// and PreparedDecision::decide_outcome into `reused`; expects the same outcome or error.
void expect_same_every_way(const RuleSet& rules, std::string_view decision, const Facts& facts,
                           EvalOptions options, Record& reused, const std::string& label) {
  options.justify = true;
  Result<Decision> interpreted = rules.decide(decision, facts, options);
  options.justify = false;
  Result<Decision> quick = rules.decide(decision, facts, options);
  Status outcome_only = rules.prepare(decision).value().decide_outcome(facts, reused, options);
  ASSERT_EQ(interpreted.ok(), quick.ok()) << label;
  ASSERT_EQ(interpreted.ok(), outcome_only.ok()) << label;
  if (!interpreted.ok()) {
    EXPECT_EQ(quick.error().message, interpreted.error().message) << label;
    EXPECT_EQ(quick.error().field, interpreted.error().field) << label;
    EXPECT_EQ(outcome_only.error().message, interpreted.error().message) << label;
    EXPECT_EQ(outcome_only.error().field, interpreted.error().field) << label;
    return;
  }
  const Record& expected = interpreted.value().outcome();
  EXPECT_EQ(quick.value().outcome().fields, expected.fields) << label;
  EXPECT_EQ(reused.fields, expected.fields) << label;
  EXPECT_EQ(reused.type, expected.type) << label;
}

TEST(FastProgram, CoversTheDecisionsItShould) {
  auto rules = huzhou();
  EXPECT_TRUE(decision_def(*rules, "selection.eligibility").fast_program);
  EXPECT_TRUE(decision_def(*rules, "selection.publicity").fast_program);  // nth_working_day
  // filter, min/max, ??, date + days, year(), and a rule that overrides another
  EXPECT_TRUE(decision_def(*rules, "assessment.consequence").fast_program);
  EXPECT_TRUE(decision_def(*rules, "assessment.due").fast_program);
  // Decimal sums (training hours) are the interpreter's.
  EXPECT_FALSE(decision_def(*rules, "training.compliance").fast_program);
}

TEST(FastProgram, AgreesWithTheInterpreterOnEveryHuzhouTestCase) {
  auto rules = huzhou();
  Record reused;
  int fast = 0;
  for (const detail::TestCase& test : rules->model().tests) {
    auto facts = rules->parse_facts(test.facts.dump(), FactsFormat::kJson);
    ASSERT_TRUE(facts.ok()) << test.name;
    EvalOptions options;
    options.as_of = test.as_of;
    options.parameters = test.parameters;
    expect_same_every_way(*rules, test.decision, facts.value(), options, reused, test.name);
    Date as_of = test.as_of ? *test.as_of : facts.value().as_of().value_or(Date{});
    if (test.parameters.empty() &&
        fast_program_decides(*rules, test.decision, facts.value(), as_of))
      ++fast;
  }
  EXPECT_GT(fast, 40);  // the comparison above is not all fallbacks
}

TEST(FastProgram, AgreesWithTheInterpreterOnRandomCandidates) {
  auto rules = huzhou();
  std::mt19937 rng(20261127);
  Record reused;
  int fast = 0;
  int eligible = 0;
  constexpr int kCases = 3000;
  for (int i = 0; i < kCases; ++i) {
    std::string json = test::random_candidate(rng);
    auto facts = rules->parse_facts(json, FactsFormat::kJson);
    ASSERT_TRUE(facts.ok()) << json << ": " << facts.error().message;
    expect_same_every_way(*rules, "selection.eligibility", facts.value(), {}, reused, json);
    if (fast_program_decides(*rules, "selection.eligibility", facts.value(),
                             *facts.value().as_of()))
      ++fast;
    if (reused.fields.size() == 2 && reused.fields[0] == Value(true)) ++eligible;
  }
  EXPECT_GT(fast, kCases * 9 / 10);  // most cases are the fast path's (missing birth dates aren't)
  EXPECT_LT(fast, kCases);           // and some fall back
  EXPECT_GT(eligible, 10);           // both outcomes occur
  EXPECT_LT(eligible, kCases - 10);
}

TEST(FastProgram, AgreesWithTheInterpreterOnRandomWorkers) {
  auto rules = huzhou();
  std::mt19937 rng(5403);
  Record reused;
  int fast = 0;
  std::set<std::string> actions;
  constexpr int kCases = 3000;
  for (int i = 0; i < kCases; ++i) {
    std::string json = test::random_worker(rng);
    auto facts = rules->parse_facts(json, FactsFormat::kJson);
    ASSERT_TRUE(facts.ok()) << json << ": " << facts.error().message;
    expect_same_every_way(*rules, "assessment.consequence", facts.value(), {}, reused, json);
    fast += fast_program_decides(*rules, "assessment.consequence", facts.value(),
                                 *facts.value().as_of())
                ? 1
                : 0;
    if (!reused.fields.empty()) actions.insert(reused.fields[0].to_string());
  }
  EXPECT_EQ(fast, kCases);  // no case here needs the interpreter
  EXPECT_EQ(actions.size(), 6U) << "every action occurs";
}

TEST(FastProgram, AStepBudgetItCannotProveEnoughIsLeftToTheInterpreter) {
  auto rules = huzhou();
  auto facts = rules->parse_facts(test::kBarredOn1March, FactsFormat::kJson);
  ASSERT_TRUE(facts.ok());
  Record reused;
  int failures = 0;
  for (int steps = 1; steps <= 400; ++steps) {
    EvalOptions options;
    options.max_steps = steps;
    expect_same_every_way(*rules, "selection.eligibility", facts.value(), options, reused,
                          "max_steps " + std::to_string(steps));
    failures += rules->decide("selection.eligibility", facts.value(), options).ok() ? 0 : 1;
  }
  EXPECT_GT(failures, 10);  // the sweep crosses the boundary
  EXPECT_LT(failures, 400);
}

TEST(FastProgram, ParameterOverridesAndPublicityAgreeToo) {
  auto rules = huzhou();
  Record reused;
  for (const char* start : {"2026-09-25", "2026-09-30", "2026-10-08", "2026-12-28"}) {
    for (const char* as_of : {"2026-10-01", "2026-10-16", "2027-01-06"}) {
      auto facts = rules->parse_facts(std::string(R"({"as_of": ")") + as_of +
                                          R"(", "publicity": {"start": ")" + start +
                                          R"(", "objections": 0}})",
                                      FactsFormat::kJson);
      ASSERT_TRUE(facts.ok()) << facts.error().message;
      EvalOptions options;
      expect_same_every_way(*rules, "selection.publicity", facts.value(), options, reused, start);
      options.parameters = {{"publicity_counts_start_day", "false"}};
      expect_same_every_way(*rules, "selection.publicity", facts.value(), options, reused, start);
    }
  }
}

// completed_years with its convention fixed at load is computed from the dates' keys.
TEST(FastProgram, AgesAgreeUnderEitherConventionAround29February) {
  for (std::string convention : {"birthday", "day_after_birthday"}) {
    test::Calc calc("completed_years(candidate.birth_date, as_of, \"" + convention + "\")");
    ASSERT_TRUE(calc.loaded());
    EXPECT_TRUE(decision_def(calc.ruleset(), "calc").fast_program);
    Record reused;
    for (const char* birth : {"2008-02-28", "2008-02-29", "2008-03-01", "1966-03-01"}) {
      for (const char* as_of : {"2026-02-28", "2026-03-01", "2026-03-02", "2027-02-28",
                                "2027-03-01", "2028-02-28", "2028-02-29", "2028-03-01"}) {
        auto facts = calc.ruleset().parse_facts(
            std::string("candidate: {birth_date: ") + birth + ", education: 高中, score: 80}",
            FactsFormat::kYaml);
        ASSERT_TRUE(facts.ok());
        expect_same_every_way(calc.ruleset(), "calc", facts.value(), test::options(as_of), reused,
                              convention + " " + birth + " " + as_of);
      }
    }
    auto born_on_29_february = calc.ruleset().parse_facts(
        "candidate: {birth_date: 2008-02-29, education: 高中, score: 80}", FactsFormat::kYaml);
    auto prepared = calc.ruleset().prepare("calc").value();
    ASSERT_TRUE(prepared.decide_outcome(born_on_29_february.value(), reused,
                                        test::options("2026-03-01", false)));
    EXPECT_EQ(reused.fields[0], Value(convention == "birthday" ? 18 : 17));
  }
}

TEST(PreparedDecision, ReusesTheOutcomeRecordAcrossCases) {
  auto rules = huzhou();
  auto prepared = rules->prepare("selection.eligibility");
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(prepared.value().id(), "selection.eligibility");
  std::string young = R"({"as_of": "2026-02-28", "candidate": {"birth_date": "2008-02-29",
      "education": "小学", "political_quality": true, "law_abiding": true, "good_conduct": true,
      "familiar_with_locality": true, "communication_ability": true, "health_fit": true}})";
  std::string of_age = young;
  of_age.replace(of_age.find("2026-02-28"), 10, "2026-03-01");
  of_age.replace(of_age.find("小学"), std::string("小学").size(), "中专");
  Record outcome;
  ASSERT_TRUE(prepared.value().decide_outcome(rules->parse_facts(young, FactsFormat::kJson).value(),
                                              outcome));
  EXPECT_EQ(outcome.fields[0], Value(false));
  ASSERT_EQ(outcome.fields[1].as_list().size(), 2U);
  EXPECT_EQ(outcome.fields[1].as_list()[0].to_string(), "EDUCATION");
  EXPECT_EQ(outcome.fields[1].as_list()[1].to_string(), "AGE_UNDER_18");
  ASSERT_TRUE(prepared.value().decide_outcome(
      rules->parse_facts(of_age, FactsFormat::kJson).value(), outcome));
  EXPECT_EQ(outcome.fields[0], Value(true));
  EXPECT_TRUE(outcome.fields[1].as_list().empty());
  EXPECT_EQ(outcome.field_name(1), "failed");
}

// An `all` decision's failure lists are made once per thread and set of failing rules: deciding
// the same failures again (into another record) allocates no new list; another thread makes its
// own, equal one.
TEST(FastProgram, CasesThatFailTheSameRulesShareOneFailureList) {
  auto rules = huzhou();
  auto prepared = rules->prepare("selection.eligibility").value();
  auto young = rules->parse_facts(R"({"as_of": "2026-02-28", "candidate": {
      "birth_date": "2008-02-29", "education": "小学", "political_quality": true,
      "law_abiding": true, "good_conduct": true, "familiar_with_locality": true,
      "communication_ability": true, "health_fit": true}})",
                                  FactsFormat::kJson);
  ASSERT_TRUE(young.ok());
  Record first;
  Record second;
  ASSERT_TRUE(prepared.decide_outcome(young.value(), first));
  ASSERT_TRUE(prepared.decide_outcome(young.value(), second));
  ASSERT_EQ(first.fields[1].as_list().size(), 2U);
  EXPECT_EQ(&first.fields[1].as_list(), &second.fields[1].as_list());
  Record elsewhere;
  std::thread([&] { ASSERT_TRUE(prepared.decide_outcome(young.value(), elsewhere)); }).join();
  EXPECT_EQ(elsewhere.fields[1], first.fields[1]);
  // Another set of failures has a list of its own.
  auto unqualified = rules->parse_facts(test::kBarredOn1March, FactsFormat::kJson);
  ASSERT_TRUE(unqualified.ok());
  ASSERT_TRUE(prepared.decide_outcome(unqualified.value(), second));
  ASSERT_EQ(second.fields[1].as_list().size(), 1U);
  EXPECT_EQ(second.fields[1].as_list()[0].to_string(), "BARRED_TWO_UNQUALIFIED");
  EXPECT_EQ(first.fields[1].as_list()[1].to_string(), "AGE_UNDER_18");  // untouched
  // No failure: an empty list of the thread's own, not the one every thread shares.
  auto of_age = rules->parse_facts(R"({"as_of": "2026-03-01", "candidate": {
      "birth_date": "2008-02-29", "education": "中专", "political_quality": true,
      "law_abiding": true, "good_conduct": true, "familiar_with_locality": true,
      "communication_ability": true, "health_fit": true}})",
                                   FactsFormat::kJson);
  ASSERT_TRUE(of_age.ok());
  Record eligible;
  ASSERT_TRUE(prepared.decide_outcome(of_age.value(), eligible));
  ASSERT_EQ(eligible.fields[0], Value(true));
  EXPECT_TRUE(eligible.fields[1].as_list().empty());
  EXPECT_NE(&eligible.fields[1].as_list(), detail::empty_list().get());
  // A rule set loaded again keeps lists of its own.
  auto reloaded = RuleSet::load(std::string(TIAOLI_SOURCE_DIR) + "/rules/huzhou");
  ASSERT_TRUE(reloaded.ok());
  auto facts = reloaded.value()->parse_facts(test::kBarredOn1March, FactsFormat::kJson);
  Record other;
  ASSERT_TRUE(reloaded.value()
                  ->prepare("selection.eligibility")
                  .value()
                  .decide_outcome(facts.value(), other));
  EXPECT_EQ(other.fields[1], second.fields[1]);
  EXPECT_NE(&other.fields[1].as_list(), &second.fields[1].as_list());
}

// Beyond FailureLists::kMaxRules rules a list is made per decision, with the same contents.
TEST(FastProgram, AnAllOfMoreRulesThanItKeepsListsForAgreesToo) {
  auto loaded = RuleSet::load(std::string(TIAOLI_SOURCE_DIR) + "/tests/codegen/rules");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const RuleSet& rules = *loaded.value();
  ASSERT_GT(decision_def(rules, "many").rules.size(), detail::FailureLists::kMaxRules);
  Record reused;
  for (int score : {-1, 0, 7, 8, 50, 103, 104, 200}) {
    std::string json =
        R"({"as_of": "2026-01-01", "worker": {"score": )" + std::to_string(score) + "}}";
    auto facts = rules.parse_facts(json, FactsFormat::kJson);
    ASSERT_TRUE(facts.ok()) << facts.error().message;
    EXPECT_TRUE(fast_program_decides(rules, "many", facts.value(), Date::from_ymd(2026, 1, 1)));
    expect_same_every_way(rules, "many", facts.value(), {}, reused, json);
  }
}

TEST(PreparedDecision, ReportsErrorsLikeDecide) {
  auto rules = huzhou();
  auto unknown = rules->prepare("selection.eligibilty");
  ASSERT_FALSE(unknown.ok());
  EXPECT_TRUE(test::Contains(unknown.error().message, "unknown decision 'selection.eligibilty'"));
  auto facts = rules->parse_facts(R"({"candidate": {"education": "高中"}})", FactsFormat::kJson);
  ASSERT_TRUE(facts.ok());
  Record outcome;
  Status no_date =
      rules->prepare("selection.eligibility").value().decide_outcome(facts.value(), outcome);
  ASSERT_FALSE(no_date.ok());
  EXPECT_EQ(no_date.error().field, "as_of");
  EvalOptions options = EvalOptions::outcome_only();
  options.as_of = Date::from_ymd(2026, 1, 1);
  Status missing = rules->prepare("selection.eligibility")
                       .value()
                       .decide_outcome(facts.value(), outcome, options);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message,
            rules->decide("selection.eligibility", facts.value(), options).error().message);
}

}  // namespace
}  // namespace tiaoli
