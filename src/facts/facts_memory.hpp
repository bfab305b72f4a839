// Where bound facts lie in memory, so that a decision can ask for all of it at once.
//
// A decision reads its facts by following pointers (facts → worker → annual_grades → each grade),
// and when the facts are not in cache — a host that parsed many cases and decides them later —
// every step waits for memory in turn: on 100,000 generated workers that waiting was about a third
// of assessment.consequence's time. The binder allocates one document's records and lists one
// after another, which the heap serves mostly as one stretch of memory, with a few blocks placed
// elsewhere (reused ones). FactsMemory keeps those stretches; prefetching them before evaluating
// turns the chain of waits into one. Prefetching never faults and never changes a result; at
// worst it is useless.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "tiaoli/value.hpp"

namespace tiaoli::detail {

struct FactsMemory {
  struct Run {
    std::uintptr_t begin = 0;
    std::size_t size = 0;
  };
  static constexpr std::size_t kMaxRuns = 4;
  static constexpr std::size_t kMaxPrefetchBytes = 4096;  // in all runs together

  std::array<Run, kMaxRuns> runs{};  // the run holding the root record first
  std::size_t run_count = 0;
};

// The stretches of memory holding `root` and every record, list and field array it holds.
FactsMemory facts_memory(const Record& root);

inline void prefetch(const FactsMemory& memory) {
  std::size_t budget = FactsMemory::kMaxPrefetchBytes;
  for (std::size_t r = 0; r < memory.run_count && budget > 0; ++r) {
    const FactsMemory::Run& run = memory.runs[r];
    std::size_t size = run.size < budget ? run.size : budget;
    budget -= size;
    // Integer arithmetic: the bytes between the blocks of a run belong to no object.
    for (std::uintptr_t line = run.begin; line < run.begin + size; line += 64)
      __builtin_prefetch(reinterpret_cast<const void*>(line));  // NOLINT(performance-no-int-to-ptr)
  }
}

}  // namespace tiaoli::detail
