#include <array>
#include <cstdint>

#include "eval/compile.hpp"
#include "eval/fast_ops.hpp"
#include "eval/fast_program.hpp"

namespace tiaoli::detail {
namespace {

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

bool is_comparison(Op op) {
  return op == Op::kEq || op == Op::kNe || op == Op::kLt || op == Op::kLe || op == Op::kGt ||
         op == Op::kGe;
}

class ProgramCompiler {
 public:
  ProgramCompiler(const RuleSetModel& model, const DecisionDef& def, FastProgram& program)
      : model_(model), def_(def), program_(program) {
    program_.decision_lets.assign(def.lets.size(), nullptr);
  }

  // value_of() (fast_run.cpp) can make a Value of `op`'s result.
  static bool has_value(const FastOp& op) {
    return op.read != nullptr || op.type->is(TypeKind::kBool) || op.type->is(TypeKind::kInt) ||
           op.type->is(TypeKind::kDate);
  }

  // The op computing `node`; null when the fast path does not cover it.
  const FastOp* compile(const Node& node) {
    const FastOp* op = node.type != nullptr ? compile_node(node) : nullptr;
    if (op != nullptr && keyable(node.type) && op->key == nullptr) return nullptr;
    return op;
  }

  void bind_rule_let(std::size_t slot) { rule_let_slot_[slot] = true; }
  void clear_rule_lets() { rule_let_slot_.fill(false); }

 private:
  FastOp& add(const Node& node, FastKind kind) {
    FastOp& op = program_.ops.emplace_back();
    op.kind = kind;
    op.type = node.type;
    return op;
  }

  static const FastOp* bound(FastOp& op) {
    bind_fast_op(op);
    return &op;
  }

