// Loading a rule-set folder (or the same files given in memory): structural errors with
// file:line:column, parameters and their versions, effective dates of rules, decision references
// and the hit policies.
#include "load/loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "test_support.hpp"

namespace tiaoli::test {
namespace {

Result<Decision> decide(const RuleSet& ruleset, std::string_view decision, std::string_view facts,
                        std::string_view as_of) {
  auto parsed = ruleset.parse_facts(facts, FactsFormat::kYaml);
  if (!parsed.ok()) return parsed.error();
  return ruleset.decide(decision, parsed.value(), options(as_of, true));
}

const RuleExplanation* rule_named(const std::vector<RuleExplanation>& rules, std::string_view id) {
  for (const RuleExplanation& r : rules) {
    if (r.rule_id == id) return &r;
  }
  return nullptr;
}

// ---- folder and file problems ------------------------------------------------------------------

TEST(Loader, TheDefaultTestRuleSetLoads) {
  RuleFolder folder;
  auto ruleset = folder.load_ok();
  ASSERT_NE(ruleset, nullptr);
  EXPECT_EQ(ruleset->name(), "unit-rules");
  EXPECT_EQ(ruleset->version(), "1.2.3");
  EXPECT_EQ(ruleset->title(), "单元测试规则");
  ASSERT_EQ(ruleset->decisions().size(), 1u);
  EXPECT_EQ(ruleset->decisions()[0].id, "eligibility");
  EXPECT_EQ(ruleset->decisions()[0].hit_policy, "all");
  EXPECT_EQ(ruleset->content_hash().size(), 16u);
}

TEST(Loader, MissingFolderIsAnError) {
  auto loaded = RuleSet::load("/nonexistent/tiaoli/rules");
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(find_diagnostic(loaded.error().diagnostics, "not a rule-set folder"));
}

TEST(Loader, MissingRulesetYamlIsAnError) {
  RuleFolder folder;
  folder.remove("ruleset.yaml");
  auto d = load_error(folder, "ruleset.yaml");
  ASSERT_TRUE(d);
  EXPECT_TRUE(Contains(d->message, "missing"));
  EXPECT_EQ(d->file, folder.file("ruleset.yaml"));
}

TEST(Loader, MissingRegulationFileIsAnError) {
  RuleFolder folder;
  folder.remove("regulation.yaml");
  auto d = load_error(folder, "regulation file 'regulation.yaml' does not exist");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->file, folder.file("ruleset.yaml"));
  EXPECT_EQ(d->line, 5);
}

TEST(Loader, UnknownKeySuggestsTheIntendedOne) {
  RuleFolder folder;
  folder.write("decisions/d.yaml",
               "decisions:\n"
               "  - id: d\n"
               "    hit: first\n"
               "    output: {ok: bool}\n"
               "    rules:\n"
               "      - id: r\n"
               "        cite: \"1.1.1\"\n"
               "        wehn: candidate.score > 1\n"
               "        then: {ok: \"true\"}\n"
               "        because: {zh: z, en: e}\n");
  auto d = load_error(folder, "unknown key 'wehn'");
  ASSERT_TRUE(d);
  EXPECT_TRUE(Contains(d->message, "did you mean 'when'?"));
  EXPECT_EQ(d->file, folder.file("decisions/d.yaml"));
  EXPECT_EQ(d->line, 8);
  EXPECT_EQ(d->column, 9);
}

TEST(Loader, UnknownTopLevelSectionIsAnError) {
  RuleFolder folder;
  folder.write("extra.yaml", "paramaters:\n  x: {type: int, value: 1, cite: \"1.1.1\"}\n");
  auto d = load_error(folder, "unknown key 'paramaters'");
  ASSERT_TRUE(d);
  EXPECT_TRUE(Contains(d->message, "did you mean 'parameters'?"));
  EXPECT_EQ(d->line, 1);
  EXPECT_EQ(d->column, 1);
}

TEST(Loader, YamlSyntaxErrorHasFileLineAndColumn) {
  RuleFolder folder;
  folder.write("parameters.yaml",
               "parameters:\n"
               "  min_age:\n"
               "    type: int\n"
               "    value: [18\n"
               "    cite: \"1.1.1\"\n");
  auto loaded = folder.load();
  ASSERT_FALSE(loaded.ok());
  const Diagnostic* d = find_diagnostic(loaded.error().diagnostics, "YAML");
  ASSERT_NE(d, nullptr) << format_diagnostics(loaded.error().diagnostics);
  EXPECT_EQ(d->file, folder.file("parameters.yaml"));
  EXPECT_GE(d->line, 4);
  EXPECT_GE(d->column, 1);
  EXPECT_TRUE(Contains(format_diagnostic(*d), folder.file("parameters.yaml") + ":" +
                                                  std::to_string(d->line) + ":" +
                                                  std::to_string(d->column) + ": error: "));
}

TEST(Loader, InvalidUtf8IsReportedWithItsPosition) {
  RuleFolder folder;
  folder.write("extra.yaml",
               "# 注释\nparameters:\n  ab\xff: {type: int, value: 1, cite: \"1.1.1\"}\n");
  auto d = load_error(folder, "UTF-8");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->file, folder.file("extra.yaml"));
  EXPECT_EQ(d->line, 3);
  EXPECT_EQ(d->column, 5);
}

