// C++ written by `tiaoli codegen` (built into this test by tests/CMakeLists.txt) against the
// engine: the same outcome or error on every case, whether the generated code or the engine
// decides it; and the generated code decides the usual case itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "codegen_rules_generated.hpp"
#include "generated_agreement.hpp"
#include "huzhou_generated.hpp"
#include "model/model.hpp"
#include "tiaoli/tiaoli.hpp"
#include "unit/random_cases.hpp"

namespace tiaoli {
namespace {

using test::expect_same;

std::shared_ptr<const RuleSet> load(const std::string& relative) {
  auto loaded = RuleSet::load(std::string(TIAOLI_SOURCE_DIR) + "/" + relative);
  EXPECT_TRUE(loaded.ok()) << relative << ": "
                           << (loaded.ok() ? "" : format_diagnostics(loaded.error().diagnostics));
  return loaded.ok() ? loaded.value() : nullptr;
}

TEST(Codegen, HuzhouEligibilityAgreesWithTheEngine) {
  auto rules = load("rules/huzhou");
  ASSERT_NE(rules, nullptr);
  auto generated = huzhou::prepare_selection_eligibility(*rules);
  ASSERT_TRUE(generated.ok());
  ASSERT_TRUE(generated.value().current());
  constexpr int kCases = 3000;
  int decided =
      test::decided_alone_of_random_cases(generated.value(), 2026, kCases, test::random_candidate);
  EXPECT_GT(decided, kCases * 9 / 10);  // the generated code, not the engine, decided them
  EXPECT_LT(decided, kCases);           // missing birth dates went to the engine
}

TEST(Codegen, HuzhouConsequenceAgreesWithTheEngine) {
  auto rules = load("rules/huzhou");
  ASSERT_NE(rules, nullptr);
  auto generated = huzhou::prepare_assessment_consequence(*rules);
  ASSERT_TRUE(generated.ok());
  constexpr int kCases = 3000;
  int decided =
      test::decided_alone_of_random_cases(generated.value(), 77, kCases, test::random_worker);
  EXPECT_EQ(decided, kCases);  // filter, min/max, ??, overrides: all in the generated code
}

TEST(Codegen, HuzhouTestCasesAgreeWithTheEngine) {
  auto rules = load("rules/huzhou");
  ASSERT_NE(rules, nullptr);
  std::vector<GeneratedDecision> decisions = {
      huzhou::prepare_selection_eligibility(*rules).value(),
      huzhou::prepare_assessment_consequence(*rules).value()};
  int compared = 0;
  for (const detail::TestCase& test : rules->model().tests) {
    auto generated = std::find_if(decisions.begin(), decisions.end(),
                                  [&](const auto& d) { return d.engine().id() == test.decision; });
    if (generated == decisions.end()) continue;
    auto facts = rules->parse_facts(test.facts.dump(), FactsFormat::kJson);
    ASSERT_TRUE(facts.ok()) << test.name;
    EvalOptions options = EvalOptions::outcome_only();
    options.as_of = test.as_of;
    options.parameters = test.parameters;  // "what if" parameters go to the engine
    expect_same(*generated, facts.value(), options, test.name);
    ++compared;
  }
  EXPECT_GT(compared, 20);
}

TEST(Codegen, AStepBudgetSweepAgreesWithTheEngine) {
  auto rules = load("rules/huzhou");
  ASSERT_NE(rules, nullptr);
  auto generated = huzhou::prepare_selection_eligibility(*rules).value();
  auto facts = rules->parse_facts(test::kBarredOn1March, FactsFormat::kJson);
  ASSERT_TRUE(facts.ok());
  for (int steps = 1; steps <= 300; ++steps) {
    EvalOptions options = EvalOptions::outcome_only();
    options.max_steps = steps;
    expect_same(generated, facts.value(), options, "max_steps " + std::to_string(steps));
  }
}

TEST(Codegen, ARuleSetThatChangedGoesToTheEngine) {
  auto rules = load("rules/huzhou");
  ASSERT_NE(rules, nullptr);
  auto engine = rules->prepare("selection.eligibility").value();
  GeneratedDecision stale(engine, "0000000000000000", &huzhou::selection_eligibility);
  EXPECT_FALSE(stale.current());
  auto facts = rules->parse_facts(test::random_candidate(*std::make_unique<std::mt19937>(1)),
                                  FactsFormat::kJson);
  ASSERT_TRUE(facts.ok());
  Record outcome;
  EXPECT_FALSE(stale.decide_generated(facts.value(), *facts.value().as_of(), outcome));
  expect_same(stale, facts.value(), {}, "stale");
}

// A worker for tests/codegen/rules: scores around the bands' edges and the overflow of
// (score - 10) * 100000, optional fields present or not, grades in any order.
std::string random_worker(std::mt19937& rng) {
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  static const char* kLevel[] = {"初级", "中级", "中等", "高级"};
  static const char* kColor[] = {"红", "绿", "蓝"};
  static const char* kAsOf[] = {"2025-12-31", "2026-01-01", "2026-06-30", "2026-07-01",
                                "2028-02-29"};
  static const char* kBirth[] = {"2008-02-29", "2008-03-01", "2008-07-01", "2010-01-01",
                                 "1980-05-05"};
  static const std::int64_t kScores[] = {
      0, 59, 60, 61, 89, 90, 91, 100, 101, -5, 99, 7, 999999999999999, -999999999999999};
  std::string json = std::string("{\"as_of\": \"") + kAsOf[pick(5)] + "\", \"worker\": {" +
                     "\"birth_date\": \"" + kBirth[pick(5)] + "\", \"hired\": \"" +
                     (pick(2) == 0 ? "2025-06-01" : "2026-03-01") +
                     "\", \"score\": " + std::to_string(kScores[pick(14)]) +
                     ", \"active\": " + (pick(3) == 0 ? "false" : "true") + ", \"level\": \"" +
                     kLevel[pick(4)] + "\"";
  if (pick(3) != 0)
    json += ", \"bonus\": " + std::to_string(pick(4) == 0 ? 999999999999999 : pick(150));
  if (pick(4) != 0) {
    json += ", \"grades\": [";
    for (int i = 0, n = pick(5); i < n; ++i) {
      json += std::string(i > 0 ? ", " : "") + "{\"year\": " + std::to_string(2019 + pick(5)) +
              ", \"score\": " + std::to_string(pick(12) * 10 - 5) + ", \"level\": \"" +
              kLevel[pick(4)] + "\"" +
              (pick(2) == 0 ? std::string(", \"color\": \"") + kColor[pick(3)] + "\"" : "") + "}";
    }
    json += "]";
  }
  return json + "}}";
}

TEST(Codegen, EveryConstructAgreesWithTheEngine) {
  auto rules = load("tests/codegen/rules");
  ASSERT_NE(rules, nullptr);
  std::vector<GeneratedDecision> decisions = {
      codegen_rules::prepare_review(*rules).value(),
      codegen_rules::prepare_checks(*rules).value(),
      codegen_rules::prepare_band(*rules).value(),
      codegen_rules::prepare_many(*rules).value(),
  };
  std::mt19937 rng(27);
  for (const GeneratedDecision& generated : decisions) {
    int decided = 0;
    int errors = 0;
    constexpr int kCases = 2000;
    for (int i = 0; i < kCases; ++i) {
      std::string json = random_worker(rng);
      auto facts = rules->parse_facts(json, FactsFormat::kJson);
      ASSERT_TRUE(facts.ok()) << json << ": " << facts.error().message;
      decided += expect_same(generated, facts.value(), {}, generated.engine().id() + " " + json);
      Record outcome;
      errors += generated.decide_outcome(facts.value(), outcome).ok() ? 0 : 1;
    }
    EXPECT_GT(decided, kCases / 4) << generated.engine().id();
    if (generated.engine().id() != "review" && generated.engine().id() != "many") {
      // An absent bonus, an overflow, or unique's overlap at 90: the engine reports them.
      EXPECT_GT(errors, 0) << generated.engine().id();
      EXPECT_LT(decided, kCases) << generated.engine().id();
    }
  }
}

}  // namespace
}  // namespace tiaoli
