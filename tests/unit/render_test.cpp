// Justifications: Decision::explain, to_json and to_text.
#include "explain/render.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "test_support.hpp"

namespace tiaoli::test {
namespace {

using Json = nlohmann::ordered_json;

// A candidate who is too young on 2026-03-15 but meets the other requirements.
constexpr const char* kYoungCandidate =
    "candidate: {birth_date: 2010-06-01, education: 中专, score: 1,"
    " training: [{date: 2026-01-10, hours: 39.5}, {date: 2026-02-10, hours: 0.5}]}\n";

class RenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_.write("decisions/summary.yaml",
                  "decisions:\n"
                  "  - id: summary\n"
                  "    title: {zh: 汇总, en: Summary}\n"
                  "    hit: first\n"
                  "    output: {ok: bool, ends: date, codes: list<string>, hours: decimal, n: int, "
                  "level: education}\n"
                  "    rules:\n"
                  "      - id: only\n"
                  "        cite: [\"1.1.1\", \"1.1.3\"]\n"
                  "        then:\n"
                  "          ok: 'decision(\"eligibility\").eligible'\n"
                  "          ends: term_end(as_of, 1 year)\n"
                  "          codes: 'decision(\"eligibility\").failed'\n"
                  "          hours: 'sum(t in candidate.training: t.hours)'\n"
                  "          n: count(candidate.training)\n"
                  "          level: candidate.education\n"
                  "        because:\n"
                  "          zh: \"共{count(candidate.training)}次培训\"\n"
                  "          en: \"{count(candidate.training)} training sessions\"\n");
    ruleset_ = folder_.load_ok();
    ASSERT_NE(ruleset_, nullptr);
  }

  Decision decide(std::string_view id, std::string_view facts) const {
    auto parsed = ruleset_->parse_facts(facts, FactsFormat::kYaml);
    EXPECT_TRUE(parsed.ok()) << parsed.error().message;
    auto result = ruleset_->decide(id, parsed.value(), options("2026-03-15", true));
    EXPECT_TRUE(result.ok()) << result.error().message;
    return std::move(result).value();
  }

  static Json rule_json(const Json& json, std::string_view id) {
    for (const Json& rule : json["justification"]["rules"]) {
      if (rule["rule"] == id) return rule;
    }
    ADD_FAILURE() << "no rule " << id << " in " << json.dump();
    return Json::object();
  }

  RuleFolder folder_;
  std::shared_ptr<const RuleSet> ruleset_;
};

TEST_F(RenderTest, JsonTopLevelKeysInOrder) {
  Json json = Json::parse(decide("eligibility", kYoungCandidate).to_json(Lang::kZh));
  std::vector<std::string> keys;
  for (auto it = json.begin(); it != json.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys,
            (std::vector<std::string>{"decision", "as_of", "outcome", "justification", "ruleset"}));
  EXPECT_EQ(json["decision"], "eligibility");
  EXPECT_EQ(json["as_of"], "2026-03-15");

  std::vector<std::string> ruleset_keys;
  for (auto it = json["ruleset"].begin(); it != json["ruleset"].end(); ++it)
    ruleset_keys.push_back(it.key());
  EXPECT_EQ(ruleset_keys, (std::vector<std::string>{"name", "version", "content_hash"}));
  EXPECT_EQ(json["ruleset"]["name"], "unit-rules");
  EXPECT_EQ(json["ruleset"]["version"], "1.2.3");
  EXPECT_EQ(json["ruleset"]["content_hash"], ruleset_->content_hash());
}

TEST_F(RenderTest, AllOutcomeIsTyped) {
  Json json = Json::parse(decide("eligibility", kYoungCandidate).to_json(Lang::kZh));
  const Json& outcome = json["outcome"];
  ASSERT_TRUE(outcome["eligible"].is_boolean());
  EXPECT_FALSE(outcome["eligible"].get<bool>());
  ASSERT_TRUE(outcome["failed"].is_array());
  EXPECT_EQ(outcome["failed"], Json::array({"AGE"}));
}

