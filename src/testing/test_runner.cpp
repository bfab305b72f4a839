#include "testing/test_runner.hpp"

#include <algorithm>
#include <set>

#include "eval/trace.hpp"
#include "explain/render.hpp"
#include "facts/facts_reader.hpp"

namespace tiaoli::detail {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string text = "[";
  for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + items[i];
  return text + "]";
}

void check_expectations(const TestCase& test, const Decision& decision, TestResult& result) {
  const Record& outcome = decision.outcome();
  for (const auto& [field, expected_json] : test.expect) {
    Value actual = decision.field(field);
    const FieldInfo& info =
        outcome.type->fields[static_cast<std::size_t>(outcome.type->find(field))];
    Value expected = expected_json.is_null()
                         ? Value()
                         : bind_value(*info.type, expected_json, field);  // checked at load
    if (!(actual == expected)) {
      result.problems.push_back(field + ": expected " + expected.to_string() + ", got " +
                                actual.to_string());
    }
  }
  if (test.expect_rules) {
    std::vector<std::string> actual = decisive_rules(decision);
    if (actual != *test.expect_rules) {
      result.problems.push_back("rules: expected " + join(*test.expect_rules) + ", got " +
                                join(actual));
    }
  }
  if (test.expect_cites) {  // the provisions of the rules expect_rules names
    std::set<std::string> actual;
    const DecisionDef& def =
        decision.ruleset().model().decisions[static_cast<std::size_t>(decision.trace().decision)];
    for (const std::string& id : decisive_rules(decision)) {
      for (const RuleDef& rule : def.rules) {
        if (rule.id == id) actual.insert(rule.cites.begin(), rule.cites.end());
      }
    }
    std::set<std::string> expected(test.expect_cites->begin(), test.expect_cites->end());
    if (actual != expected) {
      result.problems.push_back("cites: expected " + join({expected.begin(), expected.end()}) +
                                ", got " + join({actual.begin(), actual.end()}));
    }
  }
}

}  // namespace

std::vector<std::string> decisive_rules(const Decision& decision) {
  const DecisionTrace& trace = decision.trace();
  const DecisionDef& def =
      decision.ruleset().model().decisions[static_cast<std::size_t>(trace.decision)];
  std::vector<std::string> ids;
  RuleStatus wanted = def.hit == HitPolicy::kAll ? RuleStatus::kFailed : RuleStatus::kApplied;
  for (const RuleTrace& rule : trace.rules) {
    if (rule.status == wanted) ids.push_back(def.rules[static_cast<std::size_t>(rule.rule)].id);
  }
  return ids;
}

TestReport run_tests(const std::shared_ptr<const RuleSet>& ruleset, Lang lang) {
  TestReport report;
  for (const TestCase& test : ruleset->model().tests) {
    TestResult result;
    result.test = &test;
    auto bound = bind_facts(ruleset->model(), test.facts);
    std::optional<Result<Decision>> decision;
    std::string error;
    if (!bound.ok()) {
      error = bound.error().message;
    } else {
      EvalOptions options;
      options.as_of = test.as_of;
      options.parameters = test.parameters;
      decision.emplace(ruleset->decide(test.decision, Facts(bound.value()), options));
      if (!decision->ok()) error = decision->error().message;
    }
    if (!test.expect_error.empty()) {
      if (error.empty()) {
        result.problems.push_back("expected an error containing \"" + test.expect_error +
                                  "\", but the decision succeeded");
      } else if (error.find(test.expect_error) == std::string::npos) {
        result.problems.push_back("expected an error containing \"" + test.expect_error +
                                  "\", got: " + error);
      }
    } else if (!error.empty()) {
      result.problems.push_back("error: " + error);
    } else {
      check_expectations(test, decision->value(), result);
    }
    if (decision && decision->ok()) {
      for (const RuleTrace& rule : decision->value().trace().rules) {
        if (rule.status != RuleStatus::kNotReached && rule.status != RuleStatus::kNotInForce) {
          result.considered_rules.push_back(rule.rule);
        }
      }
      if (!result.problems.empty()) result.justification = decision->value().to_text(lang);
    }
    result.passed = result.problems.empty();
    (result.passed ? report.passed : report.failed) += 1;
    report.results.push_back(std::move(result));
  }
  return report;
}

}  // namespace tiaoli::detail
