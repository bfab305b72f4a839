// The `decisions` section: decisions, their hit policies, outputs and rules; every expression
// parsed and type-checked here, with errors pointing into the YAML file.
#include <algorithm>
#include <deque>
#include <functional>
#include <unordered_set>

#include "check/checker.hpp"
#include "eval/compile.hpp"
#include "expr/parser.hpp"
#include "load/loaders.hpp"

namespace tiaoli::detail {
namespace {

// Parses and checks one expression written in a YAML scalar.
class ExpressionCompiler {
 public:
  ExpressionCompiler(const YamlFile& file, RuleSetModel& model, int decision)
      : file_(file), checker_(model, decision) {}

  bool ok() const { return ok_; }

  // `offset` is where the expression starts inside the scalar (for message placeholders).
  Expr compile(const YAML::Node& node, std::string text, int offset, Scope& scope,
               const Type* expected, Usage& usage) {
    Expr expr;
    expr.text = std::move(text);
    ParseOutput parsed = parse_expression(expr.text);
    if (!parsed.root) {
      report(node, offset + parsed.error.offset, parsed.error.message);
      return expr;
    }
    checker_.errors().clear();
    checker_.check(*parsed.root, scope, expected, usage);
    if (!checker_.errors().empty()) {
      for (const CheckError& error : checker_.errors())
        report(node, offset + error.offset, error.message);
      return expr;
    }
    collect_fact_paths(*parsed.root, usage);
    compile_expression(*parsed.root);
    expr.root = std::move(parsed.root);
    return expr;
  }

  Expr compile(const YAML::Node& node, Scope& scope, const Type* expected, Usage& usage) {
    if (!node.IsScalar()) {
      file_.error(node, "an expression should be a single line of text" +
                            std::string(node.IsNull() ? ", but it is empty" : ""));
      ok_ = false;
      return Expr{};
    }
    return compile(node, node.Scalar(), 0, scope, expected, usage);
  }

  void report(const YAML::Node& node, int offset, const std::string& message) {
    file_.sink->error(offset_pos(node, *file_.file, offset), message);
    ok_ = false;
  }