TEST(Loader, TruncatedUtf8SequenceIsInvalid) {
  RuleFolder folder;
  folder.write("extra.yaml", "# \xe4\xb8\n");  // the first two bytes of a three-byte character
  EXPECT_TRUE(load_error(folder, "UTF-8"));
}

TEST(Loader, EmptyFileIsOnlyAWarning) {
  RuleFolder folder;
  folder.write("empty.yaml", "");
  auto ruleset = folder.load_ok();
  ASSERT_NE(ruleset, nullptr);
  EXPECT_TRUE(find_diagnostic(ruleset->warnings(), "empty"));
}

TEST(Loader, ReportsProblemsFromSeveralFilesAtOnce) {
  RuleFolder folder;
  folder.write("extra.yaml", "paramaters: {}\n");
  folder.write("decisions/d.yaml", calc_decision("candidate.scor", "int"));
  auto loaded = folder.load();
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(find_diagnostic(loaded.error().diagnostics, "paramaters"));
  EXPECT_TRUE(find_diagnostic(loaded.error().diagnostics, "scor"));
  EXPECT_TRUE(Contains(loaded.error().message, "2 errors"));
}

TEST(Loader, ContentHashChangesWithTheFiles) {
  RuleFolder folder;
  auto before = folder.load_ok();
  auto again = folder.load_ok();
  folder.write("extra.yaml", "# a comment\nparameters: {}\n");
  auto after = folder.load_ok();
  ASSERT_TRUE(before && again && after);
  EXPECT_EQ(before->content_hash(), again->content_hash());
  EXPECT_NE(before->content_hash(), after->content_hash());
}

// ---- rules and decisions -----------------------------------------------------------------------

TEST(Loader, DuplicateRuleIdsAreAnError) {
  RuleFolder folder;
  folder.write(
      "decisions/d.yaml",
      "decisions:\n"
      "  - id: d\n"
      "    hit: first\n"
      "    output: {ok: bool}\n"
      "    rules:\n"
      "      - {id: r, cite: \"1.1.1\", when: \"true\", then: {ok: \"true\"}, because: {zh: z, en: "
      "e}}\n"
      "      - {id: r, cite: \"1.1.2\", then: {ok: \"false\"}, because: {zh: z, en: e}}\n");
  auto d = load_error(folder, "rule id 'r' is used twice");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->line, 7);
}

TEST(Loader, DuplicateDecisionIdsAreAnError) {
  RuleFolder folder;
  folder.write("decisions/again.yaml", kEligibility);
  EXPECT_TRUE(load_error(folder, "decision 'eligibility' is defined twice"));
}

TEST(Loader, CitingAnUnknownProvisionIsAnError) {
  RuleFolder folder;
  folder.write("decisions/d.yaml",
               "decisions:\n"
               "  - id: d\n"
               "    hit: first\n"
               "    output: {ok: bool}\n"
               "    rules:\n"
               "      - id: r\n"
               "        cite: [\"1.1.1\", \"9.9.9\"]\n"
               "        then: {ok: \"true\"}\n"
               "        because: {zh: z, en: e}\n");
  auto d = load_error(folder, "'9.9.9', which is not a provision");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->line, 7);
}

TEST(Loader, SectionIdsAreCitable) {
  RuleFolder folder;
  folder.write("decisions/d.yaml",
               "decisions:\n  - id: d\n    hit: first\n    output: {ok: bool}\n    rules:\n"
               "      - {id: r, cite: \"1.1\", then: {ok: \"true\"}, because: {zh: z, en: e}}\n");
  EXPECT_NE(folder.load_ok(), nullptr);
}

TEST(Loader, AllPolicyNeedsRequireAndCode) {
  RuleFolder folder;
  folder.write(
      "decisions/d.yaml",
      "decisions:\n  - id: d\n    hit: all\n    output: {pass: ok, failures: failed}\n    rules:\n"
      "      - {id: r, cite: \"1.1.1\", when: \"true\", because: {zh: z, en: e}}\n");
  auto loaded = folder.load();
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(find_diagnostic(loaded.error().diagnostics, "`require:`"));
  EXPECT_TRUE(find_diagnostic(loaded.error().diagnostics, "needs a `code`"));
}

TEST(Loader, FirstPolicyRuleMustGiveEveryOutputField) {
  RuleFolder folder;
  folder.write("decisions/d.yaml",
               "decisions:\n  - id: d\n    hit: first\n    output: {ok: bool, n: int}\n    rules:\n"
               "      - {id: r, cite: \"1.1.1\", then: {ok: \"true\"}, because: {zh: z, en: e}}\n");
  EXPECT_TRUE(load_error(folder, "does not give output field 'n'"));
}

TEST(Loader, UnknownHitPolicyIsAnError) {
  RuleFolder folder;
  folder.write("decisions/d.yaml",
               "decisions:\n  - id: d\n    hit: any\n    output: {ok: bool}\n    rules:\n"
               "      - {id: r, cite: \"1.1.1\", then: {ok: \"true\"}, because: {zh: z, en: e}}\n");
  EXPECT_TRUE(load_error(folder, "unknown hit policy 'any'"));
}

TEST(Loader, BecauseNeedsBothLanguages) {
  RuleFolder folder;
  folder.write("decisions/d.yaml",
               "decisions:\n  - id: d\n    hit: first\n    output: {ok: bool}\n    rules:\n"
               "      - {id: r, cite: \"1.1.1\", then: {ok: \"true\"}, because: {zh: z}}\n");
  EXPECT_TRUE(load_error(folder, "because needs 'en'"));
}

