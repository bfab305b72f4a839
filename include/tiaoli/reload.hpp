// Serving a rule set that analysts keep editing: reload without stopping, never serve a broken one.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "tiaoli/result.hpp"
#include "tiaoli/ruleset.hpp"

namespace tiaoli {

// Holds the rule set a host currently serves. Thread safety: current() and reload() may be
// called from any number of threads at once. A decision taken from current() keeps the rule set
// it was taken with alive, even while a reload replaces it, and records its name, version and
// content hash.
class RuleSetHolder {
 public:
  explicit RuleSetHolder(std::shared_ptr<const RuleSet> initial);

  // Loads the folder at `path` and, when it loads without errors, serves it from now on. When it
  // fails, the rule set being served stays, and the Error lists every problem found.
  Result<std::shared_ptr<const RuleSet>> reload(const std::string& path);

  std::shared_ptr<const RuleSet> current() const;
  // How many successful reloads have happened (0 for the initial rule set).
  std::uint64_t generation() const;

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const RuleSet> current_;
  std::uint64_t generation_ = 0;
};

}  // namespace tiaoli
