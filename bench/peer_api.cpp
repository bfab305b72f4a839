// In-process throughput of tiaoli's C++ API on a JSONL file of cases (one facts document a line),
// the library-side counterpart of `tiaoli eval … --facts FILE.jsonl` in bench/peers/run.sh.
//
//   tiaoli_peer_api RULES DECISION FILE.jsonl [--threads N] [--repeat R] [--out RESULTS.jsonl]
//
// Prints one JSON object with decisions per second for:
//   parse        RuleSet::parse_facts alone
//   outcome      decide(justify=false) on parsed facts, 1 thread and N threads
//   justify      decide(justify=true) on parsed facts, 1 thread and N threads
//   justify_json decide(justify=true) + Decision::to_json, 1 thread
//   end_to_end   parse_facts + decide(justify=false), 1 thread and N threads
//   prepared     PreparedDecision::decide_outcome into a reused record, 1 thread and N threads
//   native       NativeDecision::decide_outcome (compiled, or found in the cache, before timing;
//                each outcome checked against decide's first), 1 thread and N threads; when it
//                cannot be compiled, "native_problem" says why
// Each figure is the best of R passes over the whole file. --out writes {"id", "outcome"} lines.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tiaoli/tiaoli.hpp"

using tiaoli::EvalOptions;
using tiaoli::Facts;
using tiaoli::FactsFormat;
using tiaoli::RuleSet;

namespace {

[[noreturn]] void die(const std::string& message) {
  std::cerr << "tiaoli_peer_api: " << message << "\n";
  std::exit(1);
}

// Best wall time in seconds of `repeat` runs of `body(begin, end)` split over `threads` threads.
double best_of(int repeat, int threads, std::size_t count,
               const std::function<void(std::size_t, std::size_t)>& body) {
  double best = 1e300;
  for (int r = 0; r < repeat; ++r) {
    auto start = std::chrono::steady_clock::now();
    if (threads <= 1) {
      body(0, count);
    } else {
      std::vector<std::thread> pool;
      std::size_t chunk =
          (count + static_cast<std::size_t>(threads) - 1) / static_cast<std::size_t>(threads);
      for (int t = 0; t < threads; ++t) {
        std::size_t b = std::min(count, chunk * static_cast<std::size_t>(t));
        std::size_t e = std::min(count, b + chunk);
        pool.emplace_back(body, b, e);
      }
      for (auto& th : pool) th.join();
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = std::min(best, s);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4)
    die("usage: tiaoli_peer_api RULES DECISION FILE.jsonl [--threads N] [--repeat R] [--out FILE]");
  std::string rules_path = argv[1], decision = argv[2], facts_path = argv[3], out_path;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int repeat = 3;
  for (int i = 4; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--threads")
      threads = std::stoi(argv[i + 1]);
    else if (flag == "--repeat")
      repeat = std::stoi(argv[i + 1]);
    else if (flag == "--out")
      out_path = argv[i + 1];
    else
      die("unknown option " + flag);
  }

  auto load_start = std::chrono::steady_clock::now();
  auto loaded = RuleSet::load(rules_path);
  double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  if (!loaded) die(tiaoli::format_diagnostics(loaded.error().diagnostics) + loaded.error().message);
  const RuleSet& rules = *loaded.value();

  std::vector<std::string> lines;
  {
    std::ifstream in(facts_path);
    if (!in) die(facts_path + ": cannot be read");
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty()) lines.push_back(std::move(line));
    }
  }
  const std::size_t n = lines.size();

