// Shared by the fuzz targets and tests/regression_test.cpp: each target's body is a function
// (tiaoli::fuzz::*) that the libFuzzer entry point and the regression test both call, so a saved
// crash input replays through exactly the code path that found it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// An invariant of the engine that a fuzz input broke. Aborts, so libFuzzer saves the input and
// the regression test fails loudly.
#define TIAOLI_FUZZ_CHECK(cond, what)                                                       \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      std::fprintf(stderr, "tiaoli fuzz invariant failed: %s (%s) at %s:%d\n", what, #cond, \
                   __FILE__, __LINE__);                                                     \
      std::abort();                                                                         \
    }                                                                                       \
  } while (0)

namespace tiaoli::fuzz {

// Bytes -> one rule file written into a temporary rule-set folder (beside a minimal valid base,
// or over one of its files, chosen by the first byte), then RuleSet::load.
int ruleset_loader(const std::uint8_t* data, std::size_t size);
// Bytes -> one expression parsed and type-checked against the Huzhou model in the context of one
// of its decisions (first byte), then evaluated against sample facts when it checks.
int expression(const std::uint8_t* data, std::size_t size);
// Bytes -> parse_facts as JSON and as YAML against the Huzhou rule set; every decision decided
// with and without justification, rendered as text and JSON.
int facts(const std::uint8_t* data, std::size_t size);

}  // namespace tiaoli::fuzz
