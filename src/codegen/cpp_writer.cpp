#include "codegen/cpp_writer.hpp"

#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "eval/evaluator.hpp"
#include "eval/fast_ops.hpp"

namespace tiaoli::detail {

std::string cpp_identifier(std::string_view id) {
  std::string out;
  for (char c : id) {
    bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    out += word ? c : '_';
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out = "d_" + out;
  return out;
}

std::string cpp_string_literal(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\%03o", c);
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

namespace {

std::string int_literal(std::int64_t v) {
  return v == INT64_MIN ? "INT64_MIN" : "std::int64_t{" + std::to_string(v) + "}";
}

// A constant Value as a C++ expression; empty when generated code cannot make one.
std::string value_literal(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      return "tiaoli::Value()";
    case Value::Kind::kBool:
      return value.as_bool() ? "tiaoli::Value(true)" : "tiaoli::Value(false)";
    case Value::Kind::kInt:
      return "tiaoli::Value(" + int_literal(value.as_int()) + ")";
    case Value::Kind::kDecimal:
      return "tiaoli::Value(tiaoli::Decimal{" + int_literal(value.as_decimal().units) + "})";
    case Value::Kind::kString:
      return "tiaoli::Value(std::string(" + cpp_string_literal(value.as_string()) + "))";
    case Value::Kind::kDate:
      return "tiaoli::Value(tiaoli::Date{" + std::to_string(value.as_date().days) + "})";
    default:
      return "";
  }
}

// `all` decisions of at most this many rules keep each thread's failure lists (2^rules of them),
// as the engine's fast path does.
constexpr std::size_t kCachedListRules = FailureLists::kMaxRules;

// Writes one decision's program as the body of its function.
class DecisionWriter {
 public:
  explicit DecisionWriter(const FastProgram& program) : program_(program), def_(*program.def) {}

  // The function's body; empty, with problem() set, when generated code cannot decide it.
  std::string body() {
    std::ostringstream rules;
    write_lets(rules);
    if (def_.hit == HitPolicy::kAll) {
      write_all(rules);
    } else {
      write_first_or_unique(rules);
    }
    std::ostringstream out;
    out << "  namespace g = tiaoli::generated;\n"
        << tables_ << "  (void)facts;\n  (void)as_of;\n"
        << "  std::int64_t budget = max_steps;\n";
    // The records of the facts the rules read fields of, looked up once (null when absent: a
    // read of their fields then needs the engine).
    for (std::size_t root : fact_records_) {
      out << "  const tiaoli::Record* record_" << root << " = g::record_or_null(facts, " << root
          << ");\n";
    }
    out << "  try {\n"
        << rules.str() << "    return true;\n"
        << "  } catch (const g::NeedsEngine&) {\n"
        << "    return false;\n"
        << "  }\n";
    return problem_.empty() ? out.str() : "";
  }

  const std::string& problem() const { return problem_; }

 private:
  void cannot(std::string what) {
    if (problem_.empty()) problem_ = std::move(what);
  }

  // The op's value as a C++ expression of type std::int64_t (a key, see eval/compile.hpp).
  std::string key(const FastOp& op) {
    switch (op.kind) {
      case FastKind::kStored:
        if (op.key != nullptr) return int_literal(op.constant);
        break;
      case FastKind::kAsOf:
        return "std::int64_t{as_of.days}";
      case FastKind::kDecisionLet:
        return "let_" + std::to_string(op.index) + "()";
      case FastKind::kRuleLet:
        return "rule_let_" + std::to_string(op.index);
      case FastKind::kCompare:
        return "g::key(" + key(*op.a) + " " + op_text(op.op) + " " + key(*op.b) + ")";
      case FastKind::kAnd:
        return "g::key(" + key(*op.a) + " != 0 && " + key(*op.b) + " != 0)";
      case FastKind::kOr:
        return "g::key(" + key(*op.a) + " != 0 || " + key(*op.b) + " != 0)";
      case FastKind::kNot:
        return "g::key(" + key(*op.a) + " == 0)";
      case FastKind::kArithmetic: {
        const char* fn = op.op == Op::kAdd ? "g::add(" : op.op == Op::kSub ? "g::sub(" : "g::mul(";
        return fn + key(*op.a) + ", " + key(*op.b) + ")";
      }
      case FastKind::kComprehension:
        return comprehension(op);
      case FastKind::kCompletedYears:
        return "g::completed_years(" + key(*op.a) + ", " + key(*op.b) + ", " +
               (op.day_after ? "true" : "false") + ")";
      case FastKind::kDatePart:
        return "g::date_part(" + key(*op.a) + ", " + std::to_string(op.root) + ")";
      case FastKind::kDateShift:
        return "g::shift_days(" + key(*op.a) + ", " + int_literal(op.constant) + ")";
      case FastKind::kCoalesce:
        return "[&]() -> std::int64_t {\n      const tiaoli::Value* v = " + read(*op.a) +
               ";\n      return v != nullptr ? " + stored_key(*op.a, "v") + " : " + key(*op.b) +
               ";\n    }()";
      case FastKind::kCall:
        cannot("calls " + std::string(op.function->name) + "(), which generated code cannot");
        return "0";
      default:
        break;
    }
    if (op.read == nullptr || op.type == nullptr) {
      cannot("uses a value generated code cannot compute");
      return "0";
    }
    return stored_key(op, read(op));
  }

  // The name of a table of an ordered enum's ranks by value index, written into the function.
  std::string rank_table(const EnumInfo& info) {
    auto [at, added] = rank_tables_.emplace(&info, "kRanks" + std::to_string(rank_tables_.size()));
    if (added) {
      std::string ranks;
      for (int rank : info.ranks) ranks += (ranks.empty() ? "" : ", ") + std::to_string(rank);
      tables_ += "  static constexpr std::int64_t " + at->second + "[] = {" + ranks + "};  // " +
                 info.name + "\n";
    }
    return at->second;
  }

  // The key of a value of `op`'s type stored at `address` (a const tiaoli::Value* expression).
  std::string stored_key(const FastOp& op, const std::string& address) {
    switch (op.type->kind) {
      case TypeKind::kBool:
        return "g::bool_key(" + address + ")";
      case TypeKind::kInt:
        return "g::int_key(" + address + ")";
      case TypeKind::kDate:
        return "g::date_key(" + address + ")";
      case TypeKind::kEnum:
        if (!op.type->enum_info->ordered) return "g::enum_index(" + address + ")";
        return "g::enum_rank(" + address + ", " + rank_table(*op.type->enum_info) + ")";
      default:
        cannot("compares values of type " + op.type->name());
        return "0";
    }
  }

  // Where the op's value is stored, as a C++ expression of type const tiaoli::Value*.
  std::string read(const FastOp& op) {
    std::string required = op.required ? "true" : "false";
    switch (op.kind) {
      case FastKind::kFactRoot:
        return "&g::fact(facts, " + std::to_string(op.index) + ")";
      case FastKind::kFactField:
        fact_records_.insert(op.root);
        return "g::field(record_" + std::to_string(op.root) + ", " + std::to_string(op.index) +
               ", " + required + ")";
      case FastKind::kElement:
        return "&element_" + std::to_string(op.index);
      case FastKind::kElementField:
        return "g::field(element_" + std::to_string(op.root) + ", " + std::to_string(op.index) +
               ", " + required + ")";
      case FastKind::kField:
        return "g::field(" + read(*op.a) + ", " + std::to_string(op.index) + ", " + required + ")";
      case FastKind::kDecisionLetRead:
        return "let_" + std::to_string(op.index) + "()";
      case FastKind::kMinMax:
        return min_max(op);
      case FastKind::kParam:
        cannot("reads parameter " + op.param->name +
               ", whose value depends on the date, which generated code cannot");
        return "nullptr";
      default:
        cannot("reads a value generated code cannot");
        return "nullptr";
    }
  }

  // any / all / count as an immediately called lambda, charging each element as the fast path.
  std::string comprehension(const FastOp& op) {
    std::string element = "element_" + std::to_string(op.index);
    std::string holds = op.c != nullptr ? key(*op.c) + " != 0" : "true";
    std::string out = "[&]() -> std::int64_t {\n";
    if (op.aggregate == Aggregate::kCount) out += "      std::int64_t count = 0;\n";
    out += "      for (const tiaoli::Value& " + element + " : " + elements(*op.a) + ") {\n";
    out += "        g::charge(budget, " + std::to_string(op.cost) + ");\n";
    if (op.b == nullptr && op.c == nullptr) out += "        (void)" + element + ";\n";
    if (op.b != nullptr) out += "        if (" + key(*op.b) + " == 0) continue;\n";
    if (op.aggregate == Aggregate::kAny) out += "        if (" + holds + ") return 1;\n";
    if (op.aggregate == Aggregate::kAll) out += "        if (!(" + holds + ")) return 0;\n";
    if (op.aggregate == Aggregate::kCount) out += "        count += (" + holds + ") ? 1 : 0;\n";
    out += "      }\n";
    out += op.aggregate == Aggregate::kAny   ? "      return 0;\n"
           : op.aggregate == Aggregate::kAll ? "      return 1;\n"
                                             : "      return count;\n";
    return out + "    }()";
  }

  // The elements of the list `list` gives, as a range of const tiaoli::Value&.
  std::string elements(const FastOp& list) {
    if (list.kind == FastKind::kListLet)
      return "g::pointed(list_" + std::to_string(list.index) + "())";
    return "g::list(" + read(list) + ")";
  }

  // min / max as an immediately called lambda: the address of the first least (greatest) value.
  std::string min_max(const FastOp& op) {
    std::string element = "element_" + std::to_string(op.index);
    std::string out = "[&]() -> const tiaoli::Value* {\n";
    out += "      const tiaoli::Value* best = nullptr;\n      std::int64_t best_key = 0;\n";
    out += "      for (const tiaoli::Value& " + element + " : " + elements(*op.a) + ") {\n";
    out += "        g::charge(budget, " + std::to_string(op.cost) + ");\n";
    if (op.b != nullptr) out += "        if (" + key(*op.b) + " == 0) continue;\n";
    out += "        const tiaoli::Value* v = " + read(*op.c) + ";\n";
    out += "        std::int64_t k = " + stored_key(*op.c, "v") + ";\n";
    out += std::string("        if (best == nullptr || k ") +
           (op.aggregate == Aggregate::kMin ? "<" : ">") + " best_key) {\n";
    out += "          best = v;\n          best_key = k;\n        }\n      }\n";
    return out + "      return best;\n    }()";
  }

  void write_lets(std::ostringstream& out) {
    for (const FastOp* let : program_.decision_lets) {
      if (let == nullptr) continue;
      std::string slot = std::to_string(let->index);
      if (let->kind == FastKind::kListLet) {
        const FastOp& filter = *let->a;
        std::string element = "element_" + std::to_string(filter.index);
        out << "    bool list_ready_" << slot << " = false;\n"
            << "    g::ListBuffer list_buffer_" << slot << ";\n"
            << "    const auto list_" << slot << " = [&]() -> const g::ListBuffer& {\n"
            << "      if (!list_ready_" << slot << ") {\n"
            << "        g::charge(budget, " << let->cost << ");\n"
            << "        for (const tiaoli::Value& " << element << " : " << elements(*filter.a)
            << ") {\n"
            << "          g::charge(budget, " << filter.cost << ");\n";
        if (filter.b != nullptr) out << "          if (" << key(*filter.b) << " == 0) continue;\n";
        if (filter.c != nullptr) out << "          if (" << key(*filter.c) << " == 0) continue;\n";
        out << "          list_buffer_" << slot << ".add(" << element << ");\n"
            << "        }\n"
            << "        list_ready_" << slot << " = true;\n"
            << "      }\n"
            << "      return list_buffer_" << slot << ";\n"
            << "    };\n";
        continue;
      }
      bool stored = let->kind == FastKind::kDecisionLetRead;  // an address, else a key
      std::string type = stored ? "const tiaoli::Value*" : "std::int64_t";
      out << "    bool let_ready_" << slot << " = false;\n"
          << "    " << type << " let_value_" << slot << " = " << (stored ? "nullptr" : "0") << ";\n"
          << "    const auto let_" << slot << " = [&]() -> " << type << " {\n"
          << "      if (!let_ready_" << slot << ") {\n"
          << "        g::charge(budget, " << let->cost << ");\n"
          << "        let_value_" << slot << " = " << (stored ? read(*let->a) : key(*let->a))
          << ";\n"
          << "        let_ready_" << slot << " = true;\n"
          << "      }\n"
          << "      return let_value_" << slot << ";\n"
          << "    };\n";
    }
    std::set<std::size_t> rule_let_slots;
    for (const FastRule& rule : program_.rules) {
      for (const auto& [slot, value] : rule.lets) rule_let_slots.insert(slot);
    }
    for (std::size_t slot : rule_let_slots)
      out << "    std::int64_t rule_let_" << slot << " = 0;\n";
  }

  std::string in_force(const RuleDef& rule) const {
    std::string test;
    if (rule.effective_from) test += "as_of.days >= " + std::to_string(rule.effective_from->days);
    if (rule.effective_to)
      test += (test.empty() ? "" : " && ") +
              ("as_of.days <= " + std::to_string(rule.effective_to->days));
    return test.empty() ? "true" : test;
  }

  // A rule's lets and condition, as the statements before `then_holds` (run when it holds).
  void write_rule(std::ostringstream& out, const FastRule& rule, const std::string& then_holds,
                  const std::string& else_fails) {
    out << "    // " << rule.def->id << "\n"
        << "    if (" << in_force(*rule.def) << ") {\n"
        << "      g::charge(budget, " << rule.cost << ");\n";
    for (const auto& [slot, value] : rule.lets)
      out << "      rule_let_" << slot << " = " << key(*value) << ";\n";
    std::string condition = rule.condition != nullptr ? key(*rule.condition) + " != 0" : "true";
    out << "      if (" << condition << ") {\n"
        << then_holds << "      }"
        << (else_fails.empty() ? "" : " else {\n" + else_fails + "      }") << "\n    }\n";
  }

  void write_all(std::ostringstream& out) {
    // Every rule in force is evaluated: the steps of those always in force are charged at once.
    std::int64_t always = 0;
    for (const FastRule& rule : program_.rules) {
      if (!rule.def->effective_from && !rule.def->effective_to) always += rule.cost;
    }
    out << "    g::charge(budget, " << always << ");\n"
        << "    std::uint64_t failed = 0;\n";
    for (std::size_t i = 0; i < program_.rules.size(); ++i) {
      const FastRule& rule = program_.rules[i];
      bool charged = !rule.def->effective_from && !rule.def->effective_to;
      out << "    // " << rule.def->id << "\n"
          << "    if (" << in_force(*rule.def) << ") {\n";
      if (!charged) out << "      g::charge(budget, " << rule.cost << ");\n";
      for (const auto& [slot, value] : rule.lets)
        out << "      rule_let_" << slot << " = " << key(*value) << ";\n";
      std::string holds = rule.condition != nullptr ? key(*rule.condition) + " != 0" : "true";
      out << "      failed |= std::uint64_t{!(" << holds << ")} << " << i << ";\n"
          << "    }\n";
    }
    std::string codes;
    for (const RuleDef& rule : def_.rules) {
      std::string code = value_literal(rule.code_value);
      if (code.empty()) cannot("has a failure code generated code cannot write");
      codes += "        " + code + ",\n";
    }
    auto pass = std::to_string(def_.pass_field);
    auto failures = std::to_string(def_.failures_field);
    std::string count = std::to_string(def_.rules.size());
    out << "    outcome.fields[" << pass << "] = tiaoli::Value(failed == 0);\n";
    // A list of failure codes, made as the engine makes it.
    std::string make_list =
        "      static const tiaoli::Value kCodes[] = {\n" + codes + "      };\n" +
        "      auto codes = std::make_shared<tiaoli::List>();\n" +
        "      codes->reserve(static_cast<std::size_t>(__builtin_popcountll(failed)));\n" +
        "      for (std::size_t i = 0; i < " + count + "; ++i) {\n" +
        "        if ((failed >> i & 1U) != 0) codes->push_back(kCodes[i]);\n" + "      }\n";
    if (def_.rules.size() <= kCachedListRules) {
      // Lists are immutable: each thread makes the list of a set of failures once.
      out << "    thread_local std::array<tiaoli::Value, " << (std::size_t{1} << def_.rules.size())
          << "> lists;\n"
          << "    tiaoli::Value& list = lists[failed];\n"
          << "    if (list.is_null()) {\n"
          << make_list
          << "      list = tiaoli::Value(std::shared_ptr<const tiaoli::List>(std::move(codes)));\n"
          << "    }\n"
          << "    tiaoli::Value& failures = outcome.fields[" << failures << "];\n"
          << "    if (failures.kind() != tiaoli::Value::Kind::kList ||\n"
          << "        &failures.as_list() != &list.as_list())  // not already this list\n"
          << "      failures = list;\n";
      return;
    }
    out << "    if (failed == 0) {\n"
        << "      outcome.fields[" << failures << "] = g::empty_list();\n"
        << "    } else {\n"
        << make_list << "      outcome.fields[" << failures
        << "] = tiaoli::Value(std::shared_ptr<const tiaoli::List>(std::move(codes)));\n"
        << "    }\n";
  }

  // The value a `then` gives output `field`, as a C++ expression of type tiaoli::Value.
  std::string output_value(std::size_t field, const FastOp& op) {
    const Type& type = *def_.output->fields[field].type;
    if (op.kind == FastKind::kStored && op.stored->kind() == Value::Kind::kEnum) {
      return "g::enum_output(outcome, " + std::to_string(field) + ", " +
             std::to_string(op.stored->as_enum().index) + ")";
    }
    if (op.kind == FastKind::kStored) {
      std::string literal = value_literal(conform(type, *op.stored));
      if (literal.empty())
        cannot("gives an output of type " + type.name() + ", which generated code cannot write");
      return literal;
    }
    if (type.is(TypeKind::kDecimal) && op.type->is(TypeKind::kInt)) {
      cannot("gives an int where a decimal is expected, which generated code cannot convert");
      return "tiaoli::Value()";
    }
    if (op.read != nullptr) return "g::value(" + read(op) + ")";
    if (op.type->is(TypeKind::kBool)) return "tiaoli::Value(" + key(op) + " != 0)";
    if (op.type->is(TypeKind::kDate))
      return "tiaoli::Value(tiaoli::Date{static_cast<std::int32_t>(" + key(op) + ")})";
    return "tiaoli::Value(" + key(op) + ")";
  }

  // With `overrides`, as the fast path: every rule's condition, then a rule applies when its
  // condition holds and no rule that overrides it applies (written overriders first).
  void write_overrides(std::ostringstream& out, bool unique) {
    std::size_t count = program_.rules.size();
    for (std::size_t i = 0; i < count; ++i) {
      out << "    bool held_" << i << " = false;\n";
      write_rule(out, program_.rules[i], "        held_" + std::to_string(i) + " = true;\n", "");
    }
    std::vector<int> state(count, 0);  // 0 not written, 1 being written, 2 written
    std::function<void(std::size_t)> write_applies = [&](std::size_t i) {
      if (state[i] == 2) return;
      if (state[i] == 1) {
        cannot("has rules that override each other in a cycle");
        return;
      }
      state[i] = 1;
      std::string test = "held_" + std::to_string(i);
      for (int by : program_.rules[i].def->overridden_by) {
        write_applies(static_cast<std::size_t>(by));
        test += " && !applies_" + std::to_string(by);
      }
      out << "    const bool applies_" << i << " = " << test << ";\n";
      state[i] = 2;
    };
    for (std::size_t i = 0; i < count; ++i) write_applies(i);
    for (std::size_t i = 0; i < count; ++i) {
      out << "    if (applies_" << i << ") {\n";
      if (unique) out << "      if (chosen >= 0) g::needs_engine();\n";
      out << "      " << (unique ? "" : "if (chosen < 0) ") << "chosen = " << i << ";\n    }\n";
    }
  }

  void write_first_or_unique(std::ostringstream& out) {
    bool unique = def_.hit == HitPolicy::kUnique;
    out << "    int chosen = -1;\n";
    if (program_.has_overrides) {
      write_overrides(out, unique);
      write_outputs(out);
      return;
    }
    for (std::size_t i = 0; i < program_.rules.size(); ++i) {
      std::string index = std::to_string(i);
      std::string choose =
          unique ? "        if (chosen >= 0) g::needs_engine();\n        chosen = " + index + ";\n"
                 : "        chosen = " + index + ";\n        goto decided;\n";
      write_rule(out, program_.rules[i], choose, "");
    }
    if (!unique) out << "  decided:\n";
    write_outputs(out);
  }

  void write_outputs(std::ostringstream& out) {
    out << "    if (chosen < 0) g::needs_engine();\n"
        << "    outcome.fields.assign(" << def_.output->fields.size() << ", tiaoli::Value());\n"
        << "    switch (chosen) {\n";
    for (std::size_t i = 0; i < program_.rules.size(); ++i) {
      out << "      case " << i << ":\n";
      for (const auto& [field, value] : program_.rules[i].outputs)
        out << "        outcome.fields[" << field << "] = " << output_value(field, *value) << ";\n";
      out << "        break;\n";
    }
    out << "      default:\n        break;\n    }\n";
  }

  const FastProgram& program_;
  const DecisionDef& def_;
  std::string problem_;
  std::set<std::size_t> fact_records_;  // facts whose record fields are read
  std::map<const EnumInfo*, std::string> rank_tables_;
  std::string tables_;  // their definitions
};

}  // namespace

Result<std::string> write_cpp(const RuleSetModel& model, const CppOptions& options,
                              std::vector<std::string>& skipped) {
  std::vector<const DecisionDef*> chosen;
  std::string errors;
  for (const std::string& id : options.decisions) {
    int index = model.find_decision(id);
    if (index < 0) {
      errors += "unknown decision '" + id + "'\n";
      continue;
    }
    chosen.push_back(&model.decisions[static_cast<std::size_t>(index)]);
  }
  if (options.decisions.empty()) {
    for (const DecisionDef& def : model.decisions) chosen.push_back(&def);
  }
  std::ostringstream out;
  out << "// Generated by `tiaoli codegen` from rule set " << model.name << " " << model.version
      << "\n// (content hash " << model.content_hash << ").\n"
      << "// Do not edit: generate it again when the rules change. Decide through the\n"
      << "// prepare_<decision>() functions below: their GeneratedDecision gives every case this\n"
      << "// code cannot decide (missing facts, \"what if\" parameters, changed rules) to the "
         "engine.\n"
      << "#pragma once\n\n#include <tiaoli/generated.hpp>\n\n#include <array>\n#include "
         "<cstdint>\n#include "
         "<memory>\n#include <string>\n#include <string_view>\n\n"
      << "namespace " << options.name_space << " {\n\n"
      << "inline constexpr std::string_view kContentHash = "
      << cpp_string_literal(model.content_hash) << ";\n";
  int written = 0;
  std::set<std::string> names;  // the C++ names given so far
  for (const DecisionDef* def : chosen) {
    std::string problem;
    std::string body;
    if (!def->fast_program) {
      problem = "uses expressions generated code does not cover (see docs/codegen.md)";
    } else {
      DecisionWriter writer(*def->fast_program);
      body = writer.body();
      problem = writer.problem();
    }
    if (!problem.empty()) {
      std::string line = def->id + ": " + problem;
      if (options.decisions.empty()) {
        skipped.push_back(line);
      } else {
        errors += line + "\n";
      }
      continue;
    }
    std::string name = cpp_identifier(def->id);
    if (!names.insert(name).second) {
      errors += def->id + ": its C++ name " + name + " is another decision's too\n";
      continue;
    }
    out << "\n// " << def->id << " — " << def->title_zh << " (" << def->title_en << "), hit policy "
        << hit_policy_name(def->hit) << ".\n"
        << "inline bool " << name
        << "(const tiaoli::Record& facts, tiaoli::Date as_of, std::int64_t max_steps,\n"
        << "    tiaoli::Record& outcome) {\n"
        << body << "}\n\n"
        << "inline tiaoli::Result<tiaoli::GeneratedDecision> prepare_" << name
        << "(const tiaoli::RuleSet& rules) {\n"
        << "  auto engine = rules.prepare(" << cpp_string_literal(def->id) << ");\n"
        << "  if (!engine.ok()) return engine.error();\n"
        << "  return tiaoli::GeneratedDecision(std::move(engine.value()), kContentHash, &" << name
        << ");\n}\n";
    ++written;
  }
  out << "\n}  // namespace " << options.name_space << "\n";
  if (!errors.empty()) return Error{errors, "", {}};
  if (written == 0) return Error{"no decision of this rule set can be written as C++", "", {}};
  return out.str();
}

}  // namespace tiaoli::detail
