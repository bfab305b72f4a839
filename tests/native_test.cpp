// Native modules (tiaoli/native.hpp): decisions compiled with the system's C++ compiler while the
// test runs, loaded, and compared with the engine case by case; the cache; and every way
// compiling can fail, each reported.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "generated_agreement.hpp"
#include "tiaoli/tiaoli.hpp"
#include "unit/random_cases.hpp"
#include "unit/test_support.hpp"

namespace fs = std::filesystem;

namespace tiaoli {
namespace {

using test::expect_same;

std::shared_ptr<const RuleSet> load(const std::string& folder) {
  auto loaded = RuleSet::load(folder);
  EXPECT_TRUE(loaded.ok()) << folder << ": "
                           << (loaded.ok() ? "" : format_diagnostics(loaded.error().diagnostics));
  return loaded.ok() ? loaded.value() : nullptr;
}

std::shared_ptr<const RuleSet> huzhou() {
  return load(std::string(TIAOLI_SOURCE_DIR) + "/rules/huzhou");
}

// A cache folder of this test's own, empty at the start and removed at the end.
class NativeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) /
           ("tiaoli-native-test-" + std::to_string(getpid()) + "-" + test->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "cache");
    fs::permissions(dir_ / "cache", fs::perms::owner_all);
    options_.cache_dir = (dir_ / "cache").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The message of compiling selection.eligibility with options_, which must fail.
  std::string compile_error() {
    auto rules = huzhou();
    if (rules == nullptr) return "";
    auto native = NativeDecision::compile(*rules, "selection.eligibility", options_);
    EXPECT_FALSE(native.ok()) << "compiled with options that should fail";
    return native.ok() ? "" : native.error().message;
  }

  fs::path dir_;
  NativeOptions options_;
};

// Replaces the first `from` in the file at `path` with `to`; false when it is not there.
bool replace_in_file(const fs::path& path, const std::string& from, const std::string& to) {
  std::string text;
  {
    std::ifstream in(path);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  auto at = text.find(from);
  if (at == std::string::npos) return false;
  text.replace(at, from.size(), to);
  std::ofstream(path) << text;
  return true;
}

TEST_F(NativeTest, HuzhouEligibilityCompiledAtRunTimeAgreesWithTheEngine) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  auto native = NativeDecision::compile(*rules, "selection.eligibility", options_);
  ASSERT_TRUE(native.ok()) << native.error().message;
  EXPECT_FALSE(native.value().from_cache());
  EXPECT_TRUE(native.value().code().current());
  EXPECT_EQ(fs::path(native.value().library()).parent_path(), dir_ / "cache");
  constexpr int kCases = 3000;
  int decided = test::decided_alone_of_random_cases(native.value().code(), 11, kCases,
                                                    test::random_candidate);
  EXPECT_GT(decided, kCases * 9 / 10);  // the module, not the engine, decided them
  EXPECT_LT(decided, kCases);           // missing birth dates went to the engine
}

TEST_F(NativeTest, HuzhouConsequenceCompiledAtRunTimeAgreesWithTheEngine) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  auto native = NativeDecision::compile(*rules, "assessment.consequence", options_);
  ASSERT_TRUE(native.ok()) << native.error().message;
  constexpr int kCases = 2000;
  int decided =
      test::decided_alone_of_random_cases(native.value().code(), 12, kCases, test::random_worker);
  EXPECT_GT(decided, kCases * 9 / 10);
}

TEST_F(NativeTest, WhatIfParametersAndSmallBudgetsGoToTheEngine) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  auto native = NativeDecision::compile(*rules, "selection.eligibility", options_);
  ASSERT_TRUE(native.ok()) << native.error().message;
  auto facts = rules->parse_facts(test::kBarredOn1March, FactsFormat::kJson);
  ASSERT_TRUE(facts.ok());
  EvalOptions what_if;
  what_if.parameters = {{"age_convention", "day_after_birthday"}};
  expect_same(native.value().code(), facts.value(), what_if, "day_after_birthday");
  for (int steps = 1; steps <= 120; ++steps) {
    EvalOptions budget;
    budget.max_steps = steps;
    expect_same(native.value().code(), facts.value(), budget, "max_steps " + std::to_string(steps));
  }
}

