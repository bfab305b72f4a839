// Fuzz target: the expression parser, type checker and evaluator, directly (no YAML around them).
// Input: byte 0 chooses the context — which Huzhou decision the expression belongs to (so
// decision("...") references and cycles are checked as in that decision) and whether a boolean
// is expected (as for `when`/`require`) or any type (as for `let`); the rest is the expression
// text. Two `let` bindings are in scope, as in a rule: `age` (int) and `start` (date).
// Invariants: parse/check never crash; a parse or check error has a message and an offset inside
// the text; an expression that checks evaluates without crashing, either to a value of its type
// or to an EvalFailure (bad facts, a date outside the calendar, the step budget); interpreted and
// compiled, it gives the same value or error and spends the same steps; and as the output of a
// one-rule decision, the outcome-only fast path (eval/fast_program.hpp) either gives up or gives
// the interpreter's value, charging at least the steps the interpreter spent.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/checker.hpp"
#include "eval/compile.hpp"
#include "eval/evaluator.hpp"
#include "eval/fast_program.hpp"
#include "expr/parser.hpp"
#include "facts/facts_reader.hpp"
#include "fuzz_support.hpp"
#include "tiaoli/tiaoli.hpp"

namespace tiaoli::fuzz {
namespace {

// Every record of the Huzhou schema, so that any field access has a value.
constexpr std::string_view kFacts = R"(as_of: 2026-03-31
candidate:
  birth_date: 1990-02-28
  education: 高中
  political_quality: true
  law_abiding: true
  good_conduct: true
  familiar_with_locality: true
  communication_ability: true
  health_fit: true
  annual_grades: [{year: 2024, grade: 不合格}, {year: 2025, grade: 合格}]
worker:
  birth_date: 1985-07-01
  contract_start: 2025-03-01
  contract_term_years: 1
  training: [{date: 2026-01-10, hours: 8, method: 集中培训}, {date: 2026-02-10, hours: 12.5, method: 在线学习}]
  annual_grades: [{year: 2025, grade: 优秀}]
  incidents: [{date: 2026-02-01, kind: 失误, severity: 轻微}]
  equipment: [电脑, 手机, 工作证件]
  workplace_provided: true
  pay: {base: 3000, performance: 1200, paid_on_time: true}
  social_insurance_paid: true
publicity: {start: 2026-03-02, objections: 0}
)";

struct Context {
  std::shared_ptr<const RuleSet> rules;
  Facts facts;
};

Context& context() {
  static Context* instance = [] {
    auto loaded =
        RuleSet::load((std::filesystem::path(TIAOLI_SOURCE_DIR) / "rules/huzhou").string());
    if (!loaded.ok()) std::fputs(format_diagnostics(loaded.error().diagnostics).c_str(), stderr);
    TIAOLI_FUZZ_CHECK(loaded.ok(), "rules/huzhou loads");
    auto facts = loaded.value()->parse_facts(kFacts, FactsFormat::kYaml);
    TIAOLI_FUZZ_CHECK(facts.ok(), "the expression fuzzer's facts bind");
    return new Context{loaded.value(), facts.value()};
  }();
  return *instance;
}

detail::NodePtr literal(Value value, const detail::Type* type) {
  auto node = std::make_unique<detail::Node>();
  node->literal = std::move(value);
  node->type = type;
  return node;
}

// `root` as the `then` of the one rule of a `first` decision whose lets bind `age` and `start`
// as the interpreter's slots held them, decided by the fast path. When the fast path decides, the
// interpreter succeeded (`value`) with the same value; and given one step fewer than the
// interpreter spent (`steps`), it gives up: its bound covers the interpreter's count.
void check_fast_path(const detail::RuleSetModel& model, detail::NodePtr root, int age_slot,
                     int start_slot, int slot_count, const std::optional<std::string>& value,
                     int steps) {
  detail::RecordInfo output;
  output.name = "fuzz_output";
  output.fields.emplace_back();
  output.fields[0].name = "value";
  output.fields[0].type = root->type;
  detail::DecisionDef def;
  def.id = "fuzz";
  def.hit = detail::HitPolicy::kFirst;
  def.output = &output;
  def.slot_count = slot_count;
  detail::RuleDef& rule = def.rules.emplace_back();
  rule.id = "fuzz";
  rule.lets.push_back({"age", age_slot, {literal(Value(36), model.types.integer()), "36"}});
  rule.lets.push_back(
      {"start",
       start_slot,
       {literal(Value(Date::from_ymd(2025, 3, 1)), model.types.date()), "2025-03-01"}});
  rule.then.emplace_back(0, detail::Expr{std::move(root), ""});
  auto program = detail::compile_fast_program(model, def);
  if (!program) return;
  auto decide = [&](int budget, Record& outcome) {
    std::vector<detail::Slot> no_slots;
    std::vector<std::shared_ptr<const Record>> outcomes;
    const detail::BoundFacts& bound = context().facts.bound();
    detail::EvalContext eval{model, *bound.record, *bound.as_of, no_slots, outcomes};
    eval.budget = budget;
    return detail::run_fast_program(*program, eval, outcome);
  };
  Record outcome;
  if (decide(20000, outcome)) {
    TIAOLI_FUZZ_CHECK(value.has_value(), "the fast path decides only what the interpreter can");
    TIAOLI_FUZZ_CHECK(outcome.fields.size() == 1 && outcome.fields[0].to_string() == *value,
                      "the fast path and the interpreter agree");
    if (steps > 0)
      TIAOLI_FUZZ_CHECK(!decide(steps - 1, outcome),
                        "the fast path's step bound covers the interpreter's steps");
  }
}

}  // namespace

