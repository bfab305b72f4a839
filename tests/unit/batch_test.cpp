// Batch mode (decide_jsonl) and building facts in C++ (make_facts), against the Huzhou rules.
#include <gtest/gtest.h>

#include <sstream>

#include "tiaoli/tiaoli.hpp"

namespace tiaoli {
namespace {

std::shared_ptr<const RuleSet> huzhou() {
  static auto rules = RuleSet::load(std::string(TIAOLI_SOURCE_DIR) + "/rules/huzhou");
  EXPECT_TRUE(rules.ok());
  return rules.value();
}

std::string candidate_line(const std::string& id, const std::string& birth_date) {
  return R"({"id": ")" + id + R"(", "as_of": "2026-05-01", "candidate": {"birth_date": ")" +
         birth_date +
         R"(", "education": "高中", "political_quality": true, "law_abiding": true, "good_conduct": true, )"
         R"("familiar_with_locality": true, "communication_ability": true, "health_fit": true}})";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(Batch, OneResultPerLineInInputOrderWithBadLinesReportedByNumber) {
  std::string input = candidate_line("a", "2008-05-01") + "\n" +  // 18 today: eligible
                      "\n" +                                      // blank: skipped
                      "{\"id\": \"b\", \"candidate\": {\"birth_date\": \"2026-02-30\"}}\n" +
                      candidate_line("c", "2008-05-02") + "\n";  // 17: not eligible
  std::istringstream in(input);
  std::ostringstream out;
  BatchOptions options;
  options.decision = "selection.eligibility";
  options.eval.justify = false;
  BatchSummary summary = decide_jsonl(*huzhou(), in, out, options);
  EXPECT_EQ(summary.lines, 3u);
  EXPECT_EQ(summary.decided, 2u);
  EXPECT_EQ(summary.failed, 1u);
  std::vector<std::string> results = lines_of(out.str());
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(
      results[0].rfind(
          R"({"id":"a","decision":"selection.eligibility","as_of":"2026-05-01","outcome":{"eligible":true,"failed":[]})",
          0),
      0u)
      << results[0];
  EXPECT_NE(results[1].find(R"("line":3)"), std::string::npos) << results[1];
  EXPECT_NE(results[1].find(R"("field":"candidate.birth_date")"), std::string::npos) << results[1];
  EXPECT_NE(results[2].find(R"("outcome":{"eligible":false,"failed":["AGE_UNDER_18"]})"),
            std::string::npos)
      << results[2];
}

TEST(Batch, EmptyInputAndMoreWorkersThanLinesEndCleanly) {
  BatchOptions options;
  options.decision = "selection.eligibility";
  options.jobs = 16;
  options.chunk_lines = 2;
  std::istringstream empty("");
  std::ostringstream nothing;
  EXPECT_EQ(decide_jsonl(*huzhou(), empty, nothing, options).lines, 0u);
  EXPECT_EQ(nothing.str(), "");

  std::istringstream in(candidate_line("a", "2008-05-01") + "\n" +
                        candidate_line("b", "2008-05-02") + "\n" +
                        candidate_line("c", "1960-01-01") + "\n");
  std::ostringstream out;
  BatchSummary summary = decide_jsonl(*huzhou(), in, out, options);
  EXPECT_EQ(summary.decided, 3u);
  std::vector<std::string> results = lines_of(out.str());
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].rfind(R"({"id":"a")", 0), 0u);
  EXPECT_EQ(results[1].rfind(R"({"id":"b")", 0), 0u);
  EXPECT_EQ(results[2].rfind(R"({"id":"c")", 0), 0u);
}

TEST(Batch, EachLineMayNameItsDecisionAndCarriesTheJustificationWhenAsked) {
  std::istringstream in(
      R"({"decision": "selection.publicity", "as_of": "2026-04-20", "publicity": {"start": "2026-04-01", "objections": 0}})"
      "\n");
  std::ostringstream out;
  BatchOptions options;  // no decision: taken from the line; justification on by default
  decide_jsonl(*huzhou(), in, out, options);
  EXPECT_NE(out.str().find(R"("outcome":{"ends":"2026-04-10","hired":true})"), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find(R"("justification":)"), std::string::npos);
  EXPECT_NE(out.str().find("清明节"), std::string::npos)
      << "the calendar note names the holidays skipped";
}

TEST(FactValue, BuildsTheSameFactsAsText) {
  using V = FactValue;
  V candidate =
      V::object({{"birth_date", "2008-02-29"},
                 {"education", "中专"},
                 {"political_quality", true},
                 {"law_abiding", true},
                 {"good_conduct", true},
                 {"familiar_with_locality", true},
                 {"communication_ability", true},
                 {"health_fit", true},
                 {"annual_grades", V::array({V::object({{"year", 2025}, {"grade", "合格"}})})}});
  auto facts = huzhou()->make_facts(V::object({{"as_of", "2026-02-28"}, {"candidate", candidate}}));
  ASSERT_TRUE(facts.ok()) << facts.error().message;
  auto decision = huzhou()->decide("selection.eligibility", facts.value());
  ASSERT_TRUE(decision.ok()) << decision.error().message;
  EXPECT_EQ(decision.value().field("failed").to_string(),
            "[AGE_UNDER_18]");  // 29 Feb: 18 on 1 March
}

TEST(FactValue, WrongTypesNameTheField) {
  auto facts = huzhou()->make_facts(
      FactValue::object({{"candidate", FactValue::object({{"health_fit", 1}})}}));
  ASSERT_FALSE(facts.ok());
  EXPECT_EQ(facts.error().field, "candidate.health_fit");
}

TEST(Reload, AFailedReloadKeepsServingTheOldRuleSet) {
  RuleSetHolder holder(huzhou());
  auto failed = holder.reload("/nonexistent/rules");
  EXPECT_FALSE(failed.ok());
  EXPECT_FALSE(failed.error().diagnostics.empty());
  EXPECT_EQ(holder.current(), huzhou());
  EXPECT_EQ(holder.generation(), 0u);
  auto reloaded = holder.reload(std::string(TIAOLI_SOURCE_DIR) + "/rules/huzhou");
  ASSERT_TRUE(reloaded.ok());
  EXPECT_NE(holder.current(), huzhou());
  EXPECT_EQ(holder.current()->content_hash(), huzhou()->content_hash());
  EXPECT_EQ(holder.generation(), 1u);
}

}  // namespace
}  // namespace tiaoli

namespace tiaoli {
namespace {

// Found by fuzz_facts under UBSan: checking `min: 0` multiplied a 15-digit integer by 10^4.
TEST(FactBounds, TheLargestAcceptedIntegerIsComparedWithABoundWithoutOverflow) {
  auto facts = huzhou()->parse_facts(
      R"({"as_of": "2026-05-20", "publicity": {"start": "2026-04-29", "objections": 999999999999999}})",
      FactsFormat::kJson);
  ASSERT_TRUE(facts.ok()) << facts.error().message;
  auto negative = huzhou()->parse_facts(
      R"({"publicity": {"start": "2026-04-29", "objections": -999999999999999}})",
      FactsFormat::kJson);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().field, "publicity.objections");
}

}  // namespace
}  // namespace tiaoli
