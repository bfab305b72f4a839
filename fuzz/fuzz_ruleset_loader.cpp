// Fuzz target: the rule-set loader (YAML in). The first input byte chooses the base folder and
// where the rest goes:
//   bit 7 clear: the golden corpus's minimal valid base (tests/golden/base);
//   bit 7 set:   a copy of rules/huzhou;
//   bits 0-6 (mod the base's file count + 1): 0 = a new file decisions/fuzz.yaml beside the base,
//   k = replace the base's k-th file (sorted by path) with the bytes.
// The folder is then loaded with RuleSet::load. Invariants: loading never throws or crashes; a
// failed load has an error message and at least one error diagnostic, each with a message and a
// file; a successful load has a content hash and can list its decisions.
#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
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

void write_all(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

struct BaseFolder {
  fs::path root;                                           // the temporary copy
  std::vector<std::pair<std::string, std::string>> files;  // relative path, original bytes
};

// A temporary copy of `source`, in /dev/shm when there is one (fast; loads happen per input).
BaseFolder copy_base(const fs::path& source, const std::string& tag) {
  fs::path tmp = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  BaseFolder base;
  base.root = tmp / ("tiaoli-fuzz-" + std::to_string(::getpid()) + "-" + tag);
  fs::remove_all(base.root);
  fs::create_directories(base.root);
  fs::copy(source, base.root, fs::copy_options::recursive);
  for (const auto& entry : fs::recursive_directory_iterator(base.root)) {
    if (!entry.is_regular_file()) continue;
    std::string rel = fs::relative(entry.path(), base.root).string();
    base.files.emplace_back(rel, read_all(entry.path()));
  }
  std::sort(base.files.begin(), base.files.end());
  return base;
}

struct Bases {
  BaseFolder golden = copy_base(fs::path(TIAOLI_SOURCE_DIR) / "tests/golden/base", "golden");
  BaseFolder huzhou = copy_base(fs::path(TIAOLI_SOURCE_DIR) / "rules/huzhou", "huzhou");
  ~Bases() {
    std::error_code ec;
    fs::remove_all(golden.root, ec);
    fs::remove_all(huzhou.root, ec);
  }
};

Bases& bases() {
  static Bases instance;
  return instance;
}

void check_result(const Result<std::shared_ptr<const RuleSet>>& loaded) {
  if (!loaded.ok()) {
    const Error& error = loaded.error();
    TIAOLI_FUZZ_CHECK(!error.message.empty(), "a failed load has a message");
    bool has_error = false;
    for (const Diagnostic& d : error.diagnostics) {
      TIAOLI_FUZZ_CHECK(!d.message.empty(), "every diagnostic has a message");
      TIAOLI_FUZZ_CHECK(!d.file.empty(), "every diagnostic names a file");
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
  Bases& all = bases();
  BaseFolder& base = (data[0] & 0x80) != 0 ? all.huzhou : all.golden;
  std::size_t slot = (data[0] & 0x7f) % (base.files.size() + 1);
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);

  fs::path target =
      slot == 0 ? base.root / "decisions" / "fuzz.yaml" : base.root / base.files[slot - 1].first;
  write_all(target, bytes);
  auto loaded = RuleSet::load(base.root.string());
  // Restore the base before checking, so a failed check leaves nothing behind for the next input.
  if (slot == 0) {
    std::error_code ec;
    fs::remove(target, ec);
  } else {
    write_all(target, base.files[slot - 1].second);
  }
  check_result(loaded);
  return 0;
}

}  // namespace tiaoli::fuzz

#ifndef TIAOLI_FUZZ_NO_MAIN
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return tiaoli::fuzz::ruleset_loader(data, size);
}
#endif
