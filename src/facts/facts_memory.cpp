#include "facts/facts_memory.hpp"

#include <algorithm>

namespace tiaoli::detail {
namespace {

// Blocks closer than this are one run: prefetching the gap costs less than a separate miss.
constexpr std::uintptr_t kMaxGap = 256;

// Visits the blocks in the order the binder allocated them (records depth first), so nearly every
// block extends the run before it; nothing is allocated or sorted.
class RunCollector {
 public:
  void add(const Value& value) {
    if (value.kind() == Value::Kind::kRecord) {
      add(value.as_record());
    } else if (value.kind() == Value::Kind::kList) {
      const List& list = value.as_list();
      add_block(&list, 1);
      add_block(list.data(), list.size());
      for (const Value& element : list) add(element);
    }
  }

  void add(const Record& record) {
    add_block(&record, 1);
    add_block(record.fields.data(), record.fields.size());
    for (const Value& field : record.fields) add(field);
  }

  FactsMemory memory() const { return memory_; }

 private:
  template <class T>
  void add_block(const T* first, std::size_t count) {
    if (count == 0) return;
    auto begin = reinterpret_cast<std::uintptr_t>(first);
    auto end = begin + count * sizeof(T);
    for (std::size_t r = 0; r < memory_.run_count; ++r) {
      FactsMemory::Run& run = memory_.runs[r];
      std::uintptr_t run_end = run.begin + run.size;
      if (begin + kMaxGap >= run.begin && begin <= run_end + kMaxGap) {
        std::uintptr_t low = std::min(begin, run.begin);
        run.size = std::max(end, run_end) - low;
        run.begin = low;
        return;
      }
    }
    // A block far from every run: a new run while there is room (the root's comes first, being
    // the first block); further stray blocks are left to be read when needed.
    if (memory_.run_count < FactsMemory::kMaxRuns)
      memory_.runs[memory_.run_count++] = {begin, end - begin};
  }

  FactsMemory memory_;
};

}  // namespace

FactsMemory facts_memory(const Record& root) {
  RunCollector collector;
  collector.add(root);
  return collector.memory();
}

}  // namespace tiaoli::detail
