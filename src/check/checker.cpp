#include "check/checker.hpp"

#include <algorithm>

#include "common/suggest.hpp"
#include "eval/functions.hpp"

namespace tiaoli::detail {

int Scope::bind(std::string name, const Type* type, bool maybe_absent) {
  int slot = (*next_slot_)++;
  bindings_.push_back(Binding{std::move(name), type, slot, maybe_absent});
  return slot;
}

void Scope::bind_decision_let(std::string name, const Type* type, bool maybe_absent, int index,
                              int slot, const Usage* usage) {
  bindings_.push_back(Binding{std::move(name), type, slot, maybe_absent, index, usage});
}

const Scope::Binding* Scope::find(std::string_view name) const {
  for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it) {
    if (it->name == name) return &*it;
  }
  return nullptr;
}

namespace {

bool is_error(const Type* t) { return t == nullptr || t->is(TypeKind::kError); }

}  // namespace

void Checker::check(Node& root, Scope& scope, const Type* expected, Usage& usage) {
  const Type* type = visit(root, scope, usage);
  if (expected == nullptr || is_error(type)) return;
  if (!coerce_to(root, expected) && unify(type, expected) != expected) {
    fail(root, "this should be " + expected->name() + ", but it is " + type->name());
  }
}

const Type* Checker::fail(const Node& node, std::string message) {
  errors_.push_back(CheckError{node.offset, std::move(message)});
  return model_.types.error();
}

std::string Checker::suggest(std::string_view name,
                             const std::vector<std::string>& candidates) const {
  std::string best = closest_name(name, candidates);
  return best.empty() ? "" : "; did you mean '" + best + "'?";
}

const Type* Checker::visit(Node& node, Scope& scope, Usage& usage) {
  const Type* type = nullptr;
  switch (node.kind) {
    case NodeKind::kLiteral:
      switch (node.literal.kind()) {
        case Value::Kind::kBool:
          type = model_.types.boolean();
          break;
        case Value::Kind::kInt:
          type = model_.types.integer();
          break;
        case Value::Kind::kDecimal:
          type = model_.types.decimal();
          break;
        case Value::Kind::kString:
          type = model_.types.string();
          break;
        case Value::Kind::kDate:
          type = model_.types.date();
          break;
        case Value::Kind::kDuration:
          type = model_.types.duration();
          break;
        default:
          type = model_.types.error();
          break;
      }
      break;
    case NodeKind::kIdent:
      type = ident(node, scope, usage);
      break;
    case NodeKind::kMember:
      type = member(node, scope, usage);
      break;
    case NodeKind::kCall:
      type = call(node, scope, usage);
      break;
    case NodeKind::kUnary:
      type = unary(node, scope, usage);
      break;
    case NodeKind::kBinary:
      type = binary(node, scope, usage);
      break;
    case NodeKind::kIf:
      type = conditional(node, scope, usage);
      break;
    case NodeKind::kList:
      type = list(node, scope, usage);
      break;
    case NodeKind::kComprehension:
      type = comprehension(node, scope, usage);
      break;
    default:
      type = node.type;
      break;  // already resolved
  }
  node.type = type;
  return type;
}

const Type* Checker::ident(Node& node, Scope& scope, Usage& usage) {
  if (const Scope::Binding* binding = scope.find(node.name)) {
    node.kind = NodeKind::kSlot;
    node.index = binding->slot;
    node.maybe_absent = binding->maybe_absent;
    if (binding->decision_let >= 0) {
      node.kind = NodeKind::kDecisionLet;
      node.index = binding->decision_let;
      node.var_slot = binding->slot;
      merge_usage(usage, *binding->usage);
    }
    return binding->type;
  }
  if (node.name == "as_of") {
    node.kind = NodeKind::kAsOf;
    return model_.types.date();
  }
  int root = model_.facts->find(node.name);
  if (root >= 0 && node.name != "id") {
    node.kind = NodeKind::kFactRoot;
    node.index = root;
    node.path = node.name;
    return model_.facts->fields[static_cast<std::size_t>(root)].type;
  }
  if (node.name == "params") return fail(node, "write params.NAME to use a parameter");
  std::vector<std::string> names = {"as_of", "params"};
  for (const FieldInfo& f : model_.facts->fields) names.push_back(f.name);
  return fail(node, "unknown name '" + node.name + "'" + suggest(node.name, names));
}

