// Diagnostics and the one Result<T> type of the public API.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tiaoli {

enum class Severity { kError, kWarning };

// A problem found in a rule file or a facts document. Lines and columns are 1-based; 0 means
// unknown (e.g. a problem with the folder itself).
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
  std::string source_line;  // the offending line, for the caret display; may be empty
};

// "file:line:col: error: message", then the source line and a caret under the column.
std::string format_diagnostic(const Diagnostic& diagnostic);
std::string format_diagnostics(const std::vector<Diagnostic>& diagnostics);

// Why an operation failed: a one-line message, and for rule-set loading every problem found.
// `field` names the facts field at fault (e.g. "candidate.birth_date") when there is one.
struct Error {
  std::string message;
  std::string field;
  std::vector<Diagnostic> diagnostics;
};

// Either a value or an Error. Never throws on access misuse checks in release builds: check ok().
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Success, or an Error: what an operation that produces nothing else returns.
class Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace tiaoli
