// A second, different regulation: the engine is general, the regulation is data.
//
//   example_county_recruitment RULES_DIR APPLICANTS.jsonl
//       e.g. example_county_recruitment examples/county-recruitment/rules
//                 examples/county-recruitment/samples/applicants.jsonl
//
// rules/ is an illustrative (invented) county's recruitment measures, written only as YAML:
// another age window (18–35, relaxed to 40 for a master's degree), residence or work for 2
// years, a weighted written/interview score with a veteran bonus, an interview minimum and a
// pass mark. This program is the same host code as for Huzhou: load, parse, decide, explain.
#include <fstream>
#include <iostream>
#include <string>

#include <tiaoli/tiaoli.hpp>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: example_county_recruitment RULES_DIR APPLICANTS.jsonl\n";
    return 2;
  }
  auto loaded = tiaoli::RuleSet::load(argv[1]);
  if (!loaded) {
    std::cerr << tiaoli::format_diagnostics(loaded.error().diagnostics) << loaded.error().message
              << "\n";
    return 1;
  }
  const tiaoli::RuleSet& rules = *loaded.value();
  std::cout << rules.title() << " " << rules.version() << ":";
  for (const tiaoli::DecisionInfo& info : rules.decisions()) std::cout << " " << info.id;
  std::cout << "\n\n";

  std::ifstream applicants(argv[2]);
  bool first = true;
  int failures = 0;
  for (std::string line; std::getline(applicants, line);) {
    if (line.empty()) continue;
    auto facts = rules.parse_facts(line, tiaoli::FactsFormat::kJson);
    if (!facts) {
      std::cerr << "bad facts: " << facts.error().message << "\n";
      ++failures;
      continue;
    }
    auto decision = rules.decide("recruitment.outcome", facts.value());
    if (!decision) {
      std::cerr << facts.value().id() << ": " << decision.error().message << "\n";
      ++failures;
      continue;
    }
    std::cout << facts.value().id() << ": stage = " << decision.value().field("stage").to_string()
              << ", total = " << decision.value().field("total").to_string() << "\n";
    // The decisive rule's message says why, with the actual values.
    for (const tiaoli::RuleExplanation& rule : decision.value().explain(tiaoli::Lang::kZh)) {
      if (rule.decisive) std::cout << "  " << rule.message << "\n";
    }
    if (first) {  // the full justification of the first applicant
      std::cout << "\n" << decision.value().to_text(tiaoli::Lang::kZh) << "\n";
      first = false;
    }
  }
  return failures == 0 ? 0 : 1;
}
