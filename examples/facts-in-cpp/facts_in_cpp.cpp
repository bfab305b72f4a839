// Building facts in C++ from the host's own data, without writing YAML or JSON text.
//
//   example_facts_in_cpp RULES_DIR        e.g. example_facts_in_cpp rules/huzhou
//
// tiaoli::FactValue is a small JSON-like value; RuleSet::make_facts checks it against the rule
// set's schema exactly as parse_facts checks a document, and errors name the field at fault.
#include <iostream>
#include <string>
#include <vector>

#include <tiaoli/tiaoli.hpp>

namespace {

// The host's own record of a grid worker (e.g. a row from its database).
struct WorkerRow {
  std::string birth_date;
  std::string contract_start;
  std::vector<std::pair<int, std::string>> grades;       // (year, grade)
  std::vector<std::pair<std::string, double>> training;  // (date, hours)
};

tiaoli::FactValue to_facts(const WorkerRow& row, const std::string& as_of) {
  tiaoli::FactValue::Array grades;
  for (const auto& [year, grade] : row.grades) {
    grades.push_back(tiaoli::FactValue::object({{"year", year}, {"grade", grade}}));
  }
  tiaoli::FactValue::Array training;
  for (const auto& [date, hours] : row.training) {
    training.push_back(
        tiaoli::FactValue::object({{"date", date}, {"hours", hours}, {"method", "集中培训"}}));
  }
  tiaoli::FactValue worker = tiaoli::FactValue::object({
      {"birth_date", row.birth_date},
      {"contract_start", row.contract_start},
      {"annual_grades", grades},
      {"training", training},
      {"workplace_provided", true},
      {"pay",
       tiaoli::FactValue::object({{"base", 3000}, {"performance", 1200}, {"paid_on_time", true}})},
      {"social_insurance_paid", true},
  });
  tiaoli::FactValue document;
  document.set("as_of", as_of).set("worker", worker);
  return document;
}

// Decides one decision and prints the outcome and the rules that decided it.
bool decide(const tiaoli::RuleSet& rules, const tiaoli::FactValue& document,
            const char* decision_id) {
  auto facts = rules.make_facts(document);
  if (!facts) {
    std::cout << decision_id << ": bad facts: " << facts.error().message << " [field "
              << facts.error().field << "]\n";
    return false;
  }
  auto decision = rules.decide(decision_id, facts.value());
  if (!decision) {
    std::cout << decision_id << ": " << decision.error().message << "\n";
    return false;
  }
  const tiaoli::Record& outcome = decision.value().outcome();
  std::cout << decision_id << ":";
  for (std::size_t i = 0; i < outcome.fields.size(); ++i) {
    std::cout << (i == 0 ? " " : ", ") << outcome.field_name(i) << " = "
              << outcome.fields[i].to_string();
  }
  std::cout << "\n";
  for (const tiaoli::RuleExplanation& rule : decision.value().explain(tiaoli::Lang::kEn)) {
    if (rule.decisive) std::cout << "  because (" << rule.rule_id << "): " << rule.message << "\n";
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: example_facts_in_cpp RULES_DIR\n";
    return 2;
  }
  auto loaded = tiaoli::RuleSet::load(argv[1]);
  if (!loaded) {
    std::cerr << tiaoli::format_diagnostics(loaded.error().diagnostics) << loaded.error().message
              << "\n";
    return 1;
  }
  const tiaoli::RuleSet& rules = *loaded.value();

  WorkerRow row{"1985-07-01",
                "2025-03-01",
                {{2024, "合格"}, {2025, "优秀"}},
                {{"2025-04-10", 24.0}, {"2025-09-18", 12.5}}};
  bool ok = decide(rules, to_facts(row, "2026-03-15"), "assessment.consequence");
  ok = decide(rules, to_facts(row, "2025-12-31"), "training.compliance") && ok;

  // A mistake in the host's data is reported with the field it concerns, not decided on.
  row.birth_date = "1985-02-30";
  bool refused = !decide(rules, to_facts(row, "2026-03-15"), "assessment.consequence");
  return ok && refused ? 0 : 1;
}
