// Running code written by `tiaoli codegen`, with the engine for what it cannot decide.
#include "tiaoli/generated.hpp"

#include "eval/decide.hpp"
#include "facts/facts_memory.hpp"
#include "facts/facts_reader.hpp"
#include "model/model.hpp"
#include "time/dates.hpp"

namespace tiaoli {

GeneratedDecision::GeneratedDecision(PreparedDecision engine, std::string_view generated_from,
                                     GeneratedFunction code)
    : engine_(std::move(engine)),
      code_(code),
      current_(code != nullptr && engine_.ruleset().content_hash() == generated_from),
      model_(&engine_.ruleset().model()),
      output_(model_->decisions[static_cast<std::size_t>(engine_.index())].output),
      output_fields_(output_->fields.size()) {}

bool GeneratedDecision::decide_generated(const Facts& facts, Date as_of, Record& outcome) const {
  return run(facts, as_of, EvalOptions{}.max_steps, outcome);
}

bool GeneratedDecision::run(const Facts& facts, Date as_of, std::int64_t max_steps,
                            Record& outcome) const {
  if (!current_ || facts.bound().model != model_) return false;
  detail::prefetch(facts.bound().memory);  // as RuleSet::decide does
  outcome.type = output_;
  if (outcome.fields.size() != output_fields_) outcome.fields.resize(output_fields_);
  if (!outcome.path.empty()) outcome.path.clear();
  try {
    return code_(*facts.bound().record, as_of, max_steps, outcome);
  } catch (const std::exception&) {
    return false;  // the engine reports it
  }
}

Status GeneratedDecision::decide_outcome(const Facts& facts, Record& outcome) const {
  static const EvalOptions kDefaults = EvalOptions::outcome_only();  // made once, not per call
  return decide_outcome(facts, outcome, kDefaults);
}

Status GeneratedDecision::decide_outcome(const Facts& facts, Record& outcome,
                                         const EvalOptions& options) const {
  std::optional<Date> as_of = options.as_of ? options.as_of : facts.as_of();
  if (as_of && options.parameters.empty() && run(facts, *as_of, options.max_steps, outcome))
    return {};
  return engine_.decide_outcome(facts, outcome, options);
}

namespace generated {

std::int64_t completed_years(std::int64_t birth, std::int64_t on, bool day_after_birthday) {
  return time::completed_years_from_days(birth, on,
                                         day_after_birthday ? time::AgeConvention::kDayAfterBirthday
                                                            : time::AgeConvention::kOnBirthday);
}

Value empty_list() { return Value(detail::empty_list()); }

std::int64_t date_part(std::int64_t days, int part) { return time::date_part_of_days(days, part); }

bool shift_days_within_range(std::int64_t days, std::int64_t by, std::int64_t* shifted) {
  return !__builtin_add_overflow(days, by, shifted) && time::day_in_date_range(*shifted);
}

std::int64_t shift_days(std::int64_t days, std::int64_t by) {
  std::int64_t shifted = 0;
  if (!shift_days_within_range(days, by, &shifted)) needs_engine();
  return shifted;
}

Value enum_output(const Record& outcome, std::size_t field, std::int32_t index) {
  return Value(EnumValue{outcome.type->fields[field].type->enum_info, index});
}

}  // namespace generated
}  // namespace tiaoli
