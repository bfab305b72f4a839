// "Did you mean ...?" for misspelt names.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace tiaoli::detail {

// The name in `names` closest to a misspelt `name` (by edit distance), or "" when none is close.
std::string closest_name(std::string_view name, std::initializer_list<std::string_view> names);
std::string closest_name(std::string_view name, const std::vector<std::string>& names);

}  // namespace tiaoli::detail
