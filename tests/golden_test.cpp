// The golden bad-input corpus (tests/golden/, see its README.md): every broken rule set under
// rules/ and every facts document under facts/ must give exactly the messages in its .expected
// file. TIAOLI_UPDATE_GOLDEN=1 rewrites the .expected files instead of comparing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tiaoli/tiaoli.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = TIAOLI_GOLDEN_DIR;

bool updating() {
  const char* env = std::getenv("TIAOLI_UPDATE_GOLDEN");
  return env != nullptr && std::string(env) == "1";
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t\r\n"));
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    line = trim(line);
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  }
  return lines;
}

// KNOWN_FAILING: one line per case, `rules/NAME: reason` or `facts/NAME: reason`.
const std::map<std::string, std::string>& known_failing() {
  static const std::map<std::string, std::string> known = [] {
    std::map<std::string, std::string> entries;
    for (const std::string& line : lines_of(read_file(kCorpus / "KNOWN_FAILING"))) {
      std::size_t colon = line.find(':');
      std::string key = trim(line.substr(0, colon));
      std::string reason = colon == std::string::npos ? "" : trim(line.substr(colon + 1));
      entries[key] = reason;
    }
    return entries;
  }();
  return known;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// Compares `actual` with the .expected file, or rewrites it under TIAOLI_UPDATE_GOLDEN=1.
void compare_or_update(const fs::path& expected_path, const std::string& actual) {
  if (updating()) {
    write_file(expected_path, actual);
    return;
  }
  ASSERT_TRUE(fs::exists(expected_path))
      << expected_path
      << " is missing; run with TIAOLI_UPDATE_GOLDEN=1 to create it. Actual output:\n"
      << actual;
  EXPECT_EQ(read_file(expected_path), actual) << "golden file: " << expected_path;
}

std::vector<std::string> list_cases(const std::string& kind) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kCorpus / kind, ec)) {
    const fs::path& p = entry.path();
    if (kind == "rules" && entry.is_directory()) names.push_back(p.filename().string());
    if (kind == "facts" && (p.extension() == ".yaml" || p.extension() == ".json"))
      names.push_back(p.filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// The reason a case is listed in KNOWN_FAILING, or null.
const std::string* known_failing_reason(const std::string& key) {
  auto it = known_failing().find(key);
  return it == known_failing().end() ? nullptr : &it->second;
}

// ---- rules/ cases: base/ + the case's overlay, loaded; the load must fail -------------------

// A scratch copy of base/ with the case's files laid over it; removed when done.
class AssembledFolder {
 public:
  explicit AssembledFolder(const std::string& name) {
    dir_ = fs::temp_directory_path() / ("tiaoli-golden-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::copy(kCorpus / "base", dir_, fs::copy_options::recursive);
    const fs::path overlay = kCorpus / "rules" / name;
    for (const auto& entry : fs::recursive_directory_iterator(overlay)) {
      fs::path relative = fs::relative(entry.path(), overlay);
      if (relative == "DELETE" || relative == "PAD") continue;
      if (entry.is_directory()) {
        fs::create_directories(dir_ / relative);
      } else {
        fs::create_directories((dir_ / relative).parent_path());
        fs::copy_file(entry.path(), dir_ / relative, fs::copy_options::overwrite_existing);
      }
    }
    // DELETE: base files to remove, one relative path a line.
    for (const std::string& line : lines_of(read_file(overlay / "DELETE")))
      fs::remove_all(dir_ / line);
    // PAD: `relative/path BYTES` — grow that file with comment lines to at least BYTES bytes
    // (so the corpus need not store huge files).
    for (const std::string& line : lines_of(read_file(overlay / "PAD"))) {
      std::istringstream in(line);
      std::string file;
      std::uintmax_t bytes = 0;
      in >> file >> bytes;
      std::ofstream out(dir_ / file, std::ios::binary | std::ios::app);
      const std::string filler = "# " + std::string(77, 'x') + "\n";
      for (std::uintmax_t size = fs::file_size(dir_ / file); size < bytes; size += filler.size())
        out << filler;
    }
  }
  ~AssembledFolder() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const fs::path& dir() const { return dir_; }

  // Diagnostics name files by the assembled folder's path; make them relative to it.
  std::string relative(std::string text) const {
    replace_all(text, dir_.string() + "/", "");
    replace_all(text, dir_.string(), "RULES");
    return text;
  }

 private:
  fs::path dir_;
};

// Problems with a whole file (it is missing, or too large to read) have no line.
bool about_a_whole_file(const std::string& message) {
  for (const char* words :
       {"missing", "does not exist", "the limit is", "cannot be read", "no .yaml files"}) {
    if (message.find(words) != std::string::npos) return true;
  }
  return false;
}

class GoldenRules : public testing::TestWithParam<std::string> {};

TEST_P(GoldenRules, Diagnostics) {
  const std::string& name = GetParam();
  if (const std::string* reason = known_failing_reason("rules/" + name))
    GTEST_SKIP() << "KNOWN_FAILING: " << *reason;
  AssembledFolder folder(name);
  auto loaded = tiaoli::RuleSet::load(folder.dir().string());
  std::string actual;
  if (loaded.ok()) {
    actual = "(the rule set loaded without errors)\n" +
             folder.relative(tiaoli::format_diagnostics(loaded.value()->warnings()));
  } else {
    actual = folder.relative(tiaoli::format_diagnostics(loaded.error().diagnostics));
  }
  compare_or_update(kCorpus / "rules" / (name + ".expected"), actual);
  // warn_* cases load, and show only warnings; every other case must fail to load.
  if (name.rfind("warn_", 0) == 0) {
    ASSERT_TRUE(loaded.ok()) << "a warn_ case must load";
    EXPECT_FALSE(loaded.value()->warnings().empty()) << "a warn_ case must give a warning";
    return;
  }
  ASSERT_FALSE(loaded.ok()) << "a broken rule set must not load";
  bool any_error = false;
  for (const tiaoli::Diagnostic& d : loaded.error().diagnostics) {
    any_error = any_error || d.severity == tiaoli::Severity::kError;
    EXPECT_FALSE(d.file.empty()) << "a diagnostic without a file: " << d.message;
    if (!about_a_whole_file(d.message)) {
      EXPECT_GT(d.line, 0) << "a diagnostic without a line: "
                           << folder.relative(tiaoli::format_diagnostic(d));
      EXPECT_GT(d.column, 0) << "a diagnostic without a column: "
                             << folder.relative(tiaoli::format_diagnostic(d));
    }
  }
  EXPECT_TRUE(any_error);
}

// The same files given in memory (RuleSet::load_files, paths relative to the folder) give the
// same diagnostics, byte for byte; only a problem with the rule set as a whole names it
// "<memory>" instead of the folder.
TEST_P(GoldenRules, SameDiagnosticsFromMemory) {
  const std::string& name = GetParam();
  if (known_failing_reason("rules/" + name) != nullptr) GTEST_SKIP();
  AssembledFolder folder(name);
  std::vector<tiaoli::RuleFile> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder.dir())) {
    const fs::path& p = entry.path();
    if (entry.is_regular_file() && (p.extension() == ".yaml" || p.extension() == ".yml"))
      files.push_back({fs::relative(p, folder.dir()).generic_string(), read_file(p)});
  }
  auto from_disk = tiaoli::RuleSet::load(folder.dir().string());
  auto from_memory = tiaoli::RuleSet::load_files(std::move(files));
  ASSERT_EQ(from_disk.ok(), from_memory.ok());
  const auto diagnostics = [](const auto& loaded) {
    return tiaoli::format_diagnostics(loaded.ok() ? loaded.value()->warnings()
                                                  : loaded.error().diagnostics);
  };
  std::string expected = folder.relative(diagnostics(from_disk));
  replace_all(expected, "RULES", "<memory>");
  EXPECT_EQ(diagnostics(from_memory), expected);
  if (from_disk.ok()) {
    EXPECT_EQ(from_memory.value()->content_hash(), from_disk.value()->content_hash());
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, GoldenRules, testing::ValuesIn(list_cases("rules")), test_name);

// ---- facts/ cases: a facts document evaluated against base/ ---------------------------------

std::shared_ptr<const tiaoli::RuleSet> base_rules() {
  static const std::shared_ptr<const tiaoli::RuleSet> rules = [] {
    auto loaded = tiaoli::RuleSet::load((kCorpus / "base").string());
    if (!loaded.ok()) {
      ADD_FAILURE() << "tests/golden/base does not load:\n"
                    << tiaoli::format_diagnostics(loaded.error().diagnostics);
      return std::shared_ptr<const tiaoli::RuleSet>();
    }
    return loaded.value();
  }();
  return rules;
}

// The decision to evaluate: a sidecar NAME.decision, else a first line `# decision: ID`.
std::string decision_of(const fs::path& facts_path, const std::string& text) {
  fs::path sidecar = facts_path;
  sidecar.replace_extension(".decision");
  if (fs::exists(sidecar)) return trim(read_file(sidecar));
  const std::string marker = "# decision:";
  if (text.rfind(marker, 0) == 0)
    return trim(text.substr(marker.size(), text.find('\n') - marker.size()));
  return "";
}

std::string error_text(const tiaoli::Error& error) {
  std::string text = "error: " + error.message + "\n";
  if (!error.field.empty()) text += "field: " + error.field + "\n";
  return text;
}

class GoldenFacts : public testing::TestWithParam<std::string> {};

TEST_P(GoldenFacts, Outcome) {
  const fs::path path = kCorpus / "facts" / GetParam();
  if (const std::string* reason = known_failing_reason("facts/" + path.stem().string()))
    GTEST_SKIP() << "KNOWN_FAILING: " << *reason;
  auto rules = base_rules();
  ASSERT_TRUE(rules);
  const std::string text = read_file(path);
  const std::string decision_id = decision_of(path, text);
  ASSERT_FALSE(decision_id.empty())
      << path << " names no decision (first line `# decision: ID`, or a .decision file)";
  auto format =
      path.extension() == ".json" ? tiaoli::FactsFormat::kJson : tiaoli::FactsFormat::kYaml;
  std::string actual;
  auto facts = rules->parse_facts(text, format);
  if (!facts.ok()) {
    actual = error_text(facts.error());
  } else {
    auto decision = rules->decide(decision_id, facts.value());
    if (!decision.ok()) {
      actual = error_text(decision.error());
    } else {
      auto json = nlohmann::json::parse(decision.value().to_json(tiaoli::Lang::kZh));
      actual = "outcome: " + json["outcome"].dump(2, ' ', false) + "\n";
    }
  }
  fs::path expected = path;
  expected.replace_extension(".expected");
  compare_or_update(expected, actual);
}

INSTANTIATE_TEST_SUITE_P(Corpus, GoldenFacts, testing::ValuesIn(list_cases("facts")), test_name);

// Every KNOWN_FAILING entry names an existing case and gives a reason.
TEST(GoldenCorpus, KnownFailingEntriesAreValid) {
  for (const auto& [key, reason] : known_failing()) {
    EXPECT_FALSE(reason.empty()) << "KNOWN_FAILING " << key << " gives no reason";
    bool exists = key.rfind("rules/", 0) == 0 ? fs::is_directory(kCorpus / key)
                                              : fs::exists(kCorpus / (key + ".yaml")) ||
                                                    fs::exists(kCorpus / (key + ".json"));
    EXPECT_TRUE(exists) << "KNOWN_FAILING names " << key << ", which is not a case";
  }
}

TEST(GoldenCorpus, BaseLoadsAndItsTestsAreValid) {
  auto rules = base_rules();
  ASSERT_TRUE(rules);
  EXPECT_TRUE(rules->warnings().empty()) << tiaoli::format_diagnostics(rules->warnings());
}

}  // namespace