  const FastOp* compile_node(const Node& node) {
    switch (node.kind) {
      case NodeKind::kLiteral: {
        FastOp& op = add(node, FastKind::kStored);
        op.stored = &node.literal;
        return bound(op);
      }
      case NodeKind::kAsOf:
        return bound(add(node, FastKind::kAsOf));
      case NodeKind::kFactRoot: {
        FastOp& op = add(node, FastKind::kFactRoot);
        op.index = static_cast<std::size_t>(node.index);
        return bound(op);
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
        return node.op == Op::kNot ? with_children(node, FastKind::kNot) : nullptr;
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

  // An op of `kind` on the node's (one or two) children, which must give keys.
  const FastOp* with_children(const Node& node, FastKind kind) {
    const FastOp* a = compile(*node.children[0]);
    const FastOp* b = node.children.size() > 1 ? compile(*node.children[1]) : nullptr;
    if (a == nullptr || a->key == nullptr) return nullptr;
    if (node.children.size() > 1 && (b == nullptr || b->key == nullptr)) return nullptr;
    FastOp& op = add(node, kind);
    op.op = node.op;
    op.a = a;
    op.b = b;
    return bound(op);
  }

  const FastOp* field(const Node& node) {
    const FastOp* base = compile(*node.children[0]);
    if (base == nullptr || base->read == nullptr) return nullptr;
    FastKind kind = base->kind == FastKind::kFactRoot  ? FastKind::kFactField
                    : base->kind == FastKind::kElement ? FastKind::kElementField
                                                       : FastKind::kField;
    FastOp& op = add(node, kind);
    op.a = base;
    op.root = base->index;
    op.index = static_cast<std::size_t>(node.index);
    op.required = !node.maybe_absent;
    return bound(op);
  }

  const FastOp* param(const Node& node) {
    const ParamDef& def = model_.params[static_cast<std::size_t>(node.index)];
    bool constant = def.versions.size() == 1 && !def.versions[0].versioned &&
                    def.versions[0].from.days == INT32_MIN && def.versions[0].to.days == INT32_MAX;
    FastOp& op = add(node, constant ? FastKind::kStored : FastKind::kParam);
    op.param = &def;
    if (constant) op.stored = &def.versions[0].value;
    return bound(op);
  }

  const FastOp* slot(const Node& node) {
    auto index = static_cast<std::size_t>(node.index);
    if (index >= kFastMaxSlots) return nullptr;
    if (rule_let_slot_[index]) {
      if (!keyable(node.type)) return nullptr;
      FastOp& op = add(node, FastKind::kRuleLet);
      op.index = index;
      return bound(op);
    }
    if (!element_slot_[index]) return nullptr;
    FastOp& op = add(node, FastKind::kElement);
    op.index = index;
    return bound(op);
  }

  // A decision-level let, computed on first use: a key, the address of a stored value (which may
  // be absent, as a `max` over no element), or a filter's elements.
  const FastOp* decision_let(const Node& node) {
    auto index = static_cast<std::size_t>(node.index);
    auto slot = static_cast<std::size_t>(node.var_slot);
    if (slot >= kFastMaxSlots || index >= def_.lets.size()) return nullptr;
    if (program_.decision_lets[index] != nullptr) return program_.decision_lets[index];
    const Node& expr = *def_.lets[index].expr.root;
    if (expr.kind == NodeKind::kComprehension && expr.aggregate == Aggregate::kFilter) {
      const FastOp* filter = comprehension_op(expr, FastKind::kFilter);
      if (filter == nullptr || program_.list_lets == kFastMaxListLets) return nullptr;
      FastOp& op = add(node, FastKind::kListLet);
      op.a = filter;
      op.index = slot;
      op.root = program_.list_lets++;
      op.cost = step_bound(expr);
      return program_.decision_lets[index] = bound(op);
    }
    const FastOp* value = compile(expr);
    if (value == nullptr || (value->read == nullptr && !keyable(node.type))) return nullptr;
    FastOp& op =
        add(node, value->read != nullptr ? FastKind::kDecisionLetRead : FastKind::kDecisionLet);
    op.a = value;
    op.index = slot;
    op.cost = step_bound(expr);
    return program_.decision_lets[index] = bound(op);
  }

  const FastOp* binary(const Node& node) {
    const Node& left = *node.children[0];
    const Node& right = *node.children[1];
    if (node.op == Op::kAnd) return with_children(node, FastKind::kAnd);
    if (node.op == Op::kOr) return with_children(node, FastKind::kOr);
    if (node.op == Op::kCoalesce) return coalesce(node);
    if (left.type->is(TypeKind::kDate) && node.type->is(TypeKind::kDate)) return date_shift(node);
    if (same_key_space(left.type, right.type) && is_comparison(node.op))
      return with_children(node, FastKind::kCompare);
    bool integers = node.type->is(TypeKind::kInt) && left.type->is(TypeKind::kInt) &&
                    right.type->is(TypeKind::kInt);
    if (integers && (node.op == Op::kAdd || node.op == Op::kSub || node.op == Op::kMul))
      return with_children(node, FastKind::kArithmetic);
    return nullptr;
  }

  const FastOp* comprehension(const Node& node) {
    switch (node.aggregate) {
      case Aggregate::kAny:
      case Aggregate::kAll:
      case Aggregate::kCount:
        return comprehension_op(node, FastKind::kComprehension);
      case Aggregate::kMin:
      case Aggregate::kMax:
        return keyable(node.type) ? comprehension_op(node, FastKind::kMinMax) : nullptr;
      default:
        return nullptr;  // sum, and filter outside a decision-level let
    }
  }

  // An op of `kind` over the comprehension's list, its variable bound to each element. min/max
  // compare a value stored in each element (`g.year`); the others test conditions.
  const FastOp* comprehension_op(const Node& node, FastKind kind) {
    auto var = static_cast<std::size_t>(node.var_slot);
    if (var >= kFastMaxSlots) return nullptr;
    const FastOp* list = compile(*node.children[0]);
    if (list == nullptr || (list->read == nullptr && list->kind != FastKind::kListLet))
      return nullptr;
    element_slot_[var] = true;
    const FastOp* where = node.children[1] ? compile(*node.children[1]) : nullptr;
    const FastOp* body = node.children[2] ? compile(*node.children[2]) : nullptr;
    element_slot_[var] = false;
    if ((node.children[1] && where == nullptr) || (node.children[2] && body == nullptr))
      return nullptr;
    if (body != nullptr &&
        (kind == FastKind::kMinMax ? body->read == nullptr : body->key == nullptr))
      return nullptr;
    if (kind == FastKind::kMinMax && body == nullptr) return nullptr;
    FastOp& op = add(node, kind);
    op.aggregate = node.aggregate;
    op.a = list;
    op.b = where;
    op.c = body;
    op.index = var;
    op.cost = element_step_bound(node);
    return bound(op);
  }

  // a ?? b: a stored value, or b's key when a is absent (both of the node's keyable type).
  const FastOp* coalesce(const Node& node) {
    const FastOp* a = compile(*node.children[0]);
    const FastOp* b = compile(*node.children[1]);
    if (a == nullptr || a->read == nullptr || b == nullptr || b->key == nullptr ||
        !keyable(node.type) || node.children[0]->type->kind != node.type->kind ||
        node.children[1]->type->kind != node.type->kind)
      return nullptr;
    FastOp& op = add(node, FastKind::kCoalesce);
    op.a = a;
    op.b = b;
    return bound(op);
  }

  // date ± a literal number of days (`as_of + 1 days`); months and years are left to the
  // interpreter's calendar arithmetic.
  const FastOp* date_shift(const Node& node) {
    const Node& days = *node.children[1];
    if ((node.op != Op::kAdd && node.op != Op::kSub) || days.kind != NodeKind::kLiteral ||
        days.literal.kind() != Value::Kind::kDuration)
      return nullptr;
    Duration d = days.literal.as_duration();
    if (d.years != 0 || d.months != 0 || d.days > 400000 || d.days < -400000) return nullptr;
    const FastOp* date = compile(*node.children[0]);
    if (date == nullptr || date->key == nullptr) return nullptr;
    FastOp& op = add(node, FastKind::kDateShift);
    op.a = date;
    op.constant = node.op == Op::kAdd ? d.days : -std::int64_t{d.days};
    return bound(op);
  }

  const FastOp* call(const Node& node) {
    if (!keyable(node.type) || node.children.size() > kFastMaxArgs) return nullptr;
    std::vector<const FastOp*> args;
    for (const NodePtr& child : node.children) {
      const FastOp* arg = compile(*child);
      if (arg == nullptr || !has_value(*arg)) return nullptr;
      args.push_back(arg);
    }
    const FunctionDef& function = builtin_functions()[static_cast<std::size_t>(node.index)];
    if (function.name == "completed_years") {
      if (const FastOp* age = completed_years(node, args)) return age;
    }
    bool date_part = function.name == "year" || function.name == "month" || function.name == "day";
    if (date_part && args.size() == 1 && args[0]->key != nullptr &&
        node.children[0]->type->is(TypeKind::kDate)) {
      FastOp& op = add(node, FastKind::kDatePart);
      op.a = args[0];
      op.root = function.name == "year" ? 0 : function.name == "month" ? 1 : 2;
      return bound(op);
    }
    FastOp& op = add(node, FastKind::kCall);
    op.function = &function;
    op.args = std::move(args);
    return bound(op);
  }

  // completed_years(birth, on, convention) with a convention fixed at load (a literal or a
  // parameter with one value): computed from the two dates' keys, without making Values.
  const FastOp* completed_years(const Node& node, const std::vector<const FastOp*>& args) {
    if (args[0]->key == nullptr || args[1]->key == nullptr || args[2]->kind != FastKind::kStored)
      return nullptr;
    const Value& name = *args[2]->stored;
    std::string_view text;  // each branch a view of the stored string, not of a temporary copy
    if (name.kind() == Value::Kind::kEnum) text = name.as_enum().name();
    if (name.kind() == Value::Kind::kString) text = name.as_string();
    if (!is_age_convention(text)) return nullptr;  // the interpreter reports it
    FastOp& op = add(node, FastKind::kCompletedYears);
    op.a = args[0];
    op.b = args[1];
    op.day_after = text != "birthday";
    return bound(op);
  }

  const RuleSetModel& model_;
  const DecisionDef& def_;
  FastProgram& program_;
  std::array<bool, kFastMaxSlots> element_slot_{};   // slots of the enclosing comprehensions
  std::array<bool, kFastMaxSlots> rule_let_slot_{};  // slots of the current rule's lets
};

bool covered_shape(const DecisionDef& def) {
  if (def.hit == HitPolicy::kCollect || def.rules.size() > kFastMaxRules ||
      static_cast<std::size_t>(def.slot_count) > kFastMaxSlots)
    return false;
  for (const RuleDef& rule : def.rules) {
    if (!rule.overridden_by.empty() && def.hit == HitPolicy::kAll) return false;
  }
  return true;
}

}  // namespace

std::shared_ptr<const FastProgram> compile_fast_program(const RuleSetModel& model,
                                                        const DecisionDef& def) {
  if (!covered_shape(def)) return nullptr;
  auto program = std::make_shared<FastProgram>();
  program->def = &def;
  for (const RuleDef& rule : def.rules) program->has_overrides |= !rule.overridden_by.empty();
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
  if (def.hit == HitPolicy::kAll) program->failure_lists = std::make_unique<FailureLists>(def);
  return program;
}

}  // namespace tiaoli::detail
