// Hot reload: analysts edit the rule set while the host keeps deciding; a broken edit is refused.
//
//   example_hot_reload RULES_DIR        e.g. example_hot_reload rules/huzhou
//
// The example copies RULES_DIR to a scratch folder (so it can edit it), serves it through a
// tiaoli::RuleSetHolder, and keeps two reader threads deciding the same candidate meanwhile:
//   1. version 0.1.0, min_age 18: a 19-year-old candidate is eligible;
//   2. an analyst raises min_age to 20 and bumps the version; reload() swaps the rule set in;
//   3. an analyst makes a typo; reload() refuses it with file:line:col diagnostics, and the
//      rule set being served stays 0.2.0.
// Every decision records the rule set it was taken with; the readers check that each outcome
// matches its own rule set's version, i.e. no decision ever mixed two rule sets.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <tiaoli/tiaoli.hpp>

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kCandidate = R"({"as_of": "2026-03-15", "candidate": {
  "birth_date": "2007-01-10", "education": "高中", "political_quality": true, "law_abiding": true,
  "good_conduct": true, "familiar_with_locality": true, "communication_ability": true, "health_fit": true}})";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// What an analyst's editor does: replace one piece of text in a rule file.
bool edit(const fs::path& path, const std::string& from, const std::string& to) {
  std::string text = read_file(path);
  auto at = text.find(from);
  if (at == std::string::npos) return false;
  text.replace(at, from.size(), to);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  return true;
}

void print_decision(const tiaoli::RuleSetHolder& holder, const tiaoli::Facts& facts) {
  auto decision = holder.current()->decide("selection.eligibility", facts);
  if (!decision) {
    std::cout << "  cannot decide: " << decision.error().message << "\n";
    return;
  }
  const tiaoli::RuleSet& used = decision.value().ruleset();
  std::cout << "  rule set " << used.version() << " (" << used.content_hash().substr(0, 12)
            << ", generation " << holder.generation()
            << "): eligible = " << decision.value().field("eligible").to_string()
            << ", failed = " << decision.value().field("failed").to_string() << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: example_hot_reload RULES_DIR\n";
    return 2;
  }
  const fs::path work =
      fs::temp_directory_path() /
      ("tiaoli-hot-reload-" +
       std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  fs::remove_all(work);
  fs::copy(argv[1], work, fs::copy_options::recursive);
  struct RemoveOnExit {
    fs::path path;
    ~RemoveOnExit() { fs::remove_all(path); }
  } cleanup{work};

  auto loaded = tiaoli::RuleSet::load(work.string());
  if (!loaded) {
    std::cerr << tiaoli::format_diagnostics(loaded.error().diagnostics);
    return 1;
  }
  tiaoli::RuleSetHolder holder(loaded.value());

  // Facts are bound to a rule set's schema, so each reader parses them with the rule set it uses.
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> decided{0}, inconsistent{0};
  tiaoli::EvalOptions outcome_only;
  outcome_only.justify = false;
  std::vector<std::jthread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      while (!stop) {
        std::shared_ptr<const tiaoli::RuleSet> rules = holder.current();
        auto facts = rules->parse_facts(kCandidate, tiaoli::FactsFormat::kJson);
        auto decision = rules->decide("selection.eligibility", facts.value(), outcome_only);
        const bool eligible = decision.value().field("eligible").as_bool();
        const bool expected =
            decision.value().ruleset().version() == "0.1.0";  // min_age 18 → eligible
        if (eligible != expected) ++inconsistent;
        ++decided;
      }
    });
  }

  auto facts = holder.current()->parse_facts(kCandidate, tiaoli::FactsFormat::kJson);
  std::cout << "1. serving " << work.filename().string() << ":\n";
  print_decision(holder, facts.value());

  std::cout << "2. an analyst raises min_age to 20 (version 0.2.0), then reload():\n";
  bool edited = edit(work / "parameters.yaml", "min_age:\n    type: int\n    value: 18",
                     "min_age:\n    type: int\n    value: 20") &&
                edit(work / "ruleset.yaml", "version: 0.1.0", "version: 0.2.0");
  if (!edited) {
    std::cerr << "the rule files are not the ones this example expects\n";
    return 1;
  }
  auto reloaded = holder.reload(work.string());
  std::cout << "  reload: " << (reloaded ? "ok" : "failed") << "\n";
  // Facts are bound to a schema: parse them again for the new rule set.
  facts = holder.current()->parse_facts(kCandidate, tiaoli::FactsFormat::kJson);
  print_decision(holder, facts.value());

  std::cout << "3. an analyst makes a typo (params.min_agee), then reload():\n";
  edit(work / "decisions" / "selection.yaml", "require: age >= params.min_age",
       "require: age >= params.min_agee");
  auto refused = holder.reload(work.string());
  if (refused) {
    std::cerr << "a broken rule set was accepted\n";
    return 1;
  }
  std::cout << "  reload refused, " << refused.error().diagnostics.size() << " problem(s):\n"
            << tiaoli::format_diagnostics(refused.error().diagnostics);
  print_decision(holder, facts.value());

  stop = true;
  readers.clear();  // join
  std::cout << "readers: " << decided.load() << " decisions during the reloads, "
            << inconsistent.load() << " inconsistent with the rule set they were taken with\n";
  return inconsistent == 0 ? 0 : 1;
}
