#include "eval/decide.hpp"

#include <cstddef>
#include <memory>
#include <span>

#include "eval/fast_program.hpp"

namespace tiaoli::detail {
namespace {

// `count` objects of type T, stored in place when at most kInline of them (the usual case), else
// on the heap.
template <class T, std::size_t kInline>
class FrameArray {
 public:
  explicit FrameArray(std::size_t count) : size_(count) {
    if (count > kInline) {
      heap_ = std::make_unique<T[]>(count);
      data_ = heap_.get();
    } else {
      data_ = std::uninitialized_value_construct_n(reinterpret_cast<T*>(storage_), count) - count;
    }
  }
  FrameArray(const FrameArray&) = delete;
  FrameArray& operator=(const FrameArray&) = delete;
  ~FrameArray() {
    if (!heap_) std::destroy_n(data_, size_);
  }
  std::span<T> span() { return {data_, size_}; }

 private:
  alignas(T) std::byte storage_[kInline * sizeof(T)];
  std::unique_ptr<T[]> heap_;
  T* data_ = nullptr;
  std::size_t size_;
};

// The working storage of one decision's evaluation: its slots, which decision-level lets are
// computed, each rule's state. It lives on the stack; a typical decision allocates nothing here.
class Frame {
 public:
  Frame(const RuleSetModel& model, const DecisionDef& def, const Record& facts, Date as_of,
        std::vector<std::shared_ptr<const Record>>& decision_outcomes)
      : slots_(static_cast<std::size_t>(def.slot_count)),
        lets_ready_(def.lets.size()),
        rule_states_(def.rules.size()),
        context_{model, facts, as_of, slots_.span(), decision_outcomes} {
    context_.decision = &def;
    context_.lets_ready = lets_ready_.span();
  }
  Frame(const Frame&) = delete;
  Frame& operator=(const Frame&) = delete;

  EvalContext& context() { return context_; }
  std::span<char> rule_states() { return rule_states_.span(); }

 private:
  FrameArray<Slot, 32> slots_;
  FrameArray<char, 64> lets_ready_;
  FrameArray<char, 64> rule_states_;
  EvalContext context_;
};

class DecisionRun {
 public:
  DecisionRun(const DecisionDef& def, Frame& frame, bool justify)
      : def_(def), context_(frame.context()), justify_(justify), state_(frame.rule_states()) {}

  std::shared_ptr<DecisionTrace> run(int index) {
    auto trace = std::make_shared<DecisionTrace>();
    trace->decision = index;
    trace->as_of = context_.as_of;
    Record* outcome = &trace->outcome;
    outcome->type = def_.output;
    outcome->fields.resize(def_.output->fields.size());
    if (justify_) traces_.resize(def_.rules.size());
    switch (def_.hit) {
      case HitPolicy::kAll:
        run_all(*outcome);
        break;
      case HitPolicy::kFirst:
        run_first(*outcome);
        break;
      case HitPolicy::kUnique:
        run_unique(*outcome);
        break;
      case HitPolicy::kCollect:
        run_collect(*outcome);
        break;
    }
    if (justify_) {
      for (std::size_t i = 0; i < def_.rules.size(); ++i) traces_[i].rule = static_cast<int>(i);
      trace->rules = std::move(traces_);
    }
    return trace;
  }

  // The rules that apply, for static analysis; a rule whose evaluation fails does not apply.
  std::vector<int> applying() {
    std::vector<int> result;
    for (std::size_t i = 0; i < def_.rules.size(); ++i) {
      try {
        if (applies(i)) result.push_back(static_cast<int>(i));
      } catch (const EvalFailure&) {
        state_[i] = kFails;
      }
    }
    return result;
  }

 private:
  enum State { kUnknown, kHolds, kFails, kOutOfForce };

  void set_status(std::size_t i, RuleStatus status) {
    if (justify_) traces_[i].status = status;
  }

