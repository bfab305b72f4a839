// Shared helpers for the unit tests: a small rule-set folder written into a temporary
// directory, and a harness that evaluates one expression through the public API.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "tiaoli/tiaoli.hpp"

namespace tiaoli::test {

inline ::testing::AssertionResult Contains(std::string_view haystack, std::string_view needle) {
  if (haystack.find(needle) != std::string_view::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "'" << haystack << "' does not contain '" << needle << "'";
}

// A YAML single-quoted scalar holding `text` verbatim (expressions often contain double quotes).
inline std::string yq(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

// The regulation every test rule set cites: three items of one section.
inline constexpr const char* kRegulation = R"(title: 测试办法
chapters:
  - id: "1"
    label: "一、条件"
    sections:
      - id: "1.1"
        label: "(一)选拔条件"
        items:
          - {id: "1.1.1", text: "年满十八周岁。"}
          - {id: "1.1.2", text: "具有高中以上文化程度。"}
          - {id: "1.1.3", text: "每年参加培训不少于四十学时。"}
)";

inline constexpr const char* kSchema = R"(schema:
  enums:
    education:
      ordered: true
      values: [小学, 初中, [高中, 中专], 大专, 本科]
    color:
      values: [红, 绿, 蓝]
  records:
    training:
      date: date
      hours: decimal
      method: string?
    candidate:
      birth_date: date
      education: education
      score: int
      ratio: decimal?
      nickname: string?
      favourite: color?
      tags: list<string>?
      training: list<training>?
    worker:
      training: list<training>
      term: duration?
  facts:
    candidate: candidate
    worker: worker
)";

inline constexpr const char* kParameters = R"(parameters:
  min_age:
    type: int
    value: 18
    cite: "1.1.1"
    note: 含18周岁
  min_education:
    type: education
    value: 高中
    cite: "1.1.2"
  hours_required:
    type: decimal
    interpretation: 办法未规定小数学时；按40学时计。
    versions:
      - {effective_from: 2024-01-01, effective_to: 2025-12-31, value: 32}
      - {effective_from: 2026-01-01, value: 40}
)";

// The tiny working-day calendar: 2026 only, 国庆 10-01..10-07, 调休 09-20 (Sun) and 10-10 (Sat).
inline constexpr const char* kCalendar = R"(calendar:
  id: tiny
  years: [2026]
  weekend: [6, 7]
  holidays:
    - {date: 2026-10-01, name: 国庆节}
    - {date: 2026-10-02, name: 国庆节}
    - {date: 2026-10-03, name: 国庆节}
    - {date: 2026-10-04, name: 国庆节}
    - {date: 2026-10-05, name: 国庆节}
    - {date: 2026-10-06, name: 国庆节}
    - {date: 2026-10-07, name: 国庆节}
  makeup_workdays:
    - {date: 2026-09-20, name: 国庆节}
    - {date: 2026-10-10, name: 国庆节}
)";

// A decision of hit policy `all` over the schema above, using every parameter.
inline constexpr const char* kEligibility = R"(decisions:
  - id: eligibility
    title: {zh: 资格, en: Eligibility}
    hit: all
    output: {pass: eligible, failures: failed}
    rules:
      - id: min_age
        cite: "1.1.1"
        code: AGE
        let:
          age: completed_years(candidate.birth_date, as_of, "birthday")
        require: age >= params.min_age
        because:
          zh: "年龄{age}周岁，须{params.min_age}周岁以上"
          en: "Age {age}; must be at least {params.min_age}"
      - id: education
        cite: ["1.1.2"]
        code: EDUCATION
        require: candidate.education >= params.min_education
        because:
          zh: "文化程度为{candidate.education}"
          en: "Education is {candidate.education}"
      - id: training
        cite: "1.1.3"
        code: TRAINING
        require: 'sum(t in candidate.training: t.hours) >= params.hours_required'
        because:
          zh: "培训{sum(t in candidate.training: t.hours)}学时"
          en: "{sum(t in candidate.training: t.hours)} hours of training"
)";

inline std::string ruleset_yaml(bool with_calendar) {
  return std::string(
             "ruleset:\n  name: unit-rules\n  title: 单元测试规则\n  version: 1.2.3\n"
             "  regulation: regulation.yaml\n") +
         (with_calendar ? "  calendar: tiny\n" : "");
}

