#include "native/module_cache.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "common/file_text.hpp"
#include "common/hash.hpp"

namespace fs = std::filesystem;

namespace tiaoli::detail {
namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

std::string default_cache_dir() {
  if (std::string dir = environment("TIAOLI_NATIVE_CACHE"); !dir.empty()) return dir;
  if (std::string dir = environment("XDG_CACHE_HOME"); !dir.empty()) return dir + "/tiaoli";
  if (std::string home = environment("HOME"); !home.empty()) return home + "/.cache/tiaoli";
  std::error_code ignored;
  return (fs::temp_directory_path(ignored) / ("tiaoli-" + std::to_string(getuid()))).string();
}

bool holds_headers(const std::string& dir) {
  std::error_code ignored;
  return fs::exists(fs::path(dir) / "tiaoli" / "generated.hpp", ignored);
}

}  // namespace

Result<std::string> native_cache_dir(const std::string& chosen) {
  std::string dir = chosen.empty() ? default_cache_dir() : chosen;
  std::error_code error;
  if (fs::create_directories(dir, error)) {
    // Made here: for this user alone, whatever the umask (a group-writable one would be refused).
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, error);
  }
  if (error) {
    return Error{"cannot create the native module cache " + dir + ": " + error.message(), "", {}};
  }
  struct stat info {};
  if (stat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return Error{"the native module cache " + dir + " is not a folder", "", {}};
  }
  if (info.st_uid != getuid() || (info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return Error{"the native module cache " + dir +
                     " must belong to this user and be writable by no one else (modules found "
                     "there are loaded into the program)",
                 "",
                 {}};
  }
  return dir;
}

Result<std::string> native_include_dir(const std::string& chosen) {
  std::string given = chosen.empty() ? environment("TIAOLI_INCLUDE_DIR") : chosen;
  if (!given.empty()) {
    if (holds_headers(given)) return given;
    return Error{
        "tiaoli's headers are not in " + given + " (it has no tiaoli/generated.hpp; " +
            (chosen.empty() ? "from TIAOLI_INCLUDE_DIR" : "from NativeOptions::include_dir") + ")",
        "",
        {}};
  }
  std::string looked;
  for (const char* dir : {TIAOLI_SOURCE_INCLUDE_DIR, TIAOLI_INSTALLED_INCLUDE_DIR}) {
    if (holds_headers(dir)) return std::string(dir);
    looked += looked.empty() ? dir : std::string(", ") + dir;
  }
  return Error{"tiaoli's headers were not found (looked in " + looked +
                   "); set NativeOptions::include_dir or TIAOLI_INCLUDE_DIR",
               "",
               {}};
}

std::string native_compiler(const std::string& chosen) {
  if (!chosen.empty()) return chosen;
  if (std::string compiler = environment("TIAOLI_CXX"); !compiler.empty()) return compiler;
  return TIAOLI_BUILT_WITH_CXX;
}

std::string native_module_key(const std::vector<std::string>& parts,
                              const std::string& include_dir) {
  std::uint64_t hash = kFnvOffsetBasis;
  for (const std::string& part : parts) hash = fnv1a(part + '\0', hash);
  std::vector<fs::path> headers;
  std::error_code error;
  for (fs::directory_iterator it(fs::path(include_dir) / "tiaoli", error), end; !error && it != end;
       it.increment(error)) {
    headers.push_back(it->path());
  }
  std::sort(headers.begin(), headers.end());
  for (const fs::path& header : headers) {
    hash = fnv1a(header.filename().string() + '\0' + file_text(header) + '\0', hash);
  }
  return hash_hex(hash);
}

}  // namespace tiaoli::detail