  // Evaluates rule i's `let`s and condition once; later calls reuse the answer.
  State condition(std::size_t i) {
    if (state_[i] != kUnknown) return static_cast<State>(state_[i]);
    const RuleDef& rule = def_.rules[i];
    if (!rule.in_force_on(context_.as_of)) {
      set_status(i, RuleStatus::kNotInForce);
      return static_cast<State>(state_[i] = kOutOfForce);
    }
    context_.notes = justify_ ? &traces_[i].notes : nullptr;
    for (const LetBinding& let : rule.lets) {
      context_.slots[static_cast<std::size_t>(let.slot)].set(evaluate(*let.expr.root, context_));
    }
    bool holds = !rule.condition.root || evaluate_bool(*rule.condition.root, context_);
    context_.notes = nullptr;
    return static_cast<State>(state_[i] = holds ? kHolds : kFails);
  }

  // A rule applies when its condition holds and no rule that overrides it applies.
  bool applies(std::size_t i) {
    if (condition(i) != kHolds) {
      if (state_[i] == kFails) set_status(i, RuleStatus::kNotApplied);
      return false;
    }
    for (int by : def_.rules[i].overridden_by) {
      if (applies(static_cast<std::size_t>(by))) {
        set_status(i, RuleStatus::kOverridden);
        return false;
      }
    }
    return true;
  }

  void give_outcome(std::size_t i, Record& outcome, bool as_list) {
    const RuleDef& rule = def_.rules[i];
    context_.notes = justify_ ? &traces_[i].notes : nullptr;
    for (const auto& [field, expr] : rule.then) {
      const Type& type = *def_.output->fields[static_cast<std::size_t>(field)].type;
      Value v = conform(as_list ? *type.element : type, evaluate(*expr.root, context_));
      Value& slot = outcome.fields[static_cast<std::size_t>(field)];
      if (as_list) {
        auto list = std::make_shared<List>(slot.is_null() ? List{} : slot.as_list());
        list->push_back(std::move(v));
        slot = Value(std::shared_ptr<const List>(std::move(list)));
      } else {
        slot = std::move(v);
      }
    }
    context_.notes = nullptr;
    set_status(i, RuleStatus::kApplied);
  }

  void run_all(Record& outcome) {
    for (std::size_t i = 0; i < def_.rules.size(); ++i) {
      State state = condition(i);
      if (state == kOutOfForce) continue;
      set_status(i, state == kHolds ? RuleStatus::kHeld : RuleStatus::kFailed);
    }
    set_all_outcome(def_, outcome, [this](std::size_t i) { return state_[i] == kFails; });
  }

  void run_first(Record& outcome) {
    for (std::size_t i = 0; i < def_.rules.size(); ++i) {
      if (applies(i)) {
        give_outcome(i, outcome, false);
        return;
      }
    }
    throw EvalFailure{"no rule of " + def_.id + " applies to these facts on " +
                          context_.as_of.to_string() + " (a default rule without `when` would)",
                      ""};
  }

  void run_unique(Record& outcome) {
    std::size_t count = 0;
    std::size_t applying[2] = {0, 0};  // the first two rules that apply
    for (std::size_t i = 0; i < def_.rules.size(); ++i) {
      if (!applies(i)) continue;
      if (count < 2) applying[count] = i;
      ++count;
    }
    if (count == 0) {
      throw EvalFailure{
          "no rule of " + def_.id + " applies to these facts on " + context_.as_of.to_string(), ""};
    }
    if (count > 1) {
      throw EvalFailure{"rules " + def_.rules[applying[0]].id + " and " +
                            def_.rules[applying[1]].id + " of " + def_.id +
                            " both apply, but its hit policy is unique",
                        ""};
    }
    give_outcome(applying[0], outcome, false);
  }

  void run_collect(Record& outcome) {
    for (std::size_t i = 0; i < def_.rules.size(); ++i) {
      if (applies(i)) give_outcome(i, outcome, true);
    }
    for (Value& field : outcome.fields) {
      if (field.is_null()) field = Value(empty_list());
    }
  }

