// YAML facts documents (and YAML values in rule files) as JSON values.
#include <regex>

#include <yaml-cpp/yaml.h>

#include "common/text_checks.hpp"
#include "facts/facts_reader.hpp"

namespace tiaoli::detail {
namespace {

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
    throw FactError{
        path, "the document is nested more than " + std::to_string(kMaxDepth) + " levels deep"};
  }
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return scalar_to_json(node, path);
    case YAML::NodeType::Sequence: {
      nlohmann::json array = nlohmann::json::array();
      for (const auto& item : node)
        array.push_back(convert(item, path + "[" + std::to_string(array.size()) + "]", depth + 1));
      return array;
    }
    case YAML::NodeType::Map: {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& entry : node) {
        std::string key = entry.first.Scalar();
        std::string child = path;
        if (!child.empty()) child += '.';
        child += key;
        if (object.contains(key)) throw FactError{child, child + " appears twice"};
        object[key] = convert(entry.second, child, depth + 1);
      }
      return object;
    }
    default:
      return nullptr;
  }
}

}  // namespace

Result<nlohmann::json> parse_yaml_document(std::string_view text) {
  if (auto problem = check_text(text)) return facts_text_error(*problem);
  std::string owned(text);
  if (auto alias = find_yaml_alias(owned)) return facts_text_error(*alias);
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

nlohmann::json yaml_to_json(const YAML::Node& node, const std::string& path) {
  return convert(node, path, 0);
}

}  // namespace tiaoli::detail
