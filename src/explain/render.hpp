// Value conversion shared by the JSON renderer, the CLI and the test runner.
#pragma once

#include <nlohmann/json.hpp>

#include "tiaoli/ruleset.hpp"
#include "tiaoli/value.hpp"

namespace tiaoli::detail {

// JSON whose objects keep the order fields were written in.
using Json = nlohmann::ordered_json;

// Dates, enums and strings become JSON strings; decimals numbers; records objects.
Json value_to_json(const Value& value);

class JsonWriter;
// "ruleset": {"name", "version", "content_hash"}, as every decision's JSON carries it.
void write_ruleset(JsonWriter& json, const RuleSet& ruleset);

}  // namespace tiaoli::detail
