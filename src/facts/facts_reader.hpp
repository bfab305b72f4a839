// Facts documents (YAML or JSON) read and bound to a rule set's schema.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "facts/facts_memory.hpp"
#include "model/model.hpp"
#include "tiaoli/fact_value.hpp"
#include "tiaoli/result.hpp"

namespace YAML {
class Node;
}

namespace tiaoli {
class Facts;
}

namespace tiaoli::detail {

struct BoundFacts {
  const RuleSetModel* model = nullptr;   // the schema they were bound to; decide() checks it
  std::shared_ptr<const Record> record;  // of type RuleSetModel::facts
  FactsMemory memory;                    // where `record` and all it holds lie (facts_memory.hpp)
  std::optional<Date> as_of;
  std::string id;
};

// A facts field with a bad value. `field` is the path, e.g. "worker.training[2].hours".
struct FactError {
  std::string field;
  std::string message;
};

// Parses YAML text into JSON values. Quoted scalars stay strings; plain scalars become
// booleans, numbers or null when they look like them. Errors carry line:column.
Result<nlohmann::json> parse_yaml_document(std::string_view text);
// `path` names the value in errors (e.g. "parameter max_age").
nlohmann::json yaml_to_json(const YAML::Node& node, const std::string& path);
Result<nlohmann::json> parse_json_document(std::string_view text);

Result<std::shared_ptr<const BoundFacts>> bind_facts(const RuleSetModel& model,
                                                     const FactValue& document);

// How a caller hands JSON text to read_json_facts.
struct JsonInput {
  // At least kJsonPadding readable bytes follow the text (a std::string with that much spare
  // capacity): the parser then reads it in place instead of copying it.
  bool padded = false;
  // Facts decided as soon as they are read (batch mode) are still in cache: no prefetch map.
  bool map_memory = true;
};
inline constexpr std::size_t kJsonPadding = 64;  // simdjson's SIMDJSON_PADDING (checked)

// Reads and binds a JSON facts document (the fast path: simdjson, falling back to nlohmann's
// parser to explain a syntax error).
Result<std::shared_ptr<const BoundFacts>> read_json_facts(const RuleSetModel& model,
                                                          std::string_view text,
                                                          JsonInput input = {});
// The same as a host's Facts (RuleSet::parse_facts for JSON); a fault while reading, such as
// running out of memory, is an error too.
Result<Facts> facts_from_json(const RuleSetModel& model, std::string_view text, JsonInput input);

struct TextProblem;
Error facts_text_error(const TextProblem& problem);

// Converts `json` to a value of `type`; throws FactError naming `path`.
Value bind_value(const Type& type, const nlohmann::json& json, const std::string& path);

// Binds a whole facts document. Unknown top-level entries and fields are ignored.
Result<std::shared_ptr<const BoundFacts>> bind_facts(const RuleSetModel& model,
                                                     const nlohmann::json& document);

}  // namespace tiaoli::detail
