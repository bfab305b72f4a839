#include "eval/compile.hpp"

#include <optional>

#include "eval/evaluator.hpp"

namespace tiaoli::detail {

// ---------------------------------------------------------------------------------------------
// Keys: values as integers that order like the values themselves.

bool keyable(const Type* type) {
  return type != nullptr && (type->is(TypeKind::kInt) || type->is(TypeKind::kDate) ||
                             type->is(TypeKind::kBool) || type->is(TypeKind::kEnum));
}

bool same_key_space(const Type* a, const Type* b) {
  return keyable(a) && keyable(b) && a->kind == b->kind && a->enum_info == b->enum_info;
}

namespace {

std::int64_t key_of(const Value& value) {
  if (auto key = key_if_keyable(value)) return *key;
  throw EvalFailure{"internal error: a compiled comparison met a value of another type", ""};
}

std::int64_t key(const Node& node, EvalContext& context) { return node.key(node, context); }

// Leaves (facts, slots, parameters, literals of a non-keyable kind) and any node without a
// specialised form: the interpreter's value, as a key.
std::int64_t interpreted_key(const Node& node, EvalContext& context) {
  Value scratch;
  return key_of(present(node, evaluate_ref(node, context, scratch)));
}

// A field of a fact or of a comprehension variable (`candidate.education`, `g.year`), read
// without the interpreter's dispatch. Spends a step for the field and one for its base, as the
// interpreter does.
const Value& direct_field(const Node& node, EvalContext& context) {
  spend(context);
  spend(context);
  const Node& base = *node.children[0];
  const Value& record = base.kind == NodeKind::kSlot
                            ? context.slots[static_cast<std::size_t>(base.index)].get()
                            : fact_root(base, context);
  return read_field(node, present(base, record).as_record());
}

bool has_direct_field(const Node& node) {
  return node.kind == NodeKind::kField && (node.children[0]->kind == NodeKind::kSlot ||
                                           node.children[0]->kind == NodeKind::kFactRoot);
}

std::int64_t direct_field_key(const Node& node, EvalContext& context) {
  return key_of(present(node, direct_field(node, context)));
}

bool direct_field_test(const Node& node, EvalContext& context) {
  return present(node, direct_field(node, context)).as_bool();
}

// The value of a `let` or comprehension variable, its step spent; null for a decision-level
// let not computed yet, which the interpreter computes on first use.
const Value* ready_variable(const Node& node, EvalContext& context) {
  if (node.kind == NodeKind::kDecisionLet &&
      !context.lets_ready[static_cast<std::size_t>(node.index)]) {
    return nullptr;
  }
  spend(context);
  std::size_t slot =
      static_cast<std::size_t>(node.kind == NodeKind::kSlot ? node.index : node.var_slot);
  return &present(node, context.slots[slot].get());
}

std::int64_t slot_key(const Node& node, EvalContext& context) {
  const Value* value = ready_variable(node, context);
  return value != nullptr ? key_of(*value) : interpreted_key(node, context);
}

bool slot_test(const Node& node, EvalContext& context) {
  const Value* value = ready_variable(node, context);
  return value != nullptr ? value->as_bool() : interpret_bool(node, context);
}

std::int64_t literal_key(const Node& node, EvalContext& context) {
  spend(context);
  return node.constant_key;
}

template <Op op>
std::int64_t integer_arithmetic(const Node& node, EvalContext& context) {
  spend(context);
  std::int64_t a = key(*node.children[0], context);
  std::int64_t b = key(*node.children[1], context);
  std::int64_t r = 0;
  if (!checked_arithmetic<op>(a, b, &r)) number_overflow();
  return r;
}

// ---------------------------------------------------------------------------------------------
// Tests: bool-valued nodes.

template <Op op>
bool test_comparison(const Node& node, EvalContext& context) {
  spend(context);
  std::int64_t a = key(*node.children[0], context);
  std::int64_t b = key(*node.children[1], context);
  return compare_keys<op>(a, b);
}

bool test_and(const Node& node, EvalContext& context) {
  spend(context);
  return evaluate_bool(*node.children[0], context) && evaluate_bool(*node.children[1], context);
}

bool test_or(const Node& node, EvalContext& context) {
  spend(context);
  return evaluate_bool(*node.children[0], context) || evaluate_bool(*node.children[1], context);
}

bool test_not(const Node& node, EvalContext& context) {
  spend(context);
  return !evaluate_bool(*node.children[0], context);
}

// Runs `on_match` for each element of the comprehension's list that passes its `where` and body
// (a missing part passes); stops early when on_match returns false.
template <class OnMatch>
void for_each_match(const Node& node, EvalContext& context, OnMatch on_match) {
  spend(context);
  Value scratch;
  const List& list = list_or_empty(evaluate_ref(*node.children[0], context, scratch));
  const Node* where = node.children[1].get();
  const Node* body = node.children[2].get();
  BoundVariable var(context.slots[static_cast<std::size_t>(node.var_slot)]);
  for (const Value& element : list) {
    spend(context);
    var.bind(element);
    if (where != nullptr && !evaluate_bool(*where, context)) continue;
    if (!on_match(body == nullptr || evaluate_bool(*body, context))) return;
  }
}

bool test_any(const Node& node, EvalContext& context) {
  bool found = false;
  for_each_match(node, context, [&found](bool holds) { return !(found = holds); });
  return found;
}

bool test_all(const Node& node, EvalContext& context) {
  bool all = true;
  for_each_match(node, context, [&all](bool holds) { return (all = holds); });
  return all;
}

std::int64_t count_matches(const Node& node, EvalContext& context) {
  std::int64_t count = 0;
  for_each_match(node, context, [&count](bool holds) {
    count += holds ? 1 : 0;
    return true;
  });
  return count;
}

// ---------------------------------------------------------------------------------------------

void compile_test(Node& node) {
  switch (node.kind) {
    case NodeKind::kBinary: {
      const Node& left = *node.children[0];
      const Node& right = *node.children[1];
      if (node.op == Op::kAnd) node.test = test_and;
      if (node.op == Op::kOr) node.test = test_or;
      if (left.key != nullptr && right.key != nullptr && same_key_space(left.type, right.type)) {
        // (`and`/`or` of two keyed bools keep test_and/test_or)
        if (auto compare = for_comparison(node.op, []<Op o>() { return &test_comparison<o>; }))
          node.test = compare;
      }
      break;
    }
    case NodeKind::kUnary:
      if (node.op == Op::kNot) node.test = test_not;
      break;
    case NodeKind::kComprehension:
      if (node.aggregate == Aggregate::kAny) node.test = test_any;
      if (node.aggregate == Aggregate::kAll) node.test = test_all;
      break;
    default:
      break;
  }
  node.prefer_compiled = node.test != nullptr;
  if (has_direct_field(node)) node.test = direct_field_test;  // evaluate_ref reads it as well
  if (node.kind == NodeKind::kSlot || node.kind == NodeKind::kDecisionLet) node.test = slot_test;
}

void compile_key(Node& node) {
  if (node.kind == NodeKind::kLiteral) {
    if (auto constant = key_if_keyable(node.literal)) {
      node.constant_key = *constant;
      node.key = literal_key;
    }
    return;
  }
  bool integer = node.type->is(TypeKind::kInt);
  if (integer && node.kind == NodeKind::kBinary && node.children[0]->type->is(TypeKind::kInt) &&
      node.children[1]->type->is(TypeKind::kInt)) {
    node.key = for_arithmetic(node.op, []<Op o>() { return &integer_arithmetic<o>; });
  }
  if (integer && node.kind == NodeKind::kComprehension && node.aggregate == Aggregate::kCount)
    node.key = count_matches;
  node.prefer_compiled = node.prefer_compiled || (integer && node.key != nullptr);
  if (has_direct_field(node)) node.key = direct_field_key;  // evaluate_ref reads it as well
  if (node.kind == NodeKind::kSlot || node.kind == NodeKind::kDecisionLet) node.key = slot_key;
  if (node.key == nullptr) node.key = interpreted_key;
}

}  // namespace

void compile_expression(Node& root) {
  for (auto& child : root.children) {
    if (child) compile_expression(*child);
  }
  if (root.type == nullptr) return;
  if (root.type->is(TypeKind::kBool)) compile_test(root);
  if (keyable(root.type)) compile_key(root);
}

}  // namespace tiaoli::detail
