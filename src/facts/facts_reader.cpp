#include "facts/facts_reader.hpp"

#include <charconv>
#include <cmath>
#include <regex>

#include <yaml-cpp/yaml.h>

#include "common/text_checks.hpp"

namespace tiaoli::detail {
namespace {

// Hosts send whole records; these bound what one document may make the engine hold.
constexpr std::size_t kMaxListLength = 100000;
constexpr int kMaxDepth = 64;

bool is_plain_int(const std::string& s) {
  static const std::regex pattern("[-+]?[0-9]+");
  return std::regex_match(s, pattern);
}
bool is_plain_float(const std::string& s) {
  static const std::regex pattern("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  return std::regex_match(s, pattern);
}

nlohmann::json scalar_to_json(const YAML::Node& node, const std::string& path) {
  const std::string& s = node.Scalar();
  if (node.Tag() == "!") return s;  // quoted: always a string
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (is_plain_int(s)) {
    if (s.size() > 15) throw FactError{path, path + ": the number " + s + " is too large"};
    return std::stoll(s);
  }
  if (is_plain_float(s) && s.size() < 40) return std::strtod(s.c_str(), nullptr);
  return s;
}

nlohmann::json convert(const YAML::Node& node, const std::string& path, int depth) {
  if (depth > kMaxDepth) {
    throw FactError{path, "the document is nested more than " + std::to_string(kMaxDepth) + " levels deep"};
  }
  switch (node.Type()) {
    case YAML::NodeType::Scalar: return scalar_to_json(node, path);
    case YAML::NodeType::Sequence: {
      nlohmann::json array = nlohmann::json::array();
      for (const auto& item : node) array.push_back(convert(item, path + "[" + std::to_string(array.size()) + "]", depth + 1));
      return array;
    }
    case YAML::NodeType::Map: {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& entry : node) {
        std::string key = entry.first.Scalar();
        std::string child = path.empty() ? key : path + "." + key;
        if (object.contains(key)) throw FactError{child, child + " appears twice"};
        object[key] = convert(entry.second, child, depth + 1);
      }
      return object;
    }
    default: return nullptr;
  }
}

std::string json_kind(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::null: return "empty";
    case nlohmann::json::value_t::boolean: return "true/false";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "a whole number";
    case nlohmann::json::value_t::number_float: return "a number";
    case nlohmann::json::value_t::string: return "text";
    case nlohmann::json::value_t::array: return "a list";
    case nlohmann::json::value_t::object: return "a record";
    default: return "an unsupported value";
  }
}

// "1 year", "2 years 6 months", "30 days".
std::optional<Duration> parse_duration(const std::string& text) {
  static const std::regex part("\\s*([0-9]{1,6})\\s*(years?|months?|weeks?|days?)\\s*");
  Duration d;
  bool any = false;
  auto begin = std::sregex_iterator(text.begin(), text.end(), part);
  std::size_t consumed = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    if (static_cast<std::size_t>(it->position()) != consumed) return std::nullopt;
    consumed += static_cast<std::size_t>(it->length());
    int n = std::stoi((*it)[1]);
    char unit = (*it)[2].str()[0];
    (unit == 'y' ? d.years : unit == 'm' ? d.months : d.days) += unit == 'w' ? 7 * n : n;
    any = true;
  }
  if (!any || consumed != text.size()) return std::nullopt;
  return d;
}

[[noreturn]] void wrong_type(const Type& type, const nlohmann::json& json, const std::string& path) {
  std::string shown = json.is_string() ? "\"" + json.get<std::string>() + "\"" : json.dump();
  if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
  throw FactError{path, path + ": expected " + type.name() + ", got " + json_kind(json) + " " + shown};
}

