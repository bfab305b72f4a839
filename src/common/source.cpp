#include "common/source.hpp"

namespace tiaoli::detail {

SourceFile::SourceFile(std::string display_path, std::string text)
    : path_(std::move(display_path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

std::string_view SourceFile::line(int line) const {
  if (line < 1 || line > line_count()) return {};
  std::size_t start = line_starts_[static_cast<std::size_t>(line - 1)];
  std::size_t end = text_.find('\n', start);
  if (end == std::string::npos) end = text_.size();
  if (end > start && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(start, end - start);
}

void DiagnosticSink::add(Severity severity, const SourcePos& pos, std::string message) {
  Diagnostic d;
  d.severity = severity;
  if (pos.file != nullptr) {
    d.file = pos.file->path();
    d.line = pos.line;
    d.column = pos.column;
    d.source_line = std::string(pos.file->line(pos.line));
  }
  d.message = std::move(message);
  report(std::move(d));
}

void DiagnosticSink::error(const SourcePos& pos, std::string message) {
  add(Severity::kError, pos, std::move(message));
}

void DiagnosticSink::warning(const SourcePos& pos, std::string message) {
  add(Severity::kWarning, pos, std::move(message));
}

void DiagnosticSink::error_in(const std::string& file, std::string message) {
  Diagnostic d;
  d.file = file;
  d.message = std::move(message);
  report(std::move(d));
}

void DiagnosticSink::report(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::kError) ++error_count_;
  diagnostics_.push_back(std::move(diagnostic));
}

static bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

std::size_t byte_offset_of_column(std::string_view line, int column) {
  std::size_t i = 0;
  for (int c = 1; c < column && i < line.size(); ++c) {
    ++i;
    while (i < line.size() && is_continuation(static_cast<unsigned char>(line[i]))) ++i;
  }
  return i;
}

int code_points(std::string_view text) {
  int n = 0;
  for (char c : text) n += is_continuation(static_cast<unsigned char>(c)) ? 0 : 1;
  return n;
}

}  // namespace tiaoli::detail
