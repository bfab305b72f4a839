#include <algorithm>
#include <istream>
#include <ostream>
#include <thread>
#include <vector>

#include "explain/json_writer.hpp"
#include "explain/render.hpp"
#include "tiaoli/batch.hpp"

namespace tiaoli {
namespace {

// The decision named in the line itself: a top-level "decision": "..." entry.
std::string decision_named_in(std::string_view line) {
  std::size_t at = line.find("\"decision\"");
  if (at == std::string_view::npos) return "";
  at = line.find(':', at);
  std::size_t open = at == std::string_view::npos ? at : line.find('"', at);
  std::size_t close = open == std::string_view::npos ? open : line.find('"', open + 1);
  return close == std::string_view::npos ? "" : std::string(line.substr(open + 1, close - open - 1));
}

void write_error(std::string& out, std::size_t line_number, const std::string& id, const Error& error) {
  detail::JsonWriter json(out);
  json.begin_object();
  json.key("line");
  json.number(static_cast<std::int64_t>(line_number));
  if (!id.empty()) {
    json.key("id");
    json.string(id);
  }
  json.key("error");
  json.string(error.message);
  if (!error.field.empty()) {
    json.key("field");
    json.string(error.field);
  }
  json.end_object();
}

// Decides one line into `out` (without the newline); returns false for a failed line.
bool decide_line(const RuleSet& ruleset, const BatchOptions& options, std::string_view line,
                 std::size_t line_number, std::string& out) {
  auto facts = ruleset.parse_facts(line, FactsFormat::kJson);
  if (!facts.ok()) {
    write_error(out, line_number, "", facts.error());
    return false;
  }
  const std::string& id = facts.value().id();
  std::string named = options.decision.empty() ? decision_named_in(line) : std::string();
  const std::string& decision_id = options.decision.empty() ? named : options.decision;
  auto decision = ruleset.decide(decision_id, facts.value(), options.eval);
  if (!decision.ok()) {
    write_error(out, line_number, id, decision.error());
    return false;
  }
  if (options.eval.justify) {
    out = decision.value().to_json(options.lang);
    if (!id.empty()) {  // "id" first, as in outcome-only lines
      std::string member;
      detail::JsonWriter(member).string(id);
      out.insert(1, "\"id\":" + member + ",");
    }
    return true;
  }
  detail::JsonWriter json(out);
  json.begin_object();
  if (!id.empty()) {
    json.key("id");
    json.string(id);
  }
  json.key("decision");
  json.string(decision_id);
  json.key("as_of");
  json.string(decision.value().as_of().to_string());
  json.key("outcome");
  json.record(decision.value().outcome());
  detail::write_ruleset(json, ruleset);
  json.end_object();
  return true;
}

}  // namespace

BatchSummary decide_jsonl(const RuleSet& ruleset, std::istream& in, std::ostream& out,
                          const BatchOptions& options) {
  unsigned jobs = options.jobs > 0 ? static_cast<unsigned>(options.jobs) : std::max(1U, std::thread::hardware_concurrency());
  std::size_t chunk = std::max<std::size_t>(1, options.chunk_lines);
  BatchSummary summary;
  std::vector<std::string> lines;
  std::vector<std::size_t> numbers;
  std::vector<std::string> results;
  std::vector<char> failed;
  std::size_t line_number = 0;
  std::string line;
  bool more = true;
  while (more) {
    lines.clear();
    numbers.clear();
    while (lines.size() < chunk && (more = static_cast<bool>(std::getline(in, line)))) {
      ++line_number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      lines.push_back(std::move(line));
      numbers.push_back(line_number);
    }
    results.assign(lines.size(), std::string());
    failed.assign(lines.size(), 0);
    auto work = [&](std::size_t first, std::size_t step) {
      for (std::size_t i = first; i < lines.size(); i += step) {
        failed[i] = decide_line(ruleset, options, lines[i], numbers[i], results[i]) ? 0 : 1;
      }
    };
    unsigned workers = std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(1, lines.size() / 64)));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < workers; ++t) threads.emplace_back(work, t, workers);
    work(0, workers);
    for (std::thread& thread : threads) thread.join();
    for (std::size_t i = 0; i < lines.size(); ++i) {
      out.write(results[i].data(), static_cast<std::streamsize>(results[i].size()));
      out.put('\n');
      summary.failed += static_cast<std::size_t>(failed[i]);
    }
    summary.lines += lines.size();
    if (options.progress) options.progress(summary.lines);
  }
  summary.decided = summary.lines - summary.failed;
  return summary;
}

}  // namespace tiaoli
