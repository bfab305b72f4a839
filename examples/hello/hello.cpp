// The smallest embedding: load a rule set, decide one case, print the justification.
//
//   example_hello RULES_DIR        e.g. example_hello rules/huzhou
#include <iostream>
#include <memory>
#include <string_view>

#include <tiaoli/tiaoli.hpp>

// One candidate, as a host would receive it (YAML or JSON text).
constexpr std::string_view kFacts = R"(
as_of: 2026-05-01
candidate:
  birth_date: 2008-05-01        # 18 today
  education: 中专
  political_quality: true
  law_abiding: true
  good_conduct: true
  familiar_with_locality: true
  communication_ability: true
  health_fit: true
  annual_grades: [{year: 2024, grade: 不合格}, {year: 2025, grade: 不合格}]
)";

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: example_hello RULES_DIR\n";
    return 2;
  }

  // Load once. A rule author's mistakes come back as diagnostics (file:line:col), never as throws.
  auto loaded = tiaoli::RuleSet::load(argv[1]);
  if (!loaded) {
    std::cerr << tiaoli::format_diagnostics(loaded.error().diagnostics) << loaded.error().message
              << "\n";
    return 1;
  }
  std::shared_ptr<const tiaoli::RuleSet> rules = loaded.value();  // immutable; share freely

  auto facts = rules->parse_facts(kFacts, tiaoli::FactsFormat::kYaml);
  if (!facts) {
    std::cerr << "bad facts: " << facts.error().message << "\n";
    return 1;
  }

  auto decision = rules->decide("selection.eligibility", facts.value());
  if (!decision) {
    std::cerr << "cannot decide: " << decision.error().message << "\n";
    return 1;
  }

  // The outcome, field by field, and the justification as text.
  std::cout << "eligible: " << decision.value().field("eligible").to_string() << "\n"
            << "failed:   " << decision.value().field("failed").to_string() << "\n\n"
            << decision.value().to_text(tiaoli::Lang::kZh);
  return 0;
}
