// Comparing code written from a decision (tiaoli codegen, native modules) with the engine.
#pragma once

#include <gtest/gtest.h>

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

}  // namespace tiaoli::test
