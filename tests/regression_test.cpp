// Fuzz regressions: every input saved under tests/regression/<target>/ (a crash, hang or
// sanitizer report the fuzzers found; docs/fuzzing.md) replays through the same code path as the
// fuzz target (fuzz/<target>.cpp, compiled here without libFuzzer). Each must finish without a
// crash or sanitizer report, and the target's invariants (an error has a message, a failed load
// has diagnostics, JSON output is valid and deterministic, ...) must hold; a broken invariant
// aborts the test. The seed inputs below run too, so the harnesses themselves stay tested.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "fuzz_support.hpp"

namespace {

namespace fs = std::filesystem;

using Target = int (*)(const std::uint8_t*, std::size_t);

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs one input; an input that has not finished after kHangSeconds is a hang (the fuzzers run
// with -timeout=60, and every seed takes well under a second even under ASan): the test reports
// it and exits at once rather than waiting for ctest's timeout.
constexpr int kHangSeconds = 30;

int run(Target target, const std::string& bytes, const std::string& name = "a smoke input") {
  std::promise<int> result;
  std::future<int> done = result.get_future();
  std::thread worker([&] {
    result.set_value(target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  });
  if (done.wait_for(std::chrono::seconds(kHangSeconds)) != std::future_status::ready) {
    std::fprintf(stderr, "HANG: %s did not finish within %d s\n", name.c_str(), kHangSeconds);
    std::fflush(stderr);
    std::_Exit(1);
  }
  worker.join();
  return done.get();
}

// Replays tests/regression/<name>/* (README files excepted) and returns how many ran.
int replay(const std::string& name, Target target) {
  fs::path folder = fs::path(TIAOLI_REGRESSION_DIR) / name;
  std::vector<fs::path> inputs;
  if (fs::exists(folder)) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.is_regular_file() && entry.path().filename().string().rfind("README", 0) != 0)
        inputs.push_back(entry.path());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  for (const fs::path& input : inputs) {
    SCOPED_TRACE(input.string());
    EXPECT_EQ(run(target, read_file(input), input.string()), 0);
  }
  return static_cast<int>(inputs.size());
}

TEST(FuzzRegression, RulesetLoader) {
  // Smoke inputs (byte 0 places the first file over fuzz/base: 0 = a new file, k = the base's
  // k-th file): an empty extra file, a broken one, garbage over ruleset.yaml, a rule file over
  // the regulation (129 % 6 = 3), and several files, some with paths load_files refuses.
  run(tiaoli::fuzz::ruleset_loader, std::string(1, '\0'));
  run(tiaoli::fuzz::ruleset_loader, std::string(1, '\0') + "decisions: [{id: x}]\n");
  run(tiaoli::fuzz::ruleset_loader, std::string(1, '\x04') + "\xff\xfe{[:");
  run(tiaoli::fuzz::ruleset_loader, std::string(1, '\x81') + "ruleset: {name: x}\n");
  run(tiaoli::fuzz::ruleset_loader,
      std::string(1, '\0') + "decisions: []\n=== ../x.yaml\nparameters: {}\n=== tests/t.yaml\n" +
          "tests: {cases: []}\n=== ./tests/t.yaml\n=== x.txt\n=== \n");
  replay("fuzz_ruleset_loader", tiaoli::fuzz::ruleset_loader);
}

TEST(FuzzRegression, Expression) {
  // The first byte is the context: a decision index, bit 7 = a boolean is expected.
  const std::pair<char, const char*> smoke[] = {
      {'\x80', "candidate.education >= \"高中\""},
      {'\x03', "count(x in worker.training where x.hours > 1)"},
      {'\x80', "(((("},
      {'\x00', "1 + "},
      {'\x81', "age >= params.min_age and start < as_of"}};
  for (const auto& [context, text] : smoke)
    run(tiaoli::fuzz::expression, std::string(1, context) + text);
  replay("fuzz_expression", tiaoli::fuzz::expression);
}

TEST(FuzzRegression, Facts) {
  run(tiaoli::fuzz::facts, "as_of: 2026-03-15\npublicity: {start: 2026-03-02, objections: 0}\n");
  run(tiaoli::fuzz::facts, R"({"as_of": "2026-03-15", "worker": {"birth_date": "1985-07-01"}})");
  run(tiaoli::fuzz::facts, "[1, 2");
  replay("fuzz_facts", tiaoli::fuzz::facts);
}

}  // namespace
