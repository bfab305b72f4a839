#include "explain/json_writer.hpp"

#include <charconv>

#include "common/text_checks.hpp"

namespace tiaoli::detail {

namespace {

constexpr bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

}  // namespace

void JsonWriter::separate() {
  if (need_comma_) out_.push_back(',');
  need_comma_ = true;
}

void JsonWriter::open(char c) {
  separate();
  out_.push_back(c);
  need_comma_ = false;
}

void JsonWriter::close(char c) {
  out_.push_back(c);
  need_comma_ = true;
}

void JsonWriter::key(std::string_view name) {
  string(name);
  out_.push_back(':');
  need_comma_ = false;
}

void JsonWriter::string(std::string_view text) {
  separate();
  out_.push_back('"');
  std::size_t plain = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >=
        0x80) {  // keep valid UTF-8; anything else (e.g. a decoded lone surrogate) becomes U+FFFD
      std::size_t length = valid_utf8_length(text, i);
      if (length != 0) {
        i += length - 1;
        continue;
      }
      out_.append(text.substr(plain, i - plain));
      out_.append("\ufffd");
      plain = i + 1;
      continue;
    }
    if (!needs_escape(c)) continue;
    out_.append(text.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
      case '"':
        out_.append("\\\"");
        break;
      case '\\':
        out_.append("\\\\");
        break;
      case '\n':
        out_.append("\\n");
        break;
      case '\r':
        out_.append("\\r");
        break;
      case '\t':
        out_.append("\\t");
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out_.append("\\u00");
        out_.push_back(kHex[c >> 4]);
        out_.push_back(kHex[c & 0xF]);
      }
    }
  }
  out_.append(text.substr(plain));
  out_.push_back('"');
}

void JsonWriter::number(std::int64_t n) {
  separate();
  char buffer[24];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, n);
  out_.append(buffer, static_cast<std::size_t>(end - buffer));
}

void JsonWriter::boolean(bool b) {
  separate();
  out_.append(b ? "true" : "false");
}

void JsonWriter::null() {
  separate();
  out_.append("null");
}

void JsonWriter::raw(std::string_view json) {
  separate();
  out_.append(json);
}

void JsonWriter::record(const Record& r) {
  begin_object();
  for (std::size_t i = 0; i < r.fields.size(); ++i) {
    key(r.field_name(i));
    value(r.fields[i]);
  }
  end_object();
}

void JsonWriter::value(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull:
      null();
      break;
    case Value::Kind::kBool:
      boolean(v.as_bool());
      break;
    case Value::Kind::kInt:
      number(v.as_int());
      break;
    case Value::Kind::kDecimal:
      raw(v.as_decimal().to_string());
      break;
    case Value::Kind::kString:
      string(v.as_string());
      break;
    case Value::Kind::kEnum:
      string(v.as_enum().name());
      break;
    case Value::Kind::kList:
      begin_array();
      for (const Value& element : v.as_list()) value(element);
      end_array();
      break;
    case Value::Kind::kRecord:
      record(v.as_record());
      break;
    default:
      string(v.to_string());
      break;  // dates, durations
  }
}

}  // namespace tiaoli::detail
