#include <iostream>

#include "cli/commands.hpp"

namespace {

constexpr const char* kUsage =
    R"(tiaoli — decisions and their justifications from regulations written as rules

Usage:
  tiaoli check RULES                      load and check a rule-set folder
  tiaoli eval RULES --facts FILE [--decision ID] [--as-of DATE]
                    [--format text|json] [--lang zh|en] [--param NAME=VALUE]...
                    [--jobs N] [--outcome-only]
                                          decide; FILE may be YAML, JSON, or JSONL (one case a
                                          line, one JSON result a line); '-' reads stdin
  tiaoli test RULES [--lang zh|en]        run the rule set's YAML test cases
  tiaoli coverage RULES                   which provisions the rules implement and test
  tiaoli codegen RULES [--decision ID[,ID...]] [--namespace NAME] [--out FILE]
                                          write decisions as C++ functions (docs/codegen.md)
  tiaoli native RULES [--decision ID[,ID...]] [--cache DIR]
                                          compile decisions to native modules now, so that a
                                          program's NativeDecision::compile finds them cached

Exit status: 0 success, 1 bad rules, bad facts or failed tests, 2 bad usage.
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  std::string verb = args[0];
  args.erase(args.begin());
  try {
    if (verb == "check") return tiaoli::cli::check(args);
    if (verb == "eval") return tiaoli::cli::eval(args);
    if (verb == "test") return tiaoli::cli::test(args);
    if (verb == "coverage") return tiaoli::cli::coverage(args);
    if (verb == "codegen") return tiaoli::cli::codegen(args);
    if (verb == "native") return tiaoli::cli::native(args);
  } catch (const std::exception& e) {
    std::cerr << "tiaoli: internal error: " << e.what() << "\n";
    return 1;
  }
  return tiaoli::cli::usage_error("unknown command '" + verb + "'");
}