TEST(Loader, UnbalancedBracesInAMessageAreErrors) {
  RuleFolder folder;
  folder.write("decisions/d.yaml",
               "decisions:\n  - id: d\n    hit: first\n    output: {ok: bool}\n    rules:\n"
               "      - {id: r, cite: \"1.1.1\", then: {ok: \"true\"}, because: {zh: \"a {as_of\", "
               "en: \"b } c\"}}\n");
  auto loaded = folder.load();
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(find_diagnostic(loaded.error().diagnostics, "no closing '}'"));
  EXPECT_TRUE(find_diagnostic(loaded.error().diagnostics, "lone '}'"));
}

TEST(Loader, DecisionCycleIsReported) {
  RuleFolder folder;
  folder.write("decisions/d.yaml",
               "decisions:\n"
               "  - id: a\n    hit: first\n    output: {ok: bool}\n    rules:\n"
               "      - {id: r, cite: \"1.1.1\", then: {ok: 'decision(\"b\").ok'}, because: {zh: "
               "z, en: e}}\n"
               "  - id: b\n    hit: first\n    output: {ok: bool}\n    rules:\n"
               "      - {id: r, cite: \"1.1.1\", then: {ok: 'not decision(\"a\").ok'}, because: "
               "{zh: z, en: e}}\n");
  auto d = load_error(folder, "cycle");
  ASSERT_TRUE(d);
  EXPECT_TRUE(Contains(d->message, "a → b → a"));
  EXPECT_EQ(d->file, folder.file("decisions/d.yaml"));
}

TEST(Loader, DecisionReferenceUsesTheOtherOutcome) {
  RuleFolder folder;
  folder.write("decisions/d.yaml",
               "decisions:\n  - id: d\n    hit: first\n    output: {summary: string}\n    rules:\n"
               "      - id: eligible\n        cite: \"1.1.1\"\n"
               "        when: 'decision(\"eligibility\").eligible'\n"
               "        then: {summary: '\"合格\"'}\n        because: {zh: z, en: e}\n"
               "      - id: otherwise\n        cite: \"1.1.1\"\n"
               "        then: {summary: '\"不合格\"'}\n        because: {zh: z, en: e}\n");
  auto ruleset = folder.load_ok();
  ASSERT_NE(ruleset, nullptr);
  auto good = decide(*ruleset, "d", kGoodCandidate, "2026-03-15");
  ASSERT_TRUE(good.ok()) << good.error().message;
  EXPECT_EQ(good.value().field("summary"), Value("合格"));
  auto young =
      decide(*ruleset, "d", "candidate: {birth_date: 2010-01-01, education: 高中, score: 1}",
             "2026-03-15");
  ASSERT_TRUE(young.ok()) << young.error().message;
  EXPECT_EQ(young.value().field("summary"), Value("不合格"));
}

// ---- parameters --------------------------------------------------------------------------------

TEST(Loader, ParameterWithBothCiteAndInterpretationIsAnError) {
  RuleFolder folder;
  folder.write("extra.yaml",
               "parameters:\n  both:\n    type: int\n    value: 1\n    cite: \"1.1.1\"\n"
               "    interpretation: 因为\n");
  auto d = load_error(folder, "needs exactly one source");
  ASSERT_TRUE(d);
  EXPECT_TRUE(Contains(d->message, "both"));
  EXPECT_EQ(d->line, 2);
}

TEST(Loader, ParameterWithNeitherCiteNorInterpretationIsAnError) {
  RuleFolder folder;
  folder.write("extra.yaml", "parameters:\n  neither: {type: int, value: 1}\n");
  auto d = load_error(folder, "needs exactly one source");
  ASSERT_TRUE(d);
  EXPECT_TRUE(Contains(d->message, "neither"));
}

TEST(Loader, ParameterCitingAnUnknownProvisionIsAnError) {
  RuleFolder folder;
  folder.write("extra.yaml", "parameters:\n  p: {type: int, value: 1, cite: \"7.7\"}\n");
  EXPECT_TRUE(load_error(folder, "cites '7.7'"));
}

TEST(Loader, ParameterValueMustHaveItsType) {
  RuleFolder folder;
  folder.write("extra.yaml",
               "parameters:\n  p: {type: int, value: \"18\", cite: \"1.1.1\"}\n"
               "  q: {type: education, value: 研究生, cite: \"1.1.1\"}\n");
  auto loaded = folder.load();
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(find_diagnostic(loaded.error().diagnostics, "expected int"));
  EXPECT_TRUE(find_diagnostic(loaded.error().diagnostics, "研究生"));
}

TEST(Loader, OverlappingParameterVersionsAreAnError) {
  RuleFolder folder;
  folder.write("extra.yaml",
               "parameters:\n  p:\n    type: int\n    cite: \"1.1.1\"\n    versions:\n"
               "      - {effective_from: 2024-01-01, effective_to: 2025-06-30, value: 1}\n"
               "      - {effective_from: 2025-01-01, value: 2}\n");
  EXPECT_TRUE(load_error(folder, "overlaps"));
}

TEST(Loader, UnusedParameterIsAWarning) {
  RuleFolder folder;
  folder.write("extra.yaml", "parameters:\n  spare: {type: int, value: 3, interpretation: 备用}\n");
  auto ruleset = folder.load_ok();
  ASSERT_NE(ruleset, nullptr);
  const Diagnostic* d = find_diagnostic(ruleset->warnings(), "parameter 'spare' is never used");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Severity::kWarning);
  EXPECT_EQ(d->file, folder.file("extra.yaml"));
  EXPECT_EQ(d->line, 2);
  EXPECT_EQ(d->column, 3);
  EXPECT_FALSE(find_diagnostic(ruleset->warnings(), "'min_age' is never used"));
}

