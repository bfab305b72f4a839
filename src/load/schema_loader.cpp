// The `schema` section: enums, records and the top-level entries of a facts document.
#include <map>

#include "load/loaders.hpp"

namespace tiaoli::detail {
namespace {

void declare_enum(const YamlFile& file, const YAML::Node& name_node, const YAML::Node& node,
                  TypeTable& types) {
  std::string name = name_node.Scalar();
  if (types.find_enum(name) || types.find_record(name) || types.lookup(name)) {
    file.error(name_node, "the type name '" + name + "' is already used");
    return;
  }
  if (!file.check_map(node, "enum " + name, {"ordered", "values", "label"}, {"values"})) return;
  EnumInfo* info = types.add_enum(name);
  if (node["ordered"]) info->ordered = file.boolean(node["ordered"], "ordered").value_or(false);
  const YAML::Node values = node["values"];
  if (!values.IsSequence() || values.size() == 0) {
    file.error(values, "enum " + name + ": values should be a non-empty list");
    return;
  }
  int rank = 0;
  auto add_value = [&](const YAML::Node& v) {
    auto text = file.text(v, "an enum value");
    if (!text) return;
    if (info->find(*text) >= 0) file.error(v, "enum " + name + ": '" + *text + "' is listed twice");
    info->values.push_back(*text);
    info->ranks.push_back(rank);
  };
  for (const YAML::Node& value : values) {
    if (value.IsSequence()) {
      if (!info->ordered)
        file.error(value,
                   "enum " + name +
                       ": values of equal rank ([a, b]) only make sense with `ordered: true`");
      for (const YAML::Node& same : value) add_value(same);
    } else {
      add_value(value);
    }
    ++rank;
  }
}

const Type* resolve_type(const YamlFile& file, const YAML::Node& node, TypeTable& types,
                         bool& optional) {
  std::string text = node.Scalar();
  optional = !text.empty() && text.back() == '?';
  if (optional) text.pop_back();
  const Type* type = types.lookup(text);
  if (type == nullptr) {
    file.error(
        node,
        "unknown type '" + text +
            "' (use bool, int, decimal, string, date, duration, an enum, a record, or list<...>)");
  }
  return type;
}

void load_fields(const YamlFile& file, const YAML::Node& node, RecordInfo& record,
                 TypeTable& types) {
  if (!node.IsMap()) {
    file.error(node, "record " + record.name + " should be a mapping of `field: type` lines");
    return;
  }
  for (const auto& entry : node) {
    std::string name = entry.first.Scalar();
    if (record.find(name) >= 0) {
      file.error(entry.first, "record " + record.name + ": field '" + name + "' is declared twice");
      continue;
    }
    FieldInfo field;
    field.name = name;
    const YAML::Node& spec = entry.second;
    if (spec.IsScalar()) {
      field.type = resolve_type(file, spec, types, field.optional);
    } else {
      if (!file.check_map(spec, "field " + record.name + "." + name,
                          {"type", "optional", "label", "min", "max"}, {"type"}))
        continue;
      bool marked = false;
      field.type = resolve_type(file, spec["type"], types, marked);
      field.optional = marked || (spec["optional"] &&
                                  file.boolean(spec["optional"], "optional").value_or(false));
      if (spec["label"]) field.label = file.text(spec["label"], "label").value_or("");
      for (const char* bound : {"min", "max"}) {
        if (!spec[bound]) continue;
        if (field.type == nullptr || !field.type->is_numeric()) {
          file.error(spec[bound], std::string(bound) + " applies to int and decimal fields");
          continue;
        }
        auto value = Decimal::parse(spec[bound].Scalar());
        if (!value)
          file.error(spec[bound],
                     std::string(bound) + ": '" + spec[bound].Scalar() + "' is not a number");
        (bound[1] == 'i' ? field.min : field.max) = value;
      }
    }
    if (field.type != nullptr) record.fields.push_back(std::move(field));
  }
}

}  // namespace

void load_schema(const std::vector<Section>& sections, RuleSetModel& model) {
  if (sections.empty()) return;
  TypeTable& types = model.types;
  std::map<std::string, RecordInfo*> declared;
  const Section* facts_section = nullptr;
  for (const Section& section : sections) {
    const YamlFile& file = section.file;
    if (!file.check_map(section.node, "schema", {"enums", "records", "facts"})) continue;
    if (const YAML::Node enums = section.node["enums"]) {
      if (!enums.IsMap())
        file.error(enums, "enums should be a mapping of enum names");
      else
        for (const auto& entry : enums) declare_enum(file, entry.first, entry.second, types);
    }
    if (const YAML::Node recs = section.node["records"]) {
      if (!recs.IsMap()) {
        file.error(recs, "records should be a mapping of record names");
        continue;
      }
      for (const auto& entry : recs) {
        std::string name = entry.first.Scalar();
        if (types.find_enum(name) || types.find_record(name) || types.lookup(name)) {
          file.error(entry.first, "the type name '" + name + "' is already used");
          continue;
        }
        declared[name] = types.add_record(name);
      }
    }
    if (section.node["facts"]) {
      if (facts_section) file.error(section.node["facts"], "the facts entries are declared twice");
      facts_section = &section;
    }
  }
  // Fields next, now that every record name is known (records may refer to each other).
  for (const Section& section : sections) {
    const YAML::Node recs = section.node.IsMap() ? section.node["records"] : YAML::Node();
    if (!recs || !recs.IsMap()) continue;
    for (const auto& entry : recs) {
      auto it = declared.find(entry.first.Scalar());
      if (it != declared.end()) load_fields(section.file, entry.second, *it->second, types);
    }
  }
  if (facts_section == nullptr) {
    sections.front().file.error(sections.front().node,
                                "schema needs `facts:` naming the top-level entries of a facts "
                                "document (e.g. candidate: candidate)");
    return;
  }
  RecordInfo* facts = types.add_record("facts document");
  const YamlFile& file = facts_section->file;
  const YAML::Node entries = facts_section->node["facts"];
  if (!entries.IsMap()) {
    file.error(entries, "facts should be a mapping such as `candidate: candidate`");
    return;
  }
  for (const auto& entry : entries) {
    std::string name = entry.first.Scalar();
    if (name == "as_of" || name == "id" || name == "params") {
      file.error(entry.first, "'" + name + "' is reserved; choose another name for this entry");
      continue;
    }
    if (facts->find(name) >= 0) {
      file.error(entry.first, "facts entry '" + name + "' is declared twice");
      continue;
    }
    bool optional = false;
    const Type* type = resolve_type(file, entry.second, types, optional);
    if (type != nullptr) facts->fields.push_back(FieldInfo{name, type, true, ""});
  }
  model.facts = facts;
}

}  // namespace tiaoli::detail