  const DecisionDef& def_;
  EvalContext& context_;
  bool justify_;
  std::span<char> state_;  // a State per rule
  std::vector<RuleTrace> traces_;
};

}  // namespace

const std::shared_ptr<const List>& empty_list() {
  static const auto empty = std::make_shared<const List>();
  return empty;
}

std::shared_ptr<DecisionTrace> run_fast(int decision, EvalContext& context) {
  const DecisionDef& def = context.model.decisions[static_cast<std::size_t>(decision)];
  if (!def.fast_program) return nullptr;
  auto trace = std::make_shared<DecisionTrace>();
  trace->decision = decision;
  trace->as_of = context.as_of;
  if (!run_fast_program(*def.fast_program, context, trace->outcome)) return nullptr;
  return trace;
}

std::shared_ptr<DecisionTrace> run_decision(int decision, EvalContext& context, bool justify) {
  const DecisionDef& def = context.model.decisions[static_cast<std::size_t>(decision)];
  Frame frame(context.model, def, context.facts, context.as_of, context.decision_outcomes);
  EvalContext& local = frame.context();
  local.parameter_overrides = context.parameter_overrides;
  local.budget = context.budget;
  auto trace = DecisionRun(def, frame, justify).run(decision);
  context.budget = local.budget;
  return trace;
}

std::shared_ptr<const Record> outcome_of(int decision, EvalContext& context) {
  if (context.decision_outcomes.empty())
    context.decision_outcomes.resize(context.model.decisions.size());
  auto& cached = context.decision_outcomes[static_cast<std::size_t>(decision)];
  if (!cached) {
    auto trace = run_decision(decision, context, false);
    trace->outcome.path =
        context.model.decisions[static_cast<std::size_t>(decision)].id;  // for errors
    cached = std::shared_ptr<const Record>(trace, &trace->outcome);  // shares the trace's lifetime
  }
  return cached;
}

std::vector<int> rules_that_apply(const RuleSetModel& model, int decision, const Record& facts,
                                  Date as_of) {
  const DecisionDef& def = model.decisions[static_cast<std::size_t>(decision)];
  std::vector<std::shared_ptr<const Record>> outcomes;  // sized on first use (decision refs)
  Frame frame(model, def, facts, as_of, outcomes);
  return DecisionRun(def, frame, false).applying();
}

RuleValues rule_values(const RuleSetModel& model, const DecisionTrace& trace, const RuleDef& rule) {
  const DecisionDef& def = model.decisions[static_cast<std::size_t>(trace.decision)];
  std::vector<std::shared_ptr<const Record>> outcomes;  // sized on first use (decision refs)
  Frame frame(model, def, *trace.facts, trace.as_of, outcomes);
  EvalContext& context = frame.context();
  context.parameter_overrides = &trace.parameter_overrides;
  auto try_evaluate = [&context](const Node& node) {
    try {
      return evaluate(node, context);
    } catch (const EvalFailure&) {
      return Value();
    }
  };
  for (const LetBinding& let : rule.lets) {
    if (let.expr.root)
      context.slots[static_cast<std::size_t>(let.slot)].set(try_evaluate(*let.expr.root));
  }
  RuleValues values;
  for (const FactPath& path : rule.facts_read) {
    const Record* record = trace.facts.get();
    Value value;
    for (std::size_t k = 0; k < path.fields.size() && record != nullptr; ++k) {
      value = record->fields[static_cast<std::size_t>(path.fields[k])];
      record = value.kind() == Value::Kind::kRecord ? &value.as_record() : nullptr;
    }
    values.facts.push_back(std::move(value));
  }
  for (const Expr& expr : rule.template_exprs) {
    values.template_values.push_back(expr.root ? try_evaluate(*expr.root) : Value());
  }
  return values;
}

const char* rule_status_name(RuleStatus status) {
  switch (status) {
    case RuleStatus::kHeld:
      return "held";
    case RuleStatus::kFailed:
      return "failed";
    case RuleStatus::kApplied:
      return "applied";
    case RuleStatus::kNotApplied:
      return "not_applied";
    case RuleStatus::kOverridden:
      return "overridden";
    case RuleStatus::kNotReached:
      return "not_reached";
    case RuleStatus::kNotInForce:
      return "not_in_force";
  }
  return "?";
}

}  // namespace tiaoli::detail
