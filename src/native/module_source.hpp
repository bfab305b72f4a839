// The C++ source of a native module: one decision as `tiaoli codegen` writes it, plus the entry
// point through which the engine binds it (tiaoli/generated.hpp, NativeHost and NativeModule).
#pragma once

#include <string>

#include "model/model.hpp"
#include "tiaoli/result.hpp"

namespace tiaoli::detail {

inline constexpr const char* kNativeEntryName = "tiaoli_native_module";

// An error when generated code cannot decide `decision_id` (the reason is codegen's).
Result<std::string> native_module_source(const RuleSetModel& model, const std::string& decision_id);

}  // namespace tiaoli::detail