TEST(Loader, VersionedParameterPicksTheVersionInForce) {
  RuleFolder folder;
  auto ruleset = folder.load_ok();
  ASSERT_NE(ruleset, nullptr);
  // 35 hours: enough under the 2024–2025 version (32), not under the 2026 one (40).
  const char* facts =
      "candidate: {birth_date: 1990-05-01, education: 高中, score: 1,"
      " training: [{date: 2025-06-01, hours: 35}]}";
  auto in_2025 = decide(*ruleset, "eligibility", facts, "2025-12-31");
  ASSERT_TRUE(in_2025.ok()) << in_2025.error().message;
  EXPECT_EQ(in_2025.value().field("eligible"), Value(true));
  auto in_2026 = decide(*ruleset, "eligibility", facts, "2026-01-01");
  ASSERT_TRUE(in_2026.ok()) << in_2026.error().message;
  EXPECT_EQ(in_2026.value().field("eligible"), Value(false));
  EXPECT_EQ(in_2026.value().field("failed").to_string(), "[TRAINING]");

  auto explained_2025 = in_2025.value().explain(Lang::kEn);
  auto explained_2026 = in_2026.value().explain(Lang::kEn);
  const RuleExplanation* old_rule = rule_named(explained_2025, "training");
  const RuleExplanation* new_rule = rule_named(explained_2026, "training");
  ASSERT_TRUE(old_rule && new_rule);
  ASSERT_EQ(old_rule->parameters.size(), 1u);
  ASSERT_EQ(new_rule->parameters.size(), 1u);
  EXPECT_EQ(old_rule->parameters[0].value, "32");
  EXPECT_EQ(old_rule->parameters[0].version, "effective from 2024-01-01 to 2025-12-31");
  EXPECT_EQ(new_rule->parameters[0].value, "40");
  EXPECT_EQ(new_rule->parameters[0].version, "effective from 2026-01-01");
  EXPECT_TRUE(new_rule->parameters[0].local_interpretation);
}

TEST(Loader, NoParameterVersionInForceIsAnEvaluationError) {
  RuleFolder folder;
  auto ruleset = folder.load_ok();
  ASSERT_NE(ruleset, nullptr);
  auto early = decide(*ruleset, "eligibility", kGoodCandidate, "2023-12-31");
  ASSERT_FALSE(early.ok());
  EXPECT_TRUE(Contains(early.error().message, "hours_required"));
  EXPECT_TRUE(Contains(early.error().message, "2023-12-31"));
}

// ---- effective dates of rules
// ---------------------------------------------------------------------

TEST(Loader, RulesApplyOnlyWithinTheirEffectiveDates) {
  RuleFolder folder;
  folder.write("decisions/d.yaml",
               "decisions:\n  - id: d\n    hit: first\n    output: {rate: int}\n    rules:\n"
               "      - {id: new, cite: \"1.1.1\", effective_from: 2026-01-01, then: {rate: "
               "\"2\"}, because: {zh: z, en: e}}\n"
               "      - {id: old, cite: \"1.1.1\", effective_to: 2025-12-31, then: {rate: \"1\"}, "
               "because: {zh: z, en: e}}\n");
  auto ruleset = folder.load_ok();
  ASSERT_NE(ruleset, nullptr);
  auto before = decide(*ruleset, "d", "{}", "2025-12-31");
  ASSERT_TRUE(before.ok()) << before.error().message;
  EXPECT_EQ(before.value().field("rate"), Value(1));
  EXPECT_EQ(rule_named(before.value().explain(Lang::kEn), "new")->status, "not_in_force");
  auto after = decide(*ruleset, "d", "{}", "2026-01-01");
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after.value().field("rate"), Value(2));
}

TEST(Loader, AllPolicyIgnoresRulesNotInForce) {
  RuleFolder folder;
  folder.write(
      "decisions/d.yaml",
      "decisions:\n  - id: d\n    hit: all\n    output: {pass: ok, failures: failed}\n    rules:\n"
      "      - {id: r, cite: \"1.1.1\", code: LATER, effective_from: 2027-01-01, require: "
      "\"false\", because: {zh: z, en: e}}\n");
  auto ruleset = folder.load_ok();
  ASSERT_NE(ruleset, nullptr);
  auto result = decide(*ruleset, "d", "{}", "2026-06-01");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result.value().field("ok"), Value(true));
  result = decide(*ruleset, "d", "{}", "2027-01-01");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result.value().field("failed").to_string(), "[LATER]");
}

TEST(Loader, BadEffectiveDateIsAnError) {
  RuleFolder folder;
  folder.write("decisions/d.yaml",
               "decisions:\n  - id: d\n    hit: first\n    output: {ok: bool}\n    rules:\n"
               "      - {id: r, cite: \"1.1.1\", effective_from: 2026-02-30, then: {ok: \"true\"}, "
               "because: {zh: z, en: e}}\n");
  EXPECT_TRUE(load_error(folder, "'2026-02-30' is not a valid date"));
}

// ---- hit policies
// ---------------------------------------------------------------------------------

