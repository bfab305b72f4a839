// Decisions compiled to machine code while the program runs. NativeDecision writes a decision as
// `tiaoli codegen` would (docs/codegen.md), compiles it with the system's C++ compiler into a
// shared object, loads it, and decides the outcome with it — the speed of build-time generated
// code with no build step. Like GeneratedDecision, it gives the engine every case the code cannot
// decide, so outcomes and errors are always the engine's.
//
// Compiling takes about a second per decision; the shared object is kept in a cache folder keyed
// by everything it was made from (the generated source, the compiler and its flags, tiaoli's
// headers), so later runs load it in milliseconds. It needs a C++20 compiler and tiaoli's headers
// at run time: where they are missing, compile() says so and the engine's own outcome-only path
// (RuleSet::prepare) is the way to decide.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tiaoli/generated.hpp"

namespace tiaoli {

struct NativeOptions {
  // Empty: $TIAOLI_CXX, else the compiler tiaoli itself was built with.
  std::string compiler;
  // The folder holding tiaoli/generated.hpp. Empty: $TIAOLI_INCLUDE_DIR, else tiaoli's source or
  // installed headers, whichever exists.
  std::string include_dir;
  // Where compiled modules are kept. Empty: $TIAOLI_NATIVE_CACHE, else $XDG_CACHE_HOME/tiaoli,
  // else ~/.cache/tiaoli, else a folder of the user's in the temporary directory. It must belong to
  // the user and be writable by no one else (a module found there is loaded into the program).
  std::string cache_dir;
  std::vector<std::string> flags = {"-O3"};  // added to -std=c++20 -fPIC -shared
  int timeout_seconds = 300;                 // the compiler is stopped after this long
};

class NativeDecision {
 public:
  // Compiles (or finds in the cache) decision `decision` of `rules`. An error says what failed:
  // a decision generated code cannot decide (which expression), no compiler or headers, the
  // compiler's own messages, a module that will not load.
  static Result<NativeDecision> compile(const RuleSet& rules, std::string_view decision,
                                        const NativeOptions& options = {});

  // The same outcome and errors as code().engine().decide_outcome(...). Never throws.
  Status decide_outcome(const Facts& facts, Record& outcome) const {
    return code_.decide_outcome(facts, outcome);
  }
  Status decide_outcome(const Facts& facts, Record& outcome, const EvalOptions& options) const {
    return code_.decide_outcome(facts, outcome, options);
  }

  const GeneratedDecision& code() const { return code_; }
  const std::string& library() const { return library_; }  // the shared object's path
  bool from_cache() const { return from_cache_; }          // loaded without compiling

 private:
  NativeDecision(GeneratedDecision code, std::string library, bool from_cache)
      : code_(std::move(code)), library_(std::move(library)), from_cache_(from_cache) {}

  GeneratedDecision code_;
  std::string library_;
  bool from_cache_;
};

}  // namespace tiaoli
