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

// Spaces (and the line's own tabs) that put a caret under the character after `prefix`.
static std::string caret_padding(std::string_view prefix) {
  std::string pad;
  for (std::size_t i = 0; i < prefix.size();) {
    auto c = static_cast<unsigned char>(prefix[i]);
    std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    pad.append(
        c == '\t'
            ? "\t"
            : std::string(static_cast<std::size_t>(display_width(prefix.substr(i, len))), ' '));
    i += len;
  }
  return pad;
}

// A very long line (a minified file, say) is shown as the stretch around the column.
static std::pair<std::string, int> visible_part(std::string_view line, int column) {
  constexpr int kWindow = 100;
  if (detail::code_points(line) <= 2 * kWindow) return {std::string(line), column};
  int from = std::max(1, column - kWindow / 2);
  std::size_t start = detail::byte_offset_of_column(line, from);
  std::size_t end = detail::byte_offset_of_column(line, from + kWindow);
  std::string lead = from > 1 ? "..." : "";
  std::string tail = end < line.size() ? "..." : "";
  return {lead + std::string(line.substr(start, end - start)) + tail,
          column - from + 1 + static_cast<int>(lead.size())};
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string text = d.file.empty() ? "" : d.file + ":";
  if (d.line > 0) text += std::to_string(d.line) + ":" + std::to_string(d.column) + ":";
  if (!text.empty()) text += " ";
  text += d.severity == Severity::kError ? "error: " : "warning: ";
  text += d.message;
  text += '\n';
  if (!d.source_line.empty()) {
    auto [shown, column] = visible_part(d.source_line, d.column);
    text += "  " + shown + "\n";
    text += "  " +
            caret_padding(
                std::string_view(shown).substr(0, detail::byte_offset_of_column(shown, column))) +
            "^\n";
  }
  return text;
}

std::string format_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) text += format_diagnostic(d);
  return text;
}

}  // namespace tiaoli