constexpr const char* kScoreBands =
    "    rules:\n"
    "      - {id: high, cite: \"1.1.1\", when: \"candidate.score >= 80\", then: {band: '\"高\"'}, "
    "because: {zh: z, en: e}}\n"
    "      - {id: pass, cite: \"1.1.2\", when: \"candidate.score >= 60\", then: {band: "
    "'\"及格\"'}, because: {zh: z, en: e}}\n";

TEST(Loader, FirstPolicyTakesTheFirstApplyingRule) {
  RuleFolder folder;
  folder.write("decisions/d.yaml",
               std::string("decisions:\n  - id: d\n    hit: first\n    output: {band: string}\n") +
                   kScoreBands);
  auto ruleset = folder.load_ok();
  ASSERT_NE(ruleset, nullptr);
  auto r = decide(*ruleset, "d", "candidate: {score: 90}", "2026-01-01");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().field("band"), Value("高"));
  EXPECT_EQ(rule_named(r.value().explain(Lang::kEn), "pass")->status, "not_reached");
  auto none = decide(*ruleset, "d", "candidate: {score: 10}", "2026-01-01");
  ASSERT_FALSE(none.ok());
  EXPECT_TRUE(Contains(none.error().message, "no rule of d applies"));
}

TEST(Loader, UniquePolicyWithTwoApplyingRulesIsAnEvaluationError) {
  RuleFolder folder;
  folder.write("decisions/d.yaml",
               std::string("decisions:\n  - id: d\n    hit: unique\n    output: {band: string}\n") +
                   kScoreBands);
  auto ruleset = folder.load_ok();
  ASSERT_NE(ruleset, nullptr);
  auto one = decide(*ruleset, "d", "candidate: {score: 70}", "2026-01-01");
  ASSERT_TRUE(one.ok()) << one.error().message;
  EXPECT_EQ(one.value().field("band"), Value("及格"));
  auto two = decide(*ruleset, "d", "candidate: {score: 90}", "2026-01-01");
  ASSERT_FALSE(two.ok());
  EXPECT_TRUE(Contains(two.error().message, "high"));
  EXPECT_TRUE(Contains(two.error().message, "pass"));
  EXPECT_TRUE(Contains(two.error().message, "unique"));
}

TEST(Loader, CollectPolicyGathersEveryApplyingRule) {
  RuleFolder folder;
  folder.write(
      "decisions/d.yaml",
      std::string("decisions:\n  - id: d\n    hit: collect\n    output: {band: string}\n") +
          kScoreBands);
  auto ruleset = folder.load_ok();
  ASSERT_NE(ruleset, nullptr);
  auto both = decide(*ruleset, "d", "candidate: {score: 90}", "2026-01-01");
  ASSERT_TRUE(both.ok()) << both.error().message;
  EXPECT_EQ(both.value().field("band").to_string(), "[高, 及格]");
  auto none = decide(*ruleset, "d", "candidate: {score: 10}", "2026-01-01");
  ASSERT_TRUE(none.ok()) << none.error().message;
  ASSERT_EQ(none.value().field("band").kind(), Value::Kind::kList);
  EXPECT_TRUE(none.value().field("band").as_list().empty());
}

// The exception is written *after* the general rule, so plain `first` order would pick the
// general rule; `overrides` makes the exception win whenever it applies.
constexpr const char* kOverrides =
    "decisions:\n  - id: d\n    hit: first\n    output: {action: string}\n    rules:\n"
    "      - {id: general, cite: \"1.1.1\", then: {action: '\"renew\"'}, because: {zh: z, en: e}}\n"
    "      - id: exception\n"
    "        cite: \"1.1.2\"\n"
    "        overrides: general\n"
    "        when: candidate.score < 60\n"
    "        then: {action: '\"dismiss\"'}\n"
    "        because: {zh: z, en: e}\n";

TEST(Loader, OverridingRuleWinsUnderFirstRegardlessOfOrder) {
  RuleFolder folder;
  folder.write("decisions/d.yaml", kOverrides);
  auto ruleset = folder.load_ok();
  ASSERT_NE(ruleset, nullptr);
  auto low = decide(*ruleset, "d", "candidate: {score: 10}", "2026-01-01");
  ASSERT_TRUE(low.ok()) << low.error().message;
  EXPECT_EQ(low.value().field("action"), Value("dismiss"));
  auto rules = low.value().explain(Lang::kEn);
  EXPECT_EQ(rule_named(rules, "general")->status, "overridden");
  EXPECT_EQ(rule_named(rules, "exception")->status, "applied");
  EXPECT_TRUE(rule_named(rules, "exception")->decisive);

  auto high = decide(*ruleset, "d", "candidate: {score: 90}", "2026-01-01");
  ASSERT_TRUE(high.ok()) << high.error().message;
  EXPECT_EQ(high.value().field("action"), Value("renew"));
}

TEST(Loader, OverridesMustNameAnotherRule) {
  RuleFolder folder;
  std::string text = kOverrides;
  text.replace(text.find("overrides: general"), 18, "overrides: genral");
  folder.write("decisions/d.yaml", text);
  EXPECT_TRUE(load_error(folder, "overrides 'genral'"));
}

TEST(Loader, OverrideLoopIsAnError) {
  RuleFolder folder;
  folder.write("decisions/d.yaml",
               "decisions:\n  - id: d\n    hit: first\n    output: {ok: bool}\n    rules:\n"
               "      - {id: a, cite: \"1.1.1\", overrides: b, then: {ok: \"true\"}, because: {zh: "
               "z, en: e}}\n"
               "      - {id: b, cite: \"1.1.1\", overrides: a, then: {ok: \"false\"}, because: "
               "{zh: z, en: e}}\n");
  EXPECT_TRUE(load_error(folder, "loop"));
}

