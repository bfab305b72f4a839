#include "native/module_source.hpp"

#include <vector>

#include "codegen/cpp_writer.hpp"

namespace tiaoli::detail {
namespace {

constexpr const char* kNamespace = "tiaoli_native";

// The engine functions generated code calls, defined here through the host's table (the module
// does not link against the host), and the entry point. @FUNCTION@ and @DECISION@ are filled in.
constexpr const char* kGlue = R"(
namespace {
const tiaoli::generated::NativeHost* host = nullptr;
}  // namespace

namespace tiaoli::generated {
std::int64_t completed_years(std::int64_t birth, std::int64_t on, bool day_after_birthday) {
  return host->completed_years(birth, on, day_after_birthday);
}
Value empty_list() { return host->empty_list(); }
std::int64_t date_part(std::int64_t days, int part) { return host->date_part(days, part); }
std::int64_t shift_days(std::int64_t days, std::int64_t by) {
  std::int64_t shifted = 0;
  if (!host->shift_days(days, by, &shifted)) needs_engine();
  return shifted;
}
Value enum_output(const Record& outcome, std::size_t field, std::int32_t index) {
  return host->enum_output(outcome, field, index);
}
}  // namespace tiaoli::generated

// Accepts a host whose values are laid out as this module's are.
extern "C" __attribute__((visibility("default"))) bool tiaoli_native_module(
    const tiaoli::generated::NativeHost& engine, tiaoli::generated::NativeModule& module) {
  const tiaoli::generated::NativeHost mine{};
  if (engine.abi_version != mine.abi_version || engine.value_size != mine.value_size ||
      engine.record_size != mine.record_size || engine.list_size != mine.list_size) {
    return false;
  }
  host = &engine;
  module.decision = @DECISION@;
  module.content_hash = tiaoli_native::kContentHash.data();
  module.function = &tiaoli_native::@FUNCTION@;
  return true;
}
)";

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

Result<std::string> native_module_source(const RuleSetModel& model,
                                         const std::string& decision_id) {
  std::vector<std::string> skipped;
  Result<std::string> header = write_cpp(model, CppOptions{{decision_id}, kNamespace}, skipped);
  if (!header.ok()) return header.error();
  std::string source = std::move(header.value());
  replace_all(source, "#pragma once\n", "");  // a header as written; here the main file
  std::string glue = kGlue;
  replace_all(glue, "@FUNCTION@", cpp_identifier(decision_id));
  replace_all(glue, "@DECISION@", cpp_string_literal(decision_id));
  return source + glue;
}

}  // namespace tiaoli::detail
