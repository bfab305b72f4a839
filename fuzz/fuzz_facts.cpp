// Fuzz target: the facts reader and evaluation against the Huzhou rule set. The input is parsed
// as a JSON facts document and as a YAML one (parse_facts); every document that binds is
// decided for every decision, with and without a justification, and rendered with to_text (zh,
// en) and to_json. When the document has no as_of, EvalOptions::as_of supplies one.
// Invariants: parsing and deciding never crash or throw; every Error has a message; to_json is
// valid JSON and the same when rendered twice; the outcome is the same with and without a
// justification.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "tiaoli/tiaoli.hpp"

namespace tiaoli::fuzz {
namespace {

std::shared_ptr<const RuleSet>& huzhou() {
  static std::shared_ptr<const RuleSet> rules = [] {
    auto loaded =
        RuleSet::load((std::filesystem::path(TIAOLI_SOURCE_DIR) / "rules/huzhou").string());
    if (!loaded.ok()) std::fputs(format_diagnostics(loaded.error().diagnostics).c_str(), stderr);
    TIAOLI_FUZZ_CHECK(loaded.ok(), "rules/huzhou loads");
    return loaded.value();
  }();
  return rules;
}

void decide_all(const RuleSet& rules, const Facts& facts) {
  for (const DecisionInfo& info : rules.decisions()) {
    EvalOptions with;
    if (!facts.as_of()) with.as_of = Date::from_ymd(2026, 3, 15);
    EvalOptions without = with;
    without.justify = false;
    auto justified = rules.decide(info.id, facts, with);
    auto bare = rules.decide(info.id, facts, without);
    TIAOLI_FUZZ_CHECK(justified.ok() == bare.ok(),
                      "justify does not change whether a decision succeeds");
    if (!justified.ok()) {
      TIAOLI_FUZZ_CHECK(!justified.error().message.empty(), "a failed decision has a message");
      TIAOLI_FUZZ_CHECK(justified.error().message == bare.error().message,
                        "justify does not change the error");
      continue;
    }
    const Decision& d = justified.value();
    TIAOLI_FUZZ_CHECK(d.outcome().fields == bare.value().outcome().fields,
                      "justify does not change the outcome");
    (void)d.to_text(Lang::kZh);
    (void)d.to_text(Lang::kEn);
    std::string json = d.to_json(Lang::kZh);
    TIAOLI_FUZZ_CHECK(nlohmann::json::accept(json), "to_json is valid JSON");
    TIAOLI_FUZZ_CHECK(json == d.to_json(Lang::kZh), "to_json is deterministic");
    std::string bare_json = bare.value().to_json(Lang::kEn);
    TIAOLI_FUZZ_CHECK(nlohmann::json::accept(bare_json),
                      "to_json without justification is valid JSON");
  }
}

}  // namespace

int facts(const std::uint8_t* data, std::size_t size) {
  const RuleSet& rules = *huzhou();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (FactsFormat format : {FactsFormat::kJson, FactsFormat::kYaml}) {
    auto parsed = rules.parse_facts(text, format);
    if (!parsed.ok()) {
      TIAOLI_FUZZ_CHECK(!parsed.error().message.empty(), "a facts error has a message");
      continue;
    }
    decide_all(rules, parsed.value());
  }
  return 0;
}

}  // namespace tiaoli::fuzz

#ifndef TIAOLI_FUZZ_NO_MAIN
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return tiaoli::fuzz::facts(data, size);
}
#endif
