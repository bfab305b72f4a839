// Determinism: the same rules and facts give byte-identical JSON whatever the thread count, on
// every run, and whichever load of the same folder is used.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tiaoli/tiaoli.hpp"

namespace {

const std::string kHuzhou = (std::filesystem::path(TIAOLI_SOURCE_DIR) / "rules/huzhou").string();

// One case a line, every decision, some with an id, and some lines that cannot be decided.
const char* const kLines[] = {
    R"({"id": "c1", "decision": "selection.eligibility", "as_of": "2026-05-01", "candidate": {"birth_date": "2008-05-01", "education": "中专", "political_quality": true, "law_abiding": true, "good_conduct": true, "familiar_with_locality": true, "communication_ability": true, "health_fit": true, "annual_grades": [{"year": 2025, "grade": "不合格"}, {"year": 2024, "grade": "不合格"}]}})",
    R"({"id": "c2", "decision": "selection.eligibility", "as_of": "2026-03-15", "candidate": {"birth_date": "1965-03-16", "education": "小学", "political_quality": false, "law_abiding": true, "good_conduct": true, "familiar_with_locality": false, "communication_ability": true, "health_fit": true}})",
    R"({"decision": "selection.publicity", "as_of": "2026-05-11", "publicity": {"start": "2026-04-28", "objections": 0}})",
    R"({"id": 7, "decision": "appointment.contract", "as_of": "2025-02-10", "worker": {"birth_date": "1985-07-01", "contract_start": "2024-02-29", "workplace_provided": true, "pay": {"base": 3000, "performance": 1200, "paid_on_time": true}, "social_insurance_paid": true}})",
    R"({"decision": "training.compliance", "as_of": "2026-11-30", "worker": {"birth_date": "1985-07-01", "contract_start": "2025-03-01", "workplace_provided": true, "pay": {"base": 3000, "performance": 1200, "paid_on_time": true}, "social_insurance_paid": true, "training": [{"date": "2026-01-10", "hours": 16, "method": "集中培训"}, {"date": "2026-03-20", "hours": 7.5, "method": "实地观摩"}]}})",
    R"({"decision": "assessment.due", "as_of": "2025-12-31"})",
    R"({"decision": "assessment.consequence", "as_of": "2026-01-10", "worker": {"birth_date": "1985-07-01", "contract_start": "2025-03-01", "workplace_provided": true, "pay": {"base": 3000, "performance": 1200, "paid_on_time": true}, "social_insurance_paid": true, "annual_grades": [{"year": 2025, "grade": "不合格"}, {"year": 2024, "grade": "不合格"}]}})",
    R"({"decision": "discipline.sanction", "as_of": "2026-03-15", "worker": {"birth_date": "1985-07-01", "contract_start": "2025-03-01", "workplace_provided": true, "pay": {"base": 3000, "performance": 1200, "paid_on_time": true}, "social_insurance_paid": true, "incidents": [{"date": "2025-03-15", "kind": "违反工作纪律", "severity": "轻微"}, {"date": "2026-02-20", "kind": "违反工作纪律", "severity": "较大"}]}})",
    R"({"decision": "guarantee.compliance", "as_of": "2026-03-15", "worker": {"birth_date": "1985-07-01", "contract_start": "2025-03-01", "equipment": ["电脑", "工作证件"], "workplace_provided": true, "pay": {"base": 3200, "performance": 0, "paid_on_time": true}, "social_insurance_paid": true}})",
    R"({"id": "bad-date", "decision": "selection.publicity", "as_of": "2026-02-30", "publicity": {"start": "2026-04-28", "objections": 0}})",
    R"({"id": "unknown", "decision": "no.such.decision", "as_of": "2026-03-15"})",
    R"(not json at all)",
};

std::string make_input() {
  std::string input;
  for (int round = 0; round < 25; ++round) {
    for (const char* line : kLines) input += std::string(line) + "\n";
  }
  return input;
}

std::string run(const tiaoli::RuleSet& rules, const std::string& input, int jobs, bool justify,
                tiaoli::Lang lang) {
  std::istringstream in(input);
  std::ostringstream out;
  tiaoli::BatchOptions options;
  options.jobs = jobs;
  options.eval.justify = justify;
  options.lang = lang;
  options.chunk_lines = 16;  // several chunks, so threads really share the work
  tiaoli::BatchSummary summary = tiaoli::decide_jsonl(rules, in, out, options);
  EXPECT_EQ(summary.lines, 25u * std::size(kLines));
  EXPECT_EQ(summary.decided + summary.failed, summary.lines);
  EXPECT_GT(summary.decided, 0u);
  EXPECT_GT(summary.failed, 0u);
  return out.str();
}

TEST(Determinism, BatchOutputIsIdenticalForEveryThreadCount) {
  auto loaded = tiaoli::RuleSet::load(kHuzhou);
  ASSERT_TRUE(loaded.ok()) << tiaoli::format_diagnostics(loaded.error().diagnostics);
  const std::string input = make_input();
  for (bool justify : {true, false}) {
    for (tiaoli::Lang lang : {tiaoli::Lang::kZh, tiaoli::Lang::kEn}) {
      const std::string reference = run(*loaded.value(), input, 1, justify, lang);
      ASSERT_FALSE(reference.empty());
      for (int jobs : {1, 2, 8}) {
        EXPECT_EQ(run(*loaded.value(), input, jobs, justify, lang), reference)
            << "jobs=" << jobs << " justify=" << justify;
      }
    }
  }
}

TEST(Determinism, TwoLoadsOfTheSameFolderAreTheSame) {
  auto first = tiaoli::RuleSet::load(kHuzhou);
  auto second = tiaoli::RuleSet::load(kHuzhou);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(first.value()->content_hash().empty());
  EXPECT_EQ(first.value()->content_hash(), second.value()->content_hash());
  EXPECT_EQ(first.value()->version(), second.value()->version());
  // And the decisions they give are byte-identical too.
  const std::string input = make_input();
  EXPECT_EQ(run(*first.value(), input, 2, true, tiaoli::Lang::kZh),
            run(*second.value(), input, 2, true, tiaoli::Lang::kZh));
}

TEST(Determinism, RenderingTheSameDecisionTwiceIsIdentical) {
  auto loaded = tiaoli::RuleSet::load(kHuzhou);
  ASSERT_TRUE(loaded.ok());
  const tiaoli::RuleSet& rules = *loaded.value();
  for (const char* line : kLines) {
    auto facts = rules.parse_facts(line, tiaoli::FactsFormat::kJson);
    if (!facts.ok()) continue;
    for (const tiaoli::DecisionInfo& info : rules.decisions()) {
      auto a = rules.decide(info.id, facts.value());
      auto b = rules.decide(info.id, facts.value());
      ASSERT_EQ(a.ok(), b.ok());
      if (!a.ok()) {
        EXPECT_EQ(a.error().message, b.error().message);
        continue;
      }
      for (tiaoli::Lang lang : {tiaoli::Lang::kZh, tiaoli::Lang::kEn}) {
        const std::string json = a.value().to_json(lang);
        EXPECT_EQ(json, a.value().to_json(lang)) << info.id;
        EXPECT_EQ(json, b.value().to_json(lang)) << info.id;
        EXPECT_EQ(a.value().to_text(lang), b.value().to_text(lang)) << info.id;
      }
    }
  }
}

}  // namespace
