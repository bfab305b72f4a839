// Native modules (tiaoli/native.hpp): decisions compiled with the system's C++ compiler while the
// test runs, loaded, and compared with the engine case by case; the cache; and every way
// compiling can fail, each reported.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "generated_agreement.hpp"
#include "tiaoli/tiaoli.hpp"
#include "unit/random_cases.hpp"

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

  fs::path dir_;
  NativeOptions options_;
};

TEST_F(NativeTest, HuzhouEligibilityCompiledAtRunTimeAgreesWithTheEngine) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  auto native = NativeDecision::compile(*rules, "selection.eligibility", options_);
  ASSERT_TRUE(native.ok()) << native.error().message;
  EXPECT_FALSE(native.value().from_cache());
  EXPECT_TRUE(native.value().code().current());
  EXPECT_EQ(fs::path(native.value().library()).parent_path(), dir_ / "cache");
  std::mt19937 rng(11);
  int decided = 0;
  constexpr int kCases = 3000;
  for (int i = 0; i < kCases; ++i) {
    std::string json = test::random_candidate(rng);
    auto facts = rules->parse_facts(json, FactsFormat::kJson);
    ASSERT_TRUE(facts.ok()) << json;
    decided += expect_same(native.value().code(), facts.value(), {}, json) ? 1 : 0;
  }
  EXPECT_GT(decided, kCases * 9 / 10);  // the module, not the engine, decided them
  EXPECT_LT(decided, kCases);           // missing birth dates went to the engine
}

TEST_F(NativeTest, HuzhouConsequenceCompiledAtRunTimeAgreesWithTheEngine) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  auto native = NativeDecision::compile(*rules, "assessment.consequence", options_);
  ASSERT_TRUE(native.ok()) << native.error().message;
  std::mt19937 rng(12);
  int decided = 0;
  constexpr int kCases = 2000;
  for (int i = 0; i < kCases; ++i) {
    std::string json = test::random_worker(rng);
    auto facts = rules->parse_facts(json, FactsFormat::kJson);
    ASSERT_TRUE(facts.ok()) << json;
    decided += expect_same(native.value().code(), facts.value(), {}, json) ? 1 : 0;
  }
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

TEST_F(NativeTest, ChangedRulesGetAModuleOfTheirOwn) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  fs::path copy = dir_ / "huzhou";
  fs::copy(std::string(TIAOLI_SOURCE_DIR) + "/rules/huzhou", copy, fs::copy_options::recursive);
  std::string parameters;
  {
    std::ifstream in(copy / "parameters.yaml");
    parameters.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::string from = "  min_age:\n    type: int\n    value: 18\n";
  auto at = parameters.find(from);
  ASSERT_NE(at, std::string::npos);
  parameters.replace(at, from.size(), "  min_age:\n    type: int\n    value: 20\n");
  std::ofstream(copy / "parameters.yaml") << parameters;
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
  EXPECT_NE(native.error().message.find("selection.publicity cannot be compiled natively"),
            std::string::npos)
      << native.error().message;
  EXPECT_NE(native.error().message.find("nth_working_day"), std::string::npos)
      << native.error().message;
  auto unknown = NativeDecision::compile(*rules, "selection.eligibilty", options_);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("selection.eligibilty"), std::string::npos);
}

TEST_F(NativeTest, AMissingCompilerIsReported) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  options_.compiler = (dir_ / "no-such-c++").string();
  auto native = NativeDecision::compile(*rules, "selection.eligibility", options_);
  ASSERT_FALSE(native.ok());
  EXPECT_NE(native.error().message.find("cannot run the C++ compiler"), std::string::npos)
      << native.error().message;
}

TEST_F(NativeTest, TheCompilersMessagesAreReported) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  options_.flags = {"-fno-such-option-for-tiaoli"};
  auto native = NativeDecision::compile(*rules, "selection.eligibility", options_);
  ASSERT_FALSE(native.ok());
  const std::string& message = native.error().message;
  EXPECT_NE(message.find("exited with status"), std::string::npos) << message;
  EXPECT_NE(message.find("-fno-such-option-for-tiaoli"), std::string::npos) << message;
  EXPECT_NE(message.find("the source is kept in"), std::string::npos) << message;
  for (const auto& entry : fs::directory_iterator(dir_ / "cache")) {
    EXPECT_NE(entry.path().extension(), ".so") << "no module is left: " << entry.path();
  }
}

TEST_F(NativeTest, ACompilerThatHangsIsStopped) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  fs::path script = dir_ / "slow-c++";
  std::ofstream(script) << "#!/bin/sh\nsleep 60\n";
  fs::permissions(script, fs::perms::owner_all);
  options_.compiler = script.string();
  options_.timeout_seconds = 1;
  auto native = NativeDecision::compile(*rules, "selection.eligibility", options_);
  ASSERT_FALSE(native.ok());
  EXPECT_NE(native.error().message.find("stopped after 1 s"), std::string::npos)
      << native.error().message;
}

TEST_F(NativeTest, ACacheOthersCanWriteToIsRefused) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  fs::path shared = dir_ / "shared";
  fs::create_directories(shared);
  ASSERT_EQ(chmod(shared.c_str(), 0777), 0);
  options_.cache_dir = shared.string();
  auto native = NativeDecision::compile(*rules, "selection.eligibility", options_);
  ASSERT_FALSE(native.ok());
  EXPECT_NE(native.error().message.find("writable by no one else"), std::string::npos)
      << native.error().message;
}

TEST_F(NativeTest, AModuleForOtherHeadersIsNotLoaded) {
  auto rules = huzhou();
  ASSERT_NE(rules, nullptr);
  // Headers whose values are laid out differently: the module refuses this program.
  fs::path headers = dir_ / "include";
  fs::copy(std::string(TIAOLI_SOURCE_DIR) + "/include", headers, fs::copy_options::recursive);
  std::string text;
  {
    std::ifstream in(headers / "tiaoli" / "generated.hpp");
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::string from = "std::size_t value_size = sizeof(Value);";
  auto at = text.find(from);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, from.size(), "std::size_t value_size = sizeof(Value) + 8;");
  std::ofstream(headers / "tiaoli" / "generated.hpp") << text;
  options_.include_dir = headers.string();
  auto native = NativeDecision::compile(*rules, "selection.eligibility", options_);
  ASSERT_FALSE(native.ok());
  EXPECT_NE(native.error().message.find("compiled against other tiaoli headers"), std::string::npos)
      << native.error().message;
}

}  // namespace
}  // namespace tiaoli
