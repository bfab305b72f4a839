#include "common/text_checks.hpp"

#include <cstdio>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include "common/source.hpp"

namespace tiaoli::detail {
namespace {

std::size_t utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 0;
}

}  // namespace

std::size_t valid_utf8_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  unsigned char c = byte(0);
  std::size_t length = utf8_length(c);
  if (length == 0 || i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
  }
  // Overlong forms, UTF-16 surrogates (U+D800–U+DFFF) and code points above U+10FFFF.
  if (c == 0xC0 || c == 0xC1) return 0;
  if (c == 0xE0 && byte(1) < 0xA0) return 0;
  if (c == 0xED && byte(1) >= 0xA0) return 0;
  if (c == 0xF0 && byte(1) < 0x90) return 0;
  if (c > 0xF4 || (c == 0xF4 && byte(1) >= 0x90)) return 0;
  return length;
}

namespace {

TextProblem problem_at(std::string_view text, std::size_t offset, std::string message) {
  TextProblem problem;
  problem.line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++problem.line;
      line_start = i + 1;
    }
  }
  problem.column = code_points(text.substr(line_start, offset - line_start)) + 1;
  problem.message = std::move(message);
  return problem;
}

struct AliasFound {
  YAML::Mark mark;
};

// Stops the parse at the first alias.
class AliasDetector : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { throw AliasFound{mark}; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

}  // namespace

std::optional<TextProblem> check_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = valid_utf8_length(text, i);
    bool valid = length != 0;
    if (!valid) {
      return problem_at(text, i,
                        "the text is not valid UTF-8 (was it saved as GBK?); save it as UTF-8");
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      char code[8];
      std::snprintf(code, sizeof code, "U+%04X", c);
      return problem_at(text, i,
                        std::string("the text contains a control character (") + code +
                            "), so it is not plain text (is it a binary or damaged file?)");
    }
    i += length;
  }
  return std::nullopt;
}

std::optional<TextProblem> find_yaml_alias(const std::string& text) {
  // An alias needs an anchor (&name) to refer to; text without '&' has none (and an alias to an
  // unknown anchor is a syntax error the real parse reports). Saves a second parse of most files.
  if (text.find('&') == std::string::npos) return std::nullopt;
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  AliasDetector detector;
  try {
    // One document, as YAML::Load reads: yaml-cpp 0.7 can report an endless stream of empty
    // documents for some broken input (e.g. "&a,"), so never loop over documents.
    parser.HandleNextDocument(detector);
  } catch (const AliasFound& found) {
    std::string_view view(text);
    std::size_t offset = 0;
    for (int line = 0; line < found.mark.line && offset < view.size(); ++offset) {
      if (view[offset] == '\n') ++line;
    }
    std::size_t alias_at =
        std::min(view.size(), offset + static_cast<std::size_t>(std::max(found.mark.column, 0)));
    std::size_t star = view.find('*', alias_at);
    std::size_t end = star == std::string_view::npos ? star : view.find_first_of(" ,]}\n\r", star);
    std::string name =
        star == std::string_view::npos ? "*" : std::string(view.substr(star, end - star));
    return problem_at(view, star == std::string_view::npos ? alias_at : star,
                      "YAML aliases (" + name + ") are not accepted; write the value out in full");
  } catch (const YAML::Exception&) {
    return std::nullopt;  // a syntax error: the real parse reports it with its position
  }
  return std::nullopt;
}

}  // namespace tiaoli::detail