TEST_F(RenderTest, OutcomeFieldsKeepTheirTypesAndOrder) {
  Json json = Json::parse(decide("summary", kYoungCandidate).to_json(Lang::kEn));
  const Json& outcome = json["outcome"];
  std::vector<std::string> keys;
  for (auto it = outcome.begin(); it != outcome.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"ok", "ends", "codes", "hours", "n", "level"}));
  EXPECT_TRUE(outcome["ok"].is_boolean());
  EXPECT_EQ(outcome["ok"], false);
  EXPECT_EQ(outcome["ends"], "2027-03-14");  // dates are ISO strings
  EXPECT_EQ(outcome["codes"], Json::array({"AGE"}));
  EXPECT_TRUE(outcome["hours"].is_number());
  EXPECT_EQ(outcome["hours"], 40);
  EXPECT_TRUE(outcome["n"].is_number_integer());
  EXPECT_EQ(outcome["n"], 2);
  EXPECT_EQ(outcome["level"], "中专");  // enums are their value names
}

TEST_F(RenderTest, DecimalOutcomeIsAJsonNumber) {
  Json json = Json::parse(decide("summary",
                                 "candidate: {birth_date: 1990-01-01, education: 高中, score: 1,"
                                 " training: [{date: 2026-01-10, hours: 2.25}]}")
                              .to_json(Lang::kEn));
  ASSERT_TRUE(json["outcome"]["hours"].is_number());
  EXPECT_DOUBLE_EQ(json["outcome"]["hours"].get<double>(), 2.25);
}

TEST_F(RenderTest, JsonRulesCarryCitesFactsAndParameters) {
  Json json = Json::parse(decide("eligibility", kYoungCandidate).to_json(Lang::kZh));
  EXPECT_EQ(json["justification"]["hit_policy"], "all");
  ASSERT_EQ(json["justification"]["rules"].size(), 3u);

  Json age = rule_json(json, "min_age");
  EXPECT_EQ(age["status"], "failed");
  EXPECT_EQ(age["decisive"], true);
  EXPECT_EQ(age["code"], "AGE");
  ASSERT_EQ(age["cites"].size(), 1u);
  EXPECT_EQ(age["cites"][0]["id"], "1.1.1");
  EXPECT_EQ(age["cites"][0]["text"], "年满十八周岁。");
  EXPECT_EQ(age["message"], "年龄15周岁，须18周岁以上");
  ASSERT_EQ(age["facts"].size(), 1u);
  EXPECT_EQ(age["facts"][0]["path"], "candidate.birth_date");
  EXPECT_EQ(age["facts"][0]["value"], "2010-06-01");
  ASSERT_EQ(age["parameters"].size(), 1u);
  EXPECT_EQ(age["parameters"][0]["name"], "min_age");
  EXPECT_EQ(age["parameters"][0]["value"], "18");
  EXPECT_EQ(age["parameters"][0]["source"], "regulation");
  EXPECT_EQ(age["parameters"][0]["cite"], "1.1.1");
  EXPECT_EQ(age["parameters"][0]["note"], "含18周岁");

  Json training = rule_json(json, "training");
  EXPECT_EQ(training["status"], "held");
  EXPECT_EQ(training["decisive"], false);  // the decision failed; only failed rules decided it
  ASSERT_EQ(training["parameters"].size(), 1u);
  EXPECT_EQ(training["parameters"][0]["source"], "local_interpretation");
  EXPECT_EQ(training["parameters"][0]["reason"], "办法未规定小数学时；按40学时计。");
  EXPECT_EQ(training["parameters"][0]["version"], "effective from 2026-01-01");
  EXPECT_FALSE(training["parameters"][0].contains("cite"));
  EXPECT_EQ(training["message"], "培训40学时");
}

