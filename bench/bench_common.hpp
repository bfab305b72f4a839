// Shared by the benchmarks: a deterministic facts generator for the Huzhou rule set and the
// hand-written C++ baseline of selection.eligibility (the yardstick of the engine's overhead).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tiaoli/tiaoli.hpp"

namespace tiaoli::bench {

// The rule-set folder: $TIAOLI_RULES, else the source tree's rules/huzhou.
inline std::string huzhou_rules() {
  if (const char* env = std::getenv("TIAOLI_RULES")) return env;
  return std::string(TIAOLI_SOURCE_DIR) + "/rules/huzhou";
}

// splitmix64: small, fast, the same sequence everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }

 private:
  std::uint64_t state_;
};

inline bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// `d` moved by `years`; 29 February becomes 28 February in a common year.
inline Date add_years(Date d, int years) {
  int y = d.year() + years;
  int m = d.month();
  int day = d.day();
  if (m == 2 && day == 29 && !is_leap(y)) day = 28;
  return Date::from_ymd(y, m, day);
}

inline const char* kEducation[] = {"小学", "初中", "高中", "中专", "大专", "本科", "硕士", "博士"};
inline const char* kGrade[] = {"不合格", "合格", "优秀"};

// Evaluation dates that exercise the boundaries: 28 Feb / 1 Mar of a common year (29 Feb
// birthdays), 29 Feb of a leap year, year ends (annual results), and ordinary days.
inline Date pick_as_of(Rng& rng) {
  static const Date kFixed[] = {Date::from_ymd(2026, 3, 1),   Date::from_ymd(2026, 2, 28),
                                Date::from_ymd(2028, 2, 29),  Date::from_ymd(2025, 12, 31),
                                Date::from_ymd(2025, 12, 30), Date::from_ymd(2026, 1, 1),
                                Date::from_ymd(2026, 5, 1)};
  if (rng.chance(50)) return kFixed[rng.below(7)];
  return Date{Date::from_ymd(2024, 1, 1).days + rng.below(4 * 365)};
}

// A birth date around the 18th and the 61st birthday (the age limits), on the evaluation day
// itself, on 29 February, or anywhere between 1950 and 2012.
inline Date pick_birth(Rng& rng, Date as_of) {
  int kind = rng.below(10);
  if (kind < 3) return Date{add_years(as_of, -18).days + rng.below(7) - 3};
  if (kind < 6) return Date{add_years(as_of, rng.chance(50) ? -60 : -61).days + rng.below(7) - 3};
  if (kind < 8) {
    static const int kLeap[] = {1964, 1968, 2004, 2008, 2012};
    Date feb29 = Date::from_ymd(kLeap[rng.below(5)], 2, 29);
    int shift = rng.below(10);  // mostly 29 February itself, sometimes the day before or after
    return Date{feb29.days + (shift == 0 ? -1 : shift == 1 ? 1 : 0)};
  }
  return Date{Date::from_ymd(1950, 1, 1).days + rng.below(62 * 365)};
}

inline nlohmann::json grades_json(Rng& rng, int count, int first_year, int last_year) {
  nlohmann::json grades = nlohmann::json::array();
  for (int i = 0; i < count; ++i) {
    int g = rng.below(10);
    grades.push_back({{"year", first_year + rng.below(last_year - first_year + 1)},
                      {"grade", kGrade[g < 3   ? 0
                                       : g < 8 ? 1
                                               : 2]}});
  }
  return grades;
}

// One selection.eligibility case as a JSON line.
inline std::string candidate_json(Rng& rng, int index, int grades_count = -1) {
  Date as_of = pick_as_of(rng);
  Date birth = pick_birth(rng, as_of);
  nlohmann::json c = {
      {"birth_date", birth.to_string()},
      {"education", kEducation[rng.chance(85) ? 2 + rng.below(6) : rng.below(2)]},
      {"political_quality", rng.chance(95)},
      {"law_abiding", rng.chance(95)},
      {"good_conduct", rng.chance(95)},
      {"familiar_with_locality", rng.chance(95)},
      {"communication_ability", rng.chance(95)},
      {"health_fit", rng.chance(95)},
  };
  if (grades_count >= 0) {
    c["annual_grades"] =
        grades_json(rng, grades_count, as_of.year() - grades_count - 1, as_of.year() - 1);
  } else if (rng.chance(40)) {
    c["annual_grades"] = grades_json(rng, 1 + rng.below(4), 2019, 2025);
  }
  nlohmann::json doc = {
      {"id", "c" + std::to_string(index)}, {"as_of", as_of.to_string()}, {"candidate", c}};
  return doc.dump();
}

// A worker record with every required field; `extra` adds list fields.
inline nlohmann::json worker_base(Date as_of) {
  return {{"birth_date", add_years(as_of, -40).to_string()},
          {"contract_start", "2025-03-01"},
          {"workplace_provided", true},
          {"pay", {{"base", 3000}, {"performance", 1200}, {"paid_on_time", true}}},
          {"social_insurance_paid", true}};
}

// ---------------------------------------------------------------------------------------------
// The baseline: selection.eligibility written by hand in plain C++, on a plain struct.