const Type* Checker::member(Node& node, Scope& scope, Usage& usage) {
  Node& base = *node.children[0];
  if (base.kind == NodeKind::kIdent && base.name == "params" && !scope.find("params")) {
    int index = model_.find_param(node.name);
    if (index < 0) {
      std::vector<std::string> names;
      for (const ParamDef& p : model_.params) names.push_back(p.name);
      return fail(node, "unknown parameter '" + node.name + "'" + suggest(node.name, names));
    }
    node.kind = NodeKind::kParam;
    node.index = index;
    node.children.clear();
    model_.params[static_cast<std::size_t>(index)].used = true;
    if (std::find(usage.params.begin(), usage.params.end(), index) == usage.params.end()) {
      usage.params.push_back(index);
    }
    return model_.params[static_cast<std::size_t>(index)].type;
  }
  const Type* base_type = visit(base, scope, usage);
  if (is_error(base_type)) return base_type;
  if (base_type->is(TypeKind::kList)) {
    return fail(
        node,
        "'" + std::string(base.path.empty() ? "this" : base.path) +
            "' is a list; use any(x in ...: ...), count(...) or sum(...) to read its elements");
  }
  if (!base_type->is(TypeKind::kRecord)) {
    return fail(node, "'." + node.name + "': a " + base_type->name() + " has no fields");
  }
  const RecordInfo& record = *base_type->record;
  int field = record.find(node.name);
  if (field < 0) {
    std::vector<std::string> names;
    for (const FieldInfo& f : record.fields) names.push_back(f.name);
    return fail(
        node, "'" + record.name + "' has no field '" + node.name + "'" + suggest(node.name, names));
  }
  const FieldInfo& info = record.fields[static_cast<std::size_t>(field)];
  node.kind = NodeKind::kField;
  node.index = field;
  node.maybe_absent = info.optional;
  if (!base.path.empty()) node.path = base.path + "." + node.name;
  return info.type;
}

const Type* Checker::call(Node& node, Scope& scope, Usage& usage) {
  if (node.name == "decision") {
    if (node.children.size() != 1 || node.children[0]->kind != NodeKind::kLiteral ||
        node.children[0]->literal.kind() != Value::Kind::kString) {
      return fail(node, "write decision(\"decision.id\") with the id in quotes");
    }
    const std::string& id = node.children[0]->literal.as_string();
    int index = model_.find_decision(id);
    if (index < 0) return fail(*node.children[0], "unknown decision '" + id + "'");
    if (index == current_) return fail(node, "a decision cannot use its own outcome");
    node.kind = NodeKind::kDecisionRef;
    node.index = index;
    node.children.clear();
    if (std::find(usage.decisions.begin(), usage.decisions.end(), index) == usage.decisions.end()) {
      usage.decisions.push_back(index);
    }
    return model_.decisions[static_cast<std::size_t>(index)].output_type;
  }
  const FunctionDef* function = find_function(node.name);
  if (function == nullptr) {
    std::vector<std::string> names;
    for (const FunctionDef& f : builtin_functions()) names.emplace_back(f.name);
    return fail(node, "unknown function '" + node.name + "'" + suggest(node.name, names));
  }
  if (node.children.size() != function->params.size()) {
    return fail(node, std::string(function->name) + " takes " +
                          std::to_string(function->params.size()) +
                          " argument(s): " + std::string(function->summary));
  }
  bool ok = true;
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    Node& arg = *node.children[i];
    const Type* type = visit(arg, scope, usage);
    if (is_error(type)) {
      ok = false;
      continue;
    }
    TypeKind want = function->params[i];
    bool accepted = type->kind == want ||
                    (want == TypeKind::kDecimal && type->is(TypeKind::kInt)) ||
                    (want == TypeKind::kString && type->is(TypeKind::kEnum));
    if (!accepted) {
      fail(arg, "argument " + std::to_string(i + 1) + " of " + std::string(function->name) +
                    " should be " + Type{want}.name() + ", but it is " + type->name() + " (" +
                    std::string(function->summary) + ")");
      ok = false;
    }
  }
  if (!ok) return model_.types.error();
  if (node.name == "completed_years") {
    // The convention is known at load when it is a literal or a parameter: check every value.
    const Node& convention = *node.children[2];
    std::vector<const Value*> values;
    if (convention.kind == NodeKind::kLiteral) values.push_back(&convention.literal);
    if (convention.kind == NodeKind::kParam) {
      for (const ParamVersion& v :
           model_.params[static_cast<std::size_t>(convention.index)].versions) {
        values.push_back(&v.value);
      }
    }
    for (const Value* value : values) {
      if (is_age_convention(value->to_string())) continue;
      fail(convention,
           "'" + value->to_string() +
               "' is not a 周岁 convention; use \"birthday\" or \"day_after_birthday\"");
      break;
    }
  }
  if (function->needs_calendar) {
    // A named calendar that failed to load has its own error; don't repeat it at every use.
    if (!model_.calendar && !model_.calendar_named) {
      return fail(node, node.name + " needs a calendar: name one in ruleset.yaml");
    }
    usage.calendar = true;
  }
  node.kind = NodeKind::kFunction;
  node.index = static_cast<int>(function - builtin_functions().data());
  switch (function->result) {
    case TypeKind::kBool:
      return model_.types.boolean();
    case TypeKind::kInt:
      return model_.types.integer();
    case TypeKind::kDecimal:
      return model_.types.decimal();
    case TypeKind::kDate:
      return model_.types.date();
    case TypeKind::kDuration:
      return model_.types.duration();
    default:
      return model_.types.string();
  }
}

