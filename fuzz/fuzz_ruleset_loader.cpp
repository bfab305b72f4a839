// Fuzz target: the rule-set loader (YAML in), through RuleSet::load_files. The base rule set,
// fuzz/base/ (the context of tests/golden/base — its provisions, records, parameters and
// calendar — without its decisions and tests, about 2 KB), is read from disk once; every input
// is laid over it and loaded from memory, with no disk I/O.
//
// Input format:
//   byte 0         the place of the first file: modulo (the base's file count + 1), 0 = a new
//                  file decisions/fuzz.yaml beside the base, k = replace the base's k-th file
//                  (sorted by path: calendars/tiny.yaml, parameters.yaml, regulation.yaml,
//                  ruleset.yaml, schema.yaml);
//   the rest       the first file's text, then optionally more files, each starting at a line
//                  "=== PATH" (after a newline, or at the very start: then there is no first
//                  file): the text up to the next such line is the file PATH, which replaces the
//                  file of that path so far, or is added. PATH is passed as written, so bad paths
//                  (../x.yaml, /x.yaml, x.txt, ./x.yaml beside x.yaml) reach load_files' checks.
// Invariants: loading never throws or crashes; a failed load has an error message and at least
// one error diagnostic, each with a message, a file (a path as given, "<memory>", or a missing
// "ruleset.yaml") and a line/column >= 0; a successful load has a content hash and can list its
// decisions.
//
// Why this base: yaml-cpp builds every node with several allocations, which AddressSanitizer
// makes slow, so the cost of an input is about the size of the whole rule set it loads (about
// 1 ms per 2 KB under ASan). tests/golden/base (9 KB) would cost ~3.5 ms per input, a copy of
// rules/huzhou (140 KB) ~60 ms, so neither is loaded per input: their files are seeds instead.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_support.hpp"
#include "tiaoli/tiaoli.hpp"

namespace tiaoli::fuzz {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// fuzz/base/, every file sorted by path; it must load on its own.
const std::vector<RuleFile>& base() {
  static const std::vector<RuleFile> files = [] {
    const fs::path root = fs::path(TIAOLI_SOURCE_DIR) / "fuzz/base";
    std::vector<RuleFile> read;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file()) continue;
      read.push_back(
          {entry.path().lexically_relative(root).generic_string(), read_all(entry.path())});
    }
    std::sort(read.begin(), read.end(),
              [](const RuleFile& a, const RuleFile& b) { return a.path < b.path; });
    TIAOLI_FUZZ_CHECK(RuleSet::load_files(read).ok(), "fuzz/base loads");
    return read;
  }();
  return files;
}

// Sets the file `path` to `text`: replaces the file of that path, or adds one.
void put(std::vector<RuleFile>& files, std::string path, std::string_view text) {
  for (RuleFile& file : files) {
    if (file.path == path) {
      file.text = std::string(text);
      return;
    }
  }
  files.push_back({std::move(path), std::string(text)});
}

// The base with the input laid over it (see the format above).
std::vector<RuleFile> files_of(const std::uint8_t* data, std::size_t size) {
  std::vector<RuleFile> files = base();
  const std::size_t slot = data[0] % (files.size() + 1);
  const std::string first_path = slot == 0 ? "decisions/fuzz.yaml" : files[slot - 1].path;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  constexpr std::string_view kMarker = "=== ";
  std::string path = first_path;
  std::size_t start = 0;  // of the current file's text
  for (std::size_t at = 0;; ++at) {
    at = rest.find(kMarker, at);
    if (at != std::string_view::npos && at != 0 && rest[at - 1] != '\n') continue;
    std::size_t end = at == std::string_view::npos ? rest.size() : at;
    if (at != 0) put(files, path, rest.substr(start, end - start));  // no first file if at 0
    if (at == std::string_view::npos) break;
    std::size_t eol = rest.find('\n', at);
    if (eol == std::string_view::npos) eol = rest.size();
    path = std::string(rest.substr(at + kMarker.size(), eol - at - kMarker.size()));
    start = std::min(eol + 1, rest.size());
    at = eol == rest.size() ? eol - 1 : eol;
  }
  return files;
}

void check_result(const Result<std::shared_ptr<const RuleSet>>& loaded,
                  const std::vector<std::string>& paths) {
  if (!loaded.ok()) {
    const Error& error = loaded.error();
    TIAOLI_FUZZ_CHECK(!error.message.empty(), "a failed load has a message");
    bool has_error = false;
    for (const Diagnostic& d : error.diagnostics) {
      TIAOLI_FUZZ_CHECK(!d.message.empty(), "every diagnostic has a message");
      TIAOLI_FUZZ_CHECK(!d.file.empty(), "every diagnostic names a file");
      TIAOLI_FUZZ_CHECK(d.file == "<memory>" || d.file == "ruleset.yaml" ||
                            std::find(paths.begin(), paths.end(), d.file) != paths.end(),
                        "a diagnostic names a given file, the rule set, or a missing ruleset.yaml");
      TIAOLI_FUZZ_CHECK(d.line >= 0 && d.column >= 0, "line and column are not negative");
      has_error = has_error || d.severity == Severity::kError;
    }
    TIAOLI_FUZZ_CHECK(has_error, "a failed load reports at least one error");
    TIAOLI_FUZZ_CHECK(!format_diagnostics(error.diagnostics).empty(), "diagnostics format");
    return;
  }
  const RuleSet& rules = *loaded.value();
  TIAOLI_FUZZ_CHECK(!rules.content_hash().empty(), "a loaded rule set has a content hash");
  for (const DecisionInfo& info : rules.decisions()) {
    TIAOLI_FUZZ_CHECK(!info.id.empty(), "every decision has an id");
  }
  (void)format_diagnostics(rules.warnings());
}

}  // namespace

int ruleset_loader(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  std::vector<RuleFile> files = files_of(data, size);
  std::vector<std::string> paths;
  for (const RuleFile& file : files) paths.push_back(file.path);
  check_result(RuleSet::load_files(std::move(files)), paths);
  return 0;
}

}  // namespace tiaoli::fuzz

#ifndef TIAOLI_FUZZ_NO_MAIN
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return tiaoli::fuzz::ruleset_loader(data, size);
}
#endif
