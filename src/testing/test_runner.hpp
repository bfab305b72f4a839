// Runs a rule set's YAML test cases.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "tiaoli/ruleset.hpp"

namespace tiaoli::detail {

struct TestResult {
  const TestCase* test = nullptr;
  bool passed = false;
  std::vector<std::string> problems;  // expected vs actual, one line each
  std::string justification;          // the decision's text justification, for failures
  std::vector<int> considered_rules;  // rules of the decision this case evaluated (for coverage)
};

struct TestReport {
  std::vector<TestResult> results;
  int passed = 0;
  int failed = 0;
};

TestReport run_tests(const std::shared_ptr<const RuleSet>& ruleset, Lang lang);

// The rule ids a test's expect_rules compares with: failed requirements under `all`, applied
// rules otherwise.
std::vector<std::string> decisive_rules(const Decision& decision);

}  // namespace tiaoli::detail
