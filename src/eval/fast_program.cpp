#include "eval/fast_program.hpp"

#include <array>
#include <cstdint>
#include <deque>
#include <span>

#include "common/date_convert.hpp"
#include "eval/compile.hpp"
#include "eval/decide.hpp"
#include "eval/evaluator.hpp"
#include "eval/functions.hpp"
#include "time/dates.hpp"

namespace tiaoli::detail {
namespace {

constexpr std::size_t kMaxSlots = 32;
constexpr std::size_t kMaxRules = 64;  // an `all` decision's failures are a 64-bit mask
constexpr std::size_t kMaxArgs = 4;

// The state of one run of a program.
struct Run {
  explicit Run(EvalContext& evaluation) : context(evaluation), budget(evaluation.budget) {}

  EvalContext& context;
  std::int64_t budget;  // steps left, charged by the bounds fixed at load
  bool gave_up = false;
  // Comprehension variables and `let` values (as keys), by slot: each is written before it is
  // read, so neither is cleared.
  std::array<const Value*, kMaxSlots> element;
  std::array<std::int64_t, kMaxSlots> let;
  std::array<bool, kMaxSlots> ready{};  // which decision-level lets are computed

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

struct FastOp;
using KeyFn = std::int64_t (*)(const FastOp&, Run&);
using ReadFn = const Value* (*)(const FastOp&, Run&);

// One operation: `key` gives its value as a key (see compile.hpp), `read` the value where it is
// stored (facts, parameters, literals, list elements; null when absent). Either may be null.
struct FastOp {
  KeyFn key = nullptr;
  ReadFn read = nullptr;
  const Type* type = nullptr;
  std::int64_t constant = 0;
  std::size_t index = 0;  // field, fact root or slot
  bool required = false;  // a field the facts must have
  std::int64_t cost = 0;  // steps charged per list element, or for computing a let
  const FastOp* a = nullptr;
  const FastOp* b = nullptr;
  const FastOp* c = nullptr;
  const Value* stored = nullptr;  // a literal, or a parameter's only value
  const ParamDef* param = nullptr;
  const FunctionDef* function = nullptr;
  std::vector<const FastOp*> args;
};

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
  const Value& record = run.context.facts.fields[static_cast<std::size_t>(op.constant)];
  if (record.is_null()) [[unlikely]] {
    run.give_up();
    return nullptr;
  }
  return field_of(record, op, run);
}

const Value* read_element_field(const FastOp& op, Run& run) {
  return field_of(*run.element[static_cast<std::size_t>(op.constant)], op, run);
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

std::int64_t key_stored_bool(const FastOp& op, Run& run) {
  const Value* v = read(op, run);
  return v != nullptr && v->kind() == Value::Kind::kBool ? v->as_bool() : run.give_up();
}

std::int64_t key_stored_int(const FastOp& op, Run& run) {
  const Value* v = read(op, run);
  return v != nullptr && v->kind() == Value::Kind::kInt ? v->as_int() : run.give_up();
}

std::int64_t key_stored_date(const FastOp& op, Run& run) {
  const Value* v = read(op, run);
  return v != nullptr && v->kind() == Value::Kind::kDate ? v->as_date().days : run.give_up();
}

std::int64_t key_stored_enum(const FastOp& op, Run& run) {
  const Value* v = read(op, run);
  return v != nullptr && v->kind() == Value::Kind::kEnum ? *key_if_keyable(*v) : run.give_up();
}

KeyFn stored_key_for(const Type& type) {
  switch (type.kind) {
    case TypeKind::kBool:
      return key_stored_bool;
    case TypeKind::kInt:
      return key_stored_int;
    case TypeKind::kDate:
      return key_stored_date;
    case TypeKind::kEnum:
      return key_stored_enum;
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
  if constexpr (op == Op::kEq) return a == b;
  if constexpr (op == Op::kNe) return a != b;
  if constexpr (op == Op::kLt) return a < b;
  if constexpr (op == Op::kLe) return a <= b;
  if constexpr (op == Op::kGt) return a > b;
  return a >= b;
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
  bool bad = op == Op::kAdd   ? __builtin_add_overflow(a, b, &r)
             : op == Op::kSub ? __builtin_sub_overflow(a, b, &r)
                              : __builtin_mul_overflow(a, b, &r);
  return bad ? run.give_up() : r;  // the interpreter reports the overflow
}

template <Aggregate aggregate>
std::int64_t key_comprehension(const FastOp& f, Run& run) {
  static const Value absent;
  const Value* list = read(*f.a, run);
  std::int64_t count = 0;
  for (const Value& element : list_or_empty(list != nullptr ? *list : absent)) {
    if (!run.charge(f.cost)) return 0;
    run.element[f.index] = &element;
    if (f.b != nullptr && key_of(*f.b, run) == 0) continue;
    bool holds = f.c == nullptr || key_of(*f.c, run) != 0;
    if constexpr (aggregate == Aggregate::kAny) {
      if (holds) return 1;
    } else if constexpr (aggregate == Aggregate::kAll) {
      if (!holds) return 0;
    } else {
      count += holds ? 1 : 0;
    }
  }
  if constexpr (aggregate == Aggregate::kAny) return 0;
  if constexpr (aggregate == Aggregate::kAll) return 1;
  return count;
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
  std::array<Value, kMaxArgs> args;
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
  Date birth{static_cast<std::int32_t>(key_of(*f.a, run))};
  Date on{static_cast<std::int32_t>(key_of(*f.b, run))};
  if (run.gave_up) return 0;
  auto convention =
      f.constant == 0 ? time::AgeConvention::kOnBirthday : time::AgeConvention::kDayAfterBirthday;
  return time::completed_years(to_boost(birth), to_boost(on), convention);
}

// ---------------------------------------------------------------------------------------------
// Compiling

// Steps the interpreter may spend evaluating `node` once (at most two a node: a field read spends
// one for itself and one for its record), apart from comprehension elements and decision-level
// lets, which the program charges when it visits or computes them.
std::int64_t step_bound(const Node& node) {
  if (node.kind == NodeKind::kComprehension) return 2 + step_bound(*node.children[0]);
  std::int64_t steps = 2;
  for (const NodePtr& child : node.children) steps += child ? step_bound(*child) : 0;
  return steps;
}

std::int64_t element_step_bound(const Node& comprehension) {
  std::int64_t steps = 2;
  for (std::size_t i = 1; i < comprehension.children.size(); ++i) {
    if (comprehension.children[i]) steps += step_bound(*comprehension.children[i]);
  }
  return steps;
}

KeyFn compare_for(Op op) {
  switch (op) {
    case Op::kEq:
      return key_compare<Op::kEq>;
    case Op::kNe:
      return key_compare<Op::kNe>;
    case Op::kLt:
      return key_compare<Op::kLt>;
    case Op::kLe:
      return key_compare<Op::kLe>;
    case Op::kGt:
      return key_compare<Op::kGt>;
    case Op::kGe:
      return key_compare<Op::kGe>;
    default:
      return nullptr;
  }
}

KeyFn arithmetic_for(Op op) {
  switch (op) {
    case Op::kAdd:
      return key_arithmetic<Op::kAdd>;
    case Op::kSub:
      return key_arithmetic<Op::kSub>;
    case Op::kMul:
      return key_arithmetic<Op::kMul>;
    default:
      return nullptr;
  }
}

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

}  // namespace

struct FastRule {
  const RuleDef* def = nullptr;
  std::vector<std::pair<std::size_t, const FastOp*>> lets;     // slot, value
  const FastOp* condition = nullptr;                           // null: always holds
  std::vector<std::pair<std::size_t, const FastOp*>> outputs;  // output field, value
  std::int64_t cost = 0;  // steps charged for its lets and condition
};

struct FastProgram {
  const DecisionDef* def = nullptr;
  std::deque<FastOp> ops;  // stable addresses: ops point at each other
  std::vector<FastRule> rules;
};

namespace {

class ProgramCompiler {
 public:
  ProgramCompiler(const RuleSetModel& model, const DecisionDef& def, FastProgram& program)
      : model_(model), def_(def), program_(program), decision_lets_(def.lets.size(), nullptr) {}

  // completed_years(birth, on, convention) with a convention fixed at load (a literal or an
  // unversioned parameter): computed from the two dates' keys, without making Values.
  const FastOp* completed_years(const Node& node) {
    if (builtin_functions()[static_cast<std::size_t>(node.index)].name != "completed_years")
      return nullptr;
    const FastOp* birth = compile(*node.children[0]);
    const FastOp* on = compile(*node.children[1]);
    const FastOp* convention = compile(*node.children[2]);
    if (birth == nullptr || on == nullptr || convention == nullptr || birth->key == nullptr ||
        on->key == nullptr || convention->read != read_stored)
      return nullptr;
    const Value& name = *convention->stored;
    std::string_view text = name.kind() == Value::Kind::kEnum     ? name.as_enum().name()
                            : name.kind() == Value::Kind::kString ? name.as_string()
                                                                  : "";
    if (!is_age_convention(text)) return nullptr;  // the interpreter reports it
    FastOp& op = add(node);
    op.key = key_completed_years;
    op.a = birth;
    op.b = on;
    op.constant = text == "birthday" ? 0 : 1;
    return &op;
  }

  // value_of() can make a Value of `op`'s result.
  static bool has_value(const FastOp& op) {
    return op.read != nullptr || op.type->is(TypeKind::kBool) || op.type->is(TypeKind::kInt) ||
           op.type->is(TypeKind::kDate);
  }

  // The op computing `node`; null when the fast path does not cover it.
  const FastOp* compile(const Node& node) {
    const FastOp* op = compile_node(node);
    if (op != nullptr && keyable(node.type) && op->key == nullptr) return nullptr;
    return op;
  }

  void bind_rule_let(std::size_t slot) { rule_let_slot_[slot] = true; }
  void clear_rule_lets() { rule_let_slot_.fill(false); }

 private:
  FastOp& add(const Node& node) {
    FastOp& op = program_.ops.emplace_back();
    op.type = node.type;
    return op;
  }

  // A read op; keyable values get the matching key reader.
  FastOp& add_read(const Node& node, ReadFn reader) {
    FastOp& op = add(node);
    op.read = reader;
    op.key = stored_key_for(*node.type);
    return op;
  }

  const FastOp* compile_node(const Node& node) {
    if (node.type == nullptr) return nullptr;
    switch (node.kind) {
      case NodeKind::kLiteral: {
        FastOp& op = add_read(node, read_stored);
        op.stored = &node.literal;
        if (auto key = key_if_keyable(node.literal)) {
          op.key = key_constant;
          op.constant = *key;
        }
        return &op;
      }
      case NodeKind::kAsOf: {
        FastOp& op = add(node);
        op.key = key_as_of;
        return &op;
      }
      case NodeKind::kFactRoot: {
        FastOp& op = add_read(node, read_fact_root);
        op.index = static_cast<std::size_t>(node.index);
        return &op;
      }
      case NodeKind::kField:
        return field(node);
      case NodeKind::kParam:
        return param(node);
      case NodeKind::kSlot:
        return slot(node);
      case NodeKind::kDecisionLet:
        return decision_let(node);
      case NodeKind::kUnary:
        return node.op == Op::kNot ? with_children(node, key_not) : nullptr;
      case NodeKind::kBinary:
        return binary(node);
      case NodeKind::kComprehension:
        return comprehension(node);
      case NodeKind::kFunction:
        return call(node);
      default:
        return nullptr;
    }
  }

  // An op computing `fn` of the node's (one or two) children.
  const FastOp* with_children(const Node& node, KeyFn fn) {
    if (fn == nullptr) return nullptr;
    const FastOp* a = compile(*node.children[0]);
    const FastOp* b = node.children.size() > 1 ? compile(*node.children[1]) : nullptr;
    if (a == nullptr || a->key == nullptr) return nullptr;
    if (node.children.size() > 1 && (b == nullptr || b->key == nullptr)) return nullptr;
    FastOp& op = add(node);
    op.key = fn;
    op.a = a;
    op.b = b;
    return &op;
  }

  const FastOp* field(const Node& node) {
    const Node& record = *node.children[0];
    const FastOp* base = compile(record);
    if (base == nullptr || base->read == nullptr) return nullptr;
    FastOp& op = add_read(node, read_field);
    op.a = base;
    op.index = static_cast<std::size_t>(node.index);
    op.required = !node.maybe_absent;
    if (base->read == read_fact_root) {
      op.read = read_fact_field;
      op.constant = static_cast<std::int64_t>(base->index);
    } else if (base->read == read_element) {
      op.read = read_element_field;
      op.constant = static_cast<std::int64_t>(base->index);
    }
    return &op;
  }

  const FastOp* param(const Node& node) {
    const ParamDef& def = model_.params[static_cast<std::size_t>(node.index)];
    bool constant = def.versions.size() == 1 && !def.versions[0].versioned &&
                    def.versions[0].from.days == INT32_MIN && def.versions[0].to.days == INT32_MAX;
    FastOp& op = add_read(node, constant ? read_stored : read_param);
    op.param = &def;
    if (constant) {
      op.stored = &def.versions[0].value;
      if (auto key = key_if_keyable(*op.stored)) {
        op.key = key_constant;
        op.constant = *key;
      }
    }
    return &op;
  }

  const FastOp* slot(const Node& node) {
    auto index = static_cast<std::size_t>(node.index);
    if (index >= kMaxSlots) return nullptr;
    if (rule_let_slot_[index]) {
      if (!keyable(node.type)) return nullptr;
      FastOp& op = add(node);
      op.key = key_rule_let;
      op.index = index;
      return &op;
    }
    if (!element_slot_[index]) return nullptr;
    FastOp& op = add_read(node, read_element);
    op.index = index;
    return &op;
  }

  const FastOp* decision_let(const Node& node) {
    auto index = static_cast<std::size_t>(node.index);
    auto slot = static_cast<std::size_t>(node.var_slot);
    if (!keyable(node.type) || slot >= kMaxSlots) return nullptr;
    if (decision_lets_[index] == nullptr) {
      const Node& expr = *def_.lets[index].expr.root;
      const FastOp* value = compile(expr);
      if (value == nullptr) return nullptr;
      FastOp& op = add(node);
      op.key = key_decision_let;
      op.a = value;
      op.index = slot;
      op.cost = step_bound(expr);
      decision_lets_[index] = &op;
    }
    return decision_lets_[index];
  }

  const FastOp* binary(const Node& node) {
    const Node& left = *node.children[0];
    const Node& right = *node.children[1];
    if (node.op == Op::kAnd) return with_children(node, key_and);
    if (node.op == Op::kOr) return with_children(node, key_or);
    if (same_key_space(left.type, right.type) && compare_for(node.op) != nullptr)
      return with_children(node, compare_for(node.op));
    if (node.type->is(TypeKind::kInt) && left.type->is(TypeKind::kInt) &&
        right.type->is(TypeKind::kInt))
      return with_children(node, arithmetic_for(node.op));
    return nullptr;
  }

  const FastOp* comprehension(const Node& node) {
    KeyFn fn = comprehension_for(node.aggregate);
    auto var = static_cast<std::size_t>(node.var_slot);
    if (fn == nullptr || var >= kMaxSlots) return nullptr;
    const FastOp* list = compile(*node.children[0]);
    if (list == nullptr || list->read == nullptr) return nullptr;
    element_slot_[var] = true;
    const FastOp* where = node.children[1] ? compile(*node.children[1]) : nullptr;
    const FastOp* body = node.children[2] ? compile(*node.children[2]) : nullptr;
    element_slot_[var] = false;
    if ((node.children[1] && where == nullptr) || (node.children[2] && body == nullptr))
      return nullptr;
    FastOp& op = add(node);
    op.key = fn;
    op.a = list;
    op.b = where;
    op.c = body;
    op.index = var;
    op.cost = element_step_bound(node);
    return &op;
  }

  const FastOp* call(const Node& node) {
    if (!keyable(node.type) || node.children.size() > kMaxArgs) return nullptr;
    if (const FastOp* age = completed_years(node)) return age;
    FastOp& op = add(node);
    op.key = key_call;
    op.function = &builtin_functions()[static_cast<std::size_t>(node.index)];
    for (const NodePtr& child : node.children) {
      const FastOp* arg = compile(*child);
      if (arg == nullptr || !has_value(*arg)) return nullptr;
      op.args.push_back(arg);
    }
    return &op;
  }

  const RuleSetModel& model_;
  const DecisionDef& def_;
  FastProgram& program_;
  std::vector<const FastOp*> decision_lets_;
  std::array<bool, kMaxSlots> element_slot_{};   // slots of the enclosing comprehensions
  std::array<bool, kMaxSlots> rule_let_slot_{};  // slots of the current rule's lets
};

bool covered_shape(const DecisionDef& def) {
  if (def.hit == HitPolicy::kCollect || def.rules.size() > kMaxRules ||
      static_cast<std::size_t>(def.slot_count) > kMaxSlots)
    return false;
  for (const RuleDef& rule : def.rules) {
    if (!rule.overridden_by.empty()) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Running

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
  set_all_outcome(*program.def, outcome,
                  [failed](std::size_t i) { return (failed >> i & 1U) != 0; });
}

// `first` gives the first rule that applies; `unique` the only one (anything else is the
// interpreter's error to report).
void run_first_or_unique(const FastProgram& program, Run& run, Record& outcome) {
  const FastRule* chosen = nullptr;
  bool unique = program.def->hit == HitPolicy::kUnique;
  for (const FastRule& rule : program.rules) {
    if (!rule.def->in_force_on(run.context.as_of)) continue;
    bool applies = holds(rule, run);
    if (run.gave_up) return;
    if (!applies) continue;
    if (chosen != nullptr) {  // a second rule applies under `unique`
      run.give_up();
      return;
    }
    chosen = &rule;
    if (!unique) break;
  }
  if (chosen == nullptr) {
    run.give_up();  // no rule applies
    return;
  }
  give_outputs(*chosen, *program.def, run, outcome);
}

}  // namespace

std::shared_ptr<const FastProgram> compile_fast_program(const RuleSetModel& model,
                                                        const DecisionDef& def) {
  if (!covered_shape(def)) return nullptr;
  auto program = std::make_shared<FastProgram>();
  program->def = &def;
  ProgramCompiler compiler(model, def, *program);
  for (const RuleDef& rule : def.rules) {
    FastRule& fast = program->rules.emplace_back();
    fast.def = &rule;
    compiler.clear_rule_lets();
    for (const LetBinding& let : rule.lets) {
      const FastOp* value = let.expr.root ? compiler.compile(*let.expr.root) : nullptr;
      if (value == nullptr || value->key == nullptr) return nullptr;
      fast.lets.emplace_back(static_cast<std::size_t>(let.slot), value);
      fast.cost += step_bound(*let.expr.root);
      compiler.bind_rule_let(static_cast<std::size_t>(let.slot));
    }
    if (rule.condition.root) {
      fast.condition = compiler.compile(*rule.condition.root);
      if (fast.condition == nullptr) return nullptr;
      fast.cost += step_bound(*rule.condition.root);
    } else if (rule.has_condition) {
      return nullptr;
    }
    for (const auto& [field, expr] : rule.then) {
      const FastOp* value = expr.root ? compiler.compile(*expr.root) : nullptr;
      if (value == nullptr || !ProgramCompiler::has_value(*value)) return nullptr;
      fast.outputs.emplace_back(static_cast<std::size_t>(field), value);
      fast.cost += step_bound(*expr.root);
    }
  }
  return program;
}

bool run_fast_program(const FastProgram& program, EvalContext& context, Record& outcome) {
  if (context.parameter_overrides != nullptr && !context.parameter_overrides->empty()) return false;
  const DecisionDef& def = *program.def;
  Run run(context);
  outcome.type = def.output;
  outcome.fields.assign(def.output->fields.size(), Value());
  if (def.hit == HitPolicy::kAll) {
    run_all(program, run, outcome);
  } else {
    run_first_or_unique(program, run, outcome);
  }
  return !run.gave_up;
}

}  // namespace tiaoli::detail
