// One loader per section kind of a rule file. Each reads its YAML into the model and reports
// every problem it finds; none of them throws.
#pragma once

#include <yaml-cpp/yaml.h>

#include "load/yaml_util.hpp"
#include "model/model.hpp"

namespace tiaoli::detail {

// A top-level section of a rule file, e.g. the `decisions:` of decisions/selection.yaml.
struct Section {
  YamlFile file;
  YAML::Node node;
};

void load_regulation(const YamlFile& file, const YAML::Node& root, RuleSetModel& model);
void load_schema(const std::vector<Section>& sections, RuleSetModel& model);
void load_calendar(const Section& section, std::string_view wanted_id, RuleSetModel& model,
                   bool& found);
void load_parameters(const Section& section, RuleSetModel& model);
// Decisions load in two passes so that a decision may use another's outcome whatever the order.
void declare_decisions(const Section& section, RuleSetModel& model,
                       std::vector<std::pair<const Section*, YAML::Node>>& declared);
void define_decision(const Section& section, const YAML::Node& node, int index,
                     RuleSetModel& model);
void check_decision_graph(RuleSetModel& model, DiagnosticSink& sink);
void load_tests(const Section& section, RuleSetModel& model);
void load_coverage(const Section& section, RuleSetModel& model);

// Parses a literal value of `type` written in a rule file (a parameter value, say).
std::optional<Value> literal_value(const YamlFile& file, const YAML::Node& node, const Type& type,
                                   std::string_view what);

}  // namespace tiaoli::detail
