// Running the C++ compiler that builds native modules: no shell, a time limit, its messages kept.
#pragma once

#include <string>
#include <vector>

#include "tiaoli/result.hpp"

namespace tiaoli::detail {

// Runs `argv` (argv[0] found on PATH unless it holds a '/'), its standard output and error going
// to the file `log`. An error when it cannot start, is still running after `timeout_seconds`
// (then it and what it started are killed), or exits other than 0; the error holds the end of
// its messages.
Status run_program(const std::vector<std::string>& argv, const std::string& log,
                   int timeout_seconds);

}  // namespace tiaoli::detail
