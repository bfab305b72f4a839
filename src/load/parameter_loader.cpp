// The `parameters` section: named values with a source and, optionally, effective dates.
#include <algorithm>

#include "facts/facts_reader.hpp"
#include "load/loaders.hpp"

namespace tiaoli::detail {

std::optional<Value> literal_value(const YamlFile& file, const YAML::Node& node, const Type& type,
                                   std::string_view what) {
  try {
    return bind_value(type, yaml_to_json(node, std::string(what)), std::string(what));
  } catch (const FactError& e) {
    file.error(node, e.message);
  } catch (const YAML::Exception& e) {
    file.error(node, std::string(what) + ": " + e.msg);
  }
  return std::nullopt;
}

namespace {

void load_parameter(const YamlFile& file, const YAML::Node& name_node, const YAML::Node& node,
                    RuleSetModel& model) {
  ParamDef param;
  param.name = name_node.Scalar();
  param.where = file.pos(name_node);
  std::string what = "parameter " + param.name;
  if (model.find_param(param.name) >= 0) {
    file.error(name_node, "parameter '" + param.name + "' is defined twice");
    return;
  }
  if (!file.check_map(node, what, {"type", "value", "versions", "cite", "interpretation", "note"},
                      {"type"}))
    return;
  param.type = model.types.lookup(node["type"].Scalar());
  if (param.type == nullptr) {
    file.error(node["type"], what + ": unknown type '" + node["type"].Scalar() + "'");
    return;
  }
  bool cited = static_cast<bool>(node["cite"]);
  bool interpreted = static_cast<bool>(node["interpretation"]);
  if (cited == interpreted) {
    file.error(name_node,
               what +
                   " needs exactly one source: `cite:` (the provision that fixes it) or "
                   "`interpretation:` (why the rule set chose it, when the regulation is silent)");
  }
  if (cited) {
    param.cite = file.text(node["cite"], "cite").value_or("");
    if (!param.cite.empty() && !model.provisions.empty() && !model.provision(param.cite)) {
      file.error(node["cite"],
                 what + " cites '" + param.cite + "', which is not a provision of the regulation");
    }
  }
  if (interpreted) {
    param.local_interpretation = true;
    param.reason = unfold_cjk(file.text(node["interpretation"], "interpretation").value_or(""));
  }
  if (node["note"]) param.note = unfold_cjk(file.text(node["note"], "note").value_or(""));
  if (static_cast<bool>(node["value"]) == static_cast<bool>(node["versions"])) {
    file.error(name_node,
               what + " needs either `value:` or `versions:` (a list of {effective_from, value})");
    return;
  }
  if (node["value"]) {
    if (auto v = literal_value(file, node["value"], *param.type, what))
      param.versions.push_back(ParamVersion{Date{INT32_MIN}, Date{INT32_MAX}, *v, false});
  } else if (!node["versions"].IsSequence()) {
    file.error(node["versions"], what + ": versions should be a list of {effective_from, value}");
  } else {
    for (const YAML::Node& version : node["versions"]) {
      if (!file.check_map(version, "a version of " + param.name,
                          {"effective_from", "effective_to", "value"}, {"effective_from", "value"}))
        continue;
      ParamVersion v;
      v.versioned = true;
      auto from = file.date(version["effective_from"], "effective_from");
      auto value = literal_value(file, version["value"], *param.type, what);
      if (!from || !value) continue;
      v.from = *from;
      v.value = *value;
      if (version["effective_to"]) {
        auto to = file.date(version["effective_to"], "effective_to");
        if (!to) continue;
        if (*to < *from)
          file.error(version["effective_to"], "effective_to is before effective_from");
        v.to = *to;
      }
      param.versions.push_back(v);
    }
    // A version without effective_to lasts until the next one starts.
    std::sort(param.versions.begin(), param.versions.end(),
              [](const ParamVersion& a, const ParamVersion& b) { return a.from < b.from; });
    for (std::size_t i = 0; i + 1 < param.versions.size(); ++i) {
      if (param.versions[i].to == Date{INT32_MAX})
        param.versions[i].to = Date{param.versions[i + 1].from.days - 1};
      if (param.versions[i].to >= param.versions[i + 1].from) {
        file.error(node["versions"],
                   what + ": the version from " + param.versions[i].from.to_string() +
                       " overlaps the one from " + param.versions[i + 1].from.to_string());
      }
    }
  }
  model.params.push_back(std::move(param));
}

}  // namespace

void load_parameters(const Section& section, RuleSetModel& model) {
  if (!section.node.IsMap()) {
    section.file.error(section.node, "parameters should be a mapping of parameter names");
    return;
  }
  for (const auto& entry : section.node)
    load_parameter(section.file, entry.first, entry.second, model);
}

}  // namespace tiaoli::detail
