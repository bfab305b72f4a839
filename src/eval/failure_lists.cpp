#include "eval/failure_lists.hpp"

#include <array>
#include <atomic>
#include <memory>

#include "eval/decide.hpp"

namespace tiaoli::detail {
namespace {

// The lists one thread keeps for one FailureLists. A thread keeps them for a few decisions at a
// time (by id, so lists of a rule set since unloaded are never given out; they are dropped when
// their place is needed).
struct KeptLists {
  std::uint64_t owner = 0;
  std::unique_ptr<Value[]> lists;  // by set of failing rules; null Values until made
};
constexpr std::size_t kKeptPerThread = 8;

std::uint64_t next_id() {
  static std::atomic<std::uint64_t> last{0};
  return ++last;
}

}  // namespace

FailureLists::FailureLists(const DecisionDef& def)
    : def_(def),
      size_(def.rules.size() <= kMaxRules ? std::size_t{1} << def.rules.size() : 0),
      id_(next_id()) {}

Value FailureLists::make(std::uint64_t failed) const {
  // Not the shared empty_list(): a thread's lists share no reference count with other threads.
  if (failed == 0) return Value(std::shared_ptr<const List>(std::make_shared<List>()));
  return Value(failure_codes(def_, [failed](std::size_t i) { return (failed >> i & 1U) != 0; }));
}

void FailureLists::assign(std::uint64_t failed, Value& field) const {
  if (failed >= size_) {
    field = make(failed);
    return;
  }
  thread_local std::array<KeptLists, kKeptPerThread> kept;
  KeptLists& mine = kept[id_ % kKeptPerThread];
  if (mine.owner != id_) {
    mine.owner = id_;
    mine.lists = std::make_unique<Value[]>(size_);
  }
  Value& list = mine.lists[failed];
  if (list.is_null()) list = make(failed);
  if (field.kind() == Value::Kind::kList && &field.as_list() == &list.as_list()) return;
  field = list;
}

}  // namespace tiaoli::detail
