// `tiaoli codegen`: decisions written out as C++ functions (see include/tiaoli/generated.hpp),
// from the same typed program the engine's fast path runs (eval/fast_ops.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"
#include "tiaoli/result.hpp"

namespace tiaoli::detail {

struct CppOptions {
  std::vector<std::string> decisions;  // empty: every decision that can be written
  std::string name_space = "tiaoli_generated";
};

// A C++ identifier for a decision id: "selection.eligibility" → "selection_eligibility".
std::string cpp_identifier(std::string_view id);
// A C++ string literal of UTF-8 text.
std::string cpp_string_literal(std::string_view text);

// A header defining, for each decision, `bool <id>(facts, as_of, max_steps, outcome)` and
// `prepare_<id>(rules)`. `skipped` gets one line per decision left out (every decision given:
// an error instead), saying what it uses that generated code cannot do.
Result<std::string> write_cpp(const RuleSetModel& model, const CppOptions& options,
                              std::vector<std::string>& skipped);

}  // namespace tiaoli::detail
