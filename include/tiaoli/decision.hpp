// A decision's outcome and its justification.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tiaoli/value.hpp"

namespace tiaoli {

class RuleSet;

enum class Lang { kZh, kEn };

// A provision of the regulation a rule cites.
struct Provision {
  std::string id;    // "3.1.2"
  std::string text;  // the provision's text
};

// A parameter a rule used, with its source: the regulation, or a local interpretation.
struct ParameterUse {
  std::string name;
  std::string value;
  bool local_interpretation = false;
  std::string source;  // the provision id, or the interpretation's reason
  std::string note;
  std::string version;         // e.g. "effective from 2024-01-01", empty for unversioned parameters
  bool overridden = false;     // the value came from EvalOptions::parameters, not the rule set
  std::string rule_set_value;  // when overridden: the value the rule set itself gives
};

// A fact a rule read, rendered for display.
struct FactUse {
  std::string path;  // "candidate.birth_date"
  std::string value;
};

// One rule the decision considered.
struct RuleExplanation {
  std::string rule_id;
  std::string status;  // all: "held" / "failed"; first/unique/collect: "applied" / "not_applied" /
                       // "skipped"
  bool decisive = false;  // this rule determined (part of) the outcome
  std::string code;       // the failure code of an `all` rule, if any
  std::vector<Provision> cites;
  std::string message;  // the `because` template, rendered with the actual values
  std::vector<FactUse> facts;
  std::vector<ParameterUse> parameters;
  std::vector<std::string> notes;  // e.g. calendar days skipped
};

namespace detail {
struct DecisionTrace;
}

// The result of RuleSet::decide. Keeps its rule set alive. Rendering happens on request.
class Decision {
 public:
  Decision(std::shared_ptr<const RuleSet> ruleset,
           std::shared_ptr<const detail::DecisionTrace> trace);

  const std::string& decision_id() const;
  Date as_of() const;
  // The outcome record: the decision's output fields, in declaration order.
  const Record& outcome() const;
  // One outcome field by name; null Value when the decision has no such field.
  Value field(std::string_view name) const;

  std::vector<RuleExplanation> explain(Lang lang) const;
  std::string to_text(Lang lang) const;
  // {"decision", "as_of", "outcome", "justification", "ruleset": {name, version, content_hash}}
  std::string to_json(Lang lang) const;

  const detail::DecisionTrace& trace() const { return *trace_; }
  const RuleSet& ruleset() const { return *ruleset_; }

 private:
  std::shared_ptr<const RuleSet> ruleset_;
  std::shared_ptr<const detail::DecisionTrace> trace_;
};

}  // namespace tiaoli
