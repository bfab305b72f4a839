// The fast path's programs (see fast_program.hpp): a decision's checked expressions as typed
// operations. fast_compile.cpp builds them, fast_run.cpp runs them, codegen/ writes them as C++.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <utility>
#include <vector>

#include "eval/failure_lists.hpp"
#include "eval/functions.hpp"
#include "model/model.hpp"

namespace tiaoli::detail {

constexpr std::size_t kFastMaxSlots = 32;
constexpr std::size_t kFastMaxRules = 64;  // an `all` decision's failures are a 64-bit mask
constexpr std::size_t kFastMaxArgs = 4;
constexpr std::size_t kFastMaxListLets = 2;       // list-valued decision lets (filter)
constexpr std::size_t kFastMaxListElements = 32;  // elements such a list holds (else: give up)

enum class FastKind {
  kStored,           // a literal, or a parameter with one value for all time (`stored`)
  kAsOf,             // the evaluation date
  kFactRoot,         // facts.fields[index]
  kFactField,        // facts.fields[root].fields[index]
  kElement,          // the comprehension variable in slot `index`
  kElementField,     // the record in slot `root`: its fields[index]
  kField,            // the record `a` reads: its fields[index]
  kParam,            // a parameter whose value depends on the date (`param`)
  kDecisionLet,      // the decision-level let in slot `index`, computed by `a` on first use
  kDecisionLetRead,  // the same for a let whose value is stored (possibly absent): its address
  kListLet,          // the same for `filter(...)`, `a`: its elements, kept in list buffer `root`
  kFilter,           // filter(element in a where b: c), the element in slot `index`
  kRuleLet,          // the current rule's let in slot `index`
  kCompare,          // a `op` b
  kAnd,              // a and b
  kOr,               // a or b
  kNot,              // not a
  kArithmetic,       // a `op` b, on integers
  kComprehension,    // `aggregate`(element in a where b: c), the element in slot `index`
  kCall,             // `function`(args)
  kCompletedYears,   // completed_years(a, b, convention): `day_after` false on the birthday
  kDatePart,         // year(a), month(a) or day(a): `root` 0, 1 or 2
  kDateShift,        // a + `constant` days (a date)
  kCoalesce,         // a ?? b: a's stored value, or b when it is absent
  kMinMax,           // `aggregate` min or max(element in a where b: c): the address of c's value
};

struct FastRun;  // fast_run.cpp
struct FastOp;
using KeyFn = std::int64_t (*)(const FastOp&, FastRun&);
using ReadFn = const Value* (*)(const FastOp&, FastRun&);

// One operation. `key` gives its value as a key (see compile.hpp), `read` the value where it is
// stored (facts, parameters, literals, list elements; null when absent); either may be null.
struct FastOp {
  FastKind kind = FastKind::kStored;
  const Type* type = nullptr;
  KeyFn key = nullptr;
  ReadFn read = nullptr;
  std::int64_t constant = 0;  // kStored: the value's key
  std::size_t index = 0;      // field or slot, see FastKind
  std::size_t root = 0;       // kFactField: the fact; kElementField: the element's slot
  bool required = false;      // field kinds: a field the facts must have
  bool day_after = false;     // kCompletedYears: the day-after-birthday convention
  std::int64_t cost = 0;      // steps charged per list element, or for computing a let
  Op op = Op::kNone;
  Aggregate aggregate = Aggregate::kAny;
  const FastOp* a = nullptr;
  const FastOp* b = nullptr;
  const FastOp* c = nullptr;
  const Value* stored = nullptr;
  const ParamDef* param = nullptr;
  const FunctionDef* function = nullptr;
  std::vector<const FastOp*> args;
};

// Sets `op.key` and `op.read` for its kind and type; leaves them null when it has no such form.
void bind_fast_op(FastOp& op);

struct FastRule {
  const RuleDef* def = nullptr;
  std::vector<std::pair<std::size_t, const FastOp*>> lets;     // slot, value
  const FastOp* condition = nullptr;                           // null: always holds
  std::vector<std::pair<std::size_t, const FastOp*>> outputs;  // output field, value
  std::int64_t cost = 0;  // steps charged for its lets, condition and outputs
};

struct FastProgram {
  const DecisionDef* def = nullptr;
  std::deque<FastOp> ops;                    // stable addresses: ops point at each other
  std::vector<const FastOp*> decision_lets;  // by let index; null when no rule uses it
  std::size_t list_lets = 0;                 // list buffers its kListLet ops use
  bool has_overrides = false;                // some rule overrides another
  std::vector<FastRule> rules;
  std::unique_ptr<FailureLists> failure_lists;  // `all` decisions' outcome lists
};

}  // namespace tiaoli::detail
