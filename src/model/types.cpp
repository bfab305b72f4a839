#include "model/types.hpp"

namespace tiaoli::detail {

std::string Type::name() const {
  switch (kind) {
    case TypeKind::kError:
      return "<error>";
    case TypeKind::kNull:
      return "null";
    case TypeKind::kBool:
      return "bool";
    case TypeKind::kInt:
      return "int";
    case TypeKind::kDecimal:
      return "decimal";
    case TypeKind::kString:
      return "string";
    case TypeKind::kDate:
      return "date";
    case TypeKind::kDuration:
      return "duration";
    case TypeKind::kEnum:
      return enum_info->name;
    case TypeKind::kRecord:
      return record->name;
    case TypeKind::kList:
      return "list<" + element->name() + ">";
  }
  return "?";
}

int EnumInfo::find(std::string_view value) const {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == value) return static_cast<int>(i);
  }
  return -1;
}

std::string EnumInfo::values_text() const {
  std::string text;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += ordered && ranks[i] == ranks[i - 1] ? " = " : (ordered ? " < " : ", ");
    text += values[i];
  }
  return text;
}

int RecordInfo::find(std::string_view field) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == field) return static_cast<int>(i);
  }
  return -1;
}

TypeTable::TypeTable() {
  for (TypeKind kind :
       {TypeKind::kError, TypeKind::kNull, TypeKind::kBool, TypeKind::kInt, TypeKind::kDecimal,
        TypeKind::kString, TypeKind::kDate, TypeKind::kDuration}) {
    builtins_.push_back(Type{kind});
  }
}

EnumInfo* TypeTable::add_enum(std::string name) {
  enums_.emplace_back();
  enums_.back().name = std::move(name);
  return &enums_.back();
}

RecordInfo* TypeTable::add_record(std::string name) {
  records_.emplace_back();
  records_.back().name = std::move(name);
  return &records_.back();
}

const Type* TypeTable::enum_type(const EnumInfo* info) {
  auto [it, inserted] = named_types_.try_emplace(info, nullptr);
  if (inserted) {
    derived_.push_back(Type{TypeKind::kEnum, info});
    it->second = &derived_.back();
  }
  return it->second;
}

const Type* TypeTable::record_type(const RecordInfo* info) {
  auto [it, inserted] = named_types_.try_emplace(info, nullptr);
  if (inserted) {
    derived_.push_back(Type{TypeKind::kRecord, nullptr, info});
    it->second = &derived_.back();
  }
  return it->second;
}

const Type* TypeTable::list_of(const Type* element) {
  auto [it, inserted] = list_types_.try_emplace(element, nullptr);
  if (inserted) {
    derived_.push_back(Type{TypeKind::kList, nullptr, nullptr, element});
    it->second = &derived_.back();
  }
  return it->second;
}

const Type* TypeTable::lookup(std::string_view name) {
  static constexpr std::string_view kListPrefix = "list<";
  if (name.size() > kListPrefix.size() + 1 && name.substr(0, kListPrefix.size()) == kListPrefix &&
      name.back() == '>') {
    const Type* element =
        lookup(name.substr(kListPrefix.size(), name.size() - kListPrefix.size() - 1));
    return element == nullptr ? nullptr : list_of(element);
  }
  for (std::size_t i = 2; i < builtins_.size(); ++i) {
    if (builtins_[i].name() == name) return &builtins_[i];
  }
  if (const EnumInfo* info = find_enum(name)) return enum_type(info);
  if (const RecordInfo* info = find_record(name)) return record_type(info);
  return nullptr;
}

const EnumInfo* TypeTable::find_enum(std::string_view name) const {
  for (const EnumInfo& info : enums_) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

const RecordInfo* TypeTable::find_record(std::string_view name) const {
  for (const RecordInfo& info : records_) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

}  // namespace tiaoli::detail