TEST(Loader, OverridesAreNotForAllPolicy) {
  RuleFolder folder;
  folder.write(
      "decisions/d.yaml",
      "decisions:\n  - id: d\n    hit: all\n    output: {pass: ok, failures: failed}\n    rules:\n"
      "      - {id: a, cite: \"1.1.1\", code: A, require: \"true\", because: {zh: z, en: e}}\n"
      "      - {id: b, cite: \"1.1.1\", code: B, overrides: a, require: \"true\", because: {zh: z, "
      "en: e}}\n");
  EXPECT_TRUE(load_error(folder, "not all"));
}

// ---- rule files given in memory (RuleSet::load_files)
// --------------------------------------------

// Every YAML file below `root`, as RuleFiles with paths relative to it.
std::vector<RuleFile> files_of(const std::filesystem::path& root) {
  std::vector<RuleFile> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    const std::filesystem::path& p = entry.path();
    if (!entry.is_regular_file() || (p.extension() != ".yaml" && p.extension() != ".yml")) continue;
    std::ifstream in(p, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    files.push_back({p.lexically_relative(root).generic_string(), std::move(text)});
  }
  return files;
}

TEST(MemoryLoader, HuzhouFromMemoryDecidesAsFromDisk) {
  const std::string folder = std::string(TIAOLI_SOURCE_DIR) + "/rules/huzhou";
  auto from_disk = RuleSet::load(folder);
  std::vector<RuleFile> files = files_of(folder);
  ASSERT_GE(files.size(), 20u);
  std::reverse(files.begin(), files.end());  // the order the files are given in does not matter
  auto from_memory = RuleSet::load_files(std::move(files));
  ASSERT_TRUE(from_disk.ok()) << format_diagnostics(from_disk.error().diagnostics);
  ASSERT_TRUE(from_memory.ok()) << format_diagnostics(from_memory.error().diagnostics);
  const RuleSet& disk = *from_disk.value();
  const RuleSet& memory = *from_memory.value();
  EXPECT_EQ(memory.content_hash(), disk.content_hash());
  EXPECT_EQ(memory.name(), disk.name());
  EXPECT_EQ(memory.version(), disk.version());
  EXPECT_EQ(format_diagnostics(memory.warnings()), format_diagnostics(disk.warnings()));
  ASSERT_EQ(memory.decisions().size(), disk.decisions().size());
  for (std::size_t i = 0; i < disk.decisions().size(); ++i)
    EXPECT_EQ(memory.decisions()[i].id, disk.decisions()[i].id);
  // Every sample case decides the same, justification included (the JSON names the content hash).
  int decided = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(TIAOLI_SOURCE_DIR) + "/samples/huzhou")) {
    if (entry.path().extension() != ".yaml") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::size_t at = text.find("\ndecision: ");
    ASSERT_NE(at, std::string::npos) << entry.path();
    at += 11;
    const std::string decision = text.substr(at, text.find('\n', at) - at);
    auto disk_facts = disk.parse_facts(text, FactsFormat::kYaml);
    auto memory_facts = memory.parse_facts(text, FactsFormat::kYaml);
    ASSERT_TRUE(disk_facts.ok() && memory_facts.ok()) << entry.path();
    auto a = disk.decide(decision, disk_facts.value());
    auto b = memory.decide(decision, memory_facts.value());
    ASSERT_EQ(a.ok(), b.ok()) << entry.path();
    if (!a.ok()) {
      EXPECT_EQ(b.error().message, a.error().message) << entry.path();
      continue;
    }
    EXPECT_EQ(b.value().to_json(Lang::kEn), a.value().to_json(Lang::kEn)) << entry.path();
    EXPECT_EQ(b.value().to_text(Lang::kZh), a.value().to_text(Lang::kZh)) << entry.path();
    ++decided;
  }
  EXPECT_GE(decided, 5);
}

TEST(MemoryLoader, FilesWrittenInCode) {
  auto loaded = RuleSet::load_files({{"ruleset.yaml", ruleset_yaml(false)},
                                     {"regulation.yaml", kRegulation},
                                     {"schema.yaml", kSchema},
                                     {"parameters.yaml", kParameters},
                                     {"decisions/eligibility.yaml", kEligibility}});
  ASSERT_TRUE(loaded.ok()) << format_diagnostics(loaded.error().diagnostics);
  EXPECT_EQ(loaded.value()->name(), "unit-rules");
  RuleFolder folder;  // the same files
  auto from_disk = folder.load_ok();
  ASSERT_TRUE(from_disk);
  EXPECT_EQ(loaded.value()->content_hash(), from_disk->content_hash());
}

TEST(MemoryLoader, ContentHashDependsOnRelativePathsNotOnTheFolder) {
  RuleFolder one;
  RuleFolder two;
  ASSERT_NE(one.path(), two.path());
  auto a = one.load_ok();
  auto b = two.load_ok();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->content_hash(), b->content_hash());
  // ... but moving a file inside the rule set changes it.
  two.remove("decisions/eligibility.yaml");
  two.write("decisions/moved.yaml", kEligibility);
  auto moved = two.load_ok();
  ASSERT_TRUE(moved);
  EXPECT_NE(moved->content_hash(), a->content_hash());
}

