// The expression tree. The parser builds it; the checker resolves names and types in place.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/types.hpp"
#include "tiaoli/value.hpp"

namespace tiaoli::detail {

struct EvalContext;  // eval/evaluator.hpp

enum class NodeKind {
  // Built by the parser.
  kLiteral,        // value
  kIdent,          // name
  kMember,         // children[0].name
  kCall,           // name(children...)
  kUnary,          // op children[0]
  kBinary,         // children[0] op children[1]
  kIf,             // if children[0] then children[1] else children[2]
  kList,           // [children...]
  kComprehension,  // name(var in children[0] where children[1] : children[2]); absent parts null
  // Resolved by the checker (kIdent/kMember/kCall become one of these).
  kFactRoot,     // index = root field of the facts record
  kParam,        // index = parameter
  kAsOf,         //
  kSlot,         // index = let binding or comprehension variable
  kField,        // children[0].fields[index]
  kDecisionRef,  // index = decision; the output record
  kFunction,     // index = function id
  kDecisionLet,  // index = the decision's `let`, var_slot = its slot; computed on first use
};

enum class Op {
  kNone,
  kNot,
  kNeg,
  kAnd,
  kOr,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kIn,
  kNotIn,
  kCoalesce,
};

enum class Aggregate { kAny, kAll, kCount, kSum, kFilter, kMin, kMax };

struct Node {
  NodeKind kind = NodeKind::kLiteral;
  int offset = 0;  // byte offset in the expression text
  int length = 0;
  std::string name;  // identifier, member, function or variable name
  Op op = Op::kNone;
  Aggregate aggregate = Aggregate::kAny;
  Value literal;
  std::vector<std::unique_ptr<Node>> children;
  int height = 1;  // levels below and including this node; bounded by the parser

  // Set by the checker.
  const Type* type = nullptr;
  int index = -1;             // see NodeKind
  int var_slot = -1;          // comprehension variable
  bool maybe_absent = false;  // reads an optional field (may be null at run time)
  std::string path;           // for fact reads: "candidate.birth_date", used in errors

  // Set by compile_expression (eval/compile.hpp), null where the node has no specialised form.
  // test: the node's bool value. key: its value as an integer that orders like the value
  // (ints; dates as days; enums by rank, or by index when unordered; bools as 0/1).
  bool (*test)(const Node&, EvalContext&) = nullptr;
  std::int64_t (*key)(const Node&, EvalContext&) = nullptr;
  std::int64_t constant_key = 0;  // a literal's key
  bool prefer_compiled = false;   // evaluate() calls test/key instead of interpreting the node
};

using NodePtr = std::unique_ptr<Node>;

const char* op_text(Op op);

}  // namespace tiaoli::detail
