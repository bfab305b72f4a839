#include "cli/commands.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <unistd.h>

#include "codegen/cpp_writer.hpp"
#include "explain/render.hpp"
#include "testing/test_runner.hpp"
#include "tiaoli/tiaoli.hpp"

namespace tiaoli::cli {
namespace {

struct Options {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;
  std::vector<std::pair<std::string, std::string>> params;  // --param NAME=VALUE, repeatable
};

// Parses `--name value` pairs; `allowed` lists the names this verb takes, `flags` the names that
// take no value.
std::optional<Options> parse(const Args& args, std::initializer_list<std::string> allowed,
                             std::initializer_list<std::string> flags = {}) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0 || arg == "-") {
      options.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::string value;
    if (std::find(flags.begin(), flags.end(), name) != flags.end()) {
      options.values[name] = "true";
      continue;
    }
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      usage_error("--" + name + " needs a value");
      return std::nullopt;
    }
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      usage_error("unknown option --" + name);
      return std::nullopt;
    }
    if (name == "param") {
      auto eq = value.find('=');
      if (eq == std::string::npos) {
        usage_error("--param takes NAME=VALUE");
        return std::nullopt;
      }
      options.params.emplace_back(value.substr(0, eq), value.substr(eq + 1));
      continue;
    }
    options.values[name] = value;
  }
  return options;
}

std::shared_ptr<const RuleSet> load_or_report(const std::string& path) {
  auto loaded = RuleSet::load(path);
  if (!loaded.ok()) {
    std::cerr << format_diagnostics(loaded.error().diagnostics) << loaded.error().message << "\n";
    return nullptr;
  }
  return loaded.value();
}

std::optional<std::string> read_input(const std::string& path) {
  std::stringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  buffer << in.rdbuf();
  return buffer.str();
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The decision to take: --decision, else the facts document's own `decision` entry.
std::string decision_for(const Options& options, std::string_view document) {
  if (auto it = options.values.find("decision"); it != options.values.end()) return it->second;
  auto json = nlohmann::json::parse(document.begin(), document.end(), nullptr, false);
  if (json.is_discarded()) {
    // A YAML document: look for a top-level `decision:` line.
    std::istringstream lines{std::string(document)};
    std::string line;
    while (std::getline(lines, line)) {
      if (line.rfind("decision:", 0) == 0) {
        std::string value = line.substr(9);
        value.erase(0, value.find_first_not_of(" \t\"'"));
        value.erase(value.find_last_not_of(" \t\"'\r") + 1);
        return value;
      }
    }
    return "";
  }
  if (json.is_object() && json.contains("decision") && json["decision"].is_string())
    return json["decision"];
  return "";
}

int eval_batch(const RuleSet& ruleset, const Options& options, std::istream& in,
               BatchOptions batch) {
  batch.decision = options.values.count("decision") ? options.values.at("decision") : "";
  if (options.values.count("jobs")) {
    const std::string& jobs = options.values.at("jobs");
    if (jobs.empty() || jobs.find_first_not_of("0123456789") != std::string::npos ||
        jobs.size() > 4) {
      return usage_error("--jobs takes a number of threads");
    }
    batch.jobs = std::stoi(jobs);
  }
  if (isatty(STDERR_FILENO)) {
    batch.progress = [](std::size_t done) {
      std::cerr << "\r" << done << " lines decided" << std::flush;
    };
  }
  std::ios::sync_with_stdio(false);
  BatchSummary summary = decide_jsonl(ruleset, in, std::cout, batch);
  std::cout.flush();
  if (batch.progress) std::cerr << "\n";
  if (summary.failed > 0)
    std::cerr << summary.failed << " of " << summary.lines << " lines could not be decided\n";
  return summary.failed == 0 ? 0 : 1;
}

}  // namespace

int usage_error(const std::string& message) {
  std::cerr << "tiaoli: " << message << "\nRun 'tiaoli --help' for usage.\n";
  return 2;
}

int check(const Args& args) {
  auto options = parse(args, {});
  if (!options) return 2;
  if (options->positional.size() != 1) return usage_error("check takes one rule-set folder");
  auto ruleset = load_or_report(options->positional[0]);
  if (!ruleset) return 1;
  std::cerr << format_diagnostics(ruleset->warnings());
  std::cout << ruleset->name() << " " << ruleset->version() << ": " << ruleset->decisions().size()
            << " decisions, " << ruleset->model().tests.size() << " test cases, "
            << ruleset->warnings().size() << " warnings, no errors\n";
  return 0;
}

