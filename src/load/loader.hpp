// Entry point of loading: a rule-set folder into a model, problems into the sink.
#pragma once

#include <string>

#include "common/source.hpp"
#include "model/model.hpp"

namespace tiaoli::detail {

void load_rule_set(const std::string& path, RuleSetModel& model, DiagnosticSink& sink);

}  // namespace tiaoli::detail