TEST(MemoryLoader, BrokenFileIsReportedWithItsPathLineAndColumn) {
  RuleFolder folder;
  folder.write("decisions/d.yaml", calc_decision("candidate.scor", "int"));
  std::vector<RuleFile> files = files_of(folder.path());
  auto loaded = RuleSet::load_files(files);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().message, "<memory>: 1 error");
  const Diagnostic* d = find_diagnostic(loaded.error().diagnostics, "scor");
  ASSERT_NE(d, nullptr) << format_diagnostics(loaded.error().diagnostics);
  EXPECT_EQ(d->file, "decisions/d.yaml");
  // The position is the one RuleSet::load reports for the folder.
  auto on_disk = load_error(folder, "scor");
  ASSERT_TRUE(on_disk);
  EXPECT_GT(d->line, 1);
  EXPECT_GT(d->column, 1);
  EXPECT_EQ(d->line, on_disk->line);
  EXPECT_EQ(d->column, on_disk->column);

  // A YAML syntax error too, in a file that only exists in memory.
  files.push_back({"./extra.yaml", "parameters:\n  x: [1, 2\n"});
  auto broken = RuleSet::load_files(files);
  ASSERT_FALSE(broken.ok());
  const Diagnostic* syntax = find_diagnostic(broken.error().diagnostics, "YAML syntax");
  ASSERT_NE(syntax, nullptr) << format_diagnostics(broken.error().diagnostics);
  EXPECT_EQ(syntax->file, "./extra.yaml");  // named as given
  EXPECT_EQ(syntax->line, 3);
  EXPECT_GT(syntax->column, 0);
  EXPECT_TRUE(Contains(format_diagnostics(broken.error().diagnostics), "./extra.yaml:3:"));
}

TEST(MemoryLoader, MissingRulesetYamlIsAnError) {
  RuleFolder folder;
  folder.remove("ruleset.yaml");
  auto loaded = RuleSet::load_files(files_of(folder.path()));
  ASSERT_FALSE(loaded.ok());
  const Diagnostic* d = find_diagnostic(loaded.error().diagnostics, "missing");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->file, "ruleset.yaml");
  EXPECT_TRUE(Contains(d->message, "ruleset.yaml"));

  auto nothing = RuleSet::load_files({});
  ASSERT_FALSE(nothing.ok());
  ASSERT_EQ(nothing.error().diagnostics.size(), 1u);
  EXPECT_EQ(nothing.error().diagnostics[0].file, "<memory>");
  EXPECT_TRUE(Contains(nothing.error().diagnostics[0].message, "no .yaml files"));
}

TEST(MemoryLoader, MissingSchemaNamesTheRuleSetAsAWhole) {
  RuleFolder folder;
  folder.remove("schema.yaml");
  auto loaded = RuleSet::load_files(files_of(folder.path()));
  ASSERT_FALSE(loaded.ok());
  const Diagnostic* d = find_diagnostic(loaded.error().diagnostics, "no `schema` section");
  ASSERT_NE(d, nullptr) << format_diagnostics(loaded.error().diagnostics);
  EXPECT_EQ(d->file, "<memory>");
}

TEST(MemoryLoader, PathsMustBeRelativeYamlFilesInsideTheRoot) {
  RuleFolder folder;
  const std::vector<RuleFile> good = files_of(folder.path());
  ASSERT_TRUE(RuleSet::load_files(good).ok());
  const std::pair<std::string, std::string> bad[] = {
      {"/etc/tiaoli/x.yaml", "relative to the rule-set root"},
      {"../outside.yaml", "relative to the rule-set root"},
      {"decisions/../../outside.yaml", "relative to the rule-set root"},
      {"decisions/", "relative to the rule-set root"},
      {"notes.txt", ".yaml or .yml"},
      {"decisions/./eligibility.yaml", "given twice"},
  };
  for (const auto& [path, needle] : bad) {
    std::vector<RuleFile> files = good;
    files.push_back({path, "parameters: {}\n"});
    auto loaded = RuleSet::load_files(files);
    ASSERT_FALSE(loaded.ok()) << path;
    const Diagnostic* d = find_diagnostic(loaded.error().diagnostics, needle);
    ASSERT_NE(d, nullptr) << path << ": " << format_diagnostics(loaded.error().diagnostics);
    EXPECT_EQ(d->file, path);
  }
  std::vector<RuleFile> unnamed = good;
  unnamed.push_back({"", "parameters: {}\n"});
  auto loaded = RuleSet::load_files(unnamed);
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(find_diagnostic(loaded.error().diagnostics, "relative to the rule-set root"));
}

TEST(MemoryLoader, SameLimitsAsAFolder) {
  RuleFolder folder;
  std::vector<RuleFile> files = files_of(folder.path());
  files.push_back({"big.yaml", std::string(5 * 1024 * 1024, '#')});
  auto loaded = RuleSet::load_files(files);
  ASSERT_FALSE(loaded.ok());
  const Diagnostic* d = find_diagnostic(loaded.error().diagnostics, "the limit is 4 MiB");
  ASSERT_NE(d, nullptr) << format_diagnostics(loaded.error().diagnostics);
  EXPECT_EQ(d->file, "big.yaml");
  EXPECT_TRUE(Contains(d->message, "5.0 MiB"));

  files.pop_back();
  for (int i = 0; i < 1000; ++i) files.push_back({"many/" + std::to_string(i) + ".yaml", ""});
  auto many = RuleSet::load_files(files);
  ASSERT_FALSE(many.ok());
  d = find_diagnostic(many.error().diagnostics, "more than 1000 YAML files");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->file, "<memory>");
}

