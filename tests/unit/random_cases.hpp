// Random Huzhou cases for tests that compare two ways of deciding (the fast path, generated
// code) with the interpreter: each leans on the edges where rules engines break.
#pragma once

#include <cstdio>
#include <random>
#include <string>

namespace tiaoli::test {

// 18 on 1 March 2026 (born 29 February 2008), barred by two unqualified years in a row: a case
// whose decision spends steps on every rule, for sweeps of the step budget.
inline constexpr const char* kBarredOn1March =
    R"({"as_of": "2026-03-01", "candidate": {"birth_date": "2008-02-29", "education": "高中",
        "political_quality": true, "law_abiding": true, "good_conduct": true,
        "familiar_with_locality": true, "communication_ability": true, "health_fit": true,
        "annual_grades": [{"year": 2024, "grade": "不合格"}, {"year": 2025, "grade": "不合格"}]}})";

// Candidates around the 18th and 61st birthdays (29 February among them), with every condition
// failing now and then, grade records in any order, and now and then a fact missing.
inline std::string random_candidate(std::mt19937& rng) {
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  static const char* kEducation[] = {"小学", "初中", "高中", "中专", "大专", "本科", "硕士"};
  static const char* kGrade[] = {"不合格", "合格", "优秀"};
  static const char* kAsOf[] = {"2026-02-28", "2026-03-01", "2028-02-28", "2028-02-29",
                                "2028-03-01", "2026-12-31", "2027-01-01"};
  std::string as_of = kAsOf[pick(7)];
  int as_of_year = std::stoi(as_of.substr(0, 4));
  int age = pick(2) == 0 ? 17 + pick(3) : 59 + pick(4);
  int month = pick(4) == 0 ? 2 : 1 + pick(12);
  int day = month == 2 ? 27 + pick(3) : 1 + pick(28);
  if (month == 2 && day == 29 && (as_of_year - age) % 4 != 0) day = 28;
  char birth[48];
  std::snprintf(birth, sizeof birth, "%04d-%02d-%02d", as_of_year - age, month, day);
  auto flag = [&] { return pick(8) == 0 ? "false" : "true"; };
  std::string json = std::string("{\"as_of\": \"") + as_of + "\", \"candidate\": {";
  if (pick(50) != 0) json += std::string("\"birth_date\": \"") + birth + "\", ";
  json += std::string("\"education\": \"") + kEducation[pick(7)] + "\"";
  for (const char* field : {"political_quality", "law_abiding", "good_conduct",
                            "familiar_with_locality", "communication_ability", "health_fit"}) {
    json += std::string(", \"") + field + "\": " + flag();
  }
  if (pick(3) != 0) {
    json += ", \"annual_grades\": [";
    int records = pick(5);
    for (int i = 0; i < records; ++i) {
      json += std::string(i > 0 ? ", " : "") + "{\"year\": " + std::to_string(2020 + pick(5)) +
              ", \"grade\": \"" + kGrade[pick(3)] + "\"}";
    }
    json += "]";
  }
  return json + "}}";
}

// Workers whose grade records straddle the evaluation year (as_of on 31 December or 1 January),
// with conflicting grades for one year, two unqualified years in a row, or none at all.
inline std::string random_worker(std::mt19937& rng) {
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  static const char* kGrade[] = {"不合格", "合格", "优秀"};
  static const char* kAsOf[] = {"2025-12-30", "2025-12-31", "2026-01-01", "2026-06-30"};
  std::string json = std::string("{\"as_of\": \"") + kAsOf[pick(4)] +
                     "\", \"worker\": {\"birth_date\": \"1985-07-01\", "
                     "\"contract_start\": \"2025-03-01\"";
  if (pick(6) != 0) {
    json += ", \"annual_grades\": [";
    for (int i = 0, n = pick(5); i < n; ++i) {
      json += std::string(i > 0 ? ", " : "") + "{\"year\": " + std::to_string(2022 + pick(5)) +
              ", \"grade\": \"" + kGrade[pick(3)] + "\"}";
    }
    json += "]";
  }
  return json + "}}";
}

}  // namespace tiaoli::test
