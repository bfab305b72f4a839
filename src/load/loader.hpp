// Entry points of loading: a rule-set folder, or rule files held in memory, into a model;
// problems into the sink. Both go through one routine (loader.cpp): the folder loader only lists
// and reads the files.
#pragma once

#include <string>
#include <vector>

#include "common/source.hpp"
#include "model/model.hpp"
#include "tiaoli/ruleset.hpp"

namespace tiaoli::detail {

// How diagnostics about an in-memory rule set as a whole (not about one of its files) name it.
inline constexpr const char* kMemoryRuleSetName = "<memory>";

// The folder at `path`: every .yaml/.yml file below it. Diagnostics name files by the folder's
// path joined with theirs ("rules/huzhou/decisions/selection.yaml").
void load_rule_set(const std::string& path, RuleSetModel& model, DiagnosticSink& sink);

// Rule files given in memory, paths relative to the rule-set root. Diagnostics name files by
// those paths ("decisions/selection.yaml"), the rule set as a whole by kMemoryRuleSetName.
void load_rule_files(std::vector<RuleFile> files, RuleSetModel& model, DiagnosticSink& sink);

}  // namespace tiaoli::detail