void check_bounds(const FieldInfo& field, const Value& value, const std::string& path) {
  Decimal v = value.kind() == Value::Kind::kInt ? Decimal::from_int(value.as_int()) : value.as_decimal();
  if (field.min && v < *field.min) {
    throw FactError{path, path + ": " + value.to_string() + " is less than the minimum " + field.min->to_string()};
  }
  if (field.max && v > *field.max) {
    throw FactError{path, path + ": " + value.to_string() + " is more than the maximum " + field.max->to_string()};
  }
}

Value bind_record(const RecordInfo& info, const nlohmann::json& json, const std::string& path) {
  auto record = std::make_shared<Record>();
  record->type = &info;
  record->path = path;
  record->fields.resize(info.fields.size());
  for (std::size_t i = 0; i < info.fields.size(); ++i) {
    const FieldInfo& field = info.fields[i];
    auto it = json.find(field.name);
    if (it == json.end() || it->is_null()) continue;  // absence is reported where it matters
    std::string field_path = path.empty() ? field.name : path + "." + field.name;
    record->fields[i] = bind_value(*field.type, *it, field_path);
    if (field.min || field.max) check_bounds(field, record->fields[i], field_path);
  }
  return Value(std::shared_ptr<const Record>(std::move(record)));
}

Decimal decimal_of(const nlohmann::json& json, const Type& type, const std::string& path) {
  if (json.is_number_integer() || json.is_number_unsigned()) {
    auto v = json.get<std::int64_t>();
    if (v > INT64_MAX / Decimal::kScale || v < INT64_MIN / Decimal::kScale || (json.is_number_unsigned() && json.get<std::uint64_t>() > INT64_MAX)) {
      throw FactError{path, path + ": the number " + json.dump() + " is too large"};
    }
    return Decimal::from_int(v);
  }
  if (!json.is_number_float()) wrong_type(type, json, path);
  double v = json.get<double>();
  if (!std::isfinite(v) || std::fabs(v) > 1e14) throw FactError{path, path + ": the number " + json.dump() + " is too large or not a number"};
  // The shortest text that reads back as the same double is what the document said (39.5,
  // 39.00001), so exactly 4 places can be checked.
  char text[64];
  auto [end, error] = std::to_chars(text, text + sizeof text, v, std::chars_format::fixed);
  auto decimal = error == std::errc() ? Decimal::parse(std::string_view(text, static_cast<std::size_t>(end - text))) : std::nullopt;
  if (!decimal) throw FactError{path, path + ": " + json.dump() + " has more than 4 decimal places"};
  return *decimal;
}

}  // namespace

Value bind_value(const Type& type, const nlohmann::json& json, const std::string& path) {
  switch (type.kind) {
    case TypeKind::kBool:
      if (!json.is_boolean()) wrong_type(type, json, path);
      return Value(json.get<bool>());
    case TypeKind::kInt:
      if (json.is_number_unsigned() && json.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX / 2)) {
        throw FactError{path, path + ": the number " + json.dump() + " is too large"};
      }
      if (json.is_number_float() && !(std::fabs(json.get<double>()) < 1e15)) {
        throw FactError{path, path + ": the number " + json.dump() + " is too large"};
      }
      if (!json.is_number_integer()) wrong_type(type, json, path);
      if (json.get<std::int64_t>() > 999999999999999 || json.get<std::int64_t>() < -999999999999999) {
        throw FactError{path, path + ": the number " + json.dump() + " is too large"};
      }
      return Value(json.get<std::int64_t>());
    case TypeKind::kDecimal: return Value(decimal_of(json, type, path));
    case TypeKind::kString:
      if (!json.is_string()) wrong_type(type, json, path);
      return Value(json.get<std::string>());
    case TypeKind::kDate: {
      if (!json.is_string()) wrong_type(type, json, path);
      const std::string& text = json.get_ref<const std::string&>();
      auto date = Date::parse(text);
      if (!date) throw FactError{path, path + ": \"" + text + "\" is not a valid date (YYYY-MM-DD)"};
      return Value(*date);
    }
    case TypeKind::kDuration: {
      if (!json.is_string()) wrong_type(type, json, path);
      auto duration = parse_duration(json.get_ref<const std::string&>());
      if (!duration) {
        throw FactError{path, path + ": \"" + json.get<std::string>() + "\" is not a duration (write e.g. 1 year, 6 months, 30 days)"};
      }
      return Value(*duration);
    }
    case TypeKind::kEnum: {
      if (!json.is_string()) wrong_type(type, json, path);
      const std::string& text = json.get_ref<const std::string&>();
      int index = type.enum_info->find(text);
      if (index < 0) {
        throw FactError{path, path + ": \"" + text + "\" is not one of " + type.enum_info->values_text()};
      }
      return Value(EnumValue{type.enum_info, index});
    }
    case TypeKind::kList: {
      if (!json.is_array()) wrong_type(type, json, path);
      if (json.size() > kMaxListLength) {
        throw FactError{path, path + ": the list has " + std::to_string(json.size()) + " entries; at most " + std::to_string(kMaxListLength) + " are accepted"};
      }
      auto list = std::make_shared<List>();
      list->reserve(json.size());
      for (std::size_t i = 0; i < json.size(); ++i) {
        list->push_back(bind_value(*type.element, json[i], path + "[" + std::to_string(i) + "]"));
      }
      return Value(std::shared_ptr<const List>(std::move(list)));
    }
    case TypeKind::kRecord:
      if (!json.is_object()) wrong_type(type, json, path);
      return bind_record(*type.record, json, path);
    default: wrong_type(type, json, path);
  }
}