const Type* Checker::unary(Node& node, Scope& scope, Usage& usage) {
  const Type* operand = visit(*node.children[0], scope, usage);
  if (is_error(operand)) return operand;
  if (node.op == Op::kNot) {
    if (!operand->is(TypeKind::kBool))
      return fail(node, "'not' needs a true/false value, not " + operand->name());
    return operand;
  }
  if (!operand->is_numeric()) return fail(node, "'-' needs a number, not " + operand->name());
  return operand;
}

const Type* Checker::binary(Node& node, Scope& scope, Usage& usage) {
  const Type* left = visit(*node.children[0], scope, usage);
  const Type* right = visit(*node.children[1], scope, usage);
  if (is_error(left) || is_error(right)) return model_.types.error();
  switch (node.op) {
    case Op::kAnd:
    case Op::kOr:
      if (!left->is(TypeKind::kBool))
        return fail(*node.children[0], std::string("'") + op_text(node.op) +
                                           "' needs true/false on both sides; this is " +
                                           left->name());
      if (!right->is(TypeKind::kBool))
        return fail(*node.children[1], std::string("'") + op_text(node.op) +
                                           "' needs true/false on both sides; this is " +
                                           right->name());
      return left;
    case Op::kAdd:
    case Op::kSub:
    case Op::kMul:
    case Op::kDiv:
      return arithmetic(node, left, right);
    case Op::kEq:
    case Op::kNe:
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe:
      return comparison(node, left, right);
    case Op::kIn:
    case Op::kNotIn:
      return membership(node, left, right);
    case Op::kCoalesce: {
      if (!node.children[0]->maybe_absent) {
        return fail(
            node,
            "'\?\?' gives a default for an optional field, but the left side is never absent");
      }
      coerce_to(*node.children[1], left);
      right = node.children[1]->type;
      const Type* type = unify(left, right);
      if (type == nullptr)
        return fail(node, "'\?\?' needs the same type on both sides: " + left->name() + " and " +
                              right->name());
      node.maybe_absent = node.children[1]->maybe_absent;
      return type;
    }
    default:
      return fail(node, "unsupported operator");
  }
}

const Type* Checker::arithmetic(Node& node, const Type* left, const Type* right) {
  const char* op = op_text(node.op);
  if (left->is_numeric() && right->is_numeric()) {
    if (node.op == Op::kDiv) return model_.types.decimal();
    return left->is(TypeKind::kInt) && right->is(TypeKind::kInt) ? left : model_.types.decimal();
  }
  if (left->is(TypeKind::kDate) && right->is(TypeKind::kDuration) &&
      (node.op == Op::kAdd || node.op == Op::kSub)) {
    return left;
  }
  if (left->is(TypeKind::kDate) && right->is(TypeKind::kDate) && node.op == Op::kSub) {
    return model_.types.integer();  // days
  }
  if (left->is(TypeKind::kDuration) && right->is(TypeKind::kDuration) &&
      (node.op == Op::kAdd || node.op == Op::kSub)) {
    return left;
  }
  return fail(node, std::string("cannot compute ") + left->name() + " " + op + " " + right->name());
}