  std::vector<std::optional<Facts>> facts(n);
  double parse_s = best_of(1, 1, n, [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      auto f = rules.parse_facts(lines[i], FactsFormat::kJson);
      if (!f) die("line " + std::to_string(i + 1) + ": " + f.error().message);
      facts[i] = std::move(f.value());
    }
  });

  EvalOptions outcome_only;
  outcome_only.justify = false;
  EvalOptions justify;
  std::atomic<std::size_t> sink{0};
  auto decide_range = [&](const EvalOptions& options, bool json) {
    return [&, json](std::size_t b, std::size_t e) {
      std::size_t local = 0;
      for (std::size_t i = b; i < e; ++i) {
        auto d = rules.decide(decision, *facts[i], options);
        if (!d) die("line " + std::to_string(i + 1) + ": " + d.error().message);
        if (json)
          local += d.value().to_json(tiaoli::Lang::kZh).size();
        else
          local += d.value().outcome().fields.size();
      }
      sink += local;
    };
  };
  auto end_to_end = [&](std::size_t b, std::size_t e) {
    std::size_t local = 0;
    for (std::size_t i = b; i < e; ++i) {
      auto f = rules.parse_facts(lines[i], FactsFormat::kJson);
      auto d = rules.decide(decision, f.value(), outcome_only);
      local += d.value().outcome().fields.size();
    }
    sink += local;
  };

  double outcome_1 = best_of(repeat, 1, n, decide_range(outcome_only, false));
  double outcome_n = best_of(repeat, threads, n, decide_range(outcome_only, false));
  double justify_1 = best_of(repeat, 1, n, decide_range(justify, false));
  double justify_n = best_of(repeat, threads, n, decide_range(justify, false));
  double json_1 = best_of(1, 1, n, decide_range(justify, true));
  double e2e_1 = best_of(repeat, 1, n, end_to_end);
  double e2e_n = best_of(repeat, threads, n, end_to_end);

  // Outcome only into a record each thread reuses: the prepared decision, the native module.
  auto prepared = rules.prepare(decision);
  if (!prepared) die(prepared.error().message);
  auto into_record = [&](const auto& decider) {
    return [&](std::size_t b, std::size_t e) {
      tiaoli::Record outcome;
      std::size_t local = 0;
      for (std::size_t i = b; i < e; ++i) {
        if (!decider.decide_outcome(*facts[i], outcome)) die("line " + std::to_string(i + 1));
        local += outcome.fields.size();
      }
      sink += local;
    };
  };
  double prepared_1 = best_of(repeat, 1, n, into_record(prepared.value()));
  double prepared_n = best_of(repeat, threads, n, into_record(prepared.value()));
  auto native = tiaoli::NativeDecision::compile(rules, decision);
  double native_1 = 0;
  double native_n = 0;
  if (native) {
    for (std::size_t i = 0; i < n; ++i) {
      tiaoli::Record outcome;
      auto d = rules.decide(decision, *facts[i], outcome_only);
      if (!native.value().decide_outcome(*facts[i], outcome) ||
          outcome.fields != d.value().outcome().fields) {
        die("the native module disagrees with decide on line " + std::to_string(i + 1));
      }
    }
    native_1 = best_of(repeat, 1, n, into_record(native.value()));
    native_n = best_of(repeat, threads, n, into_record(native.value()));
  }

  if (!out_path.empty()) {
    std::ofstream out(out_path);
    for (std::size_t i = 0; i < n; ++i) {
      auto d = rules.decide(decision, *facts[i], outcome_only);
      auto doc = nlohmann::json::parse(d.value().to_json(tiaoli::Lang::kEn));
      out << nlohmann::json{{"id", facts[i]->id()}, {"outcome", doc["outcome"]}}.dump() << "\n";
    }
  }

  auto rate = [&](double seconds) { return static_cast<double>(n) / seconds; };
  nlohmann::json report = {
      {"decision", decision},
      {"cases", n},
      {"threads", threads},
      {"load_ms", load_s * 1e3},
      {"parse_per_s", rate(parse_s)},
      {"outcome_per_s", {{"1", rate(outcome_1)}, {std::to_string(threads), rate(outcome_n)}}},
      {"justify_per_s", {{"1", rate(justify_1)}, {std::to_string(threads), rate(justify_n)}}},
      {"justify_json_per_s", {{"1", rate(json_1)}}},
      {"end_to_end_per_s", {{"1", rate(e2e_1)}, {std::to_string(threads), rate(e2e_n)}}},
      {"prepared_per_s", {{"1", rate(prepared_1)}, {std::to_string(threads), rate(prepared_n)}}},
      {"checksum", sink.load()},
  };
  if (native) {
    report["native_per_s"] = {{"1", rate(native_1)}, {std::to_string(threads), rate(native_n)}};
  } else {
    report["native_problem"] = native.error().message;
  }
  std::cout << report.dump() << "\n";
  return 0;
}
