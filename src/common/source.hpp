// Source files of a rule set and positions inside them, for diagnostics.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tiaoli/result.hpp"

namespace tiaoli::detail {

// A file's text with an index of its lines. Columns count Unicode code points, 1-based.
class SourceFile {
 public:
  SourceFile(std::string display_path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  int line_count() const { return static_cast<int>(line_starts_.size()); }
  std::string_view line(int line) const;  // 1-based, without the newline

 private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

// A position in a rule-set file: line and column 1-based.
struct SourcePos {
  const SourceFile* file = nullptr;
  int line = 0;
  int column = 0;
};

// Collects the problems found while loading.
class DiagnosticSink {
 public:
  void error(const SourcePos& pos, std::string message);
  void warning(const SourcePos& pos, std::string message);
  void error_in(const std::string& file, std::string message);  // no position (e.g. missing file)
  void report(Diagnostic diagnostic);

  bool has_errors() const { return error_count_ > 0; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

 private:
  void add(Severity severity, const SourcePos& pos, std::string message);
  std::vector<Diagnostic> diagnostics_;
  int error_count_ = 0;
};

// Byte offset of the `column`-th code point (1-based) in `line`.
std::size_t byte_offset_of_column(std::string_view line, int column);
// Number of code points in `text`.
int code_points(std::string_view text);

}  // namespace tiaoli::detail
