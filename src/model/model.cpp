#include "model/model.hpp"

namespace tiaoli::detail {

const ParamVersion* ParamDef::version_on(Date day) const {
  for (const ParamVersion& v : versions) {
    if (v.from <= day && day <= v.to) return &v;
  }
  return nullptr;
}

const char* hit_policy_name(HitPolicy policy) {
  switch (policy) {
    case HitPolicy::kAll:
      return "all";
    case HitPolicy::kFirst:
      return "first";
    case HitPolicy::kUnique:
      return "unique";
    case HitPolicy::kCollect:
      return "collect";
  }
  return "?";
}

int RuleSetModel::find_decision(std::string_view id) const {
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    if (decisions[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

int RuleSetModel::find_param(std::string_view name) const {
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (params[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

const ProvisionInfo* RuleSetModel::provision(std::string_view id) const {
  auto it = provisions.find(id);
  return it == provisions.end() ? nullptr : &it->second;
}

}  // namespace tiaoli::detail
