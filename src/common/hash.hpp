// FNV-1a: the content hashes of rule sets and of native modules. Not for security: it only
// tells versions of files apart.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace tiaoli::detail {

inline constexpr std::uint64_t kFnvOffsetBasis = 14695981039346656037ULL;

inline std::uint64_t fnv1a(std::string_view data, std::uint64_t hash = kFnvOffsetBasis) {
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

// 16 lowercase hex digits.
inline std::string hash_hex(std::uint64_t hash) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

}  // namespace tiaoli::detail
