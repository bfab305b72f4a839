// Runs a decision's rules under its hit policy.
#pragma once

#include <memory>

#include "eval/evaluator.hpp"
#include "eval/trace.hpp"

namespace tiaoli::detail {

// Decides `decision` for `context`'s facts. With `justify`, records every rule's part.
// Throws EvalFailure (caught by RuleSet::decide).
std::shared_ptr<DecisionTrace> run_decision(int decision, EvalContext& context, bool justify);

// The values a justification shows for `rule` of `trace`: its facts and message placeholders.
// A value that cannot be computed (e.g. it reads an absent optional field) is null.
RuleValues rule_values(const RuleSetModel& model, const DecisionTrace& trace, const RuleDef& rule);

}  // namespace tiaoli::detail
