// Deciding many cases at once: JSON Lines in, JSON Lines out, on several threads.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>

#include "tiaoli/decision.hpp"
#include "tiaoli/ruleset.hpp"

namespace tiaoli {

inline constexpr int kMaxBatchJobs = 256;

struct BatchOptions {
  // The decision for every line; when empty, each line names its own in a "decision" entry.
  std::string decision;
  EvalOptions eval;                // as_of override, justify, what-if parameters
  Lang lang = Lang::kZh;           // of the justification, when eval.justify
  int jobs = 0;                    // worker threads; 0 = all cores; at most kMaxBatchJobs
  std::size_t chunk_lines = 4096;  // lines decided together; memory is bounded by this
  // Called after each chunk with the number of lines done so far (e.g. for a progress line).
  std::function<void(std::size_t)> progress;
};

struct BatchSummary {
  std::size_t lines = 0;    // non-blank input lines
  std::size_t decided = 0;  // lines that produced a decision
  std::size_t failed = 0;   // lines that produced {"line": N, "error": ...}
};

// Reads one JSON facts document a line from `in` and writes one JSON object a line to `out`, in
// input order: the decision's JSON (Decision::to_json, or without "justification" when
// eval.justify is false) with the line's "id" first, or {"line", "id", "error", "field"} for a
// line that could not be decided. A bad line never stops the others. The output is the same
// whatever `jobs` is. Thread safety: uses `ruleset` from several threads (it is immutable).
BatchSummary decide_jsonl(const RuleSet& ruleset, std::istream& in, std::ostream& out,
                          const BatchOptions& options);

}  // namespace tiaoli
