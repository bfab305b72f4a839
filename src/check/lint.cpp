#include "check/lint.hpp"

#include <map>
#include <set>

#include "eval/decide.hpp"
#include "facts/facts_reader.hpp"

namespace tiaoli::detail {
namespace {

bool always_applies(const RuleDef& rule) {
  return !rule.condition.root && !rule.effective_from && !rule.effective_to &&
         rule.overridden_by.empty();
}

bool literal_false(const RuleDef& rule) {
  const Node* root = rule.condition.root.get();
  return root != nullptr && root->kind == NodeKind::kLiteral &&
         root->literal.kind() == Value::Kind::kBool && !root->literal.as_bool();
}

void unreachable_rules(const DecisionDef& decision, DiagnosticSink& sink) {
  if (decision.hit != HitPolicy::kFirst) return;
  std::map<std::string, const RuleDef*> conditions;  // condition text → first rule with it
  const RuleDef* catch_all = nullptr;
  for (const RuleDef& rule : decision.rules) {
    if (catch_all != nullptr) {
      sink.warning(rule.where, "rule " + rule.id + " can never apply: rule " + catch_all->id +
                                   " before it has no `when`, so it always decides first (under "
                                   "hit policy first, put the default rule last)");
      continue;
    }
    if (literal_false(rule)) {
      sink.warning(rule.where, "rule " + rule.id + " can never apply: its condition is `false`");
      continue;
    }
    if (rule.condition.root && !rule.effective_from && !rule.effective_to) {
      auto [it, inserted] = conditions.emplace(rule.condition.text, &rule);
      if (!inserted && !it->second->effective_from && !it->second->effective_to) {
        sink.warning(rule.where, "rule " + rule.id + " can never apply: rule " + it->second->id +
                                     " before it has the same condition `" + rule.condition.text +
                                     "`");
      }
    }
    if (always_applies(rule)) catch_all = &rule;
  }
}

// enum-typed expression text → the values rules compare it with.
using Mentions = std::map<std::string, std::pair<const EnumInfo*, std::set<int>>>;

std::string source_text(const Node& node, const std::string& text) {
  return text.substr(static_cast<std::size_t>(node.offset), static_cast<std::size_t>(node.length));
}

void collect_mentions(const Node& node, const std::string& text, Mentions& mentions) {
  if (node.kind == NodeKind::kBinary && (node.op == Op::kEq || node.op == Op::kIn)) {
    const Node& subject = *node.children[0];
    const Node& other = *node.children[1];
    if (subject.type != nullptr && subject.type->is(TypeKind::kEnum)) {
      auto& [info, values] = mentions[source_text(subject, text)];
      info = subject.type->enum_info;
      auto note = [&values = values](const Node& literal) {
        if (literal.kind == NodeKind::kLiteral && literal.literal.kind() == Value::Kind::kEnum) {
          values.insert(literal.literal.as_enum().index);
        }
      };
      note(other);
      if (other.kind == NodeKind::kList) {
        for (const auto& element : other.children) note(*element);
      }
    }
  }
  for (const auto& child : node.children) {
    if (child) collect_mentions(*child, text, mentions);
  }
}

void unhandled_enum_values(const DecisionDef& decision, DiagnosticSink& sink) {
  if (decision.hit != HitPolicy::kFirst && decision.hit != HitPolicy::kUnique) return;
  Mentions mentions;
  for (const RuleDef& rule : decision.rules) {
    if (!rule.condition.root) return;  // a default rule handles everything else
    collect_mentions(*rule.condition.root, rule.condition.text, mentions);
    for (const LetBinding& let : rule.lets) {
      if (let.expr.root) collect_mentions(*let.expr.root, let.expr.text, mentions);
    }
  }
  for (const auto& [subject, mention] : mentions) {
    const auto& [info, values] = mention;
    if (values.size() < 2) continue;  // not a case analysis over this enum
    std::set<int> ranks_seen;
    for (int v : values) ranks_seen.insert(info->ranks[static_cast<std::size_t>(v)]);
    std::string missing;
    for (std::size_t v = 0; v < info->values.size(); ++v) {
      bool handled = values.count(static_cast<int>(v)) > 0 ||
                     (info->ordered && ranks_seen.count(info->ranks[v]) > 0);
      if (!handled) missing += (missing.empty() ? "" : ", ") + info->values[v];
    }
    if (!missing.empty()) {
      std::string message = "no rule of " + decision.id + " handles " + subject;
      message += " = " + missing + " (" + info->name +
                 "), and it has no default rule: such facts would get no decision";
      sink.warning(decision.where, message);
    }
  }
}

// Two rules of a `unique` decision that both apply to one test case's facts overlap.
void unique_overlaps(const RuleSetModel& model, DiagnosticSink& sink) {
  for (std::size_t d = 0; d < model.decisions.size(); ++d) {
    const DecisionDef& decision = model.decisions[d];
    if (decision.hit != HitPolicy::kUnique) continue;
    std::set<std::pair<int, int>> reported;
    for (const TestCase& test : model.tests) {
      auto bound = bind_facts(model, test.facts);
      if (!bound.ok() || !test.as_of || !test.parameters.empty()) continue;
      std::vector<int> applying =
          rules_that_apply(model, static_cast<int>(d), *bound.value()->record, *test.as_of);
      for (std::size_t a = 0; a + 1 < applying.size(); ++a) {
        for (std::size_t b = a + 1; b < applying.size(); ++b) {
          if (!reported.emplace(applying[a], applying[b]).second) continue;
          const RuleDef& first = decision.rules[static_cast<std::size_t>(applying[a])];
          const RuleDef& second = decision.rules[static_cast<std::size_t>(applying[b])];
          sink.error(second.where, "rules " + first.id + " and " + second.id + " of " +
                                       decision.id + " both apply to the facts of test '" +
                                       test.name + "' (" + test.where.file->path() + ":" +
                                       std::to_string(test.where.line) +
                                       "); under hit policy unique they must not overlap — narrow "
                                       "a `when`, or declare `overrides:`");
        }
      }
    }
  }
}

}  // namespace

void lint_rule_set(const RuleSetModel& model, DiagnosticSink& sink) {
  for (const DecisionDef& decision : model.decisions) {
    unreachable_rules(decision, sink);
    unhandled_enum_values(decision, sink);
  }
  unique_overlaps(model, sink);
}

}  // namespace tiaoli::detail
