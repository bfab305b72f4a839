// C++ written by `tiaoli codegen` (built into this test by tests/CMakeLists.txt) against the
// engine: the same outcome or error on every case, whether the generated code or the engine
// decides it; and the generated code decides the usual case itself.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "codegen_rules_generated.hpp"
#include "huzhou_generated.hpp"
#include "model/model.hpp"
#include "tiaoli/tiaoli.hpp"

namespace tiaoli {
namespace {

std::shared_ptr<const RuleSet> load(const std::string& relative) {
  auto loaded = RuleSet::load(std::string(TIAOLI_SOURCE_DIR) + "/" + relative);
  EXPECT_TRUE(loaded.ok()) << relative << ": "
                           << (loaded.ok() ? "" : format_diagnostics(loaded.error().diagnostics));
  return loaded.ok() ? loaded.value() : nullptr;
}

// Decides with the generated code (through GeneratedDecision) and with the engine's interpreter;
// expects the same outcome or error. Returns whether the generated code decided by itself.
bool expect_same(const GeneratedDecision& generated, const Facts& facts, const EvalOptions& options,
                 const std::string& label) {
  const RuleSet& rules = generated.engine().ruleset();
  EvalOptions justified = options;
  justified.justify = true;
  Result<Decision> interpreted = rules.decide(generated.engine().id(), facts, justified);
  Record outcome;
  Status status = generated.decide_outcome(facts, outcome, options);
  EXPECT_EQ(status.ok(), interpreted.ok()) << label;
  if (status.ok() && interpreted.ok()) {
    EXPECT_EQ(outcome.fields, interpreted.value().outcome().fields) << label;
    EXPECT_EQ(outcome.type, interpreted.value().outcome().type) << label;
  } else if (!status.ok() && !interpreted.ok()) {
    EXPECT_EQ(status.error().message, interpreted.error().message) << label;
    EXPECT_EQ(status.error().field, interpreted.error().field) << label;
  }
  Record alone;
  Date as_of = options.as_of ? *options.as_of : facts.as_of().value_or(Date{});
  return generated.decide_generated(facts, as_of, alone);
}

std::string random_candidate(std::mt19937& rng) {
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  static const char* kEducation[] = {"小学", "初中", "高中", "中专", "大专", "本科", "硕士"};
  static const char* kGrade[] = {"不合格", "合格", "优秀"};
  static const char* kAsOf[] = {"2026-02-28", "2026-03-01", "2028-02-28", "2028-02-29",
                                "2028-03-01", "2026-12-31", "2027-01-01"};
  std::string as_of = kAsOf[pick(7)];
  int year = std::stoi(as_of.substr(0, 4)) - (pick(2) == 0 ? 17 + pick(3) : 59 + pick(4));
  int month = pick(4) == 0 ? 2 : 1 + pick(12);
  int day = month == 2 ? 27 + pick(3) : 1 + pick(28);
  if (month == 2 && day == 29 && year % 4 != 0) day = 28;
  std::string birth = std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month) +
                      (day < 10 ? "-0" : "-") + std::to_string(day);
  auto flag = [&] { return pick(8) == 0 ? "false" : "true"; };
  std::string json = "{\"as_of\": \"" + as_of + "\", \"candidate\": {";
  if (pick(50) != 0) json += "\"birth_date\": \"" + birth + "\", ";
  json += std::string("\"education\": \"") + kEducation[pick(7)] + "\"";
  for (const char* field : {"political_quality", "law_abiding", "good_conduct",
                            "familiar_with_locality", "communication_ability", "health_fit"}) {
    json += std::string(", \"") + field + "\": " + flag();
  }
  if (pick(3) != 0) {
    json += ", \"annual_grades\": [";
    for (int i = 0, n = pick(5); i < n; ++i) {
      json += std::string(i > 0 ? ", " : "") + "{\"year\": " + std::to_string(2020 + pick(5)) +
              ", \"grade\": \"" + kGrade[pick(3)] + "\"}";
    }
    json += "]";
  }
  return json + "}}";
}

TEST(Codegen, HuzhouEligibilityAgreesWithTheEngine) {
  auto rules = load("rules/huzhou");
  ASSERT_NE(rules, nullptr);
  auto generated = huzhou::prepare_selection_eligibility(*rules);
  ASSERT_TRUE(generated.ok());
  ASSERT_TRUE(generated.value().current());
  std::mt19937 rng(2026);
  int decided = 0;
  constexpr int kCases = 3000;
  for (int i = 0; i < kCases; ++i) {
    std::string json = random_candidate(rng);
    auto facts = rules->parse_facts(json, FactsFormat::kJson);
    ASSERT_TRUE(facts.ok()) << json;
    decided += expect_same(generated.value(), facts.value(), {}, json) ? 1 : 0;
  }
  EXPECT_GT(decided, kCases * 9 / 10);  // the generated code, not the engine, decided them
  EXPECT_LT(decided, kCases);           // missing birth dates went to the engine
}

TEST(Codegen, HuzhouTestCasesAgreeWithTheEngine) {
  auto rules = load("rules/huzhou");
  ASSERT_NE(rules, nullptr);
  auto generated = huzhou::prepare_selection_eligibility(*rules).value();
  int compared = 0;
  for (const detail::TestCase& test : rules->model().tests) {
    if (test.decision != "selection.eligibility") continue;
    auto facts = rules->parse_facts(test.facts.dump(), FactsFormat::kJson);
    ASSERT_TRUE(facts.ok()) << test.name;
    EvalOptions options = EvalOptions::outcome_only();
    options.as_of = test.as_of;
    options.parameters = test.parameters;  // "what if" parameters go to the engine
    expect_same(generated, facts.value(), options, test.name);
    ++compared;
  }
  EXPECT_GT(compared, 10);
}

TEST(Codegen, AStepBudgetSweepAgreesWithTheEngine) {
  auto rules = load("rules/huzhou");
  ASSERT_NE(rules, nullptr);
  auto generated = huzhou::prepare_selection_eligibility(*rules).value();
  auto facts = rules->parse_facts(
      R"({"as_of": "2026-03-01", "candidate": {"birth_date": "2008-02-29", "education": "高中",
          "political_quality": true, "law_abiding": true, "good_conduct": true,
          "familiar_with_locality": true, "communication_ability": true, "health_fit": true,
          "annual_grades": [{"year": 2024, "grade": "不合格"}, {"year": 2025, "grade": "不合格"}]}})",
      FactsFormat::kJson);
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
  auto facts =
      rules->parse_facts(random_candidate(*std::make_unique<std::mt19937>(1)), FactsFormat::kJson);
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
    if (generated.engine().id() != "review") {
      // An absent bonus, an overflow, or unique's overlap at 90: the engine reports them.
      EXPECT_GT(errors, 0) << generated.engine().id();
      EXPECT_LT(decided, kCases) << generated.engine().id();
    }
  }
}

}  // namespace
}  // namespace tiaoli
