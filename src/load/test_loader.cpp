// The `tests` section (cases beside the rules) and the `coverage` section (provisions that no
// rule can decide, with the reason).
#include "facts/facts_reader.hpp"
#include "load/loaders.hpp"

namespace tiaoli::detail {
namespace {

// Maps merge key by key; anything else in `overlay` replaces what `base` had.
void merge_into(nlohmann::json& base, const nlohmann::json& overlay) {
  if (!base.is_object() || !overlay.is_object()) {
    base = overlay;
    return;
  }
  for (auto it = overlay.begin(); it != overlay.end(); ++it) merge_into(base[it.key()], it.value());
}

std::optional<nlohmann::json> json_of(const YamlFile& file, const YAML::Node& node) {
  try {
    return yaml_to_json(node, "");
  } catch (const FactError& e) {
    file.error(node, e.message);
    return std::nullopt;
  }
}

void load_case(const YamlFile& file, const YAML::Node& node, const nlohmann::json& default_facts,
               std::optional<Date> default_as_of, RuleSetModel& model) {
  if (!file.check_map(node, "a test case",
                      {"name", "decision", "as_of", "facts", "params", "expect", "expect_rules",
                       "expect_cites", "expect_error"},
                      {"name", "decision"})) {
    return;
  }
  TestCase test;
  test.name = file.text(node["name"], "test name").value_or("");
  test.decision = file.text(node["decision"], "decision").value_or("");
  test.where = file.pos(node["name"]);
  test.as_of = default_as_of;
  int decision = model.find_decision(test.decision);
  if (decision < 0) {
    file.error(node["decision"], "unknown decision '" + test.decision + "'");
    return;
  }
  if (node["as_of"]) test.as_of = file.date(node["as_of"], "as_of");
  test.facts = default_facts;
  if (node["facts"]) {
    auto overlay = json_of(file, node["facts"]);
    if (!overlay) return;
    merge_into(test.facts, *overlay);
  }
  if (!test.facts.is_object()) test.facts = nlohmann::json::object();
  if (const YAML::Node params = node["params"]) {
    if (!params.IsMap()) {
      file.error(params, "params should be a mapping of `parameter: value` lines");
      return;
    }
    for (const auto& entry : params) {
      std::string name = entry.first.Scalar();
      int index = model.find_param(name);
      if (index < 0) {
        file.error(entry.first, "unknown parameter '" + name + "'");
        continue;
      }
      if (!literal_value(file, entry.second, *model.params[static_cast<std::size_t>(index)].type,
                         "parameter " + name))
        continue;
      test.parameters.emplace_back(name, yaml_to_json(entry.second, "parameter " + name).dump());
    }
  }
  const RecordInfo& output = *model.decisions[static_cast<std::size_t>(decision)].output;
  if (const YAML::Node expect = node["expect"]) {
    if (!expect.IsMap()) {
      file.error(expect, "expect should be a mapping of `output_field: value` lines");
      return;
    }
    for (const auto& entry : expect) {
      std::string field = entry.first.Scalar();
      int f = output.find(field);
      if (f < 0) {
        file.error(entry.first, test.decision + " has no output field '" + field + "'");
        continue;
      }
      auto value = json_of(file, entry.second);
      if (!value) continue;
      const FieldInfo& info = output.fields[static_cast<std::size_t>(f)];
      if (value->is_null() && info.optional) {  // expect the optional output to be absent
        test.expect.emplace_back(field, *value);
        continue;
      }
      try {  // an expected value of the wrong type is the test author's mistake: say so now
        bind_value(*info.type, *value, field);
      } catch (const FactError& e) {
        file.error(entry.second, "expected value: " + e.message);
        continue;
      }
      test.expect.emplace_back(field, *value);
    }
  }
  // text_list gives an empty list for `[]`: "no rule applies" / "no provision".
  if (node["expect_rules"])
    test.expect_rules = file.text_list(node["expect_rules"], "expect_rules");
  if (node["expect_cites"])
    test.expect_cites = file.text_list(node["expect_cites"], "expect_cites");
  if (node["expect_error"])
    test.expect_error = file.text(node["expect_error"], "expect_error").value_or("");
  bool expect_written = node["expect"] && node["expect"].IsMap() && node["expect"].size() > 0;
  if (!expect_written && test.expect_error.empty() && !test.expect_rules) {
    file.error(node, "test '" + test.name +
                         "' expects nothing; add expect:, expect_rules: or expect_error:");
    return;
  }
  model.tests.push_back(std::move(test));
}

}  // namespace

void load_tests(const Section& section, RuleSetModel& model) {
  const YamlFile& file = section.file;
  if (!file.check_map(section.node, "tests", {"defaults", "cases"}, {"cases"})) return;
  nlohmann::json default_facts = nlohmann::json::object();
  std::optional<Date> default_as_of;
  if (const YAML::Node defaults = section.node["defaults"]) {
    if (!file.check_map(defaults, "test defaults", {"as_of", "facts"})) return;
    if (defaults["as_of"]) default_as_of = file.date(defaults["as_of"], "as_of");
    if (defaults["facts"]) {
      auto facts = json_of(file, defaults["facts"]);
      if (!facts) return;
      default_facts = *facts;
    }
  }
  const YAML::Node cases = section.node["cases"];
  if (!cases.IsSequence()) {
    file.error(cases, "cases should be a list; start each case with '- name: ...'");
    return;
  }
  for (const YAML::Node& node : cases) load_case(file, node, default_facts, default_as_of, model);
}

void load_coverage(const Section& section, RuleSetModel& model) {
  const YamlFile& file = section.file;
  if (!file.check_map(section.node, "coverage", {"not_decidable"}, {"not_decidable"})) return;
  const YAML::Node list = section.node["not_decidable"];
  if (!list.IsSequence()) {
    file.error(list, "not_decidable should be a list of {id, reason}");
    return;
  }
  for (const YAML::Node& node : list) {
    if (!file.check_map(node, "a not-decidable provision", {"id", "reason"}, {"id", "reason"}))
      continue;
    UndecidableProvision entry{node["id"].Scalar(), node["reason"].Scalar(), file.pos(node["id"])};
    if (!model.provision(entry.id)) {
      file.error(node["id"], "'" + entry.id + "' is not a provision of the regulation");
      continue;
    }
    model.undecidable.push_back(std::move(entry));
  }
}

}  // namespace tiaoli::detail
