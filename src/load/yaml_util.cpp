#include "load/yaml_util.hpp"

#include <algorithm>
#include <set>
#include <vector>

namespace tiaoli::detail {

SourcePos YamlFile::pos(const YAML::Mark& mark) const {
  if (mark.line < 0) return SourcePos{file, 0, 0};
  int line = mark.line + 1;
  std::string_view text = file->line(line);
  auto bytes =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(mark.column, 0)), text.size());
  return SourcePos{file, line, code_points(text.substr(0, bytes)) + 1};
}

SourcePos YamlFile::pos(const YAML::Node& node) const { return pos(node.Mark()); }

void YamlFile::error(const YAML::Node& node, std::string message) const {
  sink->error(pos(node), std::move(message));
}

void YamlFile::warning(const YAML::Node& node, std::string message) const {
  sink->warning(pos(node), std::move(message));
}

std::string unfold_cjk(std::string_view text) {
  // Full-width punctuation (U+3000–U+303F, U+FF00–U+FFEF) never needs a space after it.
  auto ends_with_wide_punctuation = [](const std::string& s) {
    if (s.size() < 3) return false;
    auto a = static_cast<unsigned char>(s[s.size() - 3]);
    auto b = static_cast<unsigned char>(s[s.size() - 2]);
    return (a == 0xE3 && b == 0x80) || (a == 0xEF && (b == 0xBC || b == 0xBD));
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool wide_before = !out.empty() && static_cast<unsigned char>(out.back()) >= 0x80;
    bool wide_after = i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80;
    if (text[i] == ' ' && wide_before && (wide_after || ends_with_wide_punctuation(out))) continue;
    out += text[i];
  }
  return out;
}

bool YamlFile::check_map(const YAML::Node& node, std::string_view what,
                         std::initializer_list<std::string_view> allowed,
                         std::initializer_list<std::string_view> required) const {
  if (!node.IsMap()) {
    error(node, std::string(what) + " should be a mapping of `key: value` lines");
    return false;
  }
  std::set<std::string> seen;
  for (const auto& entry : node) {
    std::string key = entry.first.Scalar();
    if (!seen.insert(key).second) {
      error(entry.first, "duplicate key '" + key + "' in " + std::string(what));
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string message = "unknown key '" + key + "' in " + std::string(what);
    std::string hint = closest_name(key, allowed);
    if (!hint.empty()) {
      message += "; did you mean '" + hint + "'?";
    } else {
      message += " (allowed: ";
      bool first = true;
      for (std::string_view a : allowed) {
        message += (first ? "" : ", ") + std::string(a);
        first = false;
      }
      message += ")";
    }
    error(entry.first, message);
  }
  for (std::string_view key : required) {
    if (!seen.count(std::string(key))) {
      error(node, std::string(what) + " needs '" + std::string(key) + "'");
    }
  }
  return true;
}

std::optional<std::string> YamlFile::text(const YAML::Node& node, std::string_view what) const {
  if (!node.IsScalar()) {
    error(node, std::string(what) + " should be a single value" +
                    (node.IsNull() ? ", but it is empty" : ", not a list or mapping"));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<Date> YamlFile::date(const YAML::Node& node, std::string_view what) const {
  auto value = text(node, what);
  if (!value) return std::nullopt;
  auto parsed = Date::parse(*value);
  if (!parsed)
    error(node, std::string(what) + ": '" + *value + "' is not a valid date (YYYY-MM-DD)");
  return parsed;
}

std::optional<bool> YamlFile::boolean(const YAML::Node& node, std::string_view what) const {
  auto value = text(node, what);
  if (!value) return std::nullopt;
  if (*value == "true") return true;
  if (*value == "false") return false;
  error(node, std::string(what) + " should be true or false, not '" + *value + "'");
  return std::nullopt;
}

std::optional<std::vector<std::string>> YamlFile::text_list(const YAML::Node& node,
                                                            std::string_view what) const {
  if (node.IsScalar()) return std::vector<std::string>{node.Scalar()};
  if (!node.IsSequence()) {
    error(node, std::string(what) + " should be a value or a list of values");
    return std::nullopt;
  }
  std::vector<std::string> values;
  for (const auto& item : node) {
    auto value = text(item, what);
    if (!value) return std::nullopt;
    values.push_back(*value);
  }
  return values;
}

namespace {

// How many bytes of a quoted scalar's source spell its first `content_bytes` bytes of content:
// in "..." an escape such as \" is two bytes for one; in '...' a doubled '' is two for one.
std::size_t source_bytes(std::string_view source, char quote, std::size_t content_bytes) {
  std::size_t s = 0;
  for (std::size_t c = 0; c < content_bytes && s < source.size(); ++c) {
    if (quote == '"' && source[s] == '\\' && s + 1 < source.size()) {
      char kind = source[s + 1];
      s += kind == 'x' ? 4 : kind == 'u' ? 6 : kind == 'U' ? 10 : 2;
    } else if (quote == '\'' && source[s] == '\'' && s + 1 < source.size() &&
               source[s + 1] == '\'') {
      s += 2;
    } else {
      s += 1;
    }
  }
  return s;
}

}  // namespace

SourcePos scalar_content_pos(const YAML::Node& node, const SourceFile& file) {
  return offset_pos(node, file, 0);
}

SourcePos offset_pos(const YAML::Node& node, const SourceFile& file, int offset) {
  YAML::Mark mark = node.Mark();
  int line = mark.line + 1;
  std::string_view source = file.line(line);
  auto start =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(mark.column, 0)), source.size());
  char quote = start < source.size() && (source[start] == '"' || source[start] == '\'')
                   ? source[start]
                   : '\0';
  if (quote != '\0') ++start;
  std::string_view content = node.Scalar();
  std::string_view prefix =
      content.substr(0, std::min(content.size(), static_cast<std::size_t>(std::max(offset, 0))));
  bool block = start < source.size() && (source[start] == '|' || source[start] == '>');
  std::size_t last_newline = prefix.rfind('\n');
  if (last_newline == std::string_view::npos && !block) {
    // On the scalar's first line: count from where its content starts, stepping over escapes.
    std::size_t at = start + source_bytes(source.substr(start), quote, prefix.size());
    return SourcePos{&file, line, code_points(source.substr(0, std::min(at, source.size()))) + 1};
  }
  // A later line of a block scalar: find the line that holds the text at the offset.
  std::size_t line_start = last_newline == std::string_view::npos ? 0 : last_newline + 1;
  std::string_view tail = content.substr(line_start);
  std::string_view fragment = tail.substr(0, tail.find('\n'));
  std::string_view before = prefix.substr(line_start);
  for (int l = line + 1; !fragment.empty() && l <= std::min(file.line_count(), line + 1000); ++l) {
    std::size_t at = file.line(l).find(fragment);
    if (at != std::string_view::npos) {
      return SourcePos{&file, l, code_points(file.line(l).substr(0, at)) + code_points(before) + 1};
    }
  }
  return SourcePos{&file, line, code_points(source.substr(0, start)) + 1};
}

}  // namespace tiaoli::detail