TEST(MemoryLoader, RegulationFileMustBeAmongTheFiles) {
  RuleFolder folder;
  std::vector<RuleFile> files = files_of(folder.path());
  std::erase_if(files, [](const RuleFile& f) { return f.path == "regulation.yaml"; });
  files.push_back({"regulations.yaml", kRegulation});
  auto loaded = RuleSet::load_files(files);
  ASSERT_FALSE(loaded.ok());
  const Diagnostic* d = find_diagnostic(loaded.error().diagnostics, "does not exist");
  ASSERT_NE(d, nullptr) << format_diagnostics(loaded.error().diagnostics);
  EXPECT_EQ(d->file, "ruleset.yaml");
  EXPECT_GT(d->line, 0);
  EXPECT_TRUE(Contains(d->message, "did you mean 'regulations.yaml'"));
}

TEST(Loader, RegulationMustBeAYamlFileOfTheRuleSet) {
  RuleFolder folder;  // on disk, a regulation.txt beside the rules is not read
  folder.write("regulation.txt", kRegulation);
  folder.write("ruleset.yaml", "ruleset: {name: u, version: '1', regulation: regulation.txt}\n");
  auto d = load_error(folder, "is not a .yaml file");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->file, folder.file("ruleset.yaml"));
  EXPECT_EQ(d->line, 1);
}

// ---- the internal entry point
// ----------------------------------------------------------------------

TEST(Loader, LoadRuleSetFillsTheModel) {
  RuleFolder folder;
  detail::RuleSetModel model;
  detail::DiagnosticSink sink;
  detail::load_rule_set(folder.path(), model, sink);
  EXPECT_FALSE(sink.has_errors()) << format_diagnostics(sink.diagnostics());
  EXPECT_EQ(model.provision_order, (std::vector<std::string>{"1.1.1", "1.1.2", "1.1.3"}));
  ASSERT_NE(model.provision("1.1"), nullptr);
  EXPECT_EQ(model.provision("1.1.2")->text, "具有高中以上文化程度。");
  ASSERT_GE(model.find_param("hours_required"), 0);
  EXPECT_EQ(
      model.params[static_cast<std::size_t>(model.find_param("hours_required"))].versions.size(),
      2u);
}

}  // namespace
}  // namespace tiaoli::test

// ---- decision-level let
// --------------------------------------------------------------------------

namespace tiaoli::test {
namespace {

constexpr const char* kDecisionLets = R"(decisions:
  - id: band
    hit: first
    output: {band: string, doubled: int}
    let:
      score: candidate.score
      doubled: score * 2
      ratio_high: candidate.ratio > 0.5
    rules:
      - id: high
        cite: "1.1.1"
        when: doubled >= 100
        then: {band: '"high"', doubled: doubled}
        because: {zh: "分数{score}", en: "score {score}"}
      - id: ratio
        cite: "1.1.1"
        when: ratio_high
        then: {band: '"ratio"', doubled: doubled}
        because: {zh: "比例高", en: "high ratio"}
      - id: low
        cite: "1.1.1"
        then: {band: '"low"', doubled: doubled}
        because: {zh: "分数{score}", en: "score {score}"}
)";

TEST(DecisionLet, SharedByRulesAndCreditedWithTheFactsTheyRead) {
  RuleFolder folder;
  folder.write("decisions/band.yaml", kDecisionLets);
  auto ruleset = folder.load_ok();
  ASSERT_NE(ruleset, nullptr);
  auto decision =
      decide(*ruleset, "band", "candidate: {birth_date: 2000-01-01, education: 本科, score: 60}",
             "2026-03-15");
  ASSERT_TRUE(decision.ok()) << decision.error().message;
  EXPECT_EQ(decision.value().field("band"), Value("high"));
  EXPECT_EQ(decision.value().field("doubled"), Value(120));
  std::vector<RuleExplanation> rules = decision.value().explain(Lang::kEn);
  const RuleExplanation* high = rule_named(rules, "high");
  ASSERT_NE(high, nullptr);
  EXPECT_EQ(high->message, "score 60");
  ASSERT_EQ(high->facts.size(), 1u);
  EXPECT_EQ(high->facts[0].path, "candidate.score");
}

// `ratio_high` reads an optional field with no default: it would fail if computed, but the
// first rule decides, so the lazy let is never evaluated.
TEST(DecisionLet, ComputedOnlyWhenARuleUsesIt) {
  RuleFolder folder;
  folder.write("decisions/band.yaml", kDecisionLets);
  auto ruleset = folder.load_ok();
  ASSERT_NE(ruleset, nullptr);
  auto decided =
      decide(*ruleset, "band", "candidate: {birth_date: 2000-01-01, education: 本科, score: 60}",
             "2026-03-15");
  EXPECT_TRUE(decided.ok()) << decided.error().message;
  auto needs_ratio =
      decide(*ruleset, "band", "candidate: {birth_date: 2000-01-01, education: 本科, score: 10}",
             "2026-03-15");
  ASSERT_FALSE(needs_ratio.ok());
  EXPECT_TRUE(Contains(needs_ratio.error().message, "candidate.ratio"));
}

}  // namespace
}  // namespace tiaoli::test
