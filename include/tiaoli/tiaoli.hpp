// tiaoli (条例): an embeddable rules engine for administrative regulations.
#pragma once

#include "tiaoli/batch.hpp"
#include "tiaoli/decision.hpp"
#include "tiaoli/fact_value.hpp"
#include "tiaoli/generated.hpp"
#include "tiaoli/native.hpp"
#include "tiaoli/reload.hpp"
#include "tiaoli/result.hpp"
#include "tiaoli/ruleset.hpp"
#include "tiaoli/value.hpp"
