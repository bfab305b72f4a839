// Runs a decision's rules under its hit policy.
#pragma once

#include <memory>

#include "eval/evaluator.hpp"
#include "eval/trace.hpp"

namespace tiaoli::detail {

// Decides `decision` for `context`'s facts. With `justify`, records every rule's part.
// Throws EvalFailure (caught by RuleSet::decide).
std::shared_ptr<DecisionTrace> run_decision(int decision, EvalContext& context, bool justify);

// Decides `decision` without a justification by its fast program (eval/fast_program.hpp); null
// when it has none or the case needs the interpreter. Top level only: the step count it charges
// is a bound, not the interpreter's exact count, which decisions that refer to it would inherit.
std::shared_ptr<DecisionTrace> run_fast(int decision, EvalContext& context);

// An empty list shared by every outcome that has one (no allocation).
const std::shared_ptr<const List>& empty_list();

// An `all` decision's failures list: the codes of the rules that failed (`failed(i)` for rule
// i), in rule order; the shared empty list when none did.
template <class Failed>
std::shared_ptr<const List> failure_codes(const DecisionDef& def, Failed failed) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < def.rules.size(); ++i) count += failed(i) ? 1 : 0;
  if (count == 0) return empty_list();
  auto codes = std::make_shared<List>();
  codes->reserve(count);
  for (std::size_t i = 0; i < def.rules.size(); ++i) {
    if (failed(i)) codes->push_back(def.rules[i].code_value);
  }
  return codes;
}

// Sets an `all` decision's outcome: whether every rule held, and failure_codes(def, failed).
template <class Failed>
void set_all_outcome(const DecisionDef& def, Record& outcome, Failed failed) {
  std::shared_ptr<const List> failures = failure_codes(def, failed);
  outcome.fields[static_cast<std::size_t>(def.pass_field)] = Value(failures->empty());
  outcome.fields[static_cast<std::size_t>(def.failures_field)] = Value(std::move(failures));
}

// The rules of `decision` that apply to `facts` on `as_of` (conditions hold, not overridden);
// rules whose evaluation fails (e.g. the facts lack what they read) count as not applying.
std::vector<int> rules_that_apply(const RuleSetModel& model, int decision, const Record& facts,
                                  Date as_of);

// The values a justification shows for `rule` of `trace`: its facts and message placeholders.
// A value that cannot be computed (e.g. it reads an absent optional field) is null.
RuleValues rule_values(const RuleSetModel& model, const DecisionTrace& trace, const RuleDef& rule);

}  // namespace tiaoli::detail
