// Loading a rule set and asking it for decisions.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tiaoli/decision.hpp"
#include "tiaoli/fact_value.hpp"
#include "tiaoli/result.hpp"
#include "tiaoli/value.hpp"

namespace tiaoli {

namespace detail {
struct RuleSetModel;
struct BoundFacts;
}  // namespace detail

enum class FactsFormat {
  kYaml,
  kJson
};  // YAML is a superset of JSON; kJson is faster and stricter

// A facts document bound to a rule set's schema. Cheap to move; immutable.
class Facts {
 public:
  Facts(std::shared_ptr<const detail::BoundFacts> bound);  // NOLINT: made by RuleSet::parse_facts
  // The document's `as_of` date, if it had one.
  std::optional<Date> as_of() const;
  // The document's top-level `id`, if any (echoed in batch results).
  const std::string& id() const;
  const detail::BoundFacts& bound() const { return *bound_; }

 private:
  std::shared_ptr<const detail::BoundFacts> bound_;
};

struct EvalOptions {
  std::optional<Date> as_of;  // overrides the facts' as_of; one of the two is required
  bool justify = true;        // false: outcome only (faster; the justification is empty)
  // Evaluation steps one decision may take (each expression node and list element is a step);
  // a decision that needs more fails with a clear error instead of running on.
  int max_steps = 1000000;

  // The options for deciding without a justification (the fastest way).
  static EvalOptions outcome_only() {
    EvalOptions options;
    options.justify = false;
    return options;
  }
  // "What if" values for parameters, by name, written as in a rule file (e.g. {"min_age", "20"},
  // {"age_convention", "day_after_birthday"}). Justifications mark them as overridden.
  std::vector<std::pair<std::string, std::string>> parameters;
};

// One rule file given in memory (RuleSet::load_files): its path relative to the rule-set root,
// as it would be inside a rule-set folder ("ruleset.yaml", "decisions/selection.yaml"), and its
// text (UTF-8 YAML).
struct RuleFile {
  std::string path;
  std::string text;
};

// Information about a decision the rule set defines.
struct DecisionInfo {
  std::string id;
  std::string title_zh;
  std::string title_en;
  std::string hit_policy;
};

class PreparedDecision;

// An immutable, compiled rule set. Thread safety: every const member may be called from any
// number of threads at once. Hold it by std::shared_ptr<const RuleSet>; reloading means loading
// a new one and swapping the pointer (a failed load leaves the old one untouched).
class RuleSet : public std::enable_shared_from_this<RuleSet> {
 public:
  // Reads the rule-set folder at `path`. On failure the Error lists every problem found, each
  // with file, line and column. Never throws.
  static Result<std::shared_ptr<const RuleSet>> load(const std::string& path);
  // Loads a rule set from files held in memory (kept in a database, embedded in a binary, ...),
  // exactly as RuleSet::load would load a folder holding them: the same checks and limits (at
  // most 1000 files, 4 MiB each), and the same diagnostics, which name each file by its given
  // path and problems with the rule set as a whole by "<memory>". Paths must be relative,
  // inside the root, and end in .yaml or .yml; one of them must be "ruleset.yaml". The content
  // hash is the one RuleSet::load gives for a folder with these files. Never throws.
  static Result<std::shared_ptr<const RuleSet>> load_files(std::vector<RuleFile> files);

  explicit RuleSet(std::unique_ptr<detail::RuleSetModel> model);  // use load() or load_files()
  ~RuleSet();
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  const std::string& name() const;
  const std::string& title() const;
  const std::string& version() const;
  // Hex digest of every file's path (relative to the rule-set root) and bytes: the same files
  // give the same hash wherever the folder is, and whether loaded from a folder or from memory.
  const std::string& content_hash() const;
  const std::vector<Diagnostic>& warnings() const;
  std::vector<DecisionInfo> decisions() const;

  // Parses a facts document and checks it against the schema. Errors name the field path.
  Result<Facts> parse_facts(std::string_view text, FactsFormat format) const;
  // The same for a document built in C++ (see fact_value.hpp).
  Result<Facts> make_facts(const FactValue& document) const;

  // Decides `decision_id` for `facts`. Errors: unknown decision, no as_of date, facts the
  // decision needs are missing or invalid (the error names the field), a date outside the
  // calendar. Never throws.
  Result<Decision> decide(std::string_view decision_id, const Facts& facts,
                          const EvalOptions& options = {}) const;

  // `decision_id` looked up once, for a host that asks the same decision many times. Errors: an
  // unknown decision. Never throws.
  Result<PreparedDecision> prepare(std::string_view decision_id) const;

  const detail::RuleSetModel& model() const { return *model_; }

 private:
  std::unique_ptr<const detail::RuleSetModel> model_;
};

// One decision of a rule set, ready to be asked many times (RuleSet::prepare). Keeps its rule set
// alive; cheap to copy; every const member may be called from any number of threads at once.
class PreparedDecision {
 public:
  PreparedDecision(std::shared_ptr<const RuleSet> ruleset, int decision);  // use RuleSet::prepare

  const std::string& id() const;
  int index() const { return decision_; }  // in the rule set's decisions()
  const RuleSet& ruleset() const { return *ruleset_; }

  // The same as RuleSet::decide(id(), facts, options).
  Result<Decision> decide(const Facts& facts, const EvalOptions& options = {}) const;

  // The outcome alone (the fastest way to decide): the same outcome and errors as decide() with
  // options.justify = false (which it ignores), written into `outcome`, whose storage is reused:
  // a host that decides case after case into one Record allocates nothing for it once it has
  // the decision's fields, apart from the lists an outcome holds. On an error `outcome` is
  // unspecified. Never throws.
  Status decide_outcome(const Facts& facts, Record& outcome,
                        const EvalOptions& options = EvalOptions::outcome_only()) const;

 private:
  std::shared_ptr<const RuleSet> ruleset_;
  int decision_;
};

}  // namespace tiaoli
