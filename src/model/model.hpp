// The compiled, immutable rule set: everything the loader read, checked and resolved.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/source.hpp"
#include "expr/ast.hpp"
#include "model/types.hpp"
#include "tiaoli/value.hpp"
#include "time/calendar.hpp"

namespace tiaoli::detail {

struct FastProgram;  // eval/fast_program.hpp

struct ProvisionInfo {
  std::string id;
  std::string text;
  std::string chapter;             // "三、网格员选拔与任用"
  std::string section;             // "(一)选拔条件"
  std::vector<std::string> items;  // for a section id: the ids of its items
};

struct ParamVersion {
  Date from{INT32_MIN};
  Date to{INT32_MAX};
  Value value;
  bool versioned = false;  // declared under `versions`
};

struct ParamDef {
  std::string name;
  const Type* type = nullptr;
  std::vector<ParamVersion> versions;
  bool local_interpretation = false;
  std::string cite;    // provision id, when from the regulation
  std::string reason;  // the local interpretation's reason
  std::string note;
  SourcePos where;
  bool used = false;

  // The version in force on `day`, or null when none is.
  const ParamVersion* version_on(Date day) const;
};

// A checked expression and where it came from.
struct Expr {
  NodePtr root;
  std::string text;
};

// A message template: literal text and expressions in braces.
struct MessageTemplate {
  struct Part {
    std::string literal;
    int expr = -1;  // index into the rule's template_exprs, or -1 for literal text
  };
  std::vector<Part> parts;
};

enum class HitPolicy { kAll, kFirst, kUnique, kCollect };
const char* hit_policy_name(HitPolicy policy);

// A fact path a rule reads, for the justification: root field then fields; stops at lists.
struct FactPath {
  std::string text;  // "candidate.birth_date"
  std::vector<int> fields;
};

struct LetBinding {
  std::string name;
  int slot = -1;
  Expr expr;
};

struct RuleDef {
  std::string id;
  std::vector<std::string> cites;
  std::string code;  // for `all`
  Value code_value;  // `code` as a Value, made once: a failed rule adds it to the failures list
  std::vector<LetBinding> lets;
  Expr condition;              // `when` (first/unique/collect) or `require` (all)
  bool has_condition = false;  // written in the file (its expression may have failed to check)
  std::vector<std::pair<int, Expr>> then;  // output field index → value
  MessageTemplate because_zh;
  MessageTemplate because_en;
  std::vector<Expr> template_exprs;
  std::optional<Date> effective_from;
  std::optional<Date> effective_to;
  std::vector<std::string> overrides;  // ids of rules this one overrides when it applies
  std::vector<int> overridden_by;      // resolved: indices of rules that override this one
  SourcePos where;

  // Derived by the checker.
  std::vector<FactPath> facts_read;
  std::vector<int> params_used;
  bool uses_calendar = false;

  bool in_force_on(Date day) const {
    return (!effective_from || *effective_from <= day) && (!effective_to || day <= *effective_to);
  }
};

struct DecisionDef {
  std::string id;
  std::string title_zh;
  std::string title_en;
  HitPolicy hit = HitPolicy::kFirst;
  RecordInfo* output = nullptr;  // owned by the type table
  const Type* output_type = nullptr;
  int pass_field = -1;      // `all`: the bool field
  int failures_field = -1;  // `all`: the list of failed codes
  std::vector<LetBinding>
      lets;  // decision-level: shared by its rules, each computed once when used
  std::vector<RuleDef> rules;
  int slot_count = 0;
  std::vector<int> depends_on;  // decisions referenced with decision("...")
  SourcePos where;
  std::shared_ptr<const FastProgram> fast_program;  // null: the interpreter decides every case
};

struct TestCase {
  std::string name;
  std::string decision;
  nlohmann::json facts;  // the case's facts merged over the file's defaults
  std::optional<Date> as_of;
  std::vector<std::pair<std::string, nlohmann::json>> expect;  // output field → expected value
  std::optional<std::vector<std::string>> expect_rules;
  std::optional<std::vector<std::string>> expect_cites;
  std::string expect_error;                                     // substring of the expected error
  std::vector<std::pair<std::string, std::string>> parameters;  // "what if" parameter values
  SourcePos where;
};

struct UndecidableProvision {
  std::string id;
  std::string reason;
  SourcePos where;
};

struct RuleSetModel {
  std::string name;
  std::string title;
  std::string version;
  std::string content_hash;
  std::string root_path;
  std::deque<SourceFile> files;
  std::vector<Diagnostic> warnings;

  TypeTable types;
  const RecordInfo* facts = nullptr;  // the record type of a whole facts document
  std::map<std::string, ProvisionInfo, std::less<>> provisions;
  std::vector<std::string> provision_order;  // item ids in regulation order
  std::vector<UndecidableProvision> undecidable;
  std::vector<ParamDef> params;
  std::vector<DecisionDef> decisions;
  std::optional<time::Calendar> calendar;
  bool calendar_named = false;  // ruleset.yaml names one (it may have failed to load)
  std::vector<TestCase> tests;

  int find_decision(std::string_view id) const;
  int find_param(std::string_view name) const;
  const ProvisionInfo* provision(std::string_view id) const;
};

}  // namespace tiaoli::detail
