// Evaluates checked expressions. All per-evaluation state lives in EvalContext.
#pragma once

#include <memory>
#include <span>
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

// A `let` or comprehension variable. A comprehension binds its variable to each list element in
// place (`bound`), so iterating copies no values.
struct Slot {
  Value value;
  const Value* bound = nullptr;
  const Value& get() const { return bound != nullptr ? *bound : value; }
  void set(Value v) {
    value = std::move(v);
    bound = nullptr;
  }
};

struct EvalContext {
  const RuleSetModel& model;
  const Record& facts;
  Date as_of;
  std::span<Slot> slots;
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
  std::span<char> lets_ready = {};
};

[[noreturn]] void budget_exceeded();
[[noreturn]] void number_overflow();

// Every node evaluated and every list element visited costs one step of the budget.
inline void spend(EvalContext& context) {
  if (--context.budget < 0) [[unlikely]]
    budget_exceeded();
}

// Binds a comprehension variable to each element in turn; unbinds on the way out.
class BoundVariable {
 public:
  explicit BoundVariable(Slot& slot) : slot_(slot) {}
  BoundVariable(const BoundVariable&) = delete;
  BoundVariable& operator=(const BoundVariable&) = delete;
  ~BoundVariable() { slot_.bound = nullptr; }
  void bind(const Value& element) { slot_.bound = &element; }

 private:
  Slot& slot_;
};

[[noreturn]] void absent(const Node& node);
[[noreturn]] void missing_fact(const Node& root);
[[noreturn]] void missing_field(const Node& field, const Record& record);

// `value`, unless it is null: then an EvalFailure saying that `node` is absent.
inline const Value& present(const Node& node, const Value& value) {
  if (value.is_null()) [[unlikely]]
    absent(node);
  return value;
}

// The fact `root` reads (a kFactRoot node); an EvalFailure when the facts lack it.
inline const Value& fact_root(const Node& root, const EvalContext& context) {
  const Value& v = context.facts.fields[static_cast<std::size_t>(root.index)];
  if (v.is_null()) [[unlikely]]
    missing_fact(root);
  return v;
}

// The field `field` (a kField node) reads from `record`; an EvalFailure when a required field is
// missing.
inline const Value& read_field(const Node& field, const Record& record) {
  const Value& v = record.fields[static_cast<std::size_t>(field.index)];
  if (v.is_null() && !field.maybe_absent) [[unlikely]]
    missing_field(field, record);
  return v;
}
// An absent optional list counts as empty in comprehensions.
const List& list_or_empty(const Value& value);

Value evaluate(const Node& node, EvalContext& context);
// Like evaluate, but returns a reference to the value where it is stored (facts, literals,
// variables) instead of copying it; computed values are put in `scratch`.
const Value& evaluate_ref(const Node& node, EvalContext& context, Value& scratch);
bool interpret_bool(const Node& node, EvalContext& context);
inline bool evaluate_bool(const Node& node, EvalContext& context) {
  return node.test != nullptr ? node.test(node, context) : interpret_bool(node, context);
}

// An int where the checker expects a decimal (`if c then 1 else 2.5`, a decimal output given
// `0`) becomes that decimal; other values are returned unchanged.
Value conform(const Type& type, Value value);

// Decides `decision` for the context's facts without a justification (used for decision refs).
std::shared_ptr<const Record> outcome_of(int decision, EvalContext& context);

}  // namespace tiaoli::detail
