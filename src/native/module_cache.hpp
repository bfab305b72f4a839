// Where native modules are kept, and the name a module gets from everything it is made from.
#pragma once

#include <string>
#include <vector>

#include "tiaoli/result.hpp"

namespace tiaoli::detail {

// `chosen`, else $TIAOLI_NATIVE_CACHE, $XDG_CACHE_HOME/tiaoli, ~/.cache/tiaoli or a folder of the
// user's in the temporary directory; created when missing. An error unless it belongs to this
// user and no one else can write to it: modules found there are loaded into the program.
Result<std::string> native_cache_dir(const std::string& chosen);

// `chosen`, else $TIAOLI_INCLUDE_DIR (an error unless it holds tiaoli/generated.hpp), else the
// first of tiaoli's source and installed include folders that holds it.
Result<std::string> native_include_dir(const std::string& chosen);

// `chosen`, else $TIAOLI_CXX, else the compiler tiaoli was built with.
std::string native_compiler(const std::string& chosen);

// 16 hex digits that change with any of `parts` or any header in `include_dir`/tiaoli.
std::string native_module_key(const std::vector<std::string>& parts,
                              const std::string& include_dir);

}  // namespace tiaoli::detail
