#include <array>
#include <cstdint>
#include <span>

#include "eval/compile.hpp"
#include "eval/decide.hpp"
#include "eval/evaluator.hpp"
#include "eval/fast_ops.hpp"
#include "eval/fast_program.hpp"
#include "time/dates.hpp"

namespace tiaoli::detail {

// The state of one run of a program.
struct FastRun {
  explicit FastRun(EvalContext& evaluation) : context(evaluation), budget(evaluation.budget) {}

  EvalContext& context;
  std::int64_t budget;  // steps left, charged by the bounds fixed at load
  bool gave_up = false;
  // By slot: comprehension variables and the addresses held by decision-level lets
  // (`element`), and `let` values as keys (`let`). Each is written before it is read, so neither
  // is cleared.
  std::array<const Value*, kFastMaxSlots> element;
  std::array<std::int64_t, kFastMaxSlots> let;
  std::array<bool, kFastMaxSlots> ready{};  // which decision-level lets are computed

  // The elements of list-valued decision lets (filter), by buffer.
  struct ListBuffer {
    std::array<const Value*, kFastMaxListElements> items;
    std::size_t size = 0;
  };
  std::array<ListBuffer, kFastMaxListLets> lists;

  std::int64_t give_up() {
    gave_up = true;
    return 0;
  }
  bool charge(std::int64_t steps) {
    budget -= steps;
    if (budget < 0) give_up();
    return !gave_up;
  }
};

namespace {

using Run = FastRun;

std::int64_t key_of(const FastOp& op, Run& run) { return op.key(op, run); }
const Value* read(const FastOp& op, Run& run) { return op.read(op, run); }

// ---------------------------------------------------------------------------------------------
// Reads

const Value* read_stored(const FastOp& op, Run&) { return op.stored; }

const Value* read_fact_root(const FastOp& op, Run& run) {
  const Value& v = run.context.facts.fields[op.index];
  if (v.is_null()) [[unlikely]] {
    run.give_up();  // the interpreter names the missing fact
    return nullptr;
  }
  return &v;
}

const Value* read_element(const FastOp& op, Run& run) { return run.element[op.index]; }

// A field of a record the facts or a list element hold (`candidate.education`, `g.year`): the
// two reads of read_field in one.
const Value* field_of(const Value& record, const FastOp& op, Run& run) {
  const Value& v = record.as_record().fields[op.index];
  if (v.is_null()) [[unlikely]] {
    if (op.required) run.give_up();
    return nullptr;
  }
  return &v;
}

const Value* read_fact_field(const FastOp& op, Run& run) {
  const Value& record = run.context.facts.fields[op.root];
  if (record.is_null()) [[unlikely]] {
    run.give_up();
    return nullptr;
  }
  return field_of(record, op, run);
}

const Value* read_element_field(const FastOp& op, Run& run) {
  return field_of(*run.element[op.root], op, run);
}

const Value* read_field(const FastOp& op, Run& run) {
  const Value* base = read(*op.a, run);
  if (base == nullptr) [[unlikely]] {
    run.give_up();  // a field of an absent record: the interpreter's error
    return nullptr;
  }
  return field_of(*base, op, run);
}

const Value* read_param(const FastOp& op, Run& run) {
  const ParamVersion* version = op.param->version_on(run.context.as_of);
  if (version == nullptr) [[unlikely]] {
    run.give_up();
    return nullptr;
  }
  return &version->value;
}

// ---------------------------------------------------------------------------------------------
// Keys

std::int64_t key_constant(const FastOp& op, Run&) { return op.constant; }
std::int64_t key_as_of(const FastOp&, Run& run) { return run.context.as_of.days; }

// The key of stored value `v` of kind `kind` (the op's type); the interpreter's error when absent.
template <Value::Kind kind>
std::int64_t key_of_stored(const Value* v, Run& run) {
  if (v == nullptr || v->kind() != kind) return run.give_up();
  if constexpr (kind == Value::Kind::kBool) return v->as_bool() ? 1 : 0;
  if constexpr (kind == Value::Kind::kInt) return v->as_int();
  if constexpr (kind == Value::Kind::kDate) return v->as_date().days;
  return enum_key(v->as_enum());
}

// The key of what op's reader reads; for the two commonest reads, the reader called directly.
template <Value::Kind kind>
std::int64_t key_stored(const FastOp& op, Run& run) {
  return key_of_stored<kind>(read(op, run), run);
}
template <Value::Kind kind>
std::int64_t key_fact_field(const FastOp& op, Run& run) {
  return key_of_stored<kind>(read_fact_field(op, run), run);
}
template <Value::Kind kind>
std::int64_t key_element_field(const FastOp& op, Run& run) {
  return key_of_stored<kind>(read_element_field(op, run), run);
}

template <Value::Kind kind>
KeyFn stored_key_of_kind(FastKind reads) {
  if (reads == FastKind::kFactField) return key_fact_field<kind>;
  if (reads == FastKind::kElementField) return key_element_field<kind>;
  return key_stored<kind>;
}

KeyFn stored_key_for(const FastOp& op) {
  switch (op.type->kind) {
    case TypeKind::kBool:
      return stored_key_of_kind<Value::Kind::kBool>(op.kind);
    case TypeKind::kInt:
      return stored_key_of_kind<Value::Kind::kInt>(op.kind);
    case TypeKind::kDate:
      return stored_key_of_kind<Value::Kind::kDate>(op.kind);
    case TypeKind::kEnum:
      return stored_key_of_kind<Value::Kind::kEnum>(op.kind);
    default:
      return nullptr;
  }
}

std::int64_t key_decision_let(const FastOp& op, Run& run) {
  if (!run.ready[op.index]) {
    if (!run.charge(op.cost)) return 0;
    run.let[op.index] = key_of(*op.a, run);
    run.ready[op.index] = true;
  }
  return run.let[op.index];
}

std::int64_t key_rule_let(const FastOp& op, Run& run) { return run.let[op.index]; }

template <Op op>
std::int64_t key_compare(const FastOp& f, Run& run) {
  std::int64_t a = key_of(*f.a, run);
  std::int64_t b = key_of(*f.b, run);
  return compare_keys<op>(a, b);
}

std::int64_t key_and(const FastOp& f, Run& run) {
  return key_of(*f.a, run) != 0 && key_of(*f.b, run) != 0;
}
std::int64_t key_or(const FastOp& f, Run& run) {
  return key_of(*f.a, run) != 0 || key_of(*f.b, run) != 0;
}
std::int64_t key_not(const FastOp& f, Run& run) { return key_of(*f.a, run) == 0; }

template <Op op>
std::int64_t key_arithmetic(const FastOp& f, Run& run) {
  std::int64_t a = key_of(*f.a, run);
  std::int64_t b = key_of(*f.b, run);
  std::int64_t r = 0;
  return checked_arithmetic<op>(a, b, &r) ? r : run.give_up();  // the interpreter reports it
}

const Run::ListBuffer& list_let(const FastOp& op, Run& run);

// Calls visit(element) for each element of the list `list` gives — a stored list (an absent
// optional one is empty) or a list-valued let — until visit returns false.
template <class Visit>
void for_each_element(const FastOp& list, Run& run, Visit visit) {
  if (list.kind == FastKind::kListLet) {
    const Run::ListBuffer& buffer = list_let(list, run);
    for (std::size_t i = 0; i < buffer.size; ++i) {
      if (!visit(*buffer.items[i])) return;
    }
    return;
  }
  static const Value absent;
  const Value* stored = read(list, run);
  for (const Value& element : list_or_empty(stored != nullptr ? *stored : absent)) {
    if (!visit(element)) return;
  }
}

// Binds comprehension `f`'s variable to `element`, charging its steps; whether `element` passes
// its `where` (and, with `and_body`, its condition too).
bool passes(const FastOp& f, const Value& element, Run& run, bool and_body) {
  if (!run.charge(f.cost)) return false;
  run.element[f.index] = &element;
  if (f.b != nullptr && key_of(*f.b, run) == 0) return false;
  return !and_body || f.c == nullptr || key_of(*f.c, run) != 0;
}

template <Aggregate aggregate>
std::int64_t key_comprehension(const FastOp& f, Run& run) {
  std::int64_t result = aggregate == Aggregate::kAll ? 1 : 0;
  for_each_element(*f.a, run, [&](const Value& element) {
    if (!passes(f, element, run, false)) return !run.gave_up;
    bool holds = f.c == nullptr || key_of(*f.c, run) != 0;
    if constexpr (aggregate == Aggregate::kAny) {
      if (holds) result = 1;
      return !holds;
    } else if constexpr (aggregate == Aggregate::kAll) {
      if (!holds) result = 0;
      return holds;
    } else {
      result += holds ? 1 : 0;
      return true;
    }
  });
  return result;
}

// min / max over a stored value of each element: the address of the first least (greatest).
template <Aggregate aggregate>
const Value* read_min_max(const FastOp& f, Run& run) {
  const Value* best = nullptr;
  std::int64_t best_key = 0;
  for_each_element(*f.a, run, [&](const Value& element) {
    if (!passes(f, element, run, false)) return !run.gave_up;
    const Value* v = read(*f.c, run);
    auto key = v != nullptr ? key_if_keyable(*v) : std::nullopt;
    if (!key) {
      run.give_up();  // an absent value: the interpreter's error
      return false;
    }
    bool better = aggregate == Aggregate::kMin ? *key < best_key : *key > best_key;
    if (best == nullptr || better) {
      best = v;
      best_key = *key;
    }
    return true;
  });
  return best;
}

// A filter's elements, kept in the let's list buffer when first used.
const Run::ListBuffer& list_let(const FastOp& op, Run& run) {
  Run::ListBuffer& buffer = run.lists[op.root];
  if (run.ready[op.index]) return buffer;
  run.ready[op.index] = true;
  buffer.size = 0;
  if (!run.charge(op.cost)) return buffer;
  const FastOp& filter = *op.a;
  for_each_element(*filter.a, run, [&](const Value& element) {
    if (!passes(filter, element, run, true)) return !run.gave_up;
    if (buffer.size == buffer.items.size()) {
      run.give_up();  // more elements than the buffer holds
      return false;
    }
    buffer.items[buffer.size++] = &element;
    return true;
  });
  return buffer;
}

const Value* read_decision_let(const FastOp& op, Run& run) {
  if (!run.ready[op.index]) {
    if (!run.charge(op.cost)) return nullptr;
    run.element[op.index] = read(*op.a, run);
    run.ready[op.index] = true;
  }
  return run.element[op.index];
}

std::int64_t key_date_part(const FastOp& f, Run& run) {
  return time::date_part_of_days(key_of(*f.a, run), static_cast<int>(f.root));
}

std::int64_t key_date_shift(const FastOp& f, Run& run) {
  std::int64_t days = key_of(*f.a, run) + f.constant;
  // Outside the years a date can have the interpreter's date arithmetic fails.
  return time::day_in_date_range(days) ? days : run.give_up();
}

std::int64_t key_coalesce(const FastOp& f, Run& run) {
  const Value* v = read(*f.a, run);
  if (run.gave_up) return 0;
  if (v == nullptr) return key_of(*f.b, run);
  auto key = key_if_keyable(*v);
  return key ? *key : run.give_up();
}

// The value of `op` as a Value: the stored one, or one made from its key.
Value value_of(const FastOp& op, Run& run) {
  if (op.read != nullptr) {
    const Value* v = read(op, run);
    return v != nullptr ? *v : Value();
  }
  std::int64_t key = key_of(op, run);
  if (op.type->is(TypeKind::kBool)) return Value(key != 0);
  if (op.type->is(TypeKind::kDate)) return Value(Date{static_cast<std::int32_t>(key)});
  return Value(key);
}

std::int64_t key_call(const FastOp& f, Run& run) {
  std::array<Value, kFastMaxArgs> args;
  for (std::size_t i = 0; i < f.args.size(); ++i) {
    args[i] = value_of(*f.args[i], run);
    if (args[i].is_null()) return run.give_up();  // an absent argument: the interpreter's error
  }
  try {
    auto key = key_if_keyable(f.function->call(std::span(args.data(), f.args.size()), run.context));
    return key ? *key : run.give_up();
  } catch (const EvalFailure&) {
    return run.give_up();  // the interpreter names the fact behind the failure
  }
}

std::int64_t key_completed_years(const FastOp& f, Run& run) {
  std::int64_t birth = key_of(*f.a, run);
  std::int64_t on = key_of(*f.b, run);
  if (run.gave_up) return 0;
  auto convention =
      f.day_after ? time::AgeConvention::kDayAfterBirthday : time::AgeConvention::kOnBirthday;
  return time::completed_years_from_days(birth, on, convention);
}

// ---------------------------------------------------------------------------------------------
// Binding ops to their implementations

KeyFn comprehension_for(Aggregate aggregate) {
  switch (aggregate) {
    case Aggregate::kAny:
      return key_comprehension<Aggregate::kAny>;
    case Aggregate::kAll:
      return key_comprehension<Aggregate::kAll>;
    case Aggregate::kCount:
      return key_comprehension<Aggregate::kCount>;
    default:
      return nullptr;
  }
}

ReadFn reader_for(FastKind kind) {
  switch (kind) {
    case FastKind::kStored:
      return read_stored;
    case FastKind::kFactRoot:
      return read_fact_root;
    case FastKind::kFactField:
      return read_fact_field;
    case FastKind::kElement:
      return read_element;
    case FastKind::kElementField:
      return read_element_field;
    case FastKind::kField:
      return read_field;
    case FastKind::kParam:
      return read_param;
    case FastKind::kDecisionLetRead:
      return read_decision_let;
    default:
      return nullptr;
  }
}

KeyFn computed_key_for(const FastOp& op) {
  switch (op.kind) {
    case FastKind::kAsOf:
      return key_as_of;
    case FastKind::kDecisionLet:
      return key_decision_let;
    case FastKind::kRuleLet:
      return key_rule_let;
    case FastKind::kCompare:
      return for_comparison(op.op, []<Op o>() -> KeyFn { return key_compare<o>; });
    case FastKind::kAnd:
      return key_and;
    case FastKind::kOr:
      return key_or;
    case FastKind::kNot:
      return key_not;
    case FastKind::kArithmetic:
      return for_arithmetic(op.op, []<Op o>() -> KeyFn { return key_arithmetic<o>; });
    case FastKind::kComprehension:
      return comprehension_for(op.aggregate);
    case FastKind::kCall:
      return key_call;
    case FastKind::kCompletedYears:
      return key_completed_years;
    case FastKind::kDatePart:
      return key_date_part;
    case FastKind::kDateShift:
      return key_date_shift;
    case FastKind::kCoalesce:
      return key_coalesce;
    default:
      return nullptr;
  }
}

bool holds(const FastRule& rule, Run& run) {
  if (!run.charge(rule.cost)) return false;
  for (const auto& [slot, value] : rule.lets) run.let[slot] = key_of(*value, run);
  return rule.condition == nullptr || key_of(*rule.condition, run) != 0;
}

void give_outputs(const FastRule& rule, const DecisionDef& def, Run& run, Record& outcome) {
  for (const auto& [field, value] : rule.outputs) {
    outcome.fields[field] = conform(*def.output->fields[field].type, value_of(*value, run));
  }
}

void run_all(const FastProgram& program, Run& run, Record& outcome) {
  std::uint64_t failed = 0;
  for (std::size_t i = 0; i < program.rules.size(); ++i) {
    const FastRule& rule = program.rules[i];
    if (!rule.def->in_force_on(run.context.as_of)) continue;
    if (!holds(rule, run)) failed |= std::uint64_t{1} << i;
    if (run.gave_up) return;
  }
  const DecisionDef& def = *program.def;
  outcome.fields[static_cast<std::size_t>(def.pass_field)] = Value(failed == 0);
  program.failure_lists->assign(failed,
                                outcome.fields[static_cast<std::size_t>(def.failures_field)]);
}

// The rule `first` gives (the first that applies) or `unique` gives (the only one), asking
// `applies(i)` in rule order; null when no rule applies, when two do under `unique` (errors the
// interpreter reports), or when the run gave up.
template <class Applies>
const FastRule* choose(const FastProgram& program, Run& run, Applies applies) {
  const FastRule* chosen = nullptr;
  bool unique = program.def->hit == HitPolicy::kUnique;
  for (std::size_t i = 0; i < program.rules.size(); ++i) {
    bool applying = applies(i);
    if (run.gave_up) return nullptr;
    if (!applying) continue;
    if (chosen != nullptr) return nullptr;  // a second rule applies under `unique`
    chosen = &program.rules[i];
    if (!unique) break;
  }
  return chosen;
}

// With `overrides`: every rule's condition first (at least what the interpreter evaluates), then
// a rule applies when its condition holds and no rule that overrides it applies.
const FastRule* choose_with_overrides(const FastProgram& program, Run& run) {
  std::uint64_t held = 0;
  for (std::size_t i = 0; i < program.rules.size(); ++i) {
    const FastRule& rule = program.rules[i];
    if (!rule.def->in_force_on(run.context.as_of)) continue;
    bool condition = holds(rule, run);
    if (run.gave_up) return nullptr;
    if (condition) held |= std::uint64_t{1} << i;
  }
  std::array<signed char, kFastMaxRules> applies;  // -1 not known yet, 2 being worked out
  applies.fill(-1);
  auto rule_applies = [&](auto& self, std::size_t i) -> bool {
    if (applies[i] == 2) {
      run.give_up();  // overrides in a cycle (the loader rejects them; never decide one)
      return false;
    }
    if (applies[i] >= 0) return applies[i] == 1;
    applies[i] = 2;
    bool result = (held >> i & 1U) != 0;
    for (int by : program.rules[i].def->overridden_by) {
      if (result && self(self, static_cast<std::size_t>(by))) result = false;
    }
    applies[i] = result ? 1 : 0;
    return result;
  };
  return choose(program, run, [&](std::size_t i) { return rule_applies(rule_applies, i); });
}

void run_first_or_unique(const FastProgram& program, Run& run, Record& outcome) {
  const FastRule* chosen =
      program.has_overrides ? choose_with_overrides(program, run)
                            : choose(program, run, [&](std::size_t i) {
                                const FastRule& rule = program.rules[i];
                                return rule.def->in_force_on(run.context.as_of) && holds(rule, run);
                              });
  if (chosen == nullptr) {
    run.give_up();  // the interpreter decides, or reports the error
    return;
  }
  give_outputs(*chosen, *program.def, run, outcome);
}

}  // namespace

void bind_fast_op(FastOp& op) {
  op.read = reader_for(op.kind);
  if (op.kind == FastKind::kMinMax) {
    op.read = op.aggregate == Aggregate::kMin ? read_min_max<Aggregate::kMin>
                                              : read_min_max<Aggregate::kMax>;
  }
  op.key = op.read != nullptr ? stored_key_for(op) : computed_key_for(op);
  if (op.kind == FastKind::kStored) {
    auto key = key_if_keyable(*op.stored);
    op.key = key ? key_constant : nullptr;
    op.constant = key.value_or(0);
  }
}

bool run_fast_program(const FastProgram& program, EvalContext& context, Record& outcome) {
  if (context.parameter_overrides != nullptr && !context.parameter_overrides->empty()) return false;
  const DecisionDef& def = *program.def;
  Run run(context);
  std::size_t fields = def.output->fields.size();
  // run_all sets every field; first and unique set the chosen rule's, the others stay null.
  if (def.hit != HitPolicy::kAll || outcome.type != def.output || outcome.fields.size() != fields) {
    outcome.fields.assign(fields, Value());
  }
  outcome.type = def.output;
  if (def.hit == HitPolicy::kAll) {
    run_all(program, run, outcome);
  } else {
    run_first_or_unique(program, run, outcome);
  }
  return !run.gave_up;
}

}  // namespace tiaoli::detail