TEST_F(NativeTest, ASecondCompileLoadsTheModuleFromTheCache) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  auto first = NativeDecision::compile(*rules, "selection.eligibility", options_);
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto again = NativeDecision::compile(*rules, "selection.eligibility", options_);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_FALSE(first.value().from_cache());
  EXPECT_TRUE(again.value().from_cache());
  EXPECT_EQ(first.value().library(), again.value().library());
  // Only the module is left in the cache: no source, log or half-written file.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir_ / "cache")) {
    EXPECT_EQ(entry.path().extension(), ".so") << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 1);
}

TEST_F(NativeTest, ADamagedModuleInTheCacheIsMadeAgain) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  auto made = NativeDecision::compile(*rules, "selection.eligibility", options_);
  ASSERT_TRUE(made.ok()) << made.error().message;
  // Another cache holding a file of that name that is not a module (a disk that filled up, a
  // file copied by hand): this program has not loaded it.
  fs::path other = dir_ / "other-cache";
  fs::create_directories(other);
  fs::permissions(other, fs::perms::owner_all);
  fs::path damaged = other / fs::path(made.value().library()).filename();
  std::ofstream(damaged) << "not a shared object";
  options_.cache_dir = other.string();
  auto again = NativeDecision::compile(*rules, "selection.eligibility", options_);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_FALSE(again.value().from_cache());
  EXPECT_EQ(again.value().library(), damaged.string());
  EXPECT_GT(fs::file_size(damaged), 1000U);
  auto facts = rules->parse_facts(test::kBarredOn1March, FactsFormat::kJson);
  Record outcome;
  EXPECT_TRUE(again.value().code().decide_generated(facts.value(), Date{20513}, outcome));
}

TEST_F(NativeTest, ChangedRulesGetAModuleOfTheirOwn) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  fs::path copy = dir_ / "huzhou";
  fs::copy(std::string(TIAOLI_SOURCE_DIR) + "/rules/huzhou", copy, fs::copy_options::recursive);
  ASSERT_TRUE(replace_in_file(copy / "parameters.yaml",
                              "  min_age:\n    type: int\n    value: 18\n",
                              "  min_age:\n    type: int\n    value: 20\n"));
  auto changed = load(copy.string());
  ASSERT_NE(changed, nullptr);

  auto original = NativeDecision::compile(*rules, "selection.eligibility", options_);
  auto edited = NativeDecision::compile(*changed, "selection.eligibility", options_);
  ASSERT_TRUE(original.ok()) << original.error().message;
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  EXPECT_FALSE(edited.value().from_cache());
  EXPECT_NE(original.value().library(), edited.value().library());
  // 19 years old: eligible under the original rules, too young under the edited ones.
  const char* nineteen = R"({"as_of": "2026-03-01", "candidate": {"birth_date": "2007-03-01",
      "education": "高中", "political_quality": true, "law_abiding": true, "good_conduct": true,
      "familiar_with_locality": true, "communication_ability": true, "health_fit": true}})";
  for (const auto* native : {&original.value(), &edited.value()}) {
    const RuleSet& set = native->code().engine().ruleset();
    auto facts = set.parse_facts(nineteen, FactsFormat::kJson);
    ASSERT_TRUE(facts.ok());
    Record outcome;
    ASSERT_TRUE(native->decide_outcome(facts.value(), outcome).ok());
    Record alone;
    EXPECT_TRUE(native->code().decide_generated(facts.value(), Date{20513}, alone));
    EXPECT_EQ(outcome.fields[0], Value(native == &original.value()));
  }
}

