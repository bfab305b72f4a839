// tiaoli's Google Benchmark suite.
//
//   tiaoli_bench [--benchmark_filter=REGEX] [any Google Benchmark flag]
//
// What is measured (each on pre-parsed facts unless the name says otherwise):
//   BM_Load_Huzhou                      RuleSet::load of rules/huzhou
//   BM_ParseFacts_Eligibility           RuleSet::parse_facts of one JSON candidate
//   BM_Eligibility_Baseline             selection.eligibility hand-written in C++
//   (bench_common.hpp) BM_Eligibility_OutcomeOnly          decide, EvalOptions{justify = false};
//   threads 1..N BM_Eligibility_Justify              decide with the justification recorded;
//   threads 1..N BM_Eligibility_JustifyJson          … and rendered by Decision::to_json (zh)
//   BM_Eligibility_Prepared             PreparedDecision::decide_outcome into a reused Record
//   BM_Eligibility_Generated            the same through `tiaoli codegen` C++ (GeneratedDecision)
//   BM_Eligibility_Native               the same C++ compiled while the program runs
//   (NativeDecision) BM_Consequence_{Prepared,Generated,Native}  the same three for
//   assessment.consequence BM_Native_FromCache                 NativeDecision::compile of a module
//   already in the cache BM_Eligibility_EndToEnd_*           JSON text → outcome, engine and
//   baseline (nlohmann) BM_Sample/<decision>/justify:0|1    every Huzhou decision on its sample
//   case BM_Consequence_*                    assessment.consequence on generated workers
//   BM_List_<list>/<n>/justify:0|1      cost as a list fact grows (incidents, training, grades)
//   BM_Synthetic_Load_{Wide,Many}/N     loading synthetic rule sets of N rules (10 … 10,000)
//   BM_Synthetic_Wide/N/justify:0|1     one `all` decision of N rules
//   BM_Synthetic_Many/N/justify:0|1     one 10-rule `first` decision among N/10 decisions
// items_per_second is decisions per second (summed over threads: threaded runs use real time).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string_view>
#include <thread>

#include "bench_common.hpp"
#include "huzhou_generated.hpp"  // `tiaoli codegen` output, written at build time
#include "synthetic.hpp"

namespace tb = tiaoli::bench;
using tiaoli::Decision;
using tiaoli::EvalOptions;
using tiaoli::Facts;
using tiaoli::FactsFormat;
using tiaoli::RuleSet;

namespace {

[[noreturn]] void die(const std::string& message) {
  std::cerr << "tiaoli_bench: " << message << "\n";
  std::exit(1);
}

std::shared_ptr<const RuleSet> load_or_die(const std::string& path) {
  auto loaded = RuleSet::load(path);
  if (!loaded)
    die(path + ": " + tiaoli::format_diagnostics(loaded.error().diagnostics) +
        loaded.error().message);
  return loaded.value();
}

Facts parse_or_die(const RuleSet& rules, const std::string& json) {
  auto facts = rules.parse_facts(json, FactsFormat::kJson);
  if (!facts) die("facts: " + facts.error().message + "\n  " + json);
  return facts.value();
}

// Everything the benchmarks share, built once in main().
struct Fixture {
  std::shared_ptr<const RuleSet> huzhou;
  // 1024 generated candidates: JSON text, bound facts, and the baseline's plain structs.
  std::vector<std::string> candidate_json;
  std::vector<Facts> candidates;
  std::vector<tb::PlainCandidate> plain;
  std::optional<tiaoli::PreparedDecision> eligibility;        // prepared once
  std::optional<tiaoli::GeneratedDecision> eligibility_code;  // its generated C++
  std::optional<tiaoli::PreparedDecision> consequence;
  std::optional<tiaoli::GeneratedDecision> consequence_code;
  // Compiled at start-up (or found in the cache); empty when no compiler is at hand.
  std::optional<tiaoli::NativeDecision> eligibility_native;
  std::optional<tiaoli::NativeDecision> consequence_native;
  std::string native_problem;                          // why they are empty
  std::vector<Facts> workers;                          // for assessment.consequence
  std::vector<std::pair<std::string, Facts>> samples;  // decision id, its sample case
  std::filesystem::path temp;  // synthetic rule sets are written here when first needed
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const RuleSet>> synthetic;  // "wide-100" → rule set
};
Fixture* fx = nullptr;

constexpr std::size_t kCases = 1024;

void check_decision(const tiaoli::Result<Decision>& d) {
  if (!d) die("decide: " + d.error().message);
}

// ---------------------------------------------------------------------------------------------
// Loading and parsing

void BM_Load_Huzhou(benchmark::State& state) {
  std::string path = tb::huzhou_rules();
  for (auto _ : state) {
    auto loaded = RuleSet::load(path);
    benchmark::DoNotOptimize(loaded);
  }
}
BENCHMARK(BM_Load_Huzhou)->Unit(benchmark::kMillisecond);

void BM_ParseFacts_Eligibility(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    auto facts = fx->huzhou->parse_facts(fx->candidate_json[i++ % kCases], FactsFormat::kJson);
    benchmark::DoNotOptimize(facts);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseFacts_Eligibility);

// ---------------------------------------------------------------------------------------------
// selection.eligibility: baseline, outcome only, justification, rendered JSON

void BM_Eligibility_Baseline(benchmark::State& state) {
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 97;
  for (auto _ : state) {
    auto out = tb::plain_eligibility(fx->plain[i++ % kCases]);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Eligibility_Baseline)
    ->ThreadRange(1, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())))
    ->UseRealTime();

