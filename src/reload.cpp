#include "tiaoli/reload.hpp"

namespace tiaoli {

RuleSetHolder::RuleSetHolder(std::shared_ptr<const RuleSet> initial)
    : current_(std::move(initial)) {}

Result<std::shared_ptr<const RuleSet>> RuleSetHolder::reload(const std::string& path) {
  auto loaded = RuleSet::load(path);  // outside the lock: loading takes milliseconds
  if (!loaded.ok()) return loaded;
  std::lock_guard<std::mutex> lock(mutex_);
  current_ = loaded.value();
  ++generation_;
  return loaded;
}

std::shared_ptr<const RuleSet> RuleSetHolder::current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_;
}

std::uint64_t RuleSetHolder::generation() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return generation_;
}

}  // namespace tiaoli
