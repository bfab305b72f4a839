// Reads a rule set — a folder's YAML files, or the same files given in memory — section by
// section into one checked model. The folder loader lists and reads the files; everything else
// (limits, text checks, parsing, checking, the content hash) is one routine, RuleSetLoader.
#include "load/loader.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <yaml-cpp/depthguard.h>

#include "check/lint.hpp"
#include "common/hash.hpp"
#include "common/text_checks.hpp"
#include "eval/fast_program.hpp"
#include "load/loaders.hpp"

namespace tiaoli::detail {
namespace {

namespace fs = std::filesystem;

// Rule files larger than this are refused before parsing (a runaway file cannot exhaust memory).
constexpr std::uintmax_t kMaxFileBytes = 4ULL * 1024 * 1024;
constexpr std::size_t kMaxFiles = 1000;

// yaml-cpp's own limit on nesting; deeper files throw YAML::DeepRecursion.
constexpr int kMaxYamlDepth = 2000;

// yaml-cpp reads a quoted scalar across lines, so an unclosed quote is reported lines later.
// Find the first line before the error with an odd number of double quotes outside comments.
std::optional<SourcePos> unclosed_quote_before(const SourceFile& file, int error_line) {
  for (int line = 1; line <= error_line && line <= file.line_count(); ++line) {
    std::string_view text = file.line(line);
    int quotes = 0;
    std::size_t first = std::string_view::npos;
    bool in_single = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '\'' && quotes % 2 == 0) in_single = !in_single;
      if (in_single) continue;
      if (c == '#' && quotes % 2 == 0 && (i == 0 || text[i - 1] == ' ')) break;
      if (c == '"' && (i == 0 || text[i - 1] != '\\')) {
        if (quotes % 2 == 0) first = i;
        ++quotes;
      }
    }
    if (quotes % 2 == 1 && line < error_line) {
      return SourcePos{&file, line, code_points(text.substr(0, first)) + 1};
    }
  }
  return std::nullopt;
}

// yaml-cpp's messages, in words an analyst can act on.
std::string explain_yaml_error(const std::string& message) {
  if (message.find("illegal EOF in scalar") != std::string::npos) {
    return "the file ends inside a quoted text; a closing quote is missing";
  }
  if (message.find("end of sequence") != std::string::npos ||
      message.find("end of map") != std::string::npos) {
    return message +
           " (check that this line is indented like the lines above it, and that every [ and { is "
           "closed)";
  }
  if (message.find("tab") != std::string::npos) return message + " (indent with spaces, not tabs)";
  return message;
}

bool has_yaml_extension(const fs::path& path) {
  return path.extension() == ".yaml" || path.extension() == ".yml";
}

// A rule file as the loading routine receives it: its path relative to the rule-set root
// (normalised, '/'-separated), how diagnostics name it, and its bytes. The folder reader leaves
// the text empty for a file it could not read, or would not (larger than the limit).
struct InputFile {
  std::string path;
  std::string name;
  std::string text;
  std::uintmax_t size = 0;  // bytes
  bool unreadable = false;
};

// Loads a rule set from its files, whichever way they were obtained.
class RuleSetLoader {
 public:
  // `root` is the folder the paths are relative to ("" for files given in memory); `origin`
  // names the rule set as a whole in diagnostics, `noun` in messages.
  RuleSetLoader(std::string root, std::string origin, std::string noun, RuleSetModel& model,
                DiagnosticSink& sink)
      : root_(std::move(root)),
        origin_(std::move(origin)),
        noun_(std::move(noun)),
        model_(model),
        sink_(sink) {}

