// Compiled evaluation (eval/compile.hpp): which nodes get a specialised form, and that a compiled
// expression gives the same value, the same error and spends the same steps as the interpreter.
#include "eval/compile.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "check/checker.hpp"
#include "common/source.hpp"
#include "eval/evaluator.hpp"
#include "expr/parser.hpp"
#include "facts/facts_reader.hpp"
#include "load/loader.hpp"

namespace tiaoli::test {
namespace {

constexpr std::string_view kFacts = R"(as_of: 2026-03-31
candidate:
  birth_date: 2008-02-29
  education: 中专
  political_quality: true
  law_abiding: true
  good_conduct: false
  familiar_with_locality: true
  communication_ability: true
  health_fit: true
  annual_grades: [{year: 2023, grade: 合格}, {year: 2024, grade: 不合格}, {year: 2025, grade: 不合格}]
worker:
  birth_date: 1985-07-01
  contract_start: 2025-03-01
  training: [{date: 2026-01-10, hours: 8, method: 集中培训}, {date: 2026-02-10, hours: 12.5, method: 在线学习}]
  annual_grades: []
  incidents: [{date: 2026-02-01, kind: 失误, severity: 轻微}]
  equipment: [电脑, 手机]
  workplace_provided: true
  pay: {base: 3000, performance: 1200, paid_on_time: true}
  social_insurance_paid: true
)";

// The Huzhou model, loaded once (the checker needs it mutable: it interns list types).
detail::RuleSetModel& huzhou() {
  static detail::RuleSetModel* model = [] {
    auto* m = new detail::RuleSetModel;
    detail::DiagnosticSink sink;
    detail::load_rule_set((std::filesystem::path(TIAOLI_SOURCE_DIR) / "rules/huzhou").string(), *m,
                          sink);
    EXPECT_FALSE(sink.has_errors()) << format_diagnostics(sink.diagnostics());
    return m;
  }();
  return *model;
}

const detail::BoundFacts& facts() {
  static std::shared_ptr<const detail::BoundFacts> bound = [] {
    auto json = detail::parse_yaml_document(kFacts);
    EXPECT_TRUE(json.ok());
    auto result = detail::bind_facts(huzhou(), json.value());
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.value();
  }();
  return *bound;
}

// An expression parsed and checked against the Huzhou model (in selection.eligibility).
struct Checked {
  detail::NodePtr root;
  int slots = 0;
};

Checked check(std::string_view text) {
  Checked checked;
  detail::ParseOutput parsed = detail::parse_expression(text);
  EXPECT_NE(parsed.root, nullptr) << text << ": " << parsed.error.message;
  if (!parsed.root) return checked;
  detail::Scope scope(&checked.slots);
  detail::Usage usage;
  detail::Checker checker(huzhou(), huzhou().find_decision("selection.eligibility"));
  checker.check(*parsed.root, scope, nullptr, usage);
  EXPECT_TRUE(checker.errors().empty())
      << text << ": " << (checker.errors().empty() ? "" : checker.errors()[0].message);
  checked.root = std::move(parsed.root);
  return checked;
}

struct Outcome {
  std::string value;
  std::string error;
  int budget_left = 0;
};

Outcome run(const Checked& checked, int budget = 100000) {
  std::vector<detail::Slot> slots(static_cast<std::size_t>(checked.slots));
  std::vector<std::shared_ptr<const Record>> outcomes(huzhou().decisions.size());
  detail::EvalContext context{huzhou(), *facts().record, *facts().as_of, slots, outcomes};
  context.budget = budget;
  Outcome outcome;
  try {
    outcome.value = detail::evaluate(*checked.root, context).to_string();
  } catch (const detail::EvalFailure& failure) {
    outcome.error = failure.message;
  }
  outcome.budget_left = context.budget;
  return outcome;
}

// Evaluates `text` interpreted, then compiled; both must agree. Returns the compiled outcome.
Outcome both_ways(std::string_view text, int budget = 100000) {
  Checked checked = check(text);
  if (!checked.root) return {};
  Outcome interpreted = run(checked, budget);
  detail::compile_expression(*checked.root);
  Outcome compiled = run(checked, budget);
  EXPECT_EQ(interpreted.value, compiled.value) << text;
  EXPECT_EQ(interpreted.error, compiled.error) << text;
  EXPECT_EQ(interpreted.budget_left, compiled.budget_left) << text;
  return compiled;
}

TEST(CompiledEvaluation, ComparisonsOfIntsDatesEnumsAndBoolsAreSpecialised) {
  for (std::string_view text :
       {"candidate.education >= params.min_education", "candidate.birth_date < as_of",
        "candidate.good_conduct == true", "count(candidate.annual_grades) + 1 > 3",
        "not any(a in candidate.annual_grades: a.grade == \"不合格\" and a.year == 2024)"}) {
    Checked checked = check(text);
    ASSERT_NE(checked.root, nullptr);
    detail::compile_expression(*checked.root);
    EXPECT_NE(checked.root->test, nullptr) << text;
    EXPECT_TRUE(checked.root->prefer_compiled) << text;
  }
}

TEST(CompiledEvaluation, BoolVariablesAreReadAsTests) {
  std::string_view text = "any(b in [candidate.good_conduct, candidate.health_fit]: b)";
  Checked checked = check(text);
  ASSERT_NE(checked.root, nullptr);
  detail::compile_expression(*checked.root);
  const detail::Node& variable = *checked.root->children[2];
  ASSERT_EQ(variable.kind, detail::NodeKind::kSlot);
  EXPECT_NE(variable.test, nullptr);
  EXPECT_EQ(both_ways(text).value, "true");
  EXPECT_EQ(both_ways("all(b in [candidate.good_conduct, candidate.health_fit]: b)").value,
            "false");
  EXPECT_EQ(both_ways("any(b in [candidate.good_conduct]: b)").value, "false");
}

TEST(CompiledEvaluation, DecimalComparisonsAreLeftToTheInterpreter) {
  Checked checked = check("sum(t in worker.training: t.hours) > 20.5");
  ASSERT_NE(checked.root, nullptr);
  detail::compile_expression(*checked.root);
  EXPECT_EQ(checked.root->test, nullptr);
  EXPECT_FALSE(checked.root->prefer_compiled);
  EXPECT_EQ(both_ways("sum(t in worker.training: t.hours) > 20.5").value, "false");
}

TEST(CompiledEvaluation, AgreesWithTheInterpreterOnValues) {
  EXPECT_EQ(both_ways("candidate.education >= params.min_education").value, "true");
  EXPECT_EQ(both_ways("candidate.education == \"高中\"").value, "true");  // 高中 = 中专 by rank
  EXPECT_EQ(both_ways("candidate.good_conduct").value, "false");
  EXPECT_EQ(both_ways("not candidate.good_conduct or candidate.health_fit").value, "true");
  EXPECT_EQ(both_ways("completed_years(candidate.birth_date, as_of, params.age_convention)").value,
            "18");
  EXPECT_EQ(both_ways("candidate.birth_date + 18 years <= as_of").value, "true");
  EXPECT_EQ(both_ways("any(a in candidate.annual_grades: a.grade == \"不合格\" and "
                      "any(b in candidate.annual_grades: b.grade == \"不合格\" and "
                      "b.year == a.year + 1))")
                .value,
            "true");
  EXPECT_EQ(both_ways("all(g in worker.annual_grades: g.grade == \"优秀\")").value, "true");
  EXPECT_EQ(both_ways("any(g in worker.annual_grades: g.year > 0)").value, "false");
  EXPECT_EQ(both_ways("count(g in candidate.annual_grades where g.year >= 2024)").value, "2");
  EXPECT_EQ(both_ways("count(candidate.annual_grades) * 2 - 1").value, "5");
}

TEST(CompiledEvaluation, AgreesWithTheInterpreterOnErrors) {
  EXPECT_EQ(both_ways("worker.contract_term_years > 0").error,
            "'worker.contract_term_years' is absent; give a default with ??");
  EXPECT_EQ(both_ways("(worker.contract_term_years ?? 1) > 0").value, "true");
  EXPECT_EQ(both_ways("publicity.objections == 0").error, "the facts have no 'publicity'");
  EXPECT_EQ(both_ways("999999999999999 * 999999999999999 > 0").error,
            "a number grew too large while computing");
}

TEST(CompiledEvaluation, SpendsTheSameStepsAndRunsOutOfBudgetAtTheSameStep) {
  std::string_view text =
      "any(a in candidate.annual_grades: any(b in candidate.annual_grades: b.year == a.year + 9))";
  Outcome unbounded = both_ways(text);
  ASSERT_EQ(unbounded.value, "false");
  int steps = 100000 - unbounded.budget_left;
  EXPECT_EQ(both_ways(text, steps).value, "false");
  EXPECT_EQ(both_ways(text, steps - 1).error,
            "the decision exceeded its evaluation budget (too many steps)");
}

}  // namespace
}  // namespace tiaoli::test