const Type* Checker::comparison(Node& node, const Type* left, const Type* right) {
  Node& a = *node.children[0];
  Node& b = *node.children[1];
  if (coerce_to(b, left)) right = b.type;
  if (coerce_to(a, right)) left = a.type;
  if (is_error(a.type) || is_error(b.type)) return model_.types.error();
  const Type* common = unify(left, right);
  if (common == nullptr) {
    return fail(node, "cannot compare " + left->name() + " with " + right->name());
  }
  bool ordering = node.op != Op::kEq && node.op != Op::kNe;
  if (ordering) {
    bool orderable = common->is_numeric() || common->is(TypeKind::kDate) ||
                     common->is(TypeKind::kString) ||
                     (common->is(TypeKind::kEnum) && common->enum_info->ordered);
    if (!orderable) {
      return fail(
          node,
          common->is(TypeKind::kEnum)
              ? "the values of " + common->name() +
                    " have no order; declare it `ordered: true` to compare with " + op_text(node.op)
              : "values of type " + common->name() + " cannot be ordered with " + op_text(node.op));
    }
  } else if (common->is(TypeKind::kList) || common->is(TypeKind::kRecord)) {
    return fail(node, "compare fields of records and elements of lists, not whole " +
                          common->name() + " values");
  }
  return model_.types.boolean();
}

const Type* Checker::membership(Node& node, const Type* left, const Type* right) {
  if (!right->is(TypeKind::kList)) {
    return fail(*node.children[1],
                "the right side of 'in' should be a list, but it is " + right->name());
  }
  Node& list_node = *node.children[1];
  if (list_node.kind == NodeKind::kList) {
    for (auto& element : list_node.children) coerce_to(*element, left);
    list_node.type = model_.types.list_of(left);
    for (auto& element : list_node.children) {
      if (is_error(element->type)) return model_.types.error();
      if (unify(element->type, left) == nullptr) {
        return fail(*element, "this list holds " + element->type->name() +
                                  " values, but the left side of 'in' is " + left->name());
      }
    }
    return model_.types.boolean();
  }
  coerce_to(*node.children[0], right->element);
  if (unify(node.children[0]->type, right->element) == nullptr &&
      !right->element->is(TypeKind::kNull)) {
    return fail(node, "'in' compares " + node.children[0]->type->name() + " with a list of " +
                          right->element->name());
  }
  return model_.types.boolean();
}

const Type* Checker::conditional(Node& node, Scope& scope, Usage& usage) {
  check(*node.children[0], scope, model_.types.boolean(), usage);
  const Type* a = visit(*node.children[1], scope, usage);
  const Type* b = visit(*node.children[2], scope, usage);
  if (is_error(a) || is_error(b)) return model_.types.error();
  if (coerce_to(*node.children[2], a)) b = a;
  if (coerce_to(*node.children[1], b)) a = b;
  const Type* type = unify(a, b);
  if (type == nullptr)
    return fail(node, "'then' gives " + a->name() + " but 'else' gives " + b->name());
  node.maybe_absent = node.children[1]->maybe_absent || node.children[2]->maybe_absent;
  return type;
}

const Type* Checker::list(Node& node, Scope& scope, Usage& usage) {
  const Type* element = model_.types.null();
  for (auto& child : node.children) {
    const Type* type = visit(*child, scope, usage);
    if (is_error(type)) return type;
    const Type* common = unify(element, type);
    if (common == nullptr)
      return fail(*child, "a list's elements must have one type: " + element->name() + " and " +
                              type->name());
    element = common;
  }
  return model_.types.list_of(element);
}

