// The schema's types: built-in scalars, enums, records and lists. Owned by a TypeTable.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tiaoli/value.hpp"

namespace tiaoli::detail {

enum class TypeKind {
  kError,  // the type of an expression that failed to check; suppresses follow-on errors
  kNull,   // the element type of an empty list literal
  kBool,
  kInt,
  kDecimal,
  kString,
  kDate,
  kDuration,
  kEnum,
  kList,
  kRecord,
};

struct EnumInfo;
struct RecordInfo;

struct Type {
  TypeKind kind = TypeKind::kError;
  const EnumInfo* enum_info = nullptr;
  const RecordInfo* record = nullptr;
  const Type* element = nullptr;  // for lists

  bool is(TypeKind k) const { return kind == k; }
  bool is_numeric() const { return kind == TypeKind::kInt || kind == TypeKind::kDecimal; }
  std::string name() const;  // as an analyst writes it: "int", "education", "list<training>"
};

struct EnumInfo {
  std::string name;
  bool ordered = false;
  std::vector<std::string> values;
  std::vector<int> ranks;  // ranks[i] of values[i]; equal ranks are equivalent (高中 = 中专)

  int find(std::string_view value) const;  // -1 when absent
  std::string values_text() const;         // "小学, 初中, 高中, ..."
};

struct FieldInfo {
  std::string name;
  const Type* type = nullptr;
  bool optional = false;
  std::string label;
  // Bounds for numbers (e.g. hours >= 0), checked when facts are read.
  std::optional<Decimal> min = std::nullopt;
  std::optional<Decimal> max = std::nullopt;
};

struct RecordInfo {
  std::string name;
  std::vector<FieldInfo> fields;

  int find(std::string_view field) const;  // -1 when absent
};

// Owns every type of a rule set; pointers stay valid for the table's lifetime.
class TypeTable {
 public:
  TypeTable();
  TypeTable(const TypeTable&) = delete;
  TypeTable& operator=(const TypeTable&) = delete;

  const Type* error() const { return &builtins_[0]; }
  const Type* null() const { return &builtins_[1]; }
  const Type* boolean() const { return &builtins_[2]; }
  const Type* integer() const { return &builtins_[3]; }
  const Type* decimal() const { return &builtins_[4]; }
  const Type* string() const { return &builtins_[5]; }
  const Type* date() const { return &builtins_[6]; }
  const Type* duration() const { return &builtins_[7]; }

  EnumInfo* add_enum(std::string name);
  RecordInfo* add_record(std::string name);
  const Type* enum_type(const EnumInfo* info);
  const Type* record_type(const RecordInfo* info);
  const Type* list_of(const Type* element);

  // A type by the name an analyst writes: a built-in, an enum, a record, or list<T>.
  const Type* lookup(std::string_view name);
  const EnumInfo* find_enum(std::string_view name) const;
  const RecordInfo* find_record(std::string_view name) const;

 private:
  std::deque<Type> builtins_;
  std::deque<Type> derived_;
  std::deque<EnumInfo> enums_;
  std::deque<RecordInfo> records_;
  std::map<const void*, const Type*> named_types_;
  std::map<const Type*, const Type*> list_types_;
};

}  // namespace tiaoli::detail