int expression(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  Context& ctx = context();
  // The checker interns list types in the model's type table (bounded: one per element type);
  // nothing else in the model changes, and the fuzzer runs one input at a time.
  auto& model = const_cast<detail::RuleSetModel&>(ctx.rules->model());
  int decision = (data[0] & 0x7f) % static_cast<int>(model.decisions.size());
  bool want_bool = (data[0] & 0x80) != 0;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  detail::ParseOutput parsed = detail::parse_expression(text);
  if (!parsed.root) {
    TIAOLI_FUZZ_CHECK(!parsed.error.message.empty(), "a parse error has a message");
    TIAOLI_FUZZ_CHECK(
        parsed.error.offset >= 0 && static_cast<std::size_t>(parsed.error.offset) <= text.size(),
        "a parse error's offset is inside the text");
    return 0;
  }

  int next_slot = 0;
  detail::Scope scope(&next_slot);
  int age_slot = scope.bind("age", model.types.integer(), false);
  int start_slot = scope.bind("start", model.types.date(), false);
  detail::Usage usage;
  detail::Checker checker(model, decision);
  checker.check(*parsed.root, scope, want_bool ? model.types.boolean() : nullptr, usage);
  if (!checker.errors().empty()) {
    for (const detail::CheckError& error : checker.errors()) {
      TIAOLI_FUZZ_CHECK(!error.message.empty(), "a check error has a message");
      TIAOLI_FUZZ_CHECK(error.offset >= 0 && static_cast<std::size_t>(error.offset) <= text.size(),
                        "a check error's offset is inside the text");
    }
    return 0;
  }
  TIAOLI_FUZZ_CHECK(parsed.root->type != nullptr, "a checked expression has a type");
  detail::collect_fact_paths(*parsed.root, usage);

  // Evaluated twice: interpreted, then compiled (as the loader does); both must agree on the
  // value or the error, and on the evaluation steps spent.
  struct Outcome {
    std::string value;
    std::string error;
    int budget_left = 0;
  };
  auto run = [&]() {
    std::vector<detail::Slot> slots(static_cast<std::size_t>(next_slot));
    slots[static_cast<std::size_t>(age_slot)].set(Value(36));
    slots[static_cast<std::size_t>(start_slot)].set(Value(Date::from_ymd(2025, 3, 1)));
    std::vector<std::shared_ptr<const Record>> outcomes(model.decisions.size());
    std::vector<std::string> notes;
    const detail::BoundFacts& bound = ctx.facts.bound();
    detail::EvalContext eval{model, *bound.record, *bound.as_of, slots, outcomes, &notes};
    eval.budget = 20000;
    Outcome outcome;
    try {
      Value value = detail::evaluate(*parsed.root, eval);
      outcome.value = value.to_string();
      if (want_bool)
        TIAOLI_FUZZ_CHECK(value.kind() == Value::Kind::kBool, "a boolean expression gives a bool");
    } catch (const detail::EvalFailure& failure) {
      TIAOLI_FUZZ_CHECK(!failure.message.empty(), "an evaluation failure has a message");
      outcome.error = failure.message;
    }
    outcome.budget_left = eval.budget;
    return outcome;
  };
  Outcome interpreted = run();
  detail::compile_expression(*parsed.root);
  Outcome compiled = run();
  TIAOLI_FUZZ_CHECK(interpreted.value == compiled.value, "compiled and interpreted values agree");
  TIAOLI_FUZZ_CHECK(interpreted.error == compiled.error, "compiled and interpreted errors agree");
  if (interpreted.error.empty())
    TIAOLI_FUZZ_CHECK(interpreted.budget_left == compiled.budget_left,
                      "compiled and interpreted evaluations spend the same steps");
  check_fast_path(model, std::move(parsed.root), age_slot, start_slot, next_slot,
                  interpreted.error.empty() ? interpreted.value : std::optional<std::string>(),
                  20000 - interpreted.budget_left);
  return 0;
}

}  // namespace tiaoli::fuzz

#ifndef TIAOLI_FUZZ_NO_MAIN
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return tiaoli::fuzz::expression(data, size);
}
#endif
