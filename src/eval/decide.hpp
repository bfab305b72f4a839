// Runs a decision's rules under its hit policy.
#pragma once

#include <memory>

#include "eval/evaluator.hpp"
#include "eval/trace.hpp"

namespace tiaoli::detail {

// Decides `decision` for `context`'s facts. With `justify`, records every rule's part.
// Throws EvalFailure (caught by RuleSet::decide).
std::shared_ptr<DecisionTrace> run_decision(int decision, EvalContext& context, bool justify);

// The rules of `decision` that apply to `facts` on `as_of` (conditions hold, not overridden);
// rules whose evaluation fails (e.g. the facts lack what they read) count as not applying.
std::vector<int> rules_that_apply(const RuleSetModel& model, int decision, const Record& facts,
                                  Date as_of);

// The values a justification shows for `rule` of `trace`: its facts and message placeholders.
// A value that cannot be computed (e.g. it reads an absent optional field) is null.
RuleValues rule_values(const RuleSetModel& model, const DecisionTrace& trace, const RuleDef& rule);

}  // namespace tiaoli::detail
