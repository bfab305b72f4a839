#include "eval/failure_lists.hpp"

#include "eval/decide.hpp"

namespace tiaoli::detail {

FailureLists::FailureLists(const DecisionDef& def)
    : def_(def), size_(def.rules.size() <= kMaxRules ? std::size_t{1} << def.rules.size() : 0) {
  if (size_ == 0) return;
  lists_ = std::make_unique<std::atomic<const Value*>[]>(size_);
  for (std::size_t i = 0; i < size_; ++i) lists_[i].store(nullptr, std::memory_order_relaxed);
}

FailureLists::~FailureLists() {
  for (std::size_t i = 0; i < size_; ++i) delete lists_[i].load(std::memory_order_relaxed);
}

Value FailureLists::make(std::uint64_t failed) const {
  if (failed == 0) return Value(empty_list());
  auto codes = std::make_shared<List>();
  for (std::size_t i = 0; i < def_.rules.size(); ++i) {
    if ((failed >> i & 1U) != 0) codes->push_back(def_.rules[i].code_value);
  }
  return Value(std::shared_ptr<const List>(std::move(codes)));
}

void FailureLists::assign(std::uint64_t failed, Value& field) const {
  if (failed >= size_) {
    field = make(failed);
    return;
  }
  std::atomic<const Value*>& slot = lists_[failed];
  const Value* list = slot.load(std::memory_order_acquire);
  if (list == nullptr) {
    auto made = std::make_unique<const Value>(make(failed));
    if (slot.compare_exchange_strong(list, made.get(), std::memory_order_acq_rel)) {
      list = made.release();
    }  // else another thread stored one first: `list` is that one, ours is dropped
  }
  if (field.kind() == Value::Kind::kList && &field.as_list() == &list->as_list()) return;
  field = *list;
}

}  // namespace tiaoli::detail
