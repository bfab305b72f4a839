// Deciding one decision very many times (docs/codegen.md): a PreparedDecision decides outcomes
// into a reused record, and the C++ `tiaoli codegen` wrote for selection.eligibility (at build
// time, see examples/CMakeLists.txt) decides them at hand-written speed, handing the engine every
// case it cannot decide. Both give the engine's outcomes and errors.
//
//   example_fast_decisions RULES_DIR ROSTER.jsonl     e.g. rules/huzhou
//   examples/roster/roster.jsonl
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include <tiaoli/tiaoli.hpp>

#include "huzhou_rules.hpp"  // written by `tiaoli codegen rules/huzhou --namespace huzhou ...`

namespace {

std::string describe(const tiaoli::Status& status, const tiaoli::Record& outcome) {
  if (!status) return "error: " + status.error().message;
  return "eligible = " + outcome.fields[0].to_string() +
         ", failed = " + outcome.fields[1].to_string();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: example_fast_decisions RULES_DIR ROSTER.jsonl\n";
    return 2;
  }
  auto loaded = tiaoli::RuleSet::load(argv[1]);
  if (!loaded) {
    std::cerr << tiaoli::format_diagnostics(loaded.error().diagnostics) << loaded.error().message
              << "\n";
    return 1;
  }
  const tiaoli::RuleSet& rules = *loaded.value();

  // Looked up once; used for every case.
  tiaoli::PreparedDecision prepared = rules.prepare("selection.eligibility").value();
  tiaoli::GeneratedDecision generated = huzhou::prepare_selection_eligibility(rules).value();
  std::cout << "generated code matches these rules: " << (generated.current() ? "yes" : "no")
            << "\n";

  tiaoli::Record by_engine;  // reused: no allocation per case once it has its fields
  tiaoli::Record by_code;
  int agree = 0;
  int cases = 0;
  std::optional<tiaoli::Facts> young;  // A-002, 17 on the day
  std::ifstream roster(argv[2]);
  for (std::string line; std::getline(roster, line);) {
    auto facts = rules.parse_facts(line, tiaoli::FactsFormat::kJson);
    if (!facts) {
      std::cout << "bad line: " << facts.error().message << "\n";
      continue;
    }
    tiaoli::Status engine = prepared.decide_outcome(facts.value(), by_engine);
    tiaoli::Status code = generated.decide_outcome(facts.value(), by_code);
    bool same = describe(engine, by_engine) == describe(code, by_code);
    bool generated_alone =
        generated.decide_generated(facts.value(), *facts.value().as_of(), by_code);
    std::cout << facts.value().id() << ": " << describe(code, by_code)
              << (generated_alone ? "" : "  (decided by the engine)") << "\n";
    agree += same ? 1 : 0;
    ++cases;
    if (facts.value().id() == "A-002") young = facts.value();
  }
  if (young) {
    // "What if" parameters are applied by the engine: the generated code hands such cases over.
    tiaoli::EvalOptions what_if = tiaoli::EvalOptions::outcome_only();
    what_if.parameters = {{"min_age", "16"}};
    tiaoli::Status status = generated.decide_outcome(*young, by_code, what_if);
    std::cout << "A-002 if min_age were 16: " << describe(status, by_code) << "\n";
  }
  std::cout << "engine and generated code agree on " << agree << " of " << cases << " cases\n";
  return agree == cases ? 0 : 1;
}
