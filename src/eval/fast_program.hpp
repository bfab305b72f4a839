// The outcome-only fast path. At load, a decision whose rules use only what it covers
// (comparisons of ints, dates, enums and bools; and/or/not; any/all/count; integer arithmetic;
// reads of facts, parameters, lets and comprehension variables; built-in functions of those) is
// compiled a second time, into a program of typed operations that records no trace, counts steps
// by a bound fixed at load instead of node by node, and reads facts without the interpreter's
// bookkeeping.
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
