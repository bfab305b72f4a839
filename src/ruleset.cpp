// The public API: RuleSet, Facts and Decision.
#include "tiaoli/ruleset.hpp"

#include "eval/decide.hpp"
#include "eval/fast_program.hpp"
#include "facts/facts_reader.hpp"
#include "load/loader.hpp"

namespace tiaoli {

using detail::BoundFacts;
using detail::RuleSetModel;

Facts::Facts(std::shared_ptr<const BoundFacts> bound) : bound_(std::move(bound)) {}
std::optional<Date> Facts::as_of() const { return bound_->as_of; }
const std::string& Facts::id() const { return bound_->id; }

RuleSet::RuleSet(std::unique_ptr<RuleSetModel> model) : model_(std::move(model)) {}
RuleSet::~RuleSet() = default;

namespace {

// Runs `load(model, sink)` and makes the result: the rule set, or every problem found, the error
// message naming the rule set as `origin` (its folder, or "<memory>").
template <typename Load>
Result<std::shared_ptr<const RuleSet>> load_with(const std::string& origin, Load&& load) {
  auto model = std::make_unique<RuleSetModel>();
  detail::DiagnosticSink sink;
  try {
    load(*model, sink);
  } catch (const std::exception& e) {  // a fault of the loader itself, never of the rules
    sink.error_in(origin, std::string("internal error while loading: ") + e.what());
  }
  if (sink.has_errors()) {
    Error error;
    std::size_t count = 0;
    for (const Diagnostic& d : sink.diagnostics()) count += d.severity == Severity::kError ? 1 : 0;
    error.message = origin + ": " + std::to_string(count) + (count == 1 ? " error" : " errors");
    error.diagnostics = std::move(sink.diagnostics());
    return error;
  }
  model->warnings = std::move(sink.diagnostics());
  return std::shared_ptr<const RuleSet>(std::make_shared<RuleSet>(std::move(model)));
}

}  // namespace

Result<std::shared_ptr<const RuleSet>> RuleSet::load(const std::string& path) {
  return load_with(path, [&](RuleSetModel& model, detail::DiagnosticSink& sink) {
    detail::load_rule_set(path, model, sink);
  });
}

Result<std::shared_ptr<const RuleSet>> RuleSet::load_files(std::vector<RuleFile> files) {
  return load_with(detail::kMemoryRuleSetName,
                   [&](RuleSetModel& model, detail::DiagnosticSink& sink) {
                     detail::load_rule_files(std::move(files), model, sink);
                   });
}

const std::string& RuleSet::name() const { return model_->name; }
const std::string& RuleSet::title() const { return model_->title; }
const std::string& RuleSet::version() const { return model_->version; }
const std::string& RuleSet::content_hash() const { return model_->content_hash; }
const std::vector<Diagnostic>& RuleSet::warnings() const { return model_->warnings; }

std::vector<DecisionInfo> RuleSet::decisions() const {
  std::vector<DecisionInfo> infos;
  for (const detail::DecisionDef& d : model_->decisions) {
    infos.push_back(DecisionInfo{d.id, d.title_zh, d.title_en, detail::hit_policy_name(d.hit)});
  }
  return infos;
}

namespace {

// The facts `read` binds, or its error; a fault while reading (such as running out of memory) is
// an error too.
template <class Read>
Result<Facts> facts_from(Read&& read) {
  try {
    Result<std::shared_ptr<const BoundFacts>> bound = read();
    if (!bound.ok()) return bound.error();
    return Facts(std::move(bound.value()));
  } catch (const std::exception& e) {
    return Error{std::string("facts: ") + e.what(), "", {}};
  }
}

}  // namespace

Result<Facts> detail::facts_from_json(const RuleSetModel& model, std::string_view text,
                                      JsonInput input) {
  return facts_from([&] { return read_json_facts(model, text, input); });
}

Result<Facts> RuleSet::parse_facts(std::string_view text, FactsFormat format) const {
  if (format == FactsFormat::kJson) return detail::facts_from_json(*model_, text, {});
  return facts_from([&]() -> Result<std::shared_ptr<const BoundFacts>> {
    auto json = detail::parse_yaml_document(text);
    if (!json.ok()) return json.error();
    return detail::bind_facts(*model_, json.value());
  });
}

Result<Facts> RuleSet::make_facts(const FactValue& document) const {
  auto bound = detail::bind_facts(*model_, document);
  if (!bound.ok()) return bound.error();
  return Facts(std::move(bound.value()));
}

namespace {

std::string unknown_decision(const RuleSetModel& model, std::string_view decision_id) {
  std::string known;
  for (const detail::DecisionDef& d : model.decisions) known += (known.empty() ? "" : ", ") + d.id;
  return "unknown decision '" + std::string(decision_id) + "' (this rule set has: " + known + ")";
}

// Checks a case and reads its "what if" parameters, then runs `run(context, overrides)` for it,
// turning evaluation failures into errors. Out: Result<Decision> or Status.
template <class Out, class Run>
Out decide_case(const RuleSetModel& model, const Facts& facts, const EvalOptions& options,
                Run&& run) {
  if (facts.bound().model != &model) {
    return Error{
        "these facts were read by another rule set (a reload replaced it?); read them again with "
        "this one",
        "",
        {}};
  }
  std::optional<Date> as_of = options.as_of ? options.as_of : facts.as_of();
  if (!as_of) return Error{"no evaluation date: give as_of in the facts or --as-of", "as_of", {}};
  std::vector<Value> overrides;
  for (const auto& [name, text] : options.parameters) {
    int param = model.find_param(name);
    if (param < 0) return Error{"unknown parameter '" + name + "'", "", {}};
    auto json = detail::parse_yaml_document(text);
    if (!json.ok()) return Error{"parameter " + name + ": " + json.error().message, "", {}};
    try {
      overrides.resize(model.params.size());
      overrides[static_cast<std::size_t>(param)] = detail::bind_value(
          *model.params[static_cast<std::size_t>(param)].type, json.value(), "parameter " + name);
    } catch (const detail::FactError& e) {
      return Error{e.message, "", {}};
    }
  }
  std::vector<detail::Slot> no_slots;
  std::vector<std::shared_ptr<const Record>> outcomes;  // sized on first use (decision refs)
  detail::prefetch(facts.bound().memory);
  detail::EvalContext context{model, *facts.bound().record, *as_of, no_slots, outcomes};
  context.parameter_overrides = &overrides;
  context.budget = options.max_steps;
  try {
    return run(context, overrides);
  } catch (const detail::EvalFailure& failure) {
    return Error{failure.message, failure.field, {}};
  } catch (const std::exception& e) {
    return Error{std::string("internal error while deciding: ") + e.what(), "", {}};
  }
}

// `ruleset` by value: moved into the Decision, so its reference count is updated once a decision.
Result<Decision> decide_index(std::shared_ptr<const RuleSet> ruleset, int decision,
                              const Facts& facts, const EvalOptions& options) {
  return decide_case<Result<Decision>>(
      ruleset->model(), facts, options,
      [&](detail::EvalContext& context, std::vector<Value>& overrides) -> Result<Decision> {
        bool fast = !options.justify && overrides.empty();
        auto trace = fast ? detail::run_fast(decision, context) : nullptr;
        if (!trace) trace = detail::run_decision(decision, context, options.justify);
        trace->parameter_overrides = std::move(overrides);
        if (options.justify) trace->facts = facts.bound().record;
        return Decision(std::move(ruleset), std::move(trace));
      });
}

}  // namespace

Result<Decision> RuleSet::decide(std::string_view decision_id, const Facts& facts,
                                 const EvalOptions& options) const {
  int index = model_->find_decision(decision_id);
  if (index < 0) return Error{unknown_decision(*model_, decision_id), "", {}};
  return decide_index(shared_from_this(), index, facts, options);
}

Result<PreparedDecision> RuleSet::prepare(std::string_view decision_id) const {
  int index = model_->find_decision(decision_id);
  if (index < 0) return Error{unknown_decision(*model_, decision_id), "", {}};
  return PreparedDecision(shared_from_this(), index);
}

PreparedDecision::PreparedDecision(std::shared_ptr<const RuleSet> ruleset, int decision)
    : ruleset_(std::move(ruleset)), decision_(decision) {}

const std::string& PreparedDecision::id() const {
  return ruleset_->model().decisions[static_cast<std::size_t>(decision_)].id;
}

Result<Decision> PreparedDecision::decide(const Facts& facts, const EvalOptions& options) const {
  return decide_index(ruleset_, decision_, facts, options);
}

Status PreparedDecision::decide_outcome(const Facts& facts, Record& outcome,
                                        const EvalOptions& options) const {
  const detail::DecisionDef& def = ruleset_->model().decisions[static_cast<std::size_t>(decision_)];
  return decide_case<Status>(
      ruleset_->model(), facts, options,
      [&](detail::EvalContext& context, std::vector<Value>& overrides) -> Status {
        if (def.fast_program && overrides.empty() &&
            detail::run_fast_program(*def.fast_program, context, outcome)) {
          outcome.path.clear();
          return {};
        }
        outcome = std::move(detail::run_decision(decision_, context, false)->outcome);
        return {};
      });
}

Decision::Decision(std::shared_ptr<const RuleSet> ruleset,
                   std::shared_ptr<const detail::DecisionTrace> trace)
    : ruleset_(std::move(ruleset)), trace_(std::move(trace)) {}

const std::string& Decision::decision_id() const {
  return ruleset_->model().decisions[static_cast<std::size_t>(trace_->decision)].id;
}
Date Decision::as_of() const { return trace_->as_of; }
const Record& Decision::outcome() const { return trace_->outcome; }

Value Decision::field(std::string_view name) const {
  const Record& record = trace_->outcome;
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    if (record.field_name(i) == name) return record.fields[i];
  }
  return Value();
}

}  // namespace tiaoli