int eval(const Args& args) {
  auto options = parse(args, {"decision", "facts", "as-of", "format", "lang", "param", "jobs"},
                       {"outcome-only"});
  if (!options) return 2;
  if (options->positional.size() != 1) return usage_error("eval takes one rule-set folder");
  if (!options->values.count("facts")) return usage_error("eval needs --facts FILE");
  std::string format = options->values.count("format") ? options->values["format"] : "text";
  std::string lang_name = options->values.count("lang") ? options->values["lang"] : "zh";
  if (format != "text" && format != "json") return usage_error("--format is text or json");
  if (lang_name != "zh" && lang_name != "en") return usage_error("--lang is zh or en");
  Lang lang = lang_name == "zh" ? Lang::kZh : Lang::kEn;
  EvalOptions eval_options;
  eval_options.parameters = options->params;
  if (options->values.count("as-of")) {
    eval_options.as_of = Date::parse(options->values["as-of"]);
    if (!eval_options.as_of)
      return usage_error("--as-of '" + options->values["as-of"] +
                         "' is not a valid date (YYYY-MM-DD)");
  }
  auto ruleset = load_or_report(options->positional[0]);
  if (!ruleset) return 1;
  const std::string& path = options->values["facts"];
  eval_options.justify = !options->values.count("outcome-only");
  if (ends_with(path, ".jsonl") || path == "-") {
    BatchOptions batch;
    batch.eval = eval_options;
    batch.lang = lang;
    if (path == "-") return eval_batch(*ruleset, *options, std::cin, batch);
    std::ifstream in(path);
    if (!in) {
      std::cerr << path << ": cannot be read\n";
      return 1;
    }
    return eval_batch(*ruleset, *options, in, batch);
  }
  auto text = read_input(path);
  if (!text) {
    std::cerr << path << ": cannot be read\n";
    return 1;
  }
  auto facts = ruleset->parse_facts(
      *text, ends_with(path, ".json") ? FactsFormat::kJson : FactsFormat::kYaml);
  if (!facts.ok()) {
    std::cerr << path << ": " << facts.error().message << "\n";
    return 1;
  }
  std::string decision_id = decision_for(*options, *text);
  if (decision_id.empty())
    return usage_error(
        "name the decision with --decision ID (or a `decision:` entry in the facts)");
  auto decision = ruleset->decide(decision_id, facts.value(), eval_options);
  if (!decision.ok()) {
    std::cerr << path << ": " << decision.error().message << "\n";
    return 1;
  }
  std::cout << (format == "json" ? decision.value().to_json(lang) + "\n"
                                 : decision.value().to_text(lang));
  return 0;
}

int test(const Args& args) {
  auto options = parse(args, {"lang"});
  if (!options) return 2;
  if (options->positional.size() != 1) return usage_error("test takes one rule-set folder");
  Lang lang =
      options->values.count("lang") && options->values["lang"] == "en" ? Lang::kEn : Lang::kZh;
  auto ruleset = load_or_report(options->positional[0]);
  if (!ruleset) return 1;
  detail::TestReport report = detail::run_tests(ruleset, lang);
  for (const detail::TestResult& result : report.results) {
    if (result.passed) continue;
    const detail::TestCase& test = *result.test;
    std::cout << "FAIL " << test.where.file->path() << ":" << test.where.line << ": " << test.name
              << " (" << test.decision << ")\n";
    for (const std::string& problem : result.problems) std::cout << "  " << problem << "\n";
    if (!result.justification.empty()) {
      std::istringstream lines(result.justification);
      std::string line;
      while (std::getline(lines, line)) std::cout << "    | " << line << "\n";
    }
  }
  std::cout << report.passed << " passed, " << report.failed << " failed\n";
  return report.failed == 0 && report.passed > 0 ? 0 : 1;
}

int coverage(const Args& args) {
  auto options = parse(args, {});
  if (!options) return 2;
  if (options->positional.size() != 1) return usage_error("coverage takes one rule-set folder");
  auto ruleset = load_or_report(options->positional[0]);
  if (!ruleset) return 1;
  const detail::RuleSetModel& model = ruleset->model();
  detail::TestReport report = detail::run_tests(ruleset, Lang::kEn);
  // rule (decision/rule id) → the test cases that evaluated it
  std::map<std::string, std::set<std::size_t>> exercised;
  for (std::size_t t = 0; t < report.results.size(); ++t) {
    const detail::TestCase& test = *report.results[t].test;
    const detail::DecisionDef& decision =
        model.decisions[static_cast<std::size_t>(model.find_decision(test.decision))];
    for (int rule : report.results[t].considered_rules) {
      exercised[test.decision + "/" + decision.rules[static_cast<std::size_t>(rule)].id].insert(t);
    }
  }
  int accounted = 0;
  std::vector<std::string> missing;
  for (const std::string& id : model.provision_order) {
    std::vector<std::string> rules;
    std::set<std::size_t> cases;
    for (const detail::DecisionDef& decision : model.decisions) {
      for (const detail::RuleDef& rule : decision.rules) {
        bool cites = std::any_of(rule.cites.begin(), rule.cites.end(), [&](const std::string& c) {
          const detail::ProvisionInfo* p = model.provision(c);
          return c == id ||
                 (p && std::find(p->items.begin(), p->items.end(), id) != p->items.end());
        });
        if (!cites) continue;
        rules.push_back(decision.id + "/" + rule.id);
        const auto& by_rule = exercised[decision.id + "/" + rule.id];
        cases.insert(by_rule.begin(), by_rule.end());
      }
    }
    auto undecidable = std::find_if(model.undecidable.begin(), model.undecidable.end(),
                                    [&](const auto& u) { return u.id == id; });
    std::string status;
    if (!rules.empty()) {
      status = cases.empty() ? "implemented, untested" : "implemented";
    } else if (undecidable != model.undecidable.end()) {
      status = "not decidable: " + undecidable->reason;
    } else {
      status = "UNACCOUNTED";
      missing.push_back(id);
    }
    if (status != "UNACCOUNTED") ++accounted;
    std::cout << id << "\t" << status;
    if (!rules.empty()) {
      std::cout << "\t";
      for (std::size_t i = 0; i < rules.size(); ++i) std::cout << (i ? ", " : "") << rules[i];
      std::cout << "\t" << cases.size() << " test cases";
    }
    std::cout << "\n";
  }
  std::cout << accounted << "/" << model.provision_order.size() << " provisions accounted for\n";
  return missing.empty() ? 0 : 1;
}

