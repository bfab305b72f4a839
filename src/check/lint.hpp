// Whole-rule-set analysis after loading: problems no single expression shows.
#pragma once

#include "common/source.hpp"
#include "model/model.hpp"

namespace tiaoli::detail {

// Reports, as warnings: rules that can never apply under `first`; enum values that no rule of a
// `first`/`unique` decision without a default handles. As errors: rules of a `unique` decision
// that both apply to the facts of one of the rule set's own test cases.
void lint_rule_set(const RuleSetModel& model, DiagnosticSink& sink);

}  // namespace tiaoli::detail
