#include "eval/evaluator.hpp"

#include "common/date_convert.hpp"
#include "eval/functions.hpp"
#include "time/dates.hpp"

namespace tiaoli::detail {
namespace {

// Exact products of 4-place decimals. (`__extension__` keeps -Wpedantic quiet about __int128.)
// NOLINTNEXTLINE(modernize-use-using): `using` cannot carry __extension__
__extension__ typedef __int128 Int128;

Decimal to_decimal(const Value& v) {
  if (v.kind() == Value::Kind::kDecimal) return v.as_decimal();
  std::int64_t units = 0;
  if (__builtin_mul_overflow(v.as_int(), Decimal::kScale, &units)) number_overflow();
  return Decimal{units};
}

// -1, 0, 1. Both values are of comparable types (the checker saw to it).
int compare(const Value& a, const Value& b) {
  auto sign = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (a.kind()) {
    case Value::Kind::kInt:
      if (b.kind() == Value::Kind::kInt) return sign(a.as_int(), b.as_int());
      return sign(to_decimal(a).units, to_decimal(b).units);
    case Value::Kind::kDecimal:
      return sign(to_decimal(a).units, to_decimal(b).units);
    case Value::Kind::kBool:
      return sign(a.as_bool(), b.as_bool());
    case Value::Kind::kString:
      return sign(a.as_string(), b.as_string());
    case Value::Kind::kDate:
      return sign(a.as_date().days, b.as_date().days);
    case Value::Kind::kEnum:
      if (a.as_enum().type->ordered) return sign(a.as_enum().rank(), b.as_enum().rank());
      return a.as_enum().index == b.as_enum().index ? 0 : 1;
    case Value::Kind::kDuration:
      return a.as_duration() == b.as_duration() ? 0 : 1;
    default:
      return a == b ? 0 : 1;
  }
}

Value as_declared(const Node& node, Value value) {
  return node.type == nullptr ? value : conform(*node.type, std::move(value));
}

std::string describe(const Node& node) {
  return node.path.empty() ? "a value" : "'" + node.path + "'";
}

Value arithmetic(Op op, const Value& a, const Value& b) {
  if (a.kind() == Value::Kind::kInt && b.kind() == Value::Kind::kInt && op != Op::kDiv) {
    std::int64_t r = 0;
    bool bad = op == Op::kAdd   ? __builtin_add_overflow(a.as_int(), b.as_int(), &r)
               : op == Op::kSub ? __builtin_sub_overflow(a.as_int(), b.as_int(), &r)
                                : __builtin_mul_overflow(a.as_int(), b.as_int(), &r);
    if (bad) number_overflow();
    return Value(r);
  }
  if (a.kind() == Value::Kind::kDate) {
    if (b.kind() == Value::Kind::kDate)
      return Value(static_cast<std::int64_t>(a.as_date().days) - b.as_date().days);
    Duration d = b.as_duration();
    int sign = op == Op::kAdd ? 1 : -1;
    if (std::abs(d.years) > 1000 || std::abs(d.months) > 12000 || std::abs(d.days) > 400000)
      number_overflow();
    Date start = a.as_date();
    if (d.years != 0 || d.months != 0) {
      auto date = time::add_months_clamped(to_boost(start), sign * (d.years * 12 + d.months));
      if (date.is_special()) throw EvalFailure{"the date falls outside the years 1400 to 9999", ""};
      start = from_boost(date);
    }
    std::int64_t days = static_cast<std::int64_t>(start.days) + std::int64_t{sign} * d.days;
    if (!time::day_in_date_range(days))
      throw EvalFailure{"the date falls outside the years 1400 to 9999", ""};
    return Value(Date{static_cast<std::int32_t>(days)});
  }
  if (a.kind() == Value::Kind::kDuration) {
    Duration x = a.as_duration();
    Duration y = b.as_duration();
    int sign = op == Op::kAdd ? 1 : -1;
    return Value(
        Duration{x.years + sign * y.years, x.months + sign * y.months, x.days + sign * y.days});
  }
  Int128 x = to_decimal(a).units;
  Int128 y = to_decimal(b).units;
  Int128 r = 0;
  switch (op) {
    case Op::kAdd:
      r = x + y;
      break;
    case Op::kSub:
      r = x - y;
      break;
    case Op::kMul:
      r = x * y / Decimal::kScale;
      break;
    default: {
      if (y == 0) throw EvalFailure{"division by zero", ""};
      Int128 scaled = x * Decimal::kScale;
      r = scaled / y;
      Int128 rest = scaled % y;
      if (2 * (rest < 0 ? -rest : rest) >= (y < 0 ? -y : y))
        r += ((scaled < 0) != (y < 0)) ? -1 : 1;
    }
  }
  if (r > INT64_MAX || r < INT64_MIN) number_overflow();
  return Value(Decimal{static_cast<std::int64_t>(r)});
}

bool contains(const List& list, const Value& v) {
  for (const Value& element : list) {
    if (!element.is_null() && compare(v, element) == 0) return true;
  }
  return false;
}

const Value& parameter(const Node& node, const EvalContext& context) {
  auto index = static_cast<std::size_t>(node.index);
  if (context.parameter_overrides != nullptr && index < context.parameter_overrides->size() &&
      !(*context.parameter_overrides)[index].is_null()) {
    return (*context.parameter_overrides)[index];
  }
  const ParamDef& param = context.model.params[index];
  const ParamVersion* version = param.version_on(context.as_of);
  if (version == nullptr) {
    throw EvalFailure{
        "parameter " + param.name + " has no value in force on " + context.as_of.to_string(), ""};
  }
  return version->value;
}

Value comprehension(const Node& node, EvalContext& context) {
  Value list_scratch;
  const List& list = list_or_empty(evaluate_ref(*node.children[0], context, list_scratch));
  const Node* where = node.children[1].get();
  const Node* body = node.children[2].get();
  BoundVariable var(context.slots[static_cast<std::size_t>(node.var_slot)]);
  std::int64_t count = 0;
  Value total;
  if (node.aggregate == Aggregate::kSum) {
    total = node.type != nullptr && node.type->is(TypeKind::kDecimal) ? Value(Decimal{})
                                                                      : Value(std::int64_t{0});
  }
  Value best;
  std::shared_ptr<List> filtered;
  if (node.aggregate == Aggregate::kFilter) {
    filtered = std::make_shared<List>();
    filtered->reserve(list.size());  // one allocation, however many elements pass
  }
  for (const Value& element : list) {
    spend(context);
    var.bind(element);
    if (where != nullptr && !evaluate_bool(*where, context)) continue;
    switch (node.aggregate) {
      case Aggregate::kAny:
        if (body == nullptr || evaluate_bool(*body, context)) return Value(true);
        break;
      case Aggregate::kAll:
        if (body != nullptr && !evaluate_bool(*body, context)) return Value(false);
        break;
      case Aggregate::kCount:
        if (body == nullptr || evaluate_bool(*body, context)) ++count;
        break;
      case Aggregate::kFilter:
        if (body == nullptr || evaluate_bool(*body, context)) filtered->push_back(element);
        break;
      case Aggregate::kSum: {
        Value scratch;
        total = arithmetic(Op::kAdd, total, present(*body, evaluate_ref(*body, context, scratch)));
        break;
      }
      case Aggregate::kMin:
      case Aggregate::kMax: {
        Value scratch;  // a field of the element is compared where it is stored, not copied
        const Value& v = present(*body, evaluate_ref(*body, context, scratch));
        int order = best.is_null() ? 0 : compare(v, best);
        if (best.is_null() || (node.aggregate == Aggregate::kMin ? order < 0 : order > 0)) best = v;
        break;
      }
    }
  }
  switch (node.aggregate) {
    case Aggregate::kAny:
      return Value(false);
    case Aggregate::kAll:
      return Value(true);
    case Aggregate::kCount:
      return Value(count);
    case Aggregate::kFilter:
      return Value(std::shared_ptr<const List>(std::move(filtered)));
    case Aggregate::kSum:
      return as_declared(node, std::move(total));
    default:
      return best;
  }
}

Value binary(const Node& node, EvalContext& context) {
  const Node& left = *node.children[0];
  const Node& right = *node.children[1];
  switch (node.op) {
    case Op::kAnd:
      return Value(evaluate_bool(left, context) && evaluate_bool(right, context));
    case Op::kOr:
      return Value(evaluate_bool(left, context) || evaluate_bool(right, context));
    case Op::kCoalesce: {
      Value v = evaluate(left, context);
      return as_declared(node, v.is_null() ? evaluate(right, context) : std::move(v));
    }
    default:
      break;
  }
  // Left to right; an absent left operand fails before the right one is evaluated.
  Value left_scratch;
  Value right_scratch;
  const Value& a = present(left, evaluate_ref(left, context, left_scratch));
  const Value& b = evaluate_ref(right, context, right_scratch);
  switch (node.op) {
    case Op::kIn:
    case Op::kNotIn: {
      bool found = contains(list_or_empty(b), a);
      return Value(node.op == Op::kIn ? found : !found);
    }
    case Op::kAdd:
    case Op::kSub:
    case Op::kMul:
    case Op::kDiv: {
      return as_declared(node, arithmetic(node.op, a, present(right, b)));
    }
    default:
      break;
  }
  int order = compare(a, present(right, b));
  switch (node.op) {
    case Op::kEq:
      return Value(order == 0);
    case Op::kNe:
      return Value(order != 0);
    case Op::kLt:
      return Value(order < 0);
    case Op::kLe:
      return Value(order <= 0);
    case Op::kGt:
      return Value(order > 0);
    default:
      return Value(order >= 0);
  }
}

}  // namespace

void number_overflow() { throw EvalFailure{"a number grew too large while computing", ""}; }

void budget_exceeded() {
  throw EvalFailure{"the decision exceeded its evaluation budget (too many steps)", ""};
}

void absent(const Node& node) {
  throw EvalFailure{describe(node) + " is absent; give a default with ??", node.path};
}

void missing_fact(const Node& root) {
  throw EvalFailure{"the facts have no '" + root.path + "'", root.path};
}

void missing_field(const Node& field, const Record& record) {
  std::string path = record.path + "." + record.field_name(static_cast<std::size_t>(field.index));
  throw EvalFailure{"missing field " + path, path};
}

const List& list_or_empty(const Value& value) {
  static const List empty;
  return value.is_null() ? empty : value.as_list();
}

Value conform(const Type& type, Value value) {
  if (type.is(TypeKind::kDecimal) && value.kind() == Value::Kind::kInt)
    return Value(to_decimal(value));
  return value;
}

bool interpret_bool(const Node& node, EvalContext& context) {
  Value scratch;
  return present(node, evaluate_ref(node, context, scratch)).as_bool();
}

const Value& evaluate_ref(const Node& node, EvalContext& context, Value& scratch) {
  switch (node.kind) {
    case NodeKind::kLiteral:
    case NodeKind::kSlot:
    case NodeKind::kDecisionLet:
    case NodeKind::kFactRoot:
    case NodeKind::kField:
    case NodeKind::kParam:
      spend(context);
      break;
    default:
      scratch = evaluate(node, context);
      return scratch;
  }
  switch (node.kind) {
    case NodeKind::kLiteral:
      return node.literal;
    case NodeKind::kDecisionLet: {
      auto index = static_cast<std::size_t>(node.index);
      Slot& slot = context.slots[static_cast<std::size_t>(node.var_slot)];
      if (!context.lets_ready[index]) {
        slot.set(evaluate(*context.decision->lets[index].expr.root, context));
        context.lets_ready[index] = 1;
      }
      return slot.get();
    }
    case NodeKind::kSlot:
      return context.slots[static_cast<std::size_t>(node.index)].get();
    case NodeKind::kParam:
      return parameter(node, context);
    case NodeKind::kFactRoot:
      return fact_root(node, context);
    case NodeKind::kField: {
      Value base_scratch;
      const Value& base = evaluate_ref(*node.children[0], context, base_scratch);
      const Value& v = read_field(node, present(*node.children[0], base).as_record());
      if (&base != &base_scratch) return v;  // the record is stored in the facts: no copy
      scratch = v;
      return scratch;
    }
    default:
      return scratch;  // unreachable: handled above
  }
}

Value evaluate(const Node& node, EvalContext& context) {
  if (node.prefer_compiled) {
    if (node.test != nullptr) return Value(node.test(node, context));
    return Value(node.key(node, context));  // an int (see compile_key)
  }
  switch (node.kind) {
    case NodeKind::kLiteral:
    case NodeKind::kSlot:
    case NodeKind::kDecisionLet:
    case NodeKind::kFactRoot:
    case NodeKind::kField:
    case NodeKind::kParam: {
      Value scratch;
      return evaluate_ref(node, context, scratch);
    }
    default:
      spend(context);
      break;
  }
  switch (node.kind) {
    case NodeKind::kAsOf:
      return Value(context.as_of);
    case NodeKind::kDecisionRef:
      return Value(outcome_of(node.index, context));
    case NodeKind::kFunction: {
      const FunctionDef& function = builtin_functions()[static_cast<std::size_t>(node.index)];
      Value args[4];
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        args[i] = present(*node.children[i], evaluate(*node.children[i], context));
      }
      try {
        return function.call(std::span<const Value>(args, node.children.size()), context);
      } catch (EvalFailure& failure) {
        // Name the fact behind the failing argument (e.g. the date outside the calendar).
        for (std::size_t i = 0; i < node.children.size(); ++i) {
          const Node* child = node.children[i].get();
          if (!failure.field.empty() || child->path.empty()) continue;
          if (failure.message.find(args[i].to_string()) == std::string::npos)
            continue;  // not about this fact
          failure.field = child->path;
          std::string_view message = failure.message;
          if (message.rfind("date ", 0) == 0) message.remove_prefix(5);
          failure.message = child->path + ": " + std::string(message);
        }
        throw;
      }
    }
    case NodeKind::kUnary: {
      Value v = present(*node.children[0], evaluate(*node.children[0], context));
      if (node.op == Op::kNot) return Value(!v.as_bool());
      if (v.kind() == Value::Kind::kInt) {
        if (v.as_int() == INT64_MIN) number_overflow();
        return Value(-v.as_int());
      }
      return Value(Decimal{-v.as_decimal().units});
    }
    case NodeKind::kBinary:
      return binary(node, context);
    case NodeKind::kIf:
      return as_declared(node, evaluate_bool(*node.children[0], context)
                                   ? evaluate(*node.children[1], context)
                                   : evaluate(*node.children[2], context));
    case NodeKind::kList: {
      auto list = std::make_shared<List>();
      list->reserve(node.children.size());
      for (const auto& child : node.children) list->push_back(evaluate(*child, context));
      return Value(std::shared_ptr<const List>(std::move(list)));
    }
    case NodeKind::kComprehension:
      return comprehension(node, context);
    default:
      throw EvalFailure{"internal error: unresolved expression", ""};
  }
}

}  // namespace tiaoli::detail
