// Comparing code written from a decision (tiaoli codegen, native modules) with the engine.
#pragma once

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "tiaoli/tiaoli.hpp"

namespace tiaoli::test {

// Decides with the generated code (through GeneratedDecision) and with the engine's interpreter;
// expects the same outcome or error. Returns whether the generated code decided by itself.
inline bool expect_same(const GeneratedDecision& generated, const Facts& facts,
                        const EvalOptions& options, const std::string& label) {
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

// Compares `code` with the engine on `cases` random cases that `make_case(rng)` writes as JSON;
// returns how many the code decided by itself.
template <class MakeCase>
int decided_alone_of_random_cases(const GeneratedDecision& code, unsigned seed, int cases,
                                  MakeCase make_case) {
  const RuleSet& rules = code.engine().ruleset();
  std::mt19937 rng(seed);
  int decided = 0;
  for (int i = 0; i < cases; ++i) {
    std::string json = make_case(rng);
    auto facts = rules.parse_facts(json, FactsFormat::kJson);
    EXPECT_TRUE(facts.ok()) << json;
    if (!facts.ok()) continue;
    decided += expect_same(code, facts.value(), {}, json) ? 1 : 0;
  }
  return decided;
}

}  // namespace tiaoli::test