 private:
  const YamlFile& file_;
  Checker checker_;
  bool ok_ = true;
};

std::optional<HitPolicy> parse_hit(const std::string& text) {
  if (text == "all") return HitPolicy::kAll;
  if (text == "first") return HitPolicy::kFirst;
  if (text == "unique") return HitPolicy::kUnique;
  if (text == "collect") return HitPolicy::kCollect;
  return std::nullopt;
}

MessageTemplate compile_template(const YAML::Node& node, ExpressionCompiler& compiler, Scope& scope,
                                 Usage& usage, RuleDef& rule) {
  MessageTemplate result;
  const std::string& text = node.Scalar();
  std::string literal;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      literal += c;
      ++i;
      continue;
    }
    if (c == '}') {
      compiler.report(node, static_cast<int>(i),
                      "a lone '}' in the message; write '}}' for a brace");
      return result;
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    std::size_t close = text.find('}', i);
    if (close == std::string::npos) {
      compiler.report(node, static_cast<int>(i),
                      "this '{' has no closing '}'; write '{{' for a brace");
      return result;
    }
    if (!literal.empty()) result.parts.push_back({std::move(literal), -1});
    literal.clear();
    Expr expr = compiler.compile(node, text.substr(i + 1, close - i - 1), static_cast<int>(i + 1),
                                 scope, nullptr, usage);
    result.parts.push_back({"", static_cast<int>(rule.template_exprs.size())});
    rule.template_exprs.push_back(std::move(expr));
    i = close;
  }
  if (!literal.empty()) result.parts.push_back({std::move(literal), -1});
  return result;
}

void merge_usage(RuleDef& rule, DecisionDef& decision, const Usage& usage) {
  rule.facts_read = usage.facts;
  rule.params_used = usage.params;
  rule.uses_calendar = usage.calendar;
  for (int d : usage.decisions) {
    if (std::find(decision.depends_on.begin(), decision.depends_on.end(), d) ==
        decision.depends_on.end()) {
      decision.depends_on.push_back(d);
    }
  }
}

void define_rule(const YamlFile& file, const YAML::Node& node, DecisionDef& decision, int index,
                 RuleSetModel& model, const Scope& decision_scope,
                 std::unordered_set<std::string>& rule_ids) {
  bool all = decision.hit == HitPolicy::kAll;
  if (!file.check_map(node, "a rule",
                      {"id", "cite", "code", "let", "when", "require", "then", "because",
                       "effective_from", "effective_to", "overrides", "note"},
                      {"id", "cite", "because"})) {
    return;
  }
  RuleDef rule;
  rule.id = file.text(node["id"], "rule id").value_or("");
  rule.where = file.pos(node["id"]);
  if (!rule_ids.insert(rule.id).second)
    file.error(node["id"], "rule id '" + rule.id + "' is used twice in " + decision.id);
  if (auto cites = file.text_list(node["cite"], "cite")) {
    for (const std::string& cite : *cites) {
      if (!model.provisions.empty() && !model.provision(cite)) {
        std::vector<std::string> ids;
        for (const auto& [id, provision] : model.provisions) ids.push_back(id);
        std::string hint = closest_name(cite, ids);
        file.error(node["cite"], "rule " + rule.id + " cites '" + cite +
                                     "', which is not a provision of the regulation" +
                                     (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
      }
    }
    rule.cites = *cites;
    if (rule.cites.empty()) file.error(node["cite"], "rule " + rule.id + " cites no provision");
  }
  if (all) {
    if (!node["require"])
      file.error(node,
                 "rule " + rule.id +
                     ": under hit policy `all` each rule states its requirement with `require:`");
    if (!node["code"])
      file.error(node,
                 "rule " + rule.id +
                     ": under hit policy `all` each rule needs a `code` reported when it fails");
    if (node["when"] || node["then"])
      file.error(node["when"] ? node["when"] : node["then"],
                 "rule " + rule.id +
                     ": `when`/`then` belong to hit policies first/unique/collect; under `all` "
                     "write `require:`");
  } else {
    if (!node["then"])
      file.error(node, "rule " + rule.id + " needs `then:` giving the output fields");
    if (node["require"] || node["code"])
      file.error(node["require"] ? node["require"] : node["code"],
                 "rule " + rule.id +
                     ": `require`/`code` belong to hit policy `all`; write `when:` and `then:`");
  }
  if (node["code"]) rule.code = file.text(node["code"], "code").value_or("");
  rule.code_value = Value(rule.code);
  if (node["effective_from"])
    rule.effective_from = file.date(node["effective_from"], "effective_from");
  if (node["effective_to"]) rule.effective_to = file.date(node["effective_to"], "effective_to");
  if (node["overrides"])
    rule.overrides =
        file.text_list(node["overrides"], "overrides").value_or(std::vector<std::string>{});

  ExpressionCompiler compiler(file, model, index);
  Scope scope = decision_scope;  // the decision's lets, then the rule's own
  Usage usage;
  if (const YAML::Node lets = node["let"]) {
    if (!lets.IsMap()) {
      file.error(lets, "let should be a mapping of `name: expression` lines");
    } else {
      for (const auto& entry : lets) {
        std::string name = entry.first.Scalar();
        Expr expr = compiler.compile(entry.second, scope, nullptr, usage);
        const Type* type = expr.root ? expr.root->type : model.types.error();
        bool absent = expr.root && expr.root->maybe_absent;
        int slot = scope.bind(name, type, absent);
        rule.lets.push_back(LetBinding{name, slot, std::move(expr)});
      }
    }
  }
  const YAML::Node condition = all ? node["require"] : node["when"];
  rule.has_condition = static_cast<bool>(condition);
  if (condition) rule.condition = compiler.compile(condition, scope, model.types.boolean(), usage);
  if (const YAML::Node then = node["then"]; then && !all) {
    if (!then.IsMap()) {
      file.error(then, "then should be a mapping of `output_field: expression` lines");
    } else {
      for (const auto& entry : then) {
        std::string field = entry.first.Scalar();
        int f = decision.output->find(field);
        if (f < 0) {
          file.error(entry.first, decision.id + " has no output field '" + field + "'");
          continue;
        }
        const Type* type = decision.output->fields[static_cast<std::size_t>(f)].type;
        if (decision.hit == HitPolicy::kCollect) type = type->element;
        rule.then.emplace_back(f, compiler.compile(entry.second, scope, type, usage));
      }
      for (std::size_t f = 0; f < decision.output->fields.size(); ++f) {
        bool given = std::any_of(rule.then.begin(), rule.then.end(),
                                 [f](const auto& p) { return p.first == static_cast<int>(f); });
        if (!given && decision.hit != HitPolicy::kCollect) {
          file.error(then, "rule " + rule.id + " does not give output field '" +
                               decision.output->fields[f].name + "'");
        }
      }
    }
  }
  const YAML::Node because = node["because"];
  if (file.check_map(because, "because", {"zh", "en"}, {"zh", "en"})) {
    if (because["zh"] && because["zh"].IsScalar())
      rule.because_zh = compile_template(because["zh"], compiler, scope, usage, rule);
    if (because["en"] && because["en"].IsScalar())
      rule.because_en = compile_template(because["en"], compiler, scope, usage, rule);
  }
  merge_usage(rule, decision, usage);
  decision.rules.push_back(std::move(rule));
}

void resolve_overrides(const YamlFile& file, DecisionDef& decision) {
  for (std::size_t i = 0; i < decision.rules.size(); ++i) {
    RuleDef& rule = decision.rules[i];
    for (const std::string& target : rule.overrides) {
      auto it = std::find_if(decision.rules.begin(), decision.rules.end(),
                             [&](const RuleDef& r) { return r.id == target; });
      if (it == decision.rules.end() || &*it == &rule) {
        file.sink->error(rule.where, "rule " + rule.id + " overrides '" + target +
                                         "', which is not another rule of " + decision.id);
        continue;
      }
      if (decision.hit == HitPolicy::kAll) {
        file.sink->error(rule.where,
                         "overrides work with hit policies first/unique/collect, not all");
        continue;
      }
      it->overridden_by.push_back(static_cast<int>(i));
    }
  }
  // Overrides must not form a loop (a overrides b overrides a).
  std::vector<int> state(decision.rules.size(), 0);
  std::function<bool(std::size_t)> loops = [&](std::size_t i) {
    if (state[i] == 1) return true;
    if (state[i] == 2) return false;
    state[i] = 1;
    for (int by : decision.rules[i].overridden_by) {
      if (loops(static_cast<std::size_t>(by))) return true;
    }
    state[i] = 2;
    return false;
  };
  for (std::size_t i = 0; i < decision.rules.size(); ++i) {
    if (state[i] == 0 && loops(i)) {
      file.sink->error(decision.rules[i].where, "rules of " + decision.id +
                                                    " override each other in a loop, starting at " +
                                                    decision.rules[i].id);
      break;
    }
  }
}

}  // namespace

void declare_decisions(const Section& section, RuleSetModel& model,
                       std::vector<std::pair<const Section*, YAML::Node>>& declared) {
  const YamlFile& file = section.file;
  if (!section.node.IsSequence()) {
    file.error(section.node, "decisions should be a list; start each decision with '- id: ...'");
    return;
  }
  for (const YAML::Node& node : section.node) {
    if (!file.check_map(node, "a decision",
                        {"id", "title", "hit", "output", "let", "rules", "note"},
                        {"id", "hit", "output", "rules"}))
      continue;
    DecisionDef decision;
    decision.id = file.text(node["id"], "decision id").value_or("");
    decision.where = file.pos(node["id"]);
    if (model.find_decision(decision.id) >= 0) {
      file.error(node["id"], "decision '" + decision.id + "' is defined twice");
      continue;
    }
    if (const YAML::Node title = node["title"]) {
      if (file.check_map(title, "title", {"zh", "en"})) {
        if (title["zh"]) decision.title_zh = file.text(title["zh"], "title").value_or("");
        if (title["en"]) decision.title_en = file.text(title["en"], "title").value_or("");
      }
    }
    auto hit = parse_hit(node["hit"].Scalar());
    if (!hit) {
      file.error(node["hit"], "unknown hit policy '" + node["hit"].Scalar() +
                                  "' (use all, first, unique or collect)");
      continue;
    }
    decision.hit = *hit;
    RecordInfo* output = model.types.add_record("outcome of " + decision.id);
    const YAML::Node out = node["output"];
    if (decision.hit == HitPolicy::kAll) {
      if (!file.check_map(out, "output of an `all` decision", {"pass", "failures"},
                          {"pass", "failures"}))
        continue;
      output->fields.push_back(FieldInfo{out["pass"].Scalar(), model.types.boolean(), false, ""});
      output->fields.push_back(FieldInfo{out["failures"].Scalar(),
                                         model.types.list_of(model.types.string()), false, ""});
      decision.pass_field = 0;
      decision.failures_field = 1;
    } else {
      if (!out.IsMap()) {
        file.error(out, "output should be a mapping of `field: type` lines");
        continue;
      }
      for (const auto& entry : out) {
        bool optional = false;
        std::string type_name = entry.second.Scalar();
        if (!type_name.empty() && type_name.back() == '?') {
          optional = true;
          type_name.pop_back();
        }
        const Type* type = model.types.lookup(type_name);
        if (type == nullptr) {
          file.error(entry.second, "unknown type '" + type_name + "'");
          continue;
        }
        if (decision.hit == HitPolicy::kCollect) type = model.types.list_of(type);
        output->fields.push_back(FieldInfo{entry.first.Scalar(), type, optional, ""});
      }
    }
    decision.output = output;
    decision.output_type = model.types.record_type(output);
    model.decisions.push_back(std::move(decision));
    declared.emplace_back(&section, node);
  }
}

void define_decision(const Section& section, const YAML::Node& node, int index,
                     RuleSetModel& model) {
  DecisionDef& decision = model.decisions[static_cast<std::size_t>(index)];
  const YamlFile& file = section.file;
  const YAML::Node rules = node["rules"];
  if (!rules.IsSequence() || rules.size() == 0) {
    file.error(rules, decision.id + ": rules should be a non-empty list");
    return;
  }
  int next_slot = 0;
  Scope scope(&next_slot);
  std::deque<Usage> let_usages;  // what each decision-level let reads; the scope points into it
  if (const YAML::Node lets = node["let"]) {
    if (!lets.IsMap()) {
      file.error(lets, "let should be a mapping of `name: expression` lines");
    } else {
      ExpressionCompiler compiler(file, model, index);
      for (const auto& entry : lets) {
        let_usages.emplace_back();
        Expr expr = compiler.compile(entry.second, scope, nullptr, let_usages.back());
        const Type* type = expr.root ? expr.root->type : model.types.error();
        bool absent = expr.root && expr.root->maybe_absent;
        int slot = next_slot++;
        int let_index = static_cast<int>(decision.lets.size());
        scope.bind_decision_let(entry.first.Scalar(), type, absent, let_index, slot,
                                &let_usages.back());
        decision.lets.push_back(LetBinding{entry.first.Scalar(), slot, std::move(expr)});
      }
    }
  }
  std::unordered_set<std::string> rule_ids;
  for (const YAML::Node& rule : rules)
    define_rule(file, rule, decision, index, model, scope, rule_ids);
  decision.slot_count = next_slot;
  resolve_overrides(file, decision);
  if (decision.hit == HitPolicy::kUnique && decision.rules.size() > 1) {
    for (const RuleDef& rule : decision.rules) {
      if (!rule.has_condition && rule.overridden_by.empty()) {
        file.sink->error(rule.where, "rule " + rule.id +
                                         " has no `when`, so under hit policy `unique` it applies "
                                         "together with every other rule of " +
                                         decision.id + "; give it a `when:`, or use hit: first");
      }
    }
  }
}

void check_decision_graph(RuleSetModel& model, DiagnosticSink& sink) {
  std::vector<int> state(model.decisions.size(), 0);
  std::vector<int> stack;
  std::function<bool(int)> visit = [&](int d) {
    auto i = static_cast<std::size_t>(d);
    if (state[i] == 1) {
      std::string cycle;
      auto start = std::find(stack.begin(), stack.end(), d);
      for (auto it = start; it != stack.end(); ++it)
        cycle += model.decisions[static_cast<std::size_t>(*it)].id + " → ";
      cycle += model.decisions[i].id;
      sink.error(model.decisions[i].where,
                 "decisions use each other's outcomes in a cycle: " + cycle);
      return true;
    }
    if (state[i] == 2) return false;
    state[i] = 1;
    stack.push_back(d);
    for (int dep : model.decisions[i].depends_on) {
      if (visit(dep)) return true;
    }
    stack.pop_back();
    state[i] = 2;
    return false;
  };
  for (std::size_t d = 0; d < model.decisions.size(); ++d) {
    if (state[d] == 0 && visit(static_cast<int>(d))) return;
  }
}

}  // namespace tiaoli::detail