const Type* Checker::comprehension(Node& node, Scope& scope, Usage& usage) {
  const Type* list_type = visit(*node.children[0], scope, usage);
  if (is_error(list_type)) return list_type;
  if (!list_type->is(TypeKind::kList)) {
    return fail(*node.children[0],
                node.name + " in ...: this should be a list, but it is " + list_type->name());
  }
  const Type* element = list_type->element;
  node.var_slot = scope.bind(node.name, element, false);
  bool ok = true;
  if (node.children[1]) {
    check(*node.children[1], scope, model_.types.boolean(), usage);
    ok = !is_error(node.children[1]->type);
  }
  const Type* body = nullptr;
  if (node.children[2]) {
    body = visit(*node.children[2], scope, usage);
    ok = ok && !is_error(body);
  }
  scope.unbind();
  if (!ok) return model_.types.error();
  switch (node.aggregate) {
    case Aggregate::kAny:
    case Aggregate::kAll:
    case Aggregate::kFilter:
    case Aggregate::kCount:
      if (body != nullptr && !body->is(TypeKind::kBool)) {
        return fail(*node.children[2],
                    "the condition after ':' should be true/false, but it is " + body->name());
      }
      if (body == nullptr && node.children[1] == nullptr && node.aggregate != Aggregate::kCount) {
        return fail(node, "write a condition: " + node.name + " in LIST: CONDITION");
      }
      if (node.aggregate == Aggregate::kFilter) return list_type;
      return node.aggregate == Aggregate::kCount ? model_.types.integer() : model_.types.boolean();
    case Aggregate::kSum:
      if (body == nullptr || !body->is_numeric()) {
        return fail(node, "sum needs a number after ':', e.g. sum(t in worker.training: t.hours)");
      }
      return body;
    case Aggregate::kMin:
    case Aggregate::kMax:
      if (body == nullptr) return fail(node, "write the value to compare after ':'");
      if (!(body->is_numeric() || body->is(TypeKind::kDate) ||
            (body->is(TypeKind::kEnum) && body->enum_info->ordered))) {
        return fail(*node.children[2],
                    "min/max need numbers, dates or an ordered enum, not " + body->name());
      }
      node.maybe_absent = true;  // empty list
      return body;
  }
  return model_.types.error();
}

bool Checker::coerce_to(Node& node, const Type* target) {
  if (target == nullptr || !target->is(TypeKind::kEnum) || node.kind != NodeKind::kLiteral ||
      node.literal.kind() != Value::Kind::kString) {
    return false;
  }
  const EnumInfo& info = *target->enum_info;
  int index = info.find(node.literal.as_string());
  if (index < 0) {
    node.type = fail(node, "'" + node.literal.as_string() + "' is not a value of " + info.name +
                               " (" + info.values_text() + ")");
    return true;
  }
  node.literal = Value(EnumValue{&info, index});
  node.type = target;
  return true;
}

const Type* Checker::unify(const Type* a, const Type* b) const {
  if (a == b) return a;
  if (a->is(TypeKind::kNull)) return b;
  if (b->is(TypeKind::kNull)) return a;
  if (a->is_numeric() && b->is_numeric()) return model_.types.decimal();
  if (a->is(TypeKind::kList) && b->is(TypeKind::kList)) {
    const Type* element = unify(a->element, b->element);
    return element == nullptr ? nullptr : model_.types.list_of(element);
  }
  return nullptr;
}

void merge_usage(Usage& into, const Usage& from) {
  for (const FactPath& path : from.facts) {
    if (std::none_of(into.facts.begin(), into.facts.end(),
                     [&](const FactPath& p) { return p.text == path.text; })) {
      into.facts.push_back(path);
    }
  }
  for (int p : from.params) {
    if (std::find(into.params.begin(), into.params.end(), p) == into.params.end())
      into.params.push_back(p);
  }
  for (int d : from.decisions) {
    if (std::find(into.decisions.begin(), into.decisions.end(), d) == into.decisions.end())
      into.decisions.push_back(d);
  }
  into.calendar = into.calendar || from.calendar;
}

void collect_fact_paths(const Node& node, Usage& usage) {
  if ((node.kind == NodeKind::kField || node.kind == NodeKind::kFactRoot) && !node.path.empty()) {
    FactPath path{node.path, {}};
    for (const Node* n = &node; n != nullptr;
         n = n->children.empty() ? nullptr : n->children[0].get()) {
      path.fields.insert(path.fields.begin(), n->index);
    }
    for (const FactPath& seen : usage.facts) {
      if (seen.text == path.text) return;
    }
    usage.facts.push_back(std::move(path));
    return;
  }
  for (const auto& child : node.children) {
    if (child) collect_fact_paths(*child, usage);
  }
}

}  // namespace tiaoli::detail
