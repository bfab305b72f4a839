// The outcome-only fast path. At load, a decision whose rules use only what it covers
// (comparisons of ints, dates, enums and bools; and/or/not; any/all/count/min/max; filter as a
// decision-level let; ??; integer arithmetic; a date ± days; reads of facts, parameters, lets and
// comprehension variables; built-in functions of those; hit policies all, first and unique, with
// overrides) is compiled a second time, into a program of typed operations (fast_ops.hpp) that
// records no trace, counts steps by a bound fixed at load instead of node by node, and reads
// facts without the interpreter's bookkeeping. docs/codegen.md has the list for analysts.
//
// It decides the usual case only. Whenever a case needs more (a missing fact, an overflow, a
// failing function, a step budget its bound cannot prove enough, no rule or several rules
// applying under `unique`), it gives up and the interpreter decides that case: outcomes and
// errors are the interpreter's in every case.
#pragma once

#include <memory>

#include "model/model.hpp"

namespace tiaoli::detail {

struct EvalContext;
struct FastProgram;

// The decision's fast program; null when it uses something the fast path does not cover (its
// cases are then always decided by the interpreter).
std::shared_ptr<const FastProgram> compile_fast_program(const RuleSetModel& model,
                                                        const DecisionDef& def);

// Decides `context`'s case into `outcome` (the decision's output record). False when the case
// needs the interpreter; `outcome` is then unspecified. Parameter overrides always need it.
bool run_fast_program(const FastProgram& program, EvalContext& context, Record& outcome);

}  // namespace tiaoli::detail
