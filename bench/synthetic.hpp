// Synthetic rule sets of any size, written into a folder at benchmark start.
//
// Two shapes for a rule count N:
//   wide-N : one `all` decision `synth.wide` with N requirements (decision cost grows with N);
//   many-N : N/10 `first` decisions of 10 rules each, `synth.d0` … (one decision's cost should
//            not depend on how many others the rule set holds).
// The expressions cycle through the language's kinds: comparisons, logic, arithmetic, enum
// ranks, if/then/else, dates and date functions, parameters, quantifiers and aggregates over a
// list. Every rule cites a provision and has zh/en messages with placeholders.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace tiaoli::bench {

inline std::string synthetic_expression(int i) {
  std::string k = std::to_string(i);
  switch (i % 10) {
    case 0:
      return "applicant.score >= " + std::to_string(i % 50);
    case 1:
      return "applicant.flag or applicant.level > " + std::to_string(i % 7);
    case 2:
      return "completed_years(applicant.born, as_of, params.convention) <= " +
             std::to_string(60 + i % 10);
    case 3:
      return "applicant.tier >= \"" +
             std::string(i % 3 == 0   ? "铜"
                         : i % 3 == 1 ? "银"
                                      : "金") +
             "\"";
    case 4:
      return "count(x in applicant.items where x.year >= " + std::to_string(2020 + i % 6) +
             ") <= " + std::to_string(3 + i % 5);
    case 5:
      return "sum(x in applicant.items: x.amount) < " + std::to_string(1000 + i);
    case 6:
      return "applicant.score + applicant.level * 2 != " + k;
    case 7:
      return "if applicant.flag then applicant.score > " + std::to_string(i % 40) +
             " else applicant.level < 5";
    case 8:
      return "applicant.score >= params.p" + std::to_string(i % 10);
    default:
      return "days_between(applicant.born, as_of) > " + k;
  }
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline void write_synthetic_common(const std::filesystem::path& dir, const std::string& name) {
  write_file(dir / "ruleset.yaml",
             "ruleset:\n  name: " + name +
                 "\n  title: 合成规则集\n  version: 1.0.0\n  regulation: regulation.yaml\n");
  std::string reg =
      "title: 合成条例\nchapters:\n  - id: \"1\"\n    label: \"一、总则\"\n    title: 总则\n    "
      "sections:\n";
  for (int s = 1; s <= 10; ++s) {
    reg += "      - id: \"1." + std::to_string(s) + "\"\n        label: \"(" + std::to_string(s) +
           ")\"\n        title: 第" + std::to_string(s) + "节\n        items:\n";
    for (int i = 1; i <= 10; ++i) {
      reg += "          - id: \"1." + std::to_string(s) + "." + std::to_string(i) +
             "\"\n            text: \"第" + std::to_string(s) + "节第" + std::to_string(i) +
             "项：申请人应当符合规定的条件。\"\n";
    }
  }
  write_file(dir / "regulation.yaml", reg);
  write_file(dir / "schema.yaml",
             "schema:\n"
             "  enums:\n"
             "    tier: {ordered: true, values: [铜, 银, 金]}\n"
             "    convention: {values: [birthday, day_after_birthday]}\n"
             "  records:\n"
             "    item:\n      year: int\n      amount: decimal\n"
             "    applicant:\n      score: int\n      level: int\n      flag: bool\n      born: "
             "date\n      tier: tier\n"
             "      items: {type: \"list<item>\", optional: true}\n"
             "  facts:\n    applicant: applicant\n");
  std::string params =
      "parameters:\n  convention:\n    type: convention\n    value: birthday\n    interpretation: "
      "合成规则集采用生日当天满周岁。\n";
  for (int p = 0; p < 10; ++p) {
    params += "  p" + std::to_string(p) + ":\n    type: int\n    value: " + std::to_string(5 * p) +
              "\n    cite: \"1.1." + std::to_string(p + 1) + "\"\n";
  }
  write_file(dir / "parameters.yaml", params);
}

inline std::string synthetic_cite(int i) {
  return "1." + std::to_string(1 + (i / 10) % 10) + "." + std::to_string(1 + i % 10);
}

// One `all` decision with `rules` requirements; decisions files hold 500 rules each.
inline void write_synthetic_wide(const std::filesystem::path& dir, int rules) {
  write_synthetic_common(dir, "synthetic-wide-" + std::to_string(rules));
  std::string text =
      "decisions:\n  - id: synth.wide\n    title: {zh: 合成, en: Synthetic}\n    hit: all\n    "
      "output: {pass: ok, failures: failed}\n"
      "    rules:\n";
  for (int i = 0; i < rules; ++i) {
    text += "      - id: r" + std::to_string(i) + "\n        cite: \"" + synthetic_cite(i) +
            "\"\n        code: R" + std::to_string(i) + "\n        require: '" +
            synthetic_expression(i) + "'\n        because:\n          zh: '第" + std::to_string(i) +
            "项条件：分数{applicant.score}，等级{applicant.level}'\n          en: 'Condition " +
            std::to_string(i) + ": score {applicant.score}, level {applicant.level}'\n";
  }
  write_file(dir / "decisions" / "wide.yaml", text);
}

// rules/10 `first` decisions of 10 rules; the last rule of each is the default.
inline void write_synthetic_many(const std::filesystem::path& dir, int rules) {
  write_synthetic_common(dir, "synthetic-many-" + std::to_string(rules));
  int decisions = rules / 10;
  for (int file = 0; file * 100 < decisions; ++file) {
    std::string text = "decisions:\n";
    for (int d = file * 100; d < decisions && d < (file + 1) * 100; ++d) {
      text += "  - id: synth.d" + std::to_string(d) + "\n    title: {zh: 合成" + std::to_string(d) +
              ", en: Synthetic " + std::to_string(d) +
              "}\n    hit: first\n    output:\n      code: string\n    rules:\n";
      for (int r = 0; r < 10; ++r) {
        int i = d * 10 + r;
        text +=
            "      - id: r" + std::to_string(r) + "\n        cite: \"" + synthetic_cite(i) + "\"\n";
        // The conditions are negated so that most cases fall through to later rules.
        if (r < 9) text += "        when: 'not (" + synthetic_expression(i) + ")'\n";
        text += "        then: {code: '\"R" + std::to_string(r) +
                "\"'}\n        because:\n          zh: '规则" + std::to_string(r) +
                "：分数{applicant.score}'\n          en: 'Rule " + std::to_string(r) +
                ": score {applicant.score}'\n";
      }
    }
    write_file(dir / "decisions" / ("d" + std::to_string(file) + ".yaml"), text);
  }
}

inline std::string synthetic_facts() {
  return R"({"as_of":"2026-03-01","applicant":{"score":42,"level":3,"flag":true,"born":"1990-02-28","tier":"银",)"
         R"("items":[{"year":2021,"amount":120.5},{"year":2023,"amount":80},{"year":2024,"amount":99.25},)"
         R"({"year":2025,"amount":10},{"year":2026,"amount":300}]}})";
}

}  // namespace tiaoli::bench