namespace {

bool is_cpp_namespace(std::string_view name) {
  if (name.empty()) return false;
  bool start = true;  // at the start of an identifier
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == ':' && i + 1 < name.size() && name[i + 1] == ':' && !start) {
      ++i;
      start = true;
      continue;
    }
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && !start)) return false;
    start = false;
  }
  return !start;
}

// The ids of --decision ID[,ID...]; empty when it is not given.
std::vector<std::string> decision_list(const Options& options) {
  std::vector<std::string> ids;
  if (auto decisions = options.values.find("decision"); decisions != options.values.end()) {
    std::stringstream list(decisions->second);
    for (std::string id; std::getline(list, id, ',');) {
      if (!id.empty()) ids.push_back(id);
    }
  }
  return ids;
}

}  // namespace

int codegen(const Args& args) {
  auto options = parse(args, {"decision", "namespace", "out"});
  if (!options) return 2;
  if (options->positional.size() != 1) return usage_error("codegen takes one rule-set folder");
  detail::CppOptions cpp;
  cpp.decisions = decision_list(*options);
  if (auto name = options->values.find("namespace"); name != options->values.end()) {
    if (!is_cpp_namespace(name->second))
      return usage_error("--namespace should be a C++ namespace name, such as huzhou or a::b");
    cpp.name_space = name->second;
  }
  auto ruleset = load_or_report(options->positional[0]);
  if (!ruleset) return 1;
  std::vector<std::string> skipped;
  auto text = detail::write_cpp(ruleset->model(), cpp, skipped);
  for (const std::string& line : skipped) std::cerr << "tiaoli codegen: skipped " << line << "\n";
  if (!text.ok()) {
    std::cerr << "tiaoli codegen: " << text.error().message;
    return 1;
  }
  auto out = options->values.find("out");
  if (out == options->values.end() || out->second == "-") {
    std::cout << text.value();
    return 0;
  }
  std::ofstream file(out->second, std::ios::binary);
  file << text.value();
  if (!file.flush()) {
    std::cerr << "tiaoli codegen: cannot write " << out->second << "\n";
    return 1;
  }
  return 0;
}

int native(const Args& args) {
  auto options = parse(args, {"decision", "cache"});
  if (!options) return 2;
  if (options->positional.size() != 1) return usage_error("native takes one rule-set folder");
  auto ruleset = load_or_report(options->positional[0]);
  if (!ruleset) return 1;
  std::vector<std::string> ids = decision_list(*options);
  if (ids.empty()) {  // every decision generated code can decide; the others with the reason
    std::vector<std::string> skipped;
    auto all = detail::write_cpp(ruleset->model(), {}, skipped);
    for (const std::string& line : skipped) std::cerr << "tiaoli native: skipped " << line << "\n";
    for (const DecisionInfo& info : ruleset->decisions()) {
      bool can = std::none_of(skipped.begin(), skipped.end(), [&](const std::string& line) {
        return line.rfind(info.id + ": ", 0) == 0;
      });
      if (can && all.ok()) ids.push_back(info.id);
    }
  }
  NativeOptions native_options;
  if (auto cache = options->values.find("cache"); cache != options->values.end())
    native_options.cache_dir = cache->second;
  int failed = 0;
  for (const std::string& id : ids) {
    auto started = std::chrono::steady_clock::now();
    auto native = NativeDecision::compile(*ruleset, id, native_options);
    if (!native.ok()) {
      std::cerr << "tiaoli native: " << native.error().message << "\n";
      ++failed;
      continue;
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    char took[32];
    std::snprintf(took, sizeof took, "%.2f s", seconds);
    std::cout << id << ": " << (native.value().from_cache() ? "in the cache" : "compiled") << " ("
              << took << ") " << native.value().library() << "\n";
  }
  return failed == 0 ? 0 : 1;
}

}  // namespace tiaoli::cli
