// A host program as a consumer of tiaoli would write it: only <tiaoli/tiaoli.hpp>, no YAML or
// Boost headers. Built by find-package/ (installed package), add-subdirectory/ (source tree)
// and pkg_config.cmake (pkg-config), and run against rules/huzhou.
#include <iostream>

#include <tiaoli/tiaoli.hpp>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: app RULES_DIR\n";
    return 2;
  }
  auto loaded = tiaoli::RuleSet::load(argv[1]);
  if (!loaded) {
    std::cerr << tiaoli::format_diagnostics(loaded.error().diagnostics) << loaded.error().message
              << "\n";
    return 1;
  }
  auto facts = loaded.value()->make_facts(tiaoli::FactValue::object({
      {"as_of", "2026-03-15"},
      {"candidate", tiaoli::FactValue::object({{"birth_date", "2010-01-01"},
                                               {"education", "高中"},
                                               {"political_quality", true},
                                               {"law_abiding", true},
                                               {"good_conduct", true},
                                               {"familiar_with_locality", true},
                                               {"communication_ability", true},
                                               {"health_fit", true}})},
  }));
  if (!facts) {
    std::cerr << facts.error().message << "\n";
    return 1;
  }
  auto decision = loaded.value()->decide("selection.eligibility", facts.value());
  if (!decision) {
    std::cerr << decision.error().message << "\n";
    return 1;
  }
  const std::string failed = decision.value().field("failed").to_string();
  std::cout << "consumer: " << loaded.value()->name() << " " << loaded.value()->version()
            << ": eligible = " << decision.value().field("eligible").to_string()
            << ", failed = " << failed << "\n";
  return failed == "[AGE_UNDER_18]" ? 0 : 1;
}
