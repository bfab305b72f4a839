// Evaluates checked expressions. All per-evaluation state lives in EvalContext.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "expr/ast.hpp"
#include "model/model.hpp"

namespace tiaoli::detail {

// An evaluation failed on valid rules: bad or missing facts, a date outside the calendar.
// Thrown inside the engine only; RuleSet::decide turns it into an Error.
struct EvalFailure {
  std::string message;
  std::string field;  // the facts field at fault, when there is one
};

struct EvalContext {
  const RuleSetModel& model;
  const Record& facts;
  Date as_of;
  std::vector<Value>& slots;
  // Outcomes of decisions referenced with decision("..."), computed on first use.
  std::vector<std::shared_ptr<const Record>>& decision_outcomes;
  // When non-null, functions record what a justification should mention (calendar days skipped).
  std::vector<std::string>* notes = nullptr;
  // Parameter values that replace the rule set's for this evaluation (indexed like params);
  // null or shorter than params when there are none.
  const std::vector<Value>* parameter_overrides = nullptr;
  int budget = 1000000;  // evaluation steps left; bounds the cost of one decision
  // The decision being evaluated and which of its lets are computed (see NodeKind::kDecisionLet).
  const DecisionDef* decision = nullptr;
  std::vector<char>* lets_ready = nullptr;
};

Value evaluate(const Node& node, EvalContext& context);
// Like evaluate, but returns a reference to the value where it is stored (facts, literals,
// variables) instead of copying it; computed values are put in `scratch`.
const Value& evaluate_ref(const Node& node, EvalContext& context, Value& scratch);
bool evaluate_bool(const Node& node, EvalContext& context);

// An int where the checker expects a decimal (`if c then 1 else 2.5`, a decimal output given
// `0`) becomes that decimal; other values are returned unchanged.
Value conform(const Type& type, Value value);

// Decides `decision` for the context's facts without a justification (used for decision refs).
std::shared_ptr<const Record> outcome_of(int decision, EvalContext& context);

}  // namespace tiaoli::detail
