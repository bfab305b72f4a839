#include <algorithm>
#include <barrier>
#include <istream>
#include <ostream>
#include <thread>
#include <vector>

#include "explain/json_writer.hpp"
#include "explain/render.hpp"
#include "facts/facts_reader.hpp"
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
  return close == std::string_view::npos ? ""
                                         : std::string(line.substr(open + 1, close - open - 1));
}

void write_error(std::string& out, std::size_t line_number, const std::string& id,
                 const Error& error) {
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

// RuleSet::parse_facts for a line read by read_chunk: parsed where it lies (read_chunk leaves
// room after it), without a prefetch map (the line is decided at once, its facts still in cache).
Result<Facts> read_line(const RuleSet& ruleset, const std::string& line) {
  return detail::facts_from_json(ruleset.model(), line, {.padded = true, .map_memory = false});
}

// Decides one line into `out` (without the newline); returns false for a failed line.
bool decide_line(const RuleSet& ruleset, const BatchOptions& options, const std::string& line,
                 std::size_t line_number, const std::string& ruleset_json, std::string& out) {
  auto facts = read_line(ruleset, line);
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
  json.raw(ruleset_json);  // the same on every line: written once
  json.end_object();
  return true;
}

// Lines read together and decided together; results written in input order. The strings are
// reused from chunk to chunk (only `size` of them are in use), so reading a line or writing its
// result allocates only when it is longer than any before it in that place.
struct Chunk {
  std::size_t size = 0;
  std::vector<std::string> lines;
  std::vector<std::size_t> numbers;
  std::vector<std::string> results;
  std::vector<char> failed;
};

std::size_t read_chunk(std::istream& in, std::size_t limit, std::size_t line_number, Chunk& chunk) {
  chunk.size = 0;
  while (chunk.size < limit) {
    if (chunk.lines.size() == chunk.size) chunk.lines.emplace_back();
    std::string& line = chunk.lines[chunk.size];
    if (!std::getline(in, line)) break;
    ++line_number;
    if (line.capacity() < line.size() + detail::kJsonPadding)
      line.reserve(line.size() + detail::kJsonPadding);  // for read_line
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    chunk.numbers.resize(chunk.size + 1);
    chunk.numbers[chunk.size++] = line_number;
  }
  return line_number;
}

}  // namespace

BatchSummary decide_jsonl(const RuleSet& ruleset, std::istream& in, std::ostream& out,
                          const BatchOptions& options) {
  unsigned jobs = options.jobs > 0 ? static_cast<unsigned>(options.jobs)
                                   : std::max(1U, std::thread::hardware_concurrency());
  jobs = std::min(jobs, static_cast<unsigned>(kMaxBatchJobs));
  std::size_t limit = std::max<std::size_t>(1, options.chunk_lines);
  std::string ruleset_json;
  detail::JsonWriter writer(ruleset_json);
  detail::write_ruleset(writer, ruleset);

  // Worker k decides lines k, k + jobs, k + 2·jobs, … of the chunk being decided.
  auto decide_stripe = [&](Chunk& chunk, unsigned worker) {
    for (std::size_t i = worker; i < chunk.size; i += jobs) {
      chunk.results[i].clear();
      bool ok = decide_line(ruleset, options, chunk.lines[i], chunk.numbers[i], ruleset_json,
                            chunk.results[i]);
      chunk.failed[i] = ok ? 0 : 1;
    }
  };

  BatchSummary summary;
  auto write_chunk = [&](const Chunk& chunk) {
    for (std::size_t i = 0; i < chunk.size; ++i) {
      out.write(chunk.results[i].data(), static_cast<std::streamsize>(chunk.results[i].size()));
      out.put('\n');
      summary.failed += static_cast<std::size_t>(chunk.failed[i]);
    }
    summary.lines += chunk.size;
    if (options.progress && chunk.size > 0) options.progress(summary.lines);
  };

  // A pipeline: while the workers decide one chunk, this thread writes the previous one and
  // reads the next, so input and output cost no decision time. The workers live for the whole
  // batch (threads made per chunk are short-lived, and a busy machine's scheduler tends to pile
  // them onto one core); two barrier phases per chunk hand it over: "decide" and "decided".
  Chunk chunks[3];
  Chunk* done = &chunks[0];
  Chunk* current = &chunks[1];
  Chunk* next = &chunks[2];
  Chunk* deciding = nullptr;  // written by this thread before the "decide" phase
  std::barrier phase(static_cast<std::ptrdiff_t>(jobs) + 1);
  std::vector<std::thread> workers;
  workers.reserve(jobs);
  for (unsigned w = 0; w < jobs; ++w) {
    workers.emplace_back([&, w] {
      for (;;) {
        phase.arrive_and_wait();
        if (deciding == nullptr) return;  // no more input
        decide_stripe(*deciding, w);
        phase.arrive_and_wait();
      }
    });
  }
  std::size_t line_number = read_chunk(in, limit, 0, *current);
  while (current->size > 0) {
    current->results.resize(std::max(current->results.size(), current->size));
    current->failed.resize(current->results.size());
    deciding = current;
    phase.arrive_and_wait();  // decide
    write_chunk(*done);
    done->size = 0;
    line_number = read_chunk(in, limit, line_number, *next);
    phase.arrive_and_wait();  // decided
    std::swap(done, current);
    std::swap(current, next);
  }
  deciding = nullptr;
  phase.arrive_and_wait();
  for (std::thread& worker : workers) worker.join();
  write_chunk(*done);
  summary.decided = summary.lines - summary.failed;
  return summary;
}

}  // namespace tiaoli
