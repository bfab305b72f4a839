// Reads a rule-set folder: every YAML file, section by section, into one checked model.
#include "load/loader.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "load/loaders.hpp"

namespace tiaoli::detail {
namespace {

namespace fs = std::filesystem;

// Rule files larger than this are refused before parsing (a runaway file cannot exhaust memory).
constexpr std::uintmax_t kMaxFileBytes = 4 * 1024 * 1024;
constexpr std::size_t kMaxFiles = 1000;

std::string fnv1a_hex(const std::string& data, std::uint64_t hash) {
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

bool is_valid_utf8(std::string_view s, std::size_t& bad_at) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      bad_at = i;
      return false;
    }
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        bad_at = i;
        return false;
      }
    }
    i += len;
  }
  return true;
}

class FolderLoader {
 public:
  FolderLoader(std::string root, RuleSetModel& model, DiagnosticSink& sink)
      : root_(std::move(root)), model_(model), sink_(sink) {}

  void run() {
    std::error_code ec;
    if (!fs::is_directory(root_, ec)) {
      sink_.error_in(root_, "not a rule-set folder (it does not exist or is not a directory)");
      return;
    }
    std::vector<fs::path> paths = yaml_files();
    if (paths.empty()) {
      sink_.error_in(root_, "the folder has no .yaml files");
      return;
    }
    std::string manifest_path;
    for (const fs::path& path : paths) {
      if (fs::relative(path, root_, ec) == "ruleset.yaml") manifest_path = path.string();
    }
    if (manifest_path.empty()) {
      sink_.error_in(display(fs::path(root_) / "ruleset.yaml"), "missing: every rule-set folder needs a ruleset.yaml naming the rule set and its regulation file");
      return;
    }
    std::string hash_input;
    for (const fs::path& path : paths) {
      const SourceFile* file = read(path);
      if (file == nullptr) continue;
      hash_input += file->path() + '\0' + file->text() + '\0';
      if (display(path) == regulation_path_) continue;
      parse_sections(*file);
      if (path.string() == manifest_path) read_manifest();
    }
    model_.content_hash = fnv1a_hex(hash_input, 14695981039346656037ULL);
    assemble();
  }

