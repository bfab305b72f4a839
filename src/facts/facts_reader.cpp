#include "facts/facts_reader.hpp"

#include "common/text_checks.hpp"
#include "facts/binder.hpp"

namespace tiaoli::detail {

std::optional<Duration> parse_duration(std::string_view text) {
  static const std::regex part("\\s*([0-9]{1,6})\\s*(years?|months?|weeks?|days?)\\s*");
  Duration d;
  std::string owned(text);
  std::size_t consumed = 0;
  for (auto it = std::sregex_iterator(owned.begin(), owned.end(), part);
       it != std::sregex_iterator(); ++it) {
    if (static_cast<std::size_t>(it->position()) != consumed) return std::nullopt;
    consumed += static_cast<std::size_t>(it->length());
    int n = std::stoi((*it)[1]);
    char unit = (*it)[2].str()[0];
    (unit == 'y' ? d.years : unit == 'm' ? d.months : d.days) += unit == 'w' ? 7 * n : n;
  }
  if (consumed == 0 || consumed != owned.size()) return std::nullopt;
  return d;
}

Error facts_text_error(const TextProblem& problem) {
  return Error{"facts: line " + std::to_string(problem.line) + ", column " +
                   std::to_string(problem.column) + ": " + problem.message,
               "",
               {}};
}

Value bind_value(const Type& type, const nlohmann::json& json, const std::string& path) {
  FactPlace where{nullptr, {}, 0, path};
  return Binder<NlohmannTraits>::value(type, json, where);
}

namespace {

template <class Traits>
Result<std::shared_ptr<const BoundFacts>> bind_document(const RuleSetModel& model,
                                                        const typename Traits::Node& document,
                                                        bool map_memory = true) {
  if (Traits::kind(document) != JsonKind::kObject) {
    return Error{
        "facts: the document should be a mapping with entries such as candidate: or worker:",
        "",
        {}};
  }
  auto bound = std::make_shared<BoundFacts>();
  bound->model = &model;
  try {
    bound->record = Binder<Traits>::record(*model.facts, document, FactPlace{});
    if (map_memory) bound->memory = facts_memory(*bound->record);
    typename Traits::Node slot;
    if (const auto* as_of = Traits::member(document, "as_of", slot);
        as_of && Traits::kind(*as_of) != JsonKind::kNull) {
      bound->as_of =
          Binder<Traits>::value(*model.types.date(), *as_of, FactPlace{nullptr, {}, 0, "as_of"})
              .as_date();
    }
    if (const auto* id = Traits::member(document, "id", slot);
        id && Traits::kind(*id) != JsonKind::kNull) {
      bound->id = Traits::kind(*id) == JsonKind::kString ? std::string(Traits::string(*id))
                                                         : Traits::dump(*id);
    }
  } catch (const FactError& e) {
    return Error{"facts: " + e.message, e.field, {}};
  }
  return std::shared_ptr<const BoundFacts>(std::move(bound));
}

}  // namespace

Result<std::shared_ptr<const BoundFacts>> bind_facts(const RuleSetModel& model,
                                                     const nlohmann::json& document) {
  return bind_document<NlohmannTraits>(model, document);
}

Result<std::shared_ptr<const BoundFacts>> bind_facts(const RuleSetModel& model,
                                                     const FactValue& document) {
  return bind_document<FactValueTraits>(model, document);
}

std::string FactValueTraits::dump(const Node& n) {
  switch (kind(n)) {
    case JsonKind::kNull:
      return "null";
    case JsonKind::kBool:
      return boolean(n) ? "true" : "false";
    case JsonKind::kInteger:
      return std::to_string(integer(n));
    case JsonKind::kReal:
      return nlohmann::json(real(n)).dump();
    case JsonKind::kString:
      return nlohmann::json(std::string(string(n))).dump();
    case JsonKind::kArray:
      return "[...]";
    default:
      return "{...}";
  }
}

Result<nlohmann::json> parse_json_document(std::string_view text) {
  if (auto problem = check_text(text)) return facts_text_error(*problem);
  try {
    return nlohmann::json::parse(text.begin(), text.end(), nullptr, true, false);
  } catch (const nlohmann::json::exception& e) {
    std::string message = e.what();
    std::size_t bracket = message.find("] ");
    return Error{
        "facts: " + (bracket == std::string::npos ? message : message.substr(bracket + 2)), "", {}};
  }
}

Result<std::shared_ptr<const BoundFacts>> read_json_facts(const RuleSetModel& model,
                                                          std::string_view text, JsonInput input) {
  static_assert(kJsonPadding == simdjson::SIMDJSON_PADDING);
  // simdjson validates UTF-8 and refuses control characters itself; on any failure the slow
  // path below checks the text again to say where the problem is.
  // One parser per thread: simdjson parsers reuse their buffers and are not thread-safe.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element document;
  if (parser.parse(text.data(), text.size(), !input.padded).get(document) != simdjson::SUCCESS) {
    // Rare: let nlohmann's parser explain what is wrong (with the position), or accept what
    // simdjson refuses but JSON allows (numbers beyond 64 bits, reported as too large).
    auto json = parse_json_document(text);
    if (!json.ok()) return json.error();
    return bind_facts(model, json.value());
  }
  return bind_document<SimdjsonTraits>(model, document, input.map_memory);
}

}  // namespace tiaoli::detail
