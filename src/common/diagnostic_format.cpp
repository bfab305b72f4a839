#include "common/source.hpp"
#include "tiaoli/result.hpp"

namespace tiaoli {

// East Asian wide characters take two terminal columns; the caret must line up under them.
static int display_width(std::string_view text) {
  int width = 0;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      width += 1;
      i += 1;
    } else {
      std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      width += len >= 3 ? 2 : 1;
      i += len;
    }
  }
  return width;
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string text = d.file.empty() ? "" : d.file + ":";
  if (d.line > 0) text += std::to_string(d.line) + ":" + std::to_string(d.column) + ":";
  if (!text.empty()) text += " ";
  text += d.severity == Severity::kError ? "error: " : "warning: ";
  text += d.message;
  text += '\n';
  if (!d.source_line.empty()) {
    text += "  " + d.source_line + "\n";
    std::size_t prefix = detail::byte_offset_of_column(d.source_line, d.column);
    std::string pad;
    for (char c : d.source_line.substr(0, prefix)) {
      if (c == '\t') pad += '\t';
    }
    int width = display_width(std::string_view(d.source_line).substr(0, prefix));
    text += "  " + pad + std::string(static_cast<std::size_t>(width) - pad.size(), ' ') + "^\n";
  }
  return text;
}

std::string format_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) text += format_diagnostic(d);
  return text;
}

}  // namespace tiaoli