void eligibility(benchmark::State& state, bool justify, bool json) {
  EvalOptions options;
  options.justify = justify;
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 97;
  for (auto _ : state) {
    auto d = fx->huzhou->decide("selection.eligibility", fx->candidates[i++ % kCases], options);
    if (json) {
      std::string text = d.value().to_json(tiaoli::Lang::kZh);
      benchmark::DoNotOptimize(text);
    }
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_Eligibility_OutcomeOnly(benchmark::State& state) { eligibility(state, false, false); }
void BM_Eligibility_Justify(benchmark::State& state) { eligibility(state, true, false); }
void BM_Eligibility_JustifyJson(benchmark::State& state) { eligibility(state, true, true); }
int max_threads() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }
BENCHMARK(BM_Eligibility_OutcomeOnly)->ThreadRange(1, max_threads())->UseRealTime();
BENCHMARK(BM_Eligibility_Justify)->ThreadRange(1, max_threads())->UseRealTime();
BENCHMARK(BM_Eligibility_JustifyJson)->ThreadRange(1, max_threads())->UseRealTime();

// Outcome only into a reused Record: PreparedDecision::decide_outcome (the engine's fast path,
// no lookup by name, no trace) and GeneratedDecision::decide_outcome (the C++ `tiaoli codegen`
// wrote for the decision, the engine taking any case it cannot decide).
template <class Decider>
void outcome_into_record(benchmark::State& state, const Decider& decider,
                         const std::vector<Facts>& cases) {
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 97;
  tiaoli::Record outcome;
  for (auto _ : state) {
    auto status = decider.decide_outcome(cases[i++ % kCases], outcome);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(outcome);
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_Eligibility_Prepared(benchmark::State& state) {
  outcome_into_record(state, *fx->eligibility, fx->candidates);
}
void BM_Eligibility_Generated(benchmark::State& state) {
  outcome_into_record(state, *fx->eligibility_code, fx->candidates);
}
void native_outcome(benchmark::State& state, const std::optional<tiaoli::NativeDecision>& native,
                    const std::vector<Facts>& cases) {
  if (!native) {
    state.SkipWithError(fx->native_problem.c_str());
    return;
  }
  outcome_into_record(state, *native, cases);
}
void BM_Eligibility_Native(benchmark::State& state) {
  native_outcome(state, fx->eligibility_native, fx->candidates);
}
BENCHMARK(BM_Eligibility_Prepared)->ThreadRange(1, max_threads())->UseRealTime();
BENCHMARK(BM_Eligibility_Generated)->ThreadRange(1, max_threads())->UseRealTime();
BENCHMARK(BM_Eligibility_Native)->ThreadRange(1, max_threads())->UseRealTime();

void BM_Native_FromCache(benchmark::State& state) {
  if (!fx->eligibility_native) {
    state.SkipWithError(fx->native_problem.c_str());
    return;
  }
  for (auto _ : state) {
    auto native = tiaoli::NativeDecision::compile(*fx->huzhou, "selection.eligibility");
    if (!native.ok() || !native.value().from_cache()) state.SkipWithError("not from the cache");
    benchmark::DoNotOptimize(native);
  }
}
BENCHMARK(BM_Native_FromCache)->Unit(benchmark::kMillisecond);

// From the JSON text of a case to its outcome: what a host pays per request.
void BM_Eligibility_EndToEnd_Engine(benchmark::State& state) {
  EvalOptions options;
  options.justify = false;
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 97;
  for (auto _ : state) {
    auto facts = fx->huzhou->parse_facts(fx->candidate_json[i++ % kCases], FactsFormat::kJson);
    auto d = fx->huzhou->decide("selection.eligibility", facts.value(), options);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Eligibility_EndToEnd_Engine)->ThreadRange(1, max_threads())->UseRealTime();

void BM_Eligibility_EndToEnd_Baseline(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    auto doc = nlohmann::json::parse(fx->candidate_json[i++ % kCases]);
    auto out = tb::plain_eligibility(tb::plain_candidate(doc));
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Eligibility_EndToEnd_Baseline);

// ---------------------------------------------------------------------------------------------
// assessment.consequence on generated workers

void consequence(benchmark::State& state, bool justify) {
  EvalOptions options;
  options.justify = justify;
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 97;
  for (auto _ : state) {
    auto d = fx->huzhou->decide("assessment.consequence", fx->workers[i++ % kCases], options);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_Consequence_OutcomeOnly(benchmark::State& state) { consequence(state, false); }
void BM_Consequence_Justify(benchmark::State& state) { consequence(state, true); }
void BM_Consequence_Prepared(benchmark::State& state) {
  outcome_into_record(state, *fx->consequence, fx->workers);
}
void BM_Consequence_Generated(benchmark::State& state) {
  outcome_into_record(state, *fx->consequence_code, fx->workers);
}
BENCHMARK(BM_Consequence_OutcomeOnly)->ThreadRange(1, max_threads())->UseRealTime();
BENCHMARK(BM_Consequence_Justify);
BENCHMARK(BM_Consequence_Prepared)->ThreadRange(1, max_threads())->UseRealTime();
void BM_Consequence_Native(benchmark::State& state) {
  native_outcome(state, fx->consequence_native, fx->workers);
}
BENCHMARK(BM_Consequence_Generated)->ThreadRange(1, max_threads())->UseRealTime();
BENCHMARK(BM_Consequence_Native)->ThreadRange(1, max_threads())->UseRealTime();

// Every Huzhou decision on its sample (samples/huzhou/*.yaml); registered in main().
void sample(benchmark::State& state, std::size_t index, bool justify) {
  EvalOptions options;
  options.justify = justify;
  const auto& [decision, facts] = fx->samples[index];
  for (auto _ : state) {
    auto d = fx->huzhou->decide(decision, facts, options);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}

// ---------------------------------------------------------------------------------------------
// List facts of growing length

std::string worker_with(const std::string& list, int n) {
  tb::Rng rng(1000 + static_cast<std::uint64_t>(n));
  tiaoli::Date as_of = tiaoli::Date::from_ymd(2026, 3, 15);
  nlohmann::json w = tb::worker_base(as_of);
  nlohmann::json items = nlohmann::json::array();
  static const char* kKinds[] = {"失误", "违反工作纪律", "违法"};
  static const char* kSeverity[] = {"轻微", "较大", "严重"};
  static const char* kMethods[] = {"集中培训", "在线学习", "实地观摩", "案例分析"};
  for (int k = 0; k < n; ++k) {
    tiaoli::Date date{as_of.days - rng.below(730)};
    if (list == "incidents") {
      // Mostly minor errors, rarely anything graver, so the whole list is scanned.
      int kind = rng.below(100) < 97 ? 0 : 1 + rng.below(2);
      items.push_back({{"date", date.to_string()},
                       {"kind", kKinds[kind]},
                       {"severity", kSeverity[kind == 0 ? 0 : rng.below(3)]}});
    } else if (list == "training") {
      items.push_back({{"date", date.to_string()},
                       {"hours", 0.5 + rng.below(16) * 0.5},
                       {"method", kMethods[rng.below(4)]}});
    } else {  // annual_grades, all 合格 (the quantifiers find nothing and scan everything)
      items.push_back({{"year", 2025 - k}, {"grade", "合格"}});
    }
  }
  nlohmann::json doc = {{"as_of", as_of.to_string()}};
  if (list == "candidate_grades") {
    doc["candidate"] = {
        {"birth_date", "1990-05-01"},    {"education", "本科"},  {"political_quality", true},
        {"law_abiding", true},           {"good_conduct", true}, {"familiar_with_locality", true},
        {"communication_ability", true}, {"health_fit", true},   {"annual_grades", items}};
  } else {
    w[list == "worker_grades" ? "annual_grades" : list] = items;
    doc["worker"] = w;
  }
  return doc.dump();
}

void list_growth(benchmark::State& state, const std::string& list, const std::string& decision) {
  int n = static_cast<int>(state.range(0));
  Facts facts = parse_or_die(*fx->huzhou, worker_with(list, n));
  EvalOptions options;
  options.justify = state.range(1) != 0;
  check_decision(fx->huzhou->decide(decision, facts, options));
  for (auto _ : state) {
    auto d = fx->huzhou->decide(decision, facts, options);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["list_len"] = n;
}
void BM_List_Incidents(benchmark::State& s) { list_growth(s, "incidents", "discipline.sanction"); }
void BM_List_Training(benchmark::State& s) { list_growth(s, "training", "training.compliance"); }
void BM_List_CandidateGrades(benchmark::State& s) {
  list_growth(s, "candidate_grades", "selection.eligibility");
}
void BM_List_WorkerGrades(benchmark::State& s) {
  list_growth(s, "worker_grades", "assessment.consequence");
}
#define LIST_ARGS ArgsProduct({{0, 1, 4, 16, 64, 256, 1024}, {0, 1}})->ArgNames({"n", "justify"})
BENCHMARK(BM_List_Incidents)->LIST_ARGS;
BENCHMARK(BM_List_Training)->LIST_ARGS;
BENCHMARK(BM_List_CandidateGrades)->LIST_ARGS;
BENCHMARK(BM_List_WorkerGrades)->LIST_ARGS;

// ---------------------------------------------------------------------------------------------
// Synthetic rule sets of 10 … 10,000 rules

// The folder of a synthetic rule set ("wide" or "many", n rules), written on first use, and the
// rule set loaded from it.
std::filesystem::path synthetic_dir(const std::string& shape, int n) {
  std::lock_guard lock(fx->mutex);
  std::filesystem::path dir = fx->temp / (shape + "-" + std::to_string(n));
  if (!std::filesystem::exists(dir)) {
    if (shape == "wide")
      tb::write_synthetic_wide(dir, n);
    else
      tb::write_synthetic_many(dir, n);
  }
  return dir;
}
const RuleSet& synthetic_rules(const std::string& shape, int n) {
  std::filesystem::path dir = synthetic_dir(shape, n);
  std::lock_guard lock(fx->mutex);
  auto& slot = fx->synthetic[dir.filename().string()];
  if (!slot) slot = load_or_die(dir.string());
  return *slot;
}

void BM_Synthetic_Load(benchmark::State& state, const std::string& shape) {
  std::filesystem::path dir = synthetic_dir(shape, static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto loaded = RuleSet::load(dir.string());
    if (!loaded) die(dir.string() + ": " + tiaoli::format_diagnostics(loaded.error().diagnostics));
    benchmark::DoNotOptimize(loaded);
  }
  state.counters["rules"] = static_cast<double>(state.range(0));
  state.counters["us_per_rule"] = benchmark::Counter(
      static_cast<double>(state.range(0)),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
void BM_Synthetic_Load_Wide(benchmark::State& s) { BM_Synthetic_Load(s, "wide"); }
void BM_Synthetic_Load_Many(benchmark::State& s) { BM_Synthetic_Load(s, "many"); }
BENCHMARK(BM_Synthetic_Load_Wide)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Synthetic_Load_Many)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);

void synthetic_decide(benchmark::State& state, const std::string& shape) {
  int n = static_cast<int>(state.range(0));
  const RuleSet& rules = synthetic_rules(shape, n);
  Facts facts = parse_or_die(rules, tb::synthetic_facts());
  std::string decision =
      shape == "wide" ? "synth.wide" : "synth.d" + std::to_string(n / 10 - 1);  // the last one
  EvalOptions options;
  options.justify = state.range(1) != 0;
  check_decision(rules.decide(decision, facts, options));
  for (auto _ : state) {
    auto d = rules.decide(decision, facts, options);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["rules"] = n;
}
void BM_Synthetic_Wide(benchmark::State& s) { synthetic_decide(s, "wide"); }
void BM_Synthetic_Many(benchmark::State& s) { synthetic_decide(s, "many"); }
BENCHMARK(BM_Synthetic_Wide)
    ->ArgsProduct({{10, 100, 1000, 10000}, {0, 1}})
    ->ArgNames({"rules", "justify"});
BENCHMARK(BM_Synthetic_Many)
    ->ArgsProduct({{10, 100, 1000, 10000}, {0, 1}})
    ->ArgNames({"rules", "justify"});

// ---------------------------------------------------------------------------------------------

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The native modules of both decisions (compiled once, then from the cache), checked against
// the engine on every case.
void compile_native(const RuleSet& rules) {
  auto started = std::chrono::steady_clock::now();
  auto eligibility = tiaoli::NativeDecision::compile(rules, "selection.eligibility");
  auto consequence = tiaoli::NativeDecision::compile(rules, "assessment.consequence");
  if (!eligibility.ok() || !consequence.ok()) {
    fx->native_problem = "no native modules: " + (eligibility.ok() ? consequence.error().message
                                                                   : eligibility.error().message);
    std::cerr << fx->native_problem << "\n";
    return;
  }
  std::cerr << "native modules "
            << (eligibility.value().from_cache() ? "found in the cache" : "compiled") << " in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
            << " s (" << eligibility.value().library() << ")\n";
  auto check = [](const tiaoli::NativeDecision& native, const std::vector<Facts>& cases) {
    for (const Facts& facts : cases) {
      tiaoli::Record engine;
      tiaoli::Record coded;
      if (!native.code().engine().decide_outcome(facts, engine) ||
          !native.decide_outcome(facts, coded) || engine.fields != coded.fields)
        die("the native module of " + native.code().engine().id() + " disagrees with the engine");
    }
  };
  check(eligibility.value(), fx->candidates);
  check(consequence.value(), fx->workers);
  fx->eligibility_native = std::move(eligibility.value());
  fx->consequence_native = std::move(consequence.value());
}

void build_fixture() {
  fx = new Fixture;
  fx->huzhou = load_or_die(tb::huzhou_rules());
  const RuleSet& rules = *fx->huzhou;

  // Candidates, and a check that the engine and the baseline agree on every one. Each
  // representation is built in its own pass, as a host holding one of them would build it;
  // TIAOLI_BENCH_LAYOUT=interleaved builds the three case by case instead, which scatters the
  // engine's facts among the other allocations (bench/README.md has the figures for both).
  tb::Rng rng(20260301);
  const char* layout = std::getenv("TIAOLI_BENCH_LAYOUT");
  bool interleaved = layout != nullptr && std::string_view(layout) == "interleaved";
  for (std::size_t i = 0; i < kCases; ++i) {
    fx->candidate_json.push_back(tb::candidate_json(rng, static_cast<int>(i)));
    if (!interleaved) continue;
    fx->candidates.push_back(parse_or_die(rules, fx->candidate_json.back()));
    fx->plain.push_back(tb::plain_candidate(nlohmann::json::parse(fx->candidate_json.back())));
  }
  if (!interleaved) {
    for (const std::string& json : fx->candidate_json)
      fx->candidates.push_back(parse_or_die(rules, json));
    for (const std::string& json : fx->candidate_json)
      fx->plain.push_back(tb::plain_candidate(nlohmann::json::parse(json)));
  }
  std::cerr << "candidates built " << (interleaved ? "case by case (interleaved)" : "in passes")
            << "\n";
  fx->eligibility = rules.prepare("selection.eligibility").value();
  auto generated = huzhou::prepare_selection_eligibility(rules);
  if (!generated.ok() || !generated.value().current())
    die("the generated selection.eligibility is not from these rules; rebuild tiaoli_bench");
  fx->eligibility_code = std::move(generated.value());
  int eligible = 0;
  int decided_by_code = 0;
  for (std::size_t i = 0; i < kCases; ++i) {
    EvalOptions options;
    options.justify = false;
    auto d = rules.decide("selection.eligibility", fx->candidates[i], options);
    check_decision(d);
    if (!tb::same_outcome(d.value(), tb::plain_eligibility(fx->plain[i]))) {
      die("the baseline and the engine disagree on " + fx->candidate_json[i] +
          "\n  engine: " + d.value().field("failed").to_string());
    }
    tiaoli::Record prepared;
    tiaoli::Record coded;
    if (!fx->eligibility->decide_outcome(fx->candidates[i], prepared) ||
        !fx->eligibility_code->decide_outcome(fx->candidates[i], coded) ||
        prepared.fields != d.value().outcome().fields || coded.fields != prepared.fields) {
      die("decide_outcome (engine or generated code) disagrees on " + fx->candidate_json[i]);
    }
    decided_by_code +=
        fx->eligibility_code->decide_generated(fx->candidates[i], *fx->candidates[i].as_of(), coded)
            ? 1
            : 0;
    eligible += d.value().field("eligible").as_bool() ? 1 : 0;
  }
  std::cerr << "baseline, engine and generated code agree on " << kCases << " candidates ("
            << eligible << " eligible; the generated code decided " << decided_by_code << ")\n";

  // Workers for assessment.consequence.
  for (std::size_t i = 0; i < kCases; ++i) {
    tiaoli::Date as_of = tb::pick_as_of(rng);
    nlohmann::json w = tb::worker_base(as_of);
    if (!rng.chance(10)) w["annual_grades"] = tb::grades_json(rng, rng.below(5), 2021, 2026);
    fx->workers.push_back(
        parse_or_die(rules, nlohmann::json{{"as_of", as_of.to_string()}, {"worker", w}}.dump()));
    check_decision(rules.decide("assessment.consequence", fx->workers.back()));
  }
  fx->consequence = rules.prepare("assessment.consequence").value();
  auto consequence_code = huzhou::prepare_assessment_consequence(rules);
  if (!consequence_code.ok() || !consequence_code.value().current())
    die("the generated assessment.consequence is not from these rules; rebuild tiaoli_bench");
  fx->consequence_code = std::move(consequence_code.value());
  for (const Facts& worker : fx->workers) {
    auto d = rules.decide("assessment.consequence", worker);
    tiaoli::Record prepared;
    tiaoli::Record coded;
    if (!fx->consequence->decide_outcome(worker, prepared) ||
        !fx->consequence_code->decide_outcome(worker, coded) ||
        prepared.fields != d.value().outcome().fields || coded.fields != prepared.fields)
      die("decide_outcome (engine or generated code) disagrees on a worker");
  }
  compile_native(rules);

  // The samples: decision id from the `decision:` line.
  std::filesystem::path samples =
      std::filesystem::path(tb::huzhou_rules()) / "../../samples/huzhou";
  std::vector<std::filesystem::path> files;
  if (std::filesystem::exists(samples)) {
    for (const auto& entry : std::filesystem::directory_iterator(samples))
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::string text = read_text(file);
    auto at = text.find("\ndecision: ");
    if (at == std::string::npos) continue;
    std::string id = text.substr(at + 11, text.find('\n', at + 11) - at - 11);
    auto facts = rules.parse_facts(text, FactsFormat::kYaml);
    if (!facts) die(file.string() + ": " + facts.error().message);
    check_decision(rules.decide(id, facts.value()));
    fx->samples.emplace_back(id, facts.value());
  }
  for (std::size_t i = 0; i < fx->samples.size(); ++i) {
    for (int justify = 0; justify <= 1; ++justify) {
      benchmark::RegisterBenchmark(
          ("BM_Sample/" + fx->samples[i].first + "/justify:" + std::to_string(justify)).c_str(),
          [i, justify](benchmark::State& s) { sample(s, i, justify != 0); });
    }
  }

  // Synthetic rule sets, written into a fresh temporary folder.
  std::string pattern = (std::filesystem::temp_directory_path() / "tiaoli-bench-XXXXXX").string();
  if (!mkdtemp(pattern.data())) die("cannot create a temporary folder");
  fx->temp = pattern;
  std::cerr << "synthetic rule sets go to " << fx->temp.string() << " (removed at exit)\n";
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  build_fixture();
  benchmark::AddCustomContext("rules", tb::huzhou_rules());
  benchmark::AddCustomContext("ruleset", fx->huzhou->name() + " " + fx->huzhou->version() + " " +
                                             fx->huzhou->content_hash());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ignored;
  std::filesystem::remove_all(fx->temp, ignored);
  return 0;
}