// A rule-set folder in a fresh temporary directory, removed when the object goes away.
// Starts with ruleset.yaml, regulation.yaml, schema.yaml, parameters.yaml and
// decisions/eligibility.yaml; tests replace or remove files as they need.
class RuleFolder {
 public:
  RuleFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tiaoli-unit-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    root_ = pattern;
    write("ruleset.yaml", ruleset_yaml(false));
    write("regulation.yaml", kRegulation);
    write("schema.yaml", kSchema);
    write("parameters.yaml", kParameters);
    write("decisions/eligibility.yaml", kEligibility);
  }
  ~RuleFolder() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  RuleFolder(const RuleFolder&) = delete;
  RuleFolder& operator=(const RuleFolder&) = delete;

  void write(const std::string& relative, std::string_view content) const {
    std::filesystem::path path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
  }
  void remove(const std::string& relative) const { std::filesystem::remove(root_ / relative); }
  void with_calendar() const {
    write("ruleset.yaml", ruleset_yaml(true));
    write("calendars/tiny.yaml", kCalendar);
  }
  std::string path() const { return root_.string(); }
  std::string file(const std::string& relative) const {
    return (root_ / relative).lexically_normal().string();
  }

  Result<std::shared_ptr<const RuleSet>> load() const { return RuleSet::load(path()); }

  // Loads and fails the test (returning null) when the rule set does not load.
  std::shared_ptr<const RuleSet> load_ok() const {
    auto loaded = load();
    if (!loaded.ok()) {
      ADD_FAILURE() << "the rule set did not load:\n"
                    << format_diagnostics(loaded.error().diagnostics);
      return nullptr;
    }
    return loaded.value();
  }

 private:
  std::filesystem::path root_;
};

// The first diagnostic whose message contains `needle`, or null.
inline const Diagnostic* find_diagnostic(const std::vector<Diagnostic>& diagnostics,
                                         std::string_view needle) {
  for (const Diagnostic& d : diagnostics) {
    if (d.message.find(needle) != std::string::npos) return &d;
  }
  return nullptr;
}

// Loads `folder`, expecting failure, and returns the diagnostic mentioning `needle`
// (reporting every diagnostic when none does).
inline std::optional<Diagnostic> load_error(const RuleFolder& folder, std::string_view needle) {
  auto loaded = folder.load();
  if (loaded.ok()) {
    ADD_FAILURE() << "expected the rule set to fail to load (looking for '" << needle << "')";
    return std::nullopt;
  }
  const Diagnostic* d = find_diagnostic(loaded.error().diagnostics, needle);
  if (d == nullptr) {
    ADD_FAILURE() << "no diagnostic mentions '" << needle << "'; got:\n"
                  << format_diagnostics(loaded.error().diagnostics);
    return std::nullopt;
  }
  return *d;
}

// One `first` decision `calc` whose single rule gives output field `value` (of `type`) as `expr`.
inline std::string calc_decision(std::string_view expr, std::string_view type) {
  return std::string("decisions:\n  - id: calc\n    hit: first\n    output: {value: ") +
         std::string(type) + "}\n    rules:\n      - id: r\n        cite: \"1.1.1\"\n" +
         "        then: {value: " + yq(expr) + "}\n        because: {zh: z, en: e}\n";
}

// Evaluates `expr` (of result type `type`) against `facts_yaml` through RuleSet::load and
// decide. A load failure is a test failure; an evaluation error is returned.
class Calc {
 public:
  explicit Calc(std::string_view expr, std::string_view type = "int", bool calendar = false) {
    if (calendar) folder_.with_calendar();
    folder_.write("decisions/calc.yaml", calc_decision(expr, type));
    ruleset_ = folder_.load_ok();
  }
  bool loaded() const { return ruleset_ != nullptr; }
  const RuleSet& ruleset() const { return *ruleset_; }

  Result<Value> run(std::string_view facts_yaml = "{}",
                    std::string_view as_of = "2026-03-15") const {
    if (!ruleset_) return Error{"the rule set did not load", "", {}};
    auto facts = ruleset_->parse_facts(facts_yaml, FactsFormat::kYaml);
    if (!facts.ok()) return facts.error();
    EvalOptions options;
    options.as_of = Date::parse(as_of);
    auto decision = ruleset_->decide("calc", facts.value(), options);
    if (!decision.ok()) return decision.error();
    return decision.value().field("value");
  }

 private:
  RuleFolder folder_;
  std::shared_ptr<const RuleSet> ruleset_;
};

inline Date date(std::string_view iso) {
  auto parsed = Date::parse(iso);
  EXPECT_TRUE(parsed.has_value()) << iso;
  return parsed.value_or(Date{});
}

inline EvalOptions options(std::string_view as_of, bool justify = true) {
  EvalOptions o;
  o.as_of = date(as_of);
  o.justify = justify;
  return o;
}

inline Decimal dec(std::string_view text) {
  auto parsed = Decimal::parse(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(Decimal{});
}

// A candidate that meets every eligibility requirement on 2026-03-15.
inline constexpr const char* kGoodCandidate =
    "candidate: {birth_date: 1990-05-01, education: 高中, score: 80,"
    " training: [{date: 2026-01-10, hours: 39.5}, {date: 2026-02-10, hours: 0.5}]}\n";

}  // namespace tiaoli::test
