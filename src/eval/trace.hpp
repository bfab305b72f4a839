// What one evaluation of a decision did: the outcome and, when asked, each rule's part in it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace tiaoli::detail {

enum class RuleStatus {
  kHeld,        // `all`: the requirement holds
  kFailed,      // `all`: the requirement fails
  kApplied,     // the rule's condition holds and it gave (part of) the outcome
  kNotApplied,  // the rule's condition does not hold
  kOverridden,  // the condition holds, but a rule that overrides it applies
  kNotReached,  // `first`: an earlier rule already decided
  kNotInForce,  // outside the rule's effective dates
};
const char* rule_status_name(RuleStatus status);

// A rule's part in a decision. The values its message and fact list show are computed only
// when a justification is rendered (see rule_values), so deciding stays cheap.
struct RuleTrace {
  int rule = -1;
  RuleStatus status = RuleStatus::kNotReached;
  std::vector<std::string> notes;  // e.g. the calendar days a working-day count passed over
};

// What a justification shows of one rule, computed on request.
struct RuleValues {
  std::vector<Value> facts;            // values of RuleDef::facts_read
  std::vector<Value> template_values;  // values of RuleDef::template_exprs (null: not computable)
};

struct DecisionTrace {
  int decision = -1;
  Date as_of;
  Record outcome;
  std::vector<RuleTrace> rules;            // empty when evaluated without justification
  std::shared_ptr<const Record> facts;     // kept for rendering the justification
  std::vector<Value> parameter_overrides;  // as given in EvalOptions, indexed like params
};

}  // namespace tiaoli::detail