enum class Failure : std::uint8_t {
  kPolitical,
  kLaw,
  kConduct,
  kEducation,
  kAgeUnder18,
  kAgeOver60,
  kLocality,
  kCommunication,
  kHealth,
  kBarred
};
inline const char* failure_code(Failure f) {
  static const char* kCodes[] = {
      "POLITICAL",   "LAW",      "CONDUCT",       "EDUCATION", "AGE_UNDER_18",
      "AGE_OVER_60", "LOCALITY", "COMMUNICATION", "HEALTH",    "BARRED_TWO_UNQUALIFIED"};
  return kCodes[static_cast<int>(f)];
}

struct PlainGrade {
  int year;
  int grade;  // 0 不合格, 1 合格, 2 优秀
};

struct PlainCandidate {
  std::chrono::year_month_day as_of;
  std::chrono::year_month_day birth;
  int education_rank;  // 小学 0, 初中 1, 高中 = 中专 2, 大专 3, 本科 4, 硕士 5, 博士 6
  bool political_quality, law_abiding, good_conduct, familiar_with_locality, communication_ability,
      health_fit;
  std::vector<PlainGrade> annual_grades;
};

struct PlainOutcome {
  bool eligible = true;
  std::vector<Failure> failed;
};

inline std::chrono::year_month_day parse_ymd(const std::string& s) {
  return std::chrono::year_month_day{
      std::chrono::year{std::atoi(s.c_str())},
      std::chrono::month{static_cast<unsigned>(std::atoi(s.c_str() + 5))},
      std::chrono::day{static_cast<unsigned>(std::atoi(s.c_str() + 8))}};
}

inline int education_rank(std::string_view e) {
  if (e == "小学") return 0;
  if (e == "初中") return 1;
  if (e == "高中" || e == "中专") return 2;
  if (e == "大专") return 3;
  if (e == "本科") return 4;
  if (e == "硕士") return 5;
  return 6;
}

inline PlainCandidate plain_candidate(const nlohmann::json& doc) {
  const nlohmann::json& c = doc.at("candidate");
  PlainCandidate p{parse_ymd(doc.at("as_of").get<std::string>()),
                   parse_ymd(c.at("birth_date").get<std::string>()),
                   education_rank(c.at("education").get<std::string>()),
                   c.at("political_quality").get<bool>(),
                   c.at("law_abiding").get<bool>(),
                   c.at("good_conduct").get<bool>(),
                   c.at("familiar_with_locality").get<bool>(),
                   c.at("communication_ability").get<bool>(),
                   c.at("health_fit").get<bool>(),
                   {}};
  if (auto it = c.find("annual_grades"); it != c.end()) {
    for (const auto& g : *it) {
      std::string grade = g.at("grade").get<std::string>();
      p.annual_grades.push_back({g.at("year").get<int>(), grade == "不合格" ? 0
                                                          : grade == "合格" ? 1
                                                                            : 2});
    }
  }
  return p;
}

// 周岁, birthday convention: N from the Nth birthday on; a 29 February birthday is on 1 March in
// common years, which comparing (month, day) pairs gives for free.
inline int completed_years(std::chrono::year_month_day birth, std::chrono::year_month_day on) {
  int years = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  unsigned on_md = static_cast<unsigned>(on.month()) * 100 + static_cast<unsigned>(on.day());
  unsigned birth_md =
      static_cast<unsigned>(birth.month()) * 100 + static_cast<unsigned>(birth.day());
  return on_md < birth_md ? years - 1 : years;
}

inline PlainOutcome plain_eligibility(const PlainCandidate& c) {
  PlainOutcome out;
  auto fail = [&](Failure f) {
    out.eligible = false;
    out.failed.push_back(f);
  };
  if (!c.political_quality) fail(Failure::kPolitical);
  if (!c.law_abiding) fail(Failure::kLaw);
  if (!c.good_conduct) fail(Failure::kConduct);
  if (c.education_rank < 2) fail(Failure::kEducation);
  int age = completed_years(c.birth, c.as_of);
  if (age < 18) fail(Failure::kAgeUnder18);
  if (age > 60) fail(Failure::kAgeOver60);
  if (!c.familiar_with_locality) fail(Failure::kLocality);
  if (!c.communication_ability) fail(Failure::kCommunication);
  if (!c.health_fit) fail(Failure::kHealth);
  bool barred = false;
  for (const PlainGrade& a : c.annual_grades) {
    if (a.grade != 0) continue;
    for (const PlainGrade& b : c.annual_grades)
      barred = barred || (b.grade == 0 && b.year == a.year + 1);
  }
  if (barred) fail(Failure::kBarred);
  return out;
}

// The engine's outcome in the baseline's terms, to check that both agree.
inline bool same_outcome(const Decision& d, const PlainOutcome& p) {
  if (d.field("eligible").as_bool() != p.eligible) return false;
  const List& failed = d.field("failed").as_list();
  if (failed.size() != p.failed.size()) return false;
  for (std::size_t i = 0; i < failed.size(); ++i) {
    if (failed[i].to_string() != failure_code(p.failed[i])) return false;
  }
  return true;
}

}  // namespace tiaoli::bench