Error text_error(const TextProblem& problem) {
  return Error{"facts: line " + std::to_string(problem.line) + ", column " + std::to_string(problem.column) + ": " +
                   problem.message,
               "", {}};
}

Result<nlohmann::json> parse_yaml_document(std::string_view text) {
  if (auto problem = check_text(text)) return text_error(*problem);
  std::string owned(text);
  if (auto alias = find_yaml_alias(owned)) return text_error(*alias);
  try {
    YAML::Node root = YAML::Load(owned);
    return convert(root, "", 0);
  } catch (const YAML::Exception& e) {
    Error error;
    error.message = "facts: line " + std::to_string(e.mark.line + 1) + ", column " +
                    std::to_string(e.mark.column + 1) + ": " + e.msg;
    return error;
  } catch (const FactError& e) {
    return Error{"facts: " + e.message, e.field, {}};
  }
}

nlohmann::json yaml_to_json(const YAML::Node& node, const std::string& path) { return convert(node, path, 0); }

Result<nlohmann::json> parse_json_document(std::string_view text) {
  if (auto problem = check_text(text)) return text_error(*problem);
  try {
    return nlohmann::json::parse(text.begin(), text.end(), nullptr, true, false);
  } catch (const nlohmann::json::exception& e) {
    std::string message = e.what();
    std::size_t bracket = message.find("] ");
    return Error{"facts: " + (bracket == std::string::npos ? message : message.substr(bracket + 2)), "", {}};
  }
}

Result<std::shared_ptr<const BoundFacts>> bind_facts(const RuleSetModel& model, const nlohmann::json& document) {
  if (!document.is_object()) {
    return Error{"facts: the document should be a mapping with entries such as candidate: or worker:", "", {}};
  }
  auto bound = std::make_shared<BoundFacts>();
  try {
    Value root = bind_record(*model.facts, document, "");
    bound->record = std::make_shared<const Record>(root.as_record());
    if (auto it = document.find("as_of"); it != document.end() && !it->is_null()) {
      bound->as_of = bind_value(*model.types.date(), *it, "as_of").as_date();
    }
    if (auto it = document.find("id"); it != document.end() && !it->is_null()) {
      bound->id = it->is_string() ? it->get<std::string>() : it->dump();
    }
  } catch (const FactError& e) {
    return Error{"facts: " + e.message, e.field, {}};
  }
  return std::shared_ptr<const BoundFacts>(std::move(bound));
}

}  // namespace tiaoli::detail