  void run(std::vector<InputFile> files) {
    if (files.size() > kMaxFiles) {
      sink_.error_in(origin_,
                     noun_ + " has more than " + std::to_string(kMaxFiles) + " YAML files");
      files.resize(kMaxFiles + 1);
    }
    if (files.empty()) {
      sink_.error_in(origin_, noun_ + " has no .yaml files");
      return;
    }
    // In path order (as paths, component by component), but ruleset.yaml first: it names the
    // regulation file, which is read differently.
    std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) {
      return fs::path(a.path) < fs::path(b.path);
    });
    std::stable_partition(files.begin(), files.end(), [](const InputFile& f) {
      return fs::path(f.path).filename() == "ruleset.yaml";
    });
    bool has_manifest = false;
    for (const InputFile& file : files) {
      names_.push_back(file.path);
      keys_.insert(key(file.path));
      has_manifest = has_manifest || file.path == "ruleset.yaml";
    }
    if (!has_manifest) {
      sink_.error_in(key("ruleset.yaml"),
                     "missing: every rule-set folder needs a ruleset.yaml naming the rule set and "
                     "its regulation file");
      return;
    }
    std::string hash_input;
    for (InputFile& input : files) {
      const SourceFile* file = read(input);
      if (file == nullptr) continue;
      hash_input += input.path + '\0' + file->text() + '\0';
      if (key(input.path) == regulation_key_) continue;
      parse_sections(*file);
      if (input.path == "ruleset.yaml") read_manifest();
    }
    model_.content_hash = hash_hex(fnv1a(hash_input));
    assemble();
  }

 private:
  // The file at `path` (relative to the root, or written in ruleset.yaml) as the root joined with
  // it, normalised: how the folder loader's diagnostics name it, and what identifies it.
  std::string key(const std::string& path) const {
    return (fs::path(root_) / path).lexically_normal().string();
  }

  const SourceFile* read(InputFile& input) {
    if (input.unreadable || input.size > kMaxFileBytes) {
      char size_text[32];
      std::snprintf(size_text, sizeof size_text, "%.1f MiB",
                    static_cast<double>(input.size) / (1024.0 * 1024.0));
      sink_.error_in(input.name, input.unreadable
                                     ? "cannot be read"
                                     : std::string("the file is ") + size_text +
                                           "; the limit is 4 MiB — split it into several files");
      return nullptr;
    }
    model_.files.emplace_back(input.name, std::move(input.text));
    const SourceFile& file = model_.files.back();
    by_key_[key(input.path)] = &file;
    if (auto problem = check_text(file.text())) {
      Diagnostic d;
      d.file = file.path();
      d.line = problem->line;
      d.column = problem->column;
      d.message = "the file cannot be read: " + problem->message;
      sink_.report(std::move(d));
      return nullptr;
    }
    return &file;
  }

  std::optional<YAML::Node> parse(const SourceFile& file) {
    YamlFile yaml{&file, &sink_};
    if (auto alias = find_yaml_alias(file.text())) {
      sink_.error(SourcePos{&file, alias->line, alias->column}, alias->message);
      return std::nullopt;
    }
    try {
      return YAML::Load(file.text());
    } catch (const YAML::DeepRecursion& e) {
      // Point at where the nesting starts, not thousands of columns later.
      std::string_view line = file.line(e.mark.line + 1);
      std::size_t open =
          std::min(line.find_first_of("[{"), static_cast<std::size_t>(std::max(e.mark.column, 0)));
      SourcePos start{&file, e.mark.line + 1, code_points(line.substr(0, open)) + 1};
      sink_.error(start, "YAML syntax: the file is nested too deeply (more than " +
                             std::to_string(kMaxYamlDepth) + " levels of [ ] or { })");
    } catch (const YAML::ParserException& e) {
      if (auto quote = unclosed_quote_before(file, e.mark.line + 1)) {
        sink_.error(
            *quote,
            "YAML syntax: this quoted text is not closed on its line; is a closing quote missing?");
      } else {
        sink_.error(yaml.pos(e.mark), "YAML syntax: " + explain_yaml_error(e.msg));
      }
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
    if (root->IsMap() && (*root)["chapters"])
      return;  // a regulation text; only the one ruleset.yaml names is read
    if (!yaml.check_map(
            *root, "a rule file (top level)",
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
    if (!yaml.check_map(section.node, "ruleset",
                        {"name", "title", "version", "regulation", "calendar"},
                        {"name", "version", "regulation"})) {
      return;
    }
    if (auto v = section.node["name"]; v) model_.name = yaml.text(v, "ruleset name").value_or("");
    if (auto v = section.node["title"]; v)
      model_.title = yaml.text(v, "ruleset title").value_or("");
    if (auto v = section.node["version"]; v)
      model_.version = yaml.text(v, "ruleset version").value_or("");
    if (auto v = section.node["calendar"]; v)
      calendar_id_ = yaml.text(v, "ruleset calendar").value_or("");
    if (auto v = section.node["regulation"]; v) {
      auto name = yaml.text(v, "ruleset regulation");
      if (!name) return;
      std::string path = key(*name);
      if (!has_yaml_extension(*name)) {
        yaml.error(v, "the regulation file '" + *name +
                          "' is not a .yaml file; the regulation is a YAML file of the rule set");
        return;
      }
      if (keys_.count(path) == 0) {
        std::string hint = closest_name(*name, names_);
        yaml.error(v, "the regulation file '" + *name + "' does not exist in the rule-set folder" +
                          (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
        return;
      }
      regulation_key_ = path;
    }
  }

  void assemble() {
    if (manifest_.size() > 1) {
      manifest_[1].file.error(manifest_[1].node,
                              "a second `ruleset` section; a rule set has exactly one");
    }
    load_regulation_file();
    if (schemas_.empty()) {
      sink_.error_in(origin_,
                     "missing: the rule set has no `schema` section (the records and fields of the "
                     "facts); every rule set needs one, usually in schema.yaml");
      return;
    }
    load_schema(schemas_, model_);
    if (model_.facts == nullptr) return;  // nothing can be checked without a schema
    bool calendar_found = calendar_id_.empty();
    model_.calendar_named = !calendar_id_.empty();
    for (const Section& section : calendars_)
      load_calendar(section, calendar_id_, model_, calendar_found);
    if (!calendar_found) {
      manifest_.front().file.error(
          manifest_.front().node["calendar"],
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
      if (!param.used)
        sink_.warning(param.where, "parameter '" + param.name + "' is never used by a rule");
    }
    if (!sink_.has_errors()) lint_rule_set(model_, sink_);
    if (!sink_.has_errors()) {
      for (DecisionDef& decision : model_.decisions)
        decision.fast_program = compile_fast_program(model_, decision);
    }
  }

  void load_regulation_file() {
    if (regulation_key_.empty()) return;
    auto found = by_key_.find(regulation_key_);
    if (found == by_key_.end()) return;  // already reported by read()
    const SourceFile* file = found->second;
    auto root = parse(*file);
    if (root) load_regulation(YamlFile{file, &sink_}, *root, model_);
  }

  std::string root_;
  std::string origin_;
  std::string noun_;
  RuleSetModel& model_;
  DiagnosticSink& sink_;
  std::vector<std::string> names_;                   // the files' paths, for did-you-mean hints
  std::set<std::string> keys_;                       // key() of every file
  std::map<std::string, const SourceFile*> by_key_;  // the files read, by key()
  std::string regulation_key_;
  std::string calendar_id_;
  std::vector<Section> manifest_, schemas_, parameters_, decisions_, calendars_, tests_, coverage_;
};

// Every .yaml/.yml file below `root` (one more than the limit at most, so that the loader can say
// there are too many), read unless it is larger than the limit.
std::vector<InputFile> read_folder(const std::string& root) {
  std::vector<InputFile> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(
           root, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator() && files.size() <= kMaxFiles; it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec) && has_yaml_extension(it->path())) {
      files.push_back(InputFile{it->path().lexically_relative(root).generic_string(),
                                it->path().lexically_normal().string(), "", 0, false});
    }
  }
  for (InputFile& file : files) {
    const fs::path path = fs::path(root) / file.path;
    file.size = fs::file_size(path, ec);
    if (ec) {
      file.unreadable = true;
      continue;
    }
    if (file.size > kMaxFileBytes) continue;
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    file.unreadable = !in && !in.eof();
    file.text = buffer.str();
  }
  return files;
}

}  // namespace

void load_rule_set(const std::string& path, RuleSetModel& model, DiagnosticSink& sink) {
  model.root_path = path;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    sink.error_in(path, "not a rule-set folder (it does not exist or is not a directory)");
    return;
  }
  RuleSetLoader(path, path, "the folder", model, sink).run(read_folder(path));
}

void load_rule_files(std::vector<RuleFile> files, RuleSetModel& model, DiagnosticSink& sink) {
  // The paths must be what a folder could hold: relative, inside the root, YAML, each once.
  std::vector<InputFile> inputs;
  std::set<std::string> seen;
  for (RuleFile& file : files) {
    const fs::path normal = fs::path(file.path).lexically_normal();
    const std::string named = file.path.empty() ? kMemoryRuleSetName : file.path;
    if (normal.empty() || normal.is_absolute() || *normal.begin() == ".." ||
        !normal.has_filename()) {
      sink.error_in(named,
                    "not a path inside the rule set: give each file's path relative to the "
                    "rule-set root, such as decisions/selection.yaml");
      continue;
    }
    if (!has_yaml_extension(normal)) {
      sink.error_in(named, "not a rule file: the names of rule files end in .yaml or .yml");
      continue;
    }
    if (!seen.insert(normal.generic_string()).second) {
      sink.error_in(named, "given twice: each file of a rule set has its own path");
      continue;
    }
    const std::uintmax_t size = file.text.size();
    inputs.push_back(InputFile{normal.generic_string(), std::move(file.path), std::move(file.text),
                               size, false});
  }
  RuleSetLoader("", kMemoryRuleSetName, "the rule set", model, sink).run(std::move(inputs));
}

}  // namespace tiaoli::detail
