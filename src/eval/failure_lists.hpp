// The failure lists of an `all` decision's outcomes, one per set of failing rules. Each thread
// keeps the lists it has made (an outcome's list is immutable) and gives the same one again to
// every later case that fails the same rules: deciding allocates nothing then. Per thread, not
// shared: threads copying one shared list would contend on its reference count.
#pragma once

#include <cstddef>
#include <cstdint>

#include "model/model.hpp"

namespace tiaoli::detail {

class FailureLists {
 public:
  // Decisions of more rules keep no lists (2^rules of them): `assign` makes one each time.
  static constexpr std::size_t kMaxRules = 12;

  explicit FailureLists(const DecisionDef& def);

  // Sets `field` to the list of the codes of the rules in `failed` (bit i: rule i), in rule order.
  void assign(std::uint64_t failed, Value& field) const;

 private:
  Value make(std::uint64_t failed) const;

  const DecisionDef& def_;
  std::size_t size_;  // 2^rules, or 0 beyond kMaxRules
  std::uint64_t id_;  // unique in the process: what a thread's kept lists belong to
};

}  // namespace tiaoli::detail