TEST_F(NativeTest, ADecisionGeneratedCodeCannotDecideIsRefusedWithTheReason) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  auto native = NativeDecision::compile(*rules, "selection.publicity", options_);
  ASSERT_FALSE(native.ok());
  const std::string& message = native.error().message;
  EXPECT_TRUE(test::Contains(message,
                             "decision selection.publicity cannot be compiled natively: it "
                             "calls nth_working_day()"));
  auto unknown = NativeDecision::compile(*rules, "selection.eligibilty", options_);
  ASSERT_FALSE(unknown.ok());
  EXPECT_TRUE(test::Contains(unknown.error().message, "selection.eligibilty"));
}

TEST_F(NativeTest, AMissingCompilerIsReported) {
  options_.compiler = (dir_ / "no-such-c++").string();
  std::string message = compile_error();
  EXPECT_TRUE(test::Contains(message, "cannot run the C++ compiler"));
}

TEST_F(NativeTest, TheCompilersMessagesAreReported) {
  options_.flags = {"-fno-such-option-for-tiaoli"};
  std::string message = compile_error();
  EXPECT_TRUE(test::Contains(message, "exited with status"));
  EXPECT_TRUE(test::Contains(message, "-fno-such-option-for-tiaoli"));
  EXPECT_TRUE(test::Contains(message, "the source is kept in"));
  for (const auto& entry : fs::directory_iterator(dir_ / "cache")) {
    EXPECT_NE(entry.path().extension(), ".so") << "no module is left: " << entry.path();
  }
}

TEST_F(NativeTest, ACacheItCreatesIsTheUsersAloneWhateverTheUmask) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  options_.cache_dir = (dir_ / "new" / "cache").string();
  mode_t old_mask = umask(002);  // group-writable files, as on systems with a group per user
  auto native = NativeDecision::compile(*rules, "selection.eligibility", options_);
  umask(old_mask);
  ASSERT_TRUE(native.ok()) << native.error().message;
  EXPECT_EQ(fs::status(options_.cache_dir).permissions(), fs::perms::owner_all);
}

TEST_F(NativeTest, AFolderWithoutTiaolisHeadersIsReported) {
  options_.include_dir = (dir_ / "nowhere").string();
  std::string message = compile_error();
  EXPECT_TRUE(test::Contains(message, "tiaoli's headers are not in " + options_.include_dir));
}

TEST_F(NativeTest, ACompilerThatHangsIsStopped) {
  fs::path script = dir_ / "slow-c++";
  std::ofstream(script) << "#!/bin/sh\nsleep 60\n";
  fs::permissions(script, fs::perms::owner_all);
  options_.compiler = script.string();
  options_.timeout_seconds = 1;
  std::string message = compile_error();
  EXPECT_TRUE(test::Contains(message, "stopped after 1 s"));
}

TEST_F(NativeTest, ACacheOthersCanWriteToIsRefused) {
  fs::path shared = dir_ / "shared";
  fs::create_directories(shared);
  ASSERT_EQ(chmod(shared.c_str(), 0777), 0);
  options_.cache_dir = shared.string();
  std::string message = compile_error();
  EXPECT_TRUE(test::Contains(message, "writable by no one else"));
}

TEST_F(NativeTest, AModuleForOtherHeadersIsNotLoaded) {
  // Headers whose values are laid out differently: the module refuses this program.
  fs::path headers = dir_ / "include";
  fs::copy(std::string(TIAOLI_SOURCE_DIR) + "/include", headers, fs::copy_options::recursive);
  ASSERT_TRUE(replace_in_file(headers / "tiaoli" / "generated.hpp",
                              "std::size_t value_size = sizeof(Value);",
                              "std::size_t value_size = sizeof(Value) + 8;"));
  options_.include_dir = headers.string();
  std::string message = compile_error();
  EXPECT_TRUE(test::Contains(message, "compiled against other tiaoli headers"));
}

}  // namespace
}  // namespace tiaoli
