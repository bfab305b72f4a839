// Deciding with C++ written by `tiaoli codegen` (docs/codegen.md). A generated function decides
// one decision's outcome at the speed of hand-written code; GeneratedDecision runs it, and lets
// the engine decide every case it cannot (a missing fact, "what if" parameters, a rule set that
// changed since the code was generated), so the outcome and errors are always the engine's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "tiaoli/ruleset.hpp"

namespace tiaoli {

// A generated decision: decides `facts` (the facts record) on `as_of` into `outcome`, whose type
// and field count the caller has set, taking at most `max_steps` steps as the engine counts
// them. False when the case needs the engine (`outcome` is then unspecified).
using GeneratedFunction = bool (*)(const Record& facts, Date as_of, std::int64_t max_steps,
                                   Record& outcome);

class GeneratedDecision {
 public:
  // `code` was generated from the rule set whose content hash is `generated_from`. Against a
  // rule set with another hash (its files changed since), every case goes to the engine.
  GeneratedDecision(PreparedDecision engine, std::string_view generated_from,
                    GeneratedFunction code);

  // Whether `code` was generated from the engine's rule set (and so is used).
  bool current() const { return current_; }
  const PreparedDecision& engine() const { return engine_; }

  // The same outcome and errors as engine().decide_outcome(facts, outcome, options). Never
  // throws.
  Status decide_outcome(const Facts& facts, Record& outcome, const EvalOptions& options) const;
  // The same with the default options (the facts' as_of; no "what if" parameters).
  Status decide_outcome(const Facts& facts, Record& outcome) const;

  // Runs only the generated code: true when it decided (the outcome is in `outcome`), false when
  // the engine has to (decide_outcome does both). For tests and measurements.
  bool decide_generated(const Facts& facts, Date as_of, Record& outcome) const;

 private:
  bool run(const Facts& facts, Date as_of, std::int64_t max_steps, Record& outcome) const;

  PreparedDecision engine_;
  GeneratedFunction code_;
  bool current_;
  const detail::RuleSetModel* model_;  // the engine's, for checking facts
  const detail::RecordInfo* output_;   // the decision's outcome type
  std::size_t output_fields_;
};

// What generated code calls. Not meant for hand-written code: its meaning is the engine's.
namespace generated {

// Thrown inside a generated function when a case needs the engine; the function returns false.
struct NeedsEngine {};
[[noreturn]] inline void needs_engine() { throw NeedsEngine{}; }

inline std::int64_t key(bool b) { return b ? 1 : 0; }

// A fact of the facts record; the engine reports a missing one.
inline const Value& fact(const Record& facts, std::size_t i) {
  const Value& v = facts.fields[i];
  if (v.is_null()) needs_engine();
  return v;
}

// Field `i` of the record `record` holds; null when absent and optional.
inline const Value* field(const Value& record, std::size_t i, bool required) {
  const Value& v = record.as_record().fields[i];
  if (!v.is_null()) return &v;
  if (required) needs_engine();
  return nullptr;
}
inline const Value* field(const Value* record, std::size_t i, bool required) {
  if (record == nullptr) needs_engine();
  return field(*record, i, required);
}

// The record fact `i` holds; null when the facts lack it.
inline const Record* record_or_null(const Record& facts, std::size_t i) {
  const Value& v = facts.fields[i];
  return v.is_null() ? nullptr : &v.as_record();
}
// Field `i` of a fact's record (from record_or_null); the engine reports a missing fact.
inline const Value* field(const Record* record, std::size_t i, bool required) {
  if (record == nullptr) needs_engine();
  const Value& v = record->fields[i];
  if (!v.is_null()) return &v;
  if (required) needs_engine();
  return nullptr;
}

inline std::int64_t bool_key(const Value* v) {
  if (v == nullptr || v->kind() != Value::Kind::kBool) needs_engine();
  return v->as_bool() ? 1 : 0;
}
inline std::int64_t int_key(const Value* v) {
  if (v == nullptr || v->kind() != Value::Kind::kInt) needs_engine();
  return v->as_int();
}
inline std::int64_t date_key(const Value* v) {
  if (v == nullptr || v->kind() != Value::Kind::kDate) needs_engine();
  return v->as_date().days;
}
// An ordered enum's rank, from the table of its ranks by value index the generated code holds.
inline std::int64_t enum_rank(const Value* v, const std::int64_t* ranks) {
  if (v == nullptr || v->kind() != Value::Kind::kEnum) needs_engine();
  return ranks[v->as_enum().index];
}
inline std::int64_t enum_index(const Value* v) {
  if (v == nullptr || v->kind() != Value::Kind::kEnum) needs_engine();
  return v->as_enum().index;
}

// A stored value as an outcome (null when absent).
inline Value value(const Value* v) { return v != nullptr ? *v : Value(); }

// A list fact; an absent optional list is empty.
inline const List& list(const Value* v) {
  static const List empty;
  return v != nullptr ? v->as_list() : empty;
}

// Spends `steps` of the budget; the engine decides a case that would run out.
inline void charge(std::int64_t& budget, std::int64_t steps) {
  budget -= steps;
  if (budget < 0) needs_engine();
}

inline std::int64_t add(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) needs_engine();
  return r;
}
inline std::int64_t sub(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r)) needs_engine();
  return r;
}
inline std::int64_t mul(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) needs_engine();
  return r;
}