TEST_F(RenderTest, JsonMessageFollowsTheLanguage) {
  Decision d = decide("eligibility", kYoungCandidate);
  EXPECT_EQ(rule_json(Json::parse(d.to_json(Lang::kEn)), "min_age")["message"],
            "Age 15; must be at least 18");
  EXPECT_EQ(Json::parse(d.to_json(Lang::kEn))["justification"]["lang"], "en");
}

TEST_F(RenderTest, ExplainListsEveryRuleWithStatus) {
  Decision d = decide("eligibility", kYoungCandidate);
  auto rules = d.explain(Lang::kZh);
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].rule_id, "min_age");
  EXPECT_EQ(rules[0].status, "failed");
  EXPECT_EQ(rules[1].rule_id, "education");
  EXPECT_EQ(rules[1].status, "held");
  EXPECT_EQ(rules[1].message, "文化程度为中专");
  EXPECT_EQ(rules[2].status, "held");
}

TEST_F(RenderTest, TextZhHasProvisionTextAndRenderedMessage) {
  std::string text = decide("eligibility", kYoungCandidate).to_text(Lang::kZh);
  EXPECT_TRUE(Contains(text, "eligibility"));
  EXPECT_TRUE(Contains(text, "资格"));
  EXPECT_TRUE(Contains(text, "2026-03-15"));
  EXPECT_TRUE(Contains(text, "年满十八周岁。"));
  EXPECT_TRUE(Contains(text, "具有高中以上文化程度。"));
  EXPECT_TRUE(Contains(text, "年龄15周岁，须18周岁以上"));
  EXPECT_TRUE(Contains(text, "candidate.birth_date = 2010-06-01"));
  EXPECT_TRUE(Contains(text, "本地解释"));
  EXPECT_TRUE(Contains(text, "unit-rules 1.2.3"));
  EXPECT_FALSE(Contains(text, "Age 15"));
}

TEST_F(RenderTest, TextEnUsesTheEnglishTemplate) {
  std::string text = decide("eligibility", kYoungCandidate).to_text(Lang::kEn);
  EXPECT_TRUE(Contains(text, "Eligibility"));
  EXPECT_TRUE(Contains(text, "Age 15; must be at least 18"));
  EXPECT_TRUE(Contains(text, "Education is 中专"));
  EXPECT_TRUE(Contains(text, "40 hours of training"));
  EXPECT_TRUE(Contains(text, "年满十八周岁。"));  // provisions are quoted in the original
  EXPECT_TRUE(Contains(text, "local interpretation"));
  EXPECT_FALSE(Contains(text, "年龄15周岁"));
}

TEST_F(RenderTest, WithoutJustificationOnlyTheOutcome) {
  auto parsed = ruleset_->parse_facts(kYoungCandidate, FactsFormat::kYaml);
  ASSERT_TRUE(parsed.ok());
  auto result = ruleset_->decide("eligibility", parsed.value(), options("2026-03-15", false));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result.value().field("eligible"), Value(false));
  EXPECT_TRUE(result.value().explain(Lang::kZh).empty());
}

TEST(RenderValues, ValueToJsonTypes) {
  using detail::value_to_json;
  EXPECT_EQ(value_to_json(Value()), nullptr);
  EXPECT_EQ(value_to_json(Value(true)), true);
  EXPECT_EQ(value_to_json(Value(42)), 42);
  EXPECT_EQ(value_to_json(Value(dec("40"))), 40);
  EXPECT_EQ(value_to_json(Value(dec("-0.125"))).get<double>(), -0.125);
  EXPECT_EQ(value_to_json(Value(date("2026-02-28"))), "2026-02-28");
  EXPECT_EQ(value_to_json(Value(Duration{1, 0, 0})), "1 year");
  auto list = std::make_shared<const List>(List{Value(1), Value("a")});
  EXPECT_EQ(value_to_json(Value(list)), Json::array({1, "a"}));
}

}  // namespace
}  // namespace tiaoli::test
