// Reading rule files with yaml-cpp: positions, key checks and scalar conversion, each problem
// reported to the DiagnosticSink with its file, line and column.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "common/source.hpp"
#include "common/suggest.hpp"
#include "tiaoli/value.hpp"

namespace tiaoli::detail {

// A YAML file and the sink its problems go to.
struct YamlFile {
  const SourceFile* file = nullptr;
  DiagnosticSink* sink = nullptr;

  SourcePos pos(const YAML::Node& node) const;
  SourcePos pos(const YAML::Mark& mark) const;
  void error(const YAML::Node& node, std::string message) const;
  void warning(const YAML::Node& node, std::string message) const;

  // Reports keys not in `allowed` (with a suggestion), duplicate keys, and missing `required`
  // keys. Returns false when `node` is not a mapping.
  bool check_map(const YAML::Node& node, std::string_view what,
                 std::initializer_list<std::string_view> allowed,
                 std::initializer_list<std::string_view> required = {}) const;

  std::optional<std::string> text(const YAML::Node& node, std::string_view what) const;
  std::optional<Date> date(const YAML::Node& node, std::string_view what) const;
  std::optional<bool> boolean(const YAML::Node& node, std::string_view what) const;
  // One string or a list of strings ("3.1.2" or ["3.1.1", "3.1.2"]).
  std::optional<std::vector<std::string>> text_list(const YAML::Node& node,
                                                    std::string_view what) const;
};

// The source position of a scalar's first character of content (after an opening quote).
SourcePos scalar_content_pos(const YAML::Node& node, const SourceFile& file);

// Where in the file byte `offset` of a scalar's content lies (exact for one-line scalars).
SourcePos offset_pos(const YAML::Node& node, const SourceFile& file, int offset);

// YAML's folded scalars (>) join lines with a space, which is wrong between two Chinese
// characters; this removes such spaces and keeps the ones between Latin words.
std::string unfold_cjk(std::string_view text);

}  // namespace tiaoli::detail
