// The failure lists of an `all` decision's outcomes, one per set of failing rules, made the first
// time a decision needs it and shared by every later decision on any thread (an outcome's list
// is immutable): deciding then allocates nothing.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "model/model.hpp"

namespace tiaoli::detail {

class FailureLists {
 public:
  // Decisions of more rules keep no lists (2^rules of them): `assign` makes one each time.
  static constexpr std::size_t kMaxRules = 12;

  explicit FailureLists(const DecisionDef& def);
  ~FailureLists();
  FailureLists(const FailureLists&) = delete;
  FailureLists& operator=(const FailureLists&) = delete;

  // Sets `field` to the list of the codes of the rules in `failed` (bit i: rule i), in rule order.
  void assign(std::uint64_t failed, Value& field) const;

 private:
  Value make(std::uint64_t failed) const;

  const DecisionDef& def_;
  std::size_t size_;                                    // 2^rules, or 0 beyond kMaxRules
  std::unique_ptr<std::atomic<const Value*>[]> lists_;  // by `failed`; null until needed
};

}  // namespace tiaoli::detail
