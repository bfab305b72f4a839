// Concurrency and reload (ctest label `concurrency`; run under ThreadSanitizer by
// scripts/test.sh). Eight threads decide from RuleSetHolder::current() while another thread
// reloads repeatedly, alternating two valid copies of rules/huzhou (differing only in their
// version) and a broken copy. Every decision must succeed and record one of the two valid
// rule sets; failed reloads must return their diagnostics and leave current() unchanged.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tiaoli/tiaoli.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kSource = TIAOLI_SOURCE_DIR;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// A temporary folder removed at the end of the test.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag)
      : path(fs::temp_directory_path() / ("tiaoli-" + tag + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

struct Sample {
  std::string decision;
  std::string text;
};

// samples/huzhou/*.yaml; each names its decision on a `decision:` line.
std::vector<Sample> samples() {
  std::vector<Sample> out;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(kSource / "samples/huzhou")) {
    if (entry.path().extension() == ".yaml") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const fs::path& path : paths) {
    std::string text = read_file(path);
    std::size_t at = text.find("\ndecision: ");
    if (at == std::string::npos) continue;
    at += 11;
    out.push_back(Sample{text.substr(at, text.find('\n', at) - at), text});
  }
  return out;
}

TEST(Concurrency, DecideWhileReloading) {
  TempDir dir("concurrency");
  const fs::path valid_a = dir.path / "a";
  const fs::path valid_b = dir.path / "b";
  const fs::path broken = dir.path / "broken";
  for (const fs::path& p : {valid_a, valid_b, broken})
    fs::copy(kSource / "rules/huzhou", p, fs::copy_options::recursive);
  // b differs from a by its version only: a harmless edit that changes the content hash.
  std::string manifest = read_file(valid_b / "ruleset.yaml");
  std::size_t at = manifest.find("version: ");
  ASSERT_NE(at, std::string::npos);
  manifest.replace(at, manifest.find('\n', at) - at, "version: 0.1.0-reloaded");
  write_file(valid_b / "ruleset.yaml", manifest);
  // broken has an expression that does not type-check.
  write_file(
      broken / "decisions/broken.yaml",
      "decisions:\n  - id: broken.decision\n    title: {zh: 坏, en: Broken}\n    hit: first\n"
      "    output: {ok: bool}\n    rules:\n      - id: bad\n        cite: \"3.1.1\"\n"
      "        when: candidate.no_such_field + 1\n        then: {ok: true}\n"
      "        because: {zh: 坏, en: bad}\n");

  auto a = tiaoli::RuleSet::load(valid_a.string());
  auto b = tiaoli::RuleSet::load(valid_b.string());
  ASSERT_TRUE(a.ok()) << tiaoli::format_diagnostics(a.error().diagnostics);
  ASSERT_TRUE(b.ok()) << tiaoli::format_diagnostics(b.error().diagnostics);
  ASSERT_FALSE(tiaoli::RuleSet::load(broken.string()).ok());
  const std::string hash_a = a.value()->content_hash();
  const std::string hash_b = b.value()->content_hash();
  ASSERT_NE(hash_a, hash_b);
  ASSERT_EQ(b.value()->version(), "0.1.0-reloaded");

  const std::vector<Sample> cases = samples();
  ASSERT_GE(cases.size(), 5u);

  tiaoli::RuleSetHolder holder(a.value());
  std::atomic<bool> stop{false};
  std::atomic<long> decided{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  auto fail = [&](std::string what) {
    std::lock_guard<std::mutex> lock(failures_mutex);
    if (failures.size() < 20) failures.push_back(std::move(what));
  };

  std::vector<std::thread> deciders;
  for (int t = 0; t < 8; ++t) {
    deciders.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t);
           !stop.load() || i < static_cast<std::size_t>(t) + 20; ++i) {
        const Sample& sample = cases[i % cases.size()];
        std::shared_ptr<const tiaoli::RuleSet> rules = holder.current();
        auto facts = rules->parse_facts(sample.text, tiaoli::FactsFormat::kYaml);
        if (!facts.ok()) {
          fail("facts of " + sample.decision + ": " + facts.error().message);
          continue;
        }
        tiaoli::EvalOptions options;
        options.justify = (i + static_cast<std::size_t>(t)) % 2 == 0;
        auto decision = rules->decide(sample.decision, facts.value(), options);
        if (!decision.ok()) {
          fail(sample.decision + ": " + decision.error().message);
          continue;
        }
        const tiaoli::RuleSet& used = decision.value().ruleset();
        const std::string& hash = used.content_hash();
        if (hash != hash_a && hash != hash_b)
          fail("decision recorded an unknown rule set hash " + hash);
        if (&used != rules.get()) fail("decision does not record the rule set it was taken from");
        if ((hash == hash_b) != (used.version() == "0.1.0-reloaded"))
          fail("version and hash disagree");
        std::string json =
            decision.value().to_json(i % 3 == 0 ? tiaoli::Lang::kEn : tiaoli::Lang::kZh);
        if (json.find(hash) == std::string::npos) fail("to_json does not carry the content hash");
        if (options.justify && i % 4 == 0) (void)decision.value().to_text(tiaoli::Lang::kZh);
        decided.fetch_add(1);
      }
    });
  }

  int successful = 0;
  int rejected = 0;
  std::thread reloader([&] {
    for (int round = 0; round < 12; ++round) {
      const fs::path& next = round % 2 == 1 ? broken : (round % 4 == 0 ? valid_b : valid_a);
      std::shared_ptr<const tiaoli::RuleSet> before = holder.current();
      std::uint64_t generation = holder.generation();
      auto result = holder.reload(next.string());
      if (next == broken) {
        ++rejected;
        if (result.ok())
          fail("a broken rule set was accepted");
        else if (result.error().diagnostics.empty())
          fail("a rejected reload has no diagnostics");
        if (holder.current() != before) fail("a rejected reload changed current()");
        if (holder.generation() != generation) fail("a rejected reload changed the generation");
      } else {
        ++successful;
        if (!result.ok())
          fail("a valid reload failed: " + result.error().message);
        else if (holder.current() != result.value())
          fail("current() is not the rule set just loaded");
        const std::string& expected = next == valid_b ? hash_b : hash_a;
        if (holder.current()->content_hash() != expected)
          fail("reloaded rule set has the wrong hash");
      }
    }
    stop.store(true);
  });

  reloader.join();
  for (std::thread& t : deciders) t.join();
  for (const std::string& f : failures) ADD_FAILURE() << f;
  EXPECT_EQ(successful, 6);
  EXPECT_EQ(rejected, 6);
  EXPECT_EQ(holder.generation(), 6u);
  EXPECT_GT(decided.load(), 8 * 20);
}

}  // namespace
