// A decision compiled to machine code while the program runs (docs/codegen.md): no build step,
// the speed of generated C++. The first run compiles the module (about a second); later runs,
// and later compile() calls, load it from the cache. Where no compiler is at hand, compile()
// says why and the engine's prepared decision decides instead.
//
//   example_native_decisions RULES_DIR ROSTER.jsonl [CACHE_DIR]   e.g. rules/huzhou
//   examples/roster/roster.jsonl
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include <tiaoli/tiaoli.hpp>

namespace {

std::string describe(const tiaoli::Status& status, const tiaoli::Record& outcome) {
  if (!status) return "error: " + status.error().message;
  return "eligible = " + outcome.fields[0].to_string() +
         ", failed = " + outcome.fields[1].to_string();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: example_native_decisions RULES_DIR ROSTER.jsonl [CACHE_DIR]\n";
    return 2;
  }
  auto loaded = tiaoli::RuleSet::load(argv[1]);
  if (!loaded) {
    std::cerr << tiaoli::format_diagnostics(loaded.error().diagnostics) << loaded.error().message
              << "\n";
    return 1;
  }
  const tiaoli::RuleSet& rules = *loaded.value();
  tiaoli::NativeOptions options;
  if (argc == 4) options.cache_dir = argv[3];

  auto native = tiaoli::NativeDecision::compile(rules, "selection.eligibility", options);
  if (!native) {
    std::cerr << "no native module (" << native.error().message
              << "); the engine decides instead\n";
    return 1;
  }
  std::cout << "selection.eligibility: "
            << (native.value().from_cache() ? "found in the cache" : "compiled") << "\n";
  // Compiling it again costs a lookup: the module is in the cache and already loaded.
  auto again = tiaoli::NativeDecision::compile(rules, "selection.eligibility", options);
  std::cout << "second compile: "
            << (again && again.value().from_cache() ? "found in the cache" : "compiled again")
            << "\n";

  tiaoli::PreparedDecision prepared = rules.prepare("selection.eligibility").value();
  tiaoli::Record by_engine;
  tiaoli::Record by_module;
  int agree = 0;
  int cases = 0;
  std::ifstream roster(argv[2]);
  for (std::string line; std::getline(roster, line);) {
    auto facts = rules.parse_facts(line, tiaoli::FactsFormat::kJson);
    if (!facts) {
      std::cout << "bad line: " << facts.error().message << "\n";
      continue;
    }
    tiaoli::Status engine = prepared.decide_outcome(facts.value(), by_engine);
    tiaoli::Status module = native.value().decide_outcome(facts.value(), by_module);
    std::cout << facts.value().id() << ": " << describe(module, by_module) << "\n";
    agree += describe(engine, by_engine) == describe(module, by_module) ? 1 : 0;
    ++cases;
  }
  std::cout << "engine and native module agree on " << agree << " of " << cases << " cases\n";
  return agree == cases ? 0 : 1;
}