 private:
  std::vector<fs::path> yaml_files() {
    std::vector<fs::path> paths;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root_, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->is_regular_file(ec) && (it->path().extension() == ".yaml" || it->path().extension() == ".yml")) {
        paths.push_back(it->path());
      }
      if (paths.size() > kMaxFiles) {
        sink_.error_in(root_, "the folder has more than " + std::to_string(kMaxFiles) + " YAML files");
        break;
      }
    }
    std::sort(paths.begin(), paths.end());
    // ruleset.yaml first: it names the regulation file, which is read differently.
    std::stable_partition(paths.begin(), paths.end(), [](const fs::path& p) { return p.filename() == "ruleset.yaml"; });
    return paths;
  }

  std::string display(const fs::path& path) const { return path.lexically_normal().string(); }

  const SourceFile* read(const fs::path& path) {
    std::error_code ec;
    std::uintmax_t size = fs::file_size(path, ec);
    if (ec || size > kMaxFileBytes) {
      sink_.error_in(display(path), ec ? "cannot be read" : "is larger than 4 MiB; split it into several files");
      return nullptr;
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (!in && !in.eof()) {
      sink_.error_in(display(path), "cannot be read");
      return nullptr;
    }
    model_.files.emplace_back(display(path), buffer.str());
    const SourceFile& file = model_.files.back();
    std::size_t bad_at = 0;
    if (!is_valid_utf8(file.text(), bad_at)) {
      int line = 1 + static_cast<int>(std::count(file.text().begin(), file.text().begin() + static_cast<long>(bad_at), '\n'));
      std::size_t line_start = file.text().rfind('\n', bad_at == 0 ? 0 : bad_at - 1);
      line_start = line_start == std::string::npos ? 0 : line_start + 1;
      Diagnostic d;
      d.file = file.path();
      d.line = line;
      d.column = code_points(std::string_view(file.text()).substr(line_start, bad_at - line_start)) + 1;
      d.message = "the file is not valid UTF-8 text (save it as UTF-8)";
      sink_.report(std::move(d));
      return nullptr;
    }
    return &file;
  }

  std::optional<YAML::Node> parse(const SourceFile& file) {
    YamlFile yaml{&file, &sink_};
    try {
      return YAML::Load(file.text());
    } catch (const YAML::ParserException& e) {
      sink_.error(yaml.pos(e.mark), "YAML syntax: " + e.msg);
    } catch (const YAML::Exception& e) {
      sink_.error(yaml.pos(e.mark), "YAML: " + e.msg);
    }
    return std::nullopt;
  }

  void parse_sections(const SourceFile& file) {
    auto root = parse(file);
    if (!root) return;
    YamlFile yaml{&file, &sink_};
    if (root->IsNull()) {
      sink_.warning(SourcePos{&file, 1, 1}, "the file is empty");
      return;
    }
    if (!yaml.check_map(*root, "a rule file (top level)",
                        {"ruleset", "schema", "parameters", "decisions", "calendar", "tests", "coverage"})) {
      return;
    }
    for (const auto& entry : *root) {
      std::string key = entry.first.Scalar();
      Section section{yaml, entry.second};
      if (key == "ruleset") manifest_.push_back(section);
      if (key == "schema") schemas_.push_back(section);
      if (key == "parameters") parameters_.push_back(section);
      if (key == "decisions") decisions_.push_back(section);
      if (key == "calendar") calendars_.push_back(section);
      if (key == "tests") tests_.push_back(section);
      if (key == "coverage") coverage_.push_back(section);
    }
  }

  void read_manifest() {
    if (manifest_.empty()) return;
    const Section& section = manifest_.front();
    const YamlFile& yaml = section.file;
    if (!yaml.check_map(section.node, "ruleset", {"name", "title", "version", "regulation", "calendar"},
                        {"name", "version", "regulation"})) {
      return;
    }
    if (auto v = section.node["name"]; v) model_.name = yaml.text(v, "ruleset name").value_or("");
    if (auto v = section.node["title"]; v) model_.title = yaml.text(v, "ruleset title").value_or("");
    if (auto v = section.node["version"]; v) model_.version = yaml.text(v, "ruleset version").value_or("");
    if (auto v = section.node["calendar"]; v) calendar_id_ = yaml.text(v, "ruleset calendar").value_or("");
    if (auto v = section.node["regulation"]; v) {
      auto name = yaml.text(v, "ruleset regulation");
      if (!name) return;
      fs::path path = fs::path(root_) / *name;
      std::error_code ec;
      if (!fs::is_regular_file(path, ec)) {
        yaml.error(v, "the regulation file '" + *name + "' does not exist in " + root_);
        return;
      }
      regulation_path_ = display(path);
      regulation_node_ = v;
    }
  }

  void assemble() {
    if (manifest_.size() > 1) {
      manifest_[1].file.error(manifest_[1].node, "a second `ruleset` section; a rule set has exactly one");
    }
    load_regulation_file();
    load_schema(schemas_, model_);
    if (model_.facts == nullptr) return;  // nothing can be checked without a schema
    bool calendar_found = calendar_id_.empty();
    for (const Section& section : calendars_) load_calendar(section, calendar_id_, model_, calendar_found);
    if (!calendar_found) {
      manifest_.front().file.error(manifest_.front().node["calendar"],
                                   "no calendar with id '" + calendar_id_ + "' in this rule set (put one under calendars/)");
    }
    for (const Section& section : parameters_) load_parameters(section, model_);
    std::vector<std::pair<const Section*, YAML::Node>> declared;
    for (const Section& section : decisions_) declare_decisions(section, model_, declared);
    for (std::size_t i = 0; i < declared.size(); ++i) {
      define_decision(*declared[i].first, declared[i].second, static_cast<int>(i), model_);
    }
    check_decision_graph(model_, sink_);
    for (const Section& section : coverage_) load_coverage(section, model_);
    for (const Section& section : tests_) load_tests(section, model_);
    for (const ParamDef& param : model_.params) {
      if (!param.used) sink_.warning(param.where, "parameter '" + param.name + "' is never used by a rule");
    }
  }

  void load_regulation_file() {
    if (regulation_path_.empty()) return;
    const SourceFile* file = nullptr;
    for (const SourceFile& f : model_.files) {
      if (f.path() == regulation_path_) file = &f;
    }
    if (file == nullptr) return;  // already reported by read()
    auto root = parse(*file);
    if (root) load_regulation(YamlFile{file, &sink_}, *root, model_);
  }

  std::string root_;
  RuleSetModel& model_;
  DiagnosticSink& sink_;
  std::string regulation_path_;
  YAML::Node regulation_node_;
  std::string calendar_id_;
  std::vector<Section> manifest_, schemas_, parameters_, decisions_, calendars_, tests_, coverage_;
};

}  // namespace

void load_rule_set(const std::string& path, RuleSetModel& model, DiagnosticSink& sink) {
  model.root_path = path;
  FolderLoader(path, model, sink).run();
}

}  // namespace tiaoli::detail