// 周岁 of someone born on day `birth` on day `on` (days since 1970-01-01), as the engine's
// completed_years computes it.
std::int64_t completed_years(std::int64_t birth, std::int64_t on, bool day_after_birthday);

// An empty outcome list, shared (allocated once).
Value empty_list();

// year (part 0), month (1) or day (2) of a day number, as year()/month()/day() give them.
std::int64_t date_part(std::int64_t days, int part);
// `days` + `by`; the engine reports a date outside the years 1400 to 9999.
std::int64_t shift_days(std::int64_t days, std::int64_t by);
// The same into `shifted`, false instead of throwing (what a native module calls).
bool shift_days_within_range(std::int64_t days, std::int64_t by, std::int64_t* shifted);
// Value `index` of the enum of `outcome`'s field `field` (outcome's type set by the caller).
Value enum_output(const Record& outcome, std::size_t field, std::int32_t index);

// How a native module (NativeDecision, tiaoli/native.hpp) reaches the engine's own functions:
// it is a shared object compiled while the program runs, so it calls them through this table
// instead of linking against the host. The sizes let a module refuse a host whose tiaoli headers
// lay values out differently from those it was compiled against.
inline constexpr int kNativeAbiVersion = 1;

struct NativeHost {
  int abi_version = kNativeAbiVersion;
  std::size_t value_size = sizeof(Value);
  std::size_t record_size = sizeof(Record);
  std::size_t list_size = sizeof(List);
  std::int64_t (*completed_years)(std::int64_t birth, std::int64_t on, bool day_after_birthday);
  Value (*empty_list)();
  std::int64_t (*date_part)(std::int64_t days, int part);
  bool (*shift_days)(std::int64_t days, std::int64_t by, std::int64_t* shifted);
  Value (*enum_output)(const Record& outcome, std::size_t field, std::int32_t index);
};

// What a native module's entry point `tiaoli_native_module` fills in when it accepts the host.
struct NativeModule {
  const char* decision = nullptr;      // the decision id
  const char* content_hash = nullptr;  // of the rule set it was generated from
  GeneratedFunction function = nullptr;
};
using NativeEntry = bool (*)(const NativeHost& host, NativeModule& module);

// The elements a `filter(...)` let keeps (at most 32: the engine decides beyond).
class ListBuffer {
 public:
  void add(const Value& element) {
    if (size_ == kCapacity) needs_engine();
    items_[size_++] = &element;
  }
  const Value* const* begin() const { return items_; }
  const Value* const* end() const { return items_ + size_; }

 private:
  static constexpr std::size_t kCapacity = 32;
  const Value* items_[kCapacity] = {};
  std::size_t size_ = 0;
};

// A ListBuffer's elements as a range of const Value&.
class Pointed {
 public:
  class Iterator {
   public:
    explicit Iterator(const Value* const* at) : at_(at) {}
    const Value& operator*() const { return **at_; }
    Iterator& operator++() {
      ++at_;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return at_ != other.at_; }

   private:
    const Value* const* at_;
  };
  explicit Pointed(const ListBuffer& buffer) : buffer_(buffer) {}
  Iterator begin() const { return Iterator(buffer_.begin()); }
  Iterator end() const { return Iterator(buffer_.end()); }

 private:
  const ListBuffer& buffer_;
};
inline Pointed pointed(const ListBuffer& buffer) { return Pointed(buffer); }

}  // namespace generated
}  // namespace tiaoli
