// Resolves names and checks types of expressions against the schema, in place.
#pragma once

#include <string>
#include <vector>

#include "expr/ast.hpp"
#include "model/model.hpp"

namespace tiaoli::detail {

struct CheckError {
  int offset = 0;
  std::string message;
};

struct Usage;

// Names visible to an expression: a rule's `let` bindings and comprehension variables.
class Scope {
 public:
  struct Binding {
    std::string name;
    const Type* type;
    int slot;
    bool maybe_absent;
    int decision_let = -1;         // a decision-level let: its index, evaluated lazily
    const Usage* usage = nullptr;  // what that let reads, credited to the rules using it
  };
  // `next_slot` is shared by all scopes of one decision so every binding gets its own slot.
  explicit Scope(int* next_slot) : next_slot_(next_slot) {}
  int bind(std::string name, const Type* type, bool maybe_absent);
  void bind_decision_let(std::string name, const Type* type, bool maybe_absent, int index, int slot,
                         const Usage* usage);
  void unbind() { bindings_.pop_back(); }
  const Binding* find(std::string_view name) const;

 private:
  std::vector<Binding> bindings_;
  int* next_slot_;
};

// What an expression reads, gathered while checking: for justifications and static analysis.
struct Usage {
  std::vector<FactPath> facts;
  std::vector<int> params;
  std::vector<int> decisions;
  bool calendar = false;
};

class Checker {
 public:
  Checker(RuleSetModel& model, int current_decision) : model_(model), current_(current_decision) {}

  // Checks `root`; on success its type is set. `expected` (optional) is the type it must have.
  void check(Node& root, Scope& scope, const Type* expected, Usage& usage);
  std::vector<CheckError>& errors() { return errors_; }

 private:
  const Type* visit(Node& node, Scope& scope, Usage& usage);
  const Type* ident(Node& node, Scope& scope, Usage& usage);
  const Type* member(Node& node, Scope& scope, Usage& usage);
  const Type* call(Node& node, Scope& scope, Usage& usage);
  const Type* unary(Node& node, Scope& scope, Usage& usage);
  const Type* binary(Node& node, Scope& scope, Usage& usage);
  const Type* arithmetic(Node& node, const Type* left, const Type* right);
  const Type* comparison(Node& node, const Type* left, const Type* right);
  const Type* membership(Node& node, const Type* left, const Type* right);
  const Type* conditional(Node& node, Scope& scope, Usage& usage);
  const Type* list(Node& node, Scope& scope, Usage& usage);
  const Type* comprehension(Node& node, Scope& scope, Usage& usage);

  // Literal strings compared with enums become enum values here.
  bool coerce_to(Node& node, const Type* target);
  const Type* unify(const Type* a, const Type* b) const;
  const Type* fail(const Node& node, std::string message);
  std::string suggest(std::string_view name, const std::vector<std::string>& candidates) const;

  RuleSetModel& model_;
  int current_;
  std::vector<CheckError> errors_;
};

// Adds what `from` reads to `into`, without duplicates.
void merge_usage(Usage& into, const Usage& from);

// Gathers the fact paths an expression reads (after checking) into `usage`.
void collect_fact_paths(const Node& node, Usage& usage);

}  // namespace tiaoli::detail
