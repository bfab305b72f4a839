// A custom working-day calendar: the same "7 working days" under two calendars.
//
//   example_custom_calendar HUZHOU_RULES COUNTY_RULES
//       e.g. example_custom_calendar rules/huzhou examples/custom-calendar/rules
//
// Calendars are data in a rule-set folder (calendars/*.yaml), named by ruleset.yaml. Huzhou's
// selection.publicity counts its 7 working days on the national calendar (cn-mainland); the
// (fictional) county rule set counts the same 7 days on its own calendar, example-county, which
// adds a local holiday on 2026-04-20. Where a period spans that day, the county's period ends one
// working day later, and so does the review deadline counted with add_working_days after it.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <tiaoli/tiaoli.hpp>

namespace {

std::shared_ptr<const tiaoli::RuleSet> load(const char* path) {
  auto loaded = tiaoli::RuleSet::load(path);
  if (!loaded) {
    std::cerr << tiaoli::format_diagnostics(loaded.error().diagnostics) << loaded.error().message
              << "\n";
    return nullptr;
  }
  return loaded.value();
}

// Decides `decision_id` for a publicity period starting on `start`; prints errors.
std::optional<tiaoli::Decision> decide(const tiaoli::RuleSet& rules, const char* decision_id,
                                       const std::string& start) {
  auto document = tiaoli::FactValue::object({
      {"as_of", start},
      {"publicity", tiaoli::FactValue::object({{"start", start}, {"objections", 0}})},
  });
  auto facts = rules.make_facts(document);
  if (!facts) {
    std::cerr << decision_id << ": " << facts.error().message << "\n";
    return std::nullopt;
  }
  auto decision = rules.decide(decision_id, facts.value());
  if (!decision) {
    std::cerr << decision_id << ": " << decision.error().message << "\n";
    return std::nullopt;
  }
  return decision.value();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: example_custom_calendar HUZHOU_RULES COUNTY_RULES\n";
    return 2;
  }
  auto national = load(argv[1]);
  auto county = load(argv[2]);
  if (!national || !county) return 1;

  for (const std::string start : {"2026-04-14", "2026-04-09", "2026-04-28"}) {
    auto huzhou = decide(*national, "selection.publicity", start);
    auto local = decide(*county, "publicity.deadlines", start);
    if (!huzhou || !local) return 1;
    std::cout << "publicity from " << start << ": 7th working day "
              << huzhou->field("ends").to_string() << " (national calendar), "
              << local->field("ends").to_string() << " (county calendar), review by "
              << local->field("review_by").to_string() << "\n";
    // The justification says which days off the count passed over, and why.
    for (const tiaoli::RuleExplanation& rule : local->explain(tiaoli::Lang::kEn)) {
      for (const std::string& note : rule.notes) std::cout << "  " << note << "\n";
    }
  }

  // A date the calendar does not cover is an error, never a guess.
  auto beyond = county->make_facts(tiaoli::FactValue::object(
      {{"as_of", "2026-12-24"},
       {"publicity", tiaoli::FactValue::object({{"start", "2026-12-24"}})}}));
  auto refused = county->decide("publicity.deadlines", beyond.value());
  std::cout << "publicity from 2026-12-24: " << (refused ? "decided?!" : refused.error().message)
            << "\n";
  return refused ? 1 : 0;
}
