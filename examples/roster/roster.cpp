// A roster decided on the host's own thread pool, one JSON line per candidate, in roster order.
//
//   example_roster RULES_DIR ROSTER.jsonl [THREADS]
//
// One RuleSet, held by std::shared_ptr<const RuleSet>, is used by every worker at once: it is
// immutable, so no locking is needed. A line that cannot be decided (here A-009, born on
// 30 February) becomes an error line naming the field; it does not stop the others.
// tiaoli::decide_jsonl (batch.hpp) does the same in one call; the example checks that both agree.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <tiaoli/tiaoli.hpp>

namespace {

// Enough JSON string escaping for ids and error messages.
std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

// {"line": N, "id": ..., "error": ..., "field": ...} for a line that cannot be decided.
std::string error_line(std::size_t number, const std::string& id, const tiaoli::Error& error) {
  std::string out = "{\"line\":" + std::to_string(number);
  if (!id.empty()) out += ",\"id\":" + json_string(id);
  out += ",\"error\":" + json_string(error.message);
  if (!error.field.empty()) out += ",\"field\":" + json_string(error.field);
  return out + "}";
}

// The result line for one roster line: the decision with its justification, the id first.
std::string decide_line(const tiaoli::RuleSet& rules, const std::string& line, std::size_t number) {
  auto facts = rules.parse_facts(line, tiaoli::FactsFormat::kJson);
  if (!facts) return error_line(number, "", facts.error());
  auto decision = rules.decide("selection.eligibility", facts.value());
  if (!decision) return error_line(number, facts.value().id(), decision.error());
  std::string json = decision.value().to_json(tiaoli::Lang::kZh);  // {"decision":...}
  return "{\"id\":" + json_string(facts.value().id()) + "," + json.substr(1);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: example_roster RULES_DIR ROSTER.jsonl [THREADS]\n";
    return 2;
  }
  auto loaded = tiaoli::RuleSet::load(argv[1]);
  if (!loaded) {
    std::cerr << tiaoli::format_diagnostics(loaded.error().diagnostics) << loaded.error().message
              << "\n";
    return 1;
  }
  const std::shared_ptr<const tiaoli::RuleSet> rules = loaded.value();

  std::ifstream file(argv[2]);
  if (!file) {
    std::cerr << "cannot read " << argv[2] << "\n";
    return 1;
  }
  std::vector<std::string> roster;
  for (std::string line; std::getline(file, line);) {
    if (!line.empty()) roster.push_back(line);
  }

  // The thread pool: each worker takes the next unclaimed line; results go to the line's slot.
  const unsigned threads = argc == 4 ? static_cast<unsigned>(std::stoul(argv[3])) : 4;
  std::vector<std::string> results(roster.size());
  std::atomic<std::size_t> next{0};
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([&, rules] {  // each worker holds its own reference to the rule set
        for (std::size_t i = next++; i < roster.size(); i = next++) {
          results[i] = decide_line(*rules, roster[i], i + 1);
        }
      });
    }
  }  // the jthreads join here

  std::ostringstream ours;
  for (const std::string& result : results) ours << result << "\n";
  std::cout << ours.str();

  // The library's own batch mode on the same roster, with the same options.
  std::ifstream again(argv[2]);
  std::ostringstream batch_out;
  tiaoli::BatchOptions batch;
  batch.decision = "selection.eligibility";
  batch.jobs = static_cast<int>(threads);
  tiaoli::BatchSummary summary = tiaoli::decide_jsonl(*rules, again, batch_out, batch);

  const auto eligible = std::count_if(results.begin(), results.end(), [](const std::string& r) {
    return r.find("\"outcome\":{\"eligible\":true") != std::string::npos;
  });
  std::cerr << roster.size() << " candidates on " << threads << " threads: " << eligible
            << " eligible, " << summary.failed << " not decided\n";
  std::cout << "decide_jsonl gives the same lines: "
            << (batch_out.str() == ours.str() ? "yes" : "no") << "\n";
  return batch_out.str() == ours.str() ? 0 : 1;
}
