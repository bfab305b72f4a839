// The verbs of the tiaoli command line. Each returns the process exit code:
// 0 success, 1 a user error (bad rules, bad facts, failed tests), 2 bad usage.
#pragma once

#include <string>
#include <vector>

namespace tiaoli::cli {

using Args = std::vector<std::string>;

int check(const Args& args);
int eval(const Args& args);
int test(const Args& args);
int coverage(const Args& args);
int codegen(const Args& args);
int native(const Args& args);
int usage_error(const std::string& message);

}  // namespace tiaoli::cli
