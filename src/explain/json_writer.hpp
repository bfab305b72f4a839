// Writes JSON text straight into a string: the hot path of batch output and justifications,
// where building a DOM first would cost more than deciding.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tiaoli/value.hpp"

namespace tiaoli::detail {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view name);
  void string(std::string_view text);
  void number(std::int64_t n);
  void boolean(bool b);
  void null();
  // A tiaoli value: dates, enums, durations and strings as strings, decimals as numbers.
  void value(const Value& v);
  void record(const Record& r);
  // Text that is already JSON (e.g. a cached fragment).
  void raw(std::string_view json);

 private:
  void open(char c);
  void close(char c);
  void separate();

  std::string& out_;
  bool need_comma_ = false;
};

}  // namespace tiaoli::detail
