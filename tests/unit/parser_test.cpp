// The expression parser: precedence, the expression forms of the rule language, and errors
// with offsets (including the nesting limit).
#include "expr/parser.hpp"

#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"

namespace tiaoli::detail {
namespace {

using test::Contains;

const char* aggregate_name(Aggregate a) {
  switch (a) {
    case Aggregate::kAny:
      return "any";
    case Aggregate::kAll:
      return "all";
    case Aggregate::kCount:
      return "count";
    case Aggregate::kSum:
      return "sum";
    case Aggregate::kFilter:
      return "filter";
    case Aggregate::kMin:
      return "min";
    case Aggregate::kMax:
      return "max";
  }
  return "?";
}

// A fully parenthesised rendering of a tree, to check its shape.
std::string show(const Node* node) {
  if (node == nullptr) return "_";
  switch (node->kind) {
    case NodeKind::kLiteral:
      if (node->literal.kind() == Value::Kind::kString)
        return "\"" + node->literal.as_string() + "\"";
      if (node->literal.kind() == Value::Kind::kDuration)
        return "<" + node->literal.to_string() + ">";
      if (node->literal.kind() == Value::Kind::kDate) return "#" + node->literal.to_string();
      return node->literal.to_string();
    case NodeKind::kIdent:
      return node->name;
    case NodeKind::kMember:
      return show(node->children[0].get()) + "." + node->name;
    case NodeKind::kCall: {
      std::string s = node->name + "(";
      for (std::size_t i = 0; i < node->children.size(); ++i)
        s += (i ? ", " : "") + show(node->children[i].get());
      return s + ")";
    }
    case NodeKind::kUnary:
      return std::string("(") + op_text(node->op) + " " + show(node->children[0].get()) + ")";
    case NodeKind::kBinary:
      return "(" + show(node->children[0].get()) + " " + op_text(node->op) + " " +
             show(node->children[1].get()) + ")";
    case NodeKind::kIf:
      return "(if " + show(node->children[0].get()) + " then " + show(node->children[1].get()) +
             " else " + show(node->children[2].get()) + ")";
    case NodeKind::kList: {
      std::string s = "[";
      for (std::size_t i = 0; i < node->children.size(); ++i)
        s += (i ? ", " : "") + show(node->children[i].get());
      return s + "]";
    }
    case NodeKind::kComprehension:
      return std::string(aggregate_name(node->aggregate)) + "{" + node->name + " in " +
             show(node->children[0].get()) + " where " + show(node->children[1].get()) + " : " +
             show(node->children[2].get()) + "}";
    default:
      return "?";
  }
}

std::string parsed(std::string_view text) {
  ParseOutput out = parse_expression(text);
  if (!out.root) return "error@" + std::to_string(out.error.offset) + ": " + out.error.message;
  return show(out.root.get());
}

ParseError error_of(std::string_view text) {
  ParseOutput out = parse_expression(text);
  EXPECT_EQ(out.root, nullptr) << "expected a parse error for: " << text;
  return out.error;
}

TEST(Parser, AndBindsTighterThanOr) {
  EXPECT_EQ(parsed("a or b and c"), "(a or (b and c))");
  EXPECT_EQ(parsed("a and b or c"), "((a and b) or c)");
}

TEST(Parser, NotBindsTighterThanAnd) {
  EXPECT_EQ(parsed("not a and b"), "((not a) and b)");
  EXPECT_EQ(parsed("not not a"), "(not (not a))");
}

TEST(Parser, NotAppliesToAWholeComparison) { EXPECT_EQ(parsed("not a == b"), "(not (a == b))"); }

TEST(Parser, ComparisonBindsTighterThanLogic) {
  EXPECT_EQ(parsed("a < 1 or b >= 2 and c != 3"), "((a < 1) or ((b >= 2) and (c != 3)))");
}

TEST(Parser, ArithmeticPrecedenceAndLeftAssociativity) {
  EXPECT_EQ(parsed("1 + 2 * 3"), "(1 + (2 * 3))");
  EXPECT_EQ(parsed("1 - 2 - 3"), "((1 - 2) - 3)");
  EXPECT_EQ(parsed("8 / 4 / 2"), "((8 / 4) / 2)");
  EXPECT_EQ(parsed("(1 + 2) * 3"), "((1 + 2) * 3)");
}

TEST(Parser, ArithmeticBindsTighterThanComparison) {
  EXPECT_EQ(parsed("a + 1 >= b * 2"), "((a + 1) >= (b * 2))");
}

TEST(Parser, UnaryMinus) {
  EXPECT_EQ(parsed("-a * b"), "((- a) * b)");
  EXPECT_EQ(parsed("1 - -2"), "(1 - (- 2))");
}

// `??` sits between arithmetic and comparison: a default applies to the value being compared.
TEST(Parser, CoalesceBindsTighterThanComparisonAndLooserThanArithmetic) {
  EXPECT_EQ(parsed("x ?? 0 == 1"), "((x ?? 0) == 1)");
  EXPECT_EQ(parsed("a ?? b or c"), "((a ?? b) or c)");
  EXPECT_EQ(parsed("w.term ?? 1 + 2"), "(w.term ?? (1 + 2))");
}

TEST(Parser, MemberChains) {
  EXPECT_EQ(parsed("worker.pay.base"), "worker.pay.base");
  EXPECT_EQ(parsed("decision(\"x.y\").eligible"), "decision(\"x.y\").eligible");
}

TEST(Parser, MemberNameMustNotBeAKeyword) {
  ParseError e = error_of("a.and");
  EXPECT_TRUE(Contains(e.message, "field name"));
  EXPECT_EQ(e.offset, 2);
}

TEST(Parser, IfThenElse) {
  EXPECT_EQ(parsed("if a > 1 then \"x\" else \"y\""), "(if (a > 1) then \"x\" else \"y\")");
  EXPECT_EQ(parsed("if a then 1 else if b then 2 else 3"),
            "(if a then 1 else (if b then 2 else 3))");
}

TEST(Parser, IfWithoutElseIsAnError) {
  ParseError e = error_of("if a then 1");
  EXPECT_TRUE(Contains(e.message, "else"));
  EXPECT_EQ(e.offset, 11);
}

TEST(Parser, InAndNotIn) {
  EXPECT_EQ(parsed("x in [\"a\", \"b\"]"), "(x in [\"a\", \"b\"])");
  EXPECT_EQ(parsed("x not in [1, 2]"), "(x not in [1, 2])");
  EXPECT_EQ(parsed("\"电脑\" in worker.equipment"), "(\"电脑\" in worker.equipment)");
  EXPECT_EQ(parsed("not x in l"), "(not (x in l))");
}

TEST(Parser, ListLiterals) {
  EXPECT_EQ(parsed("[]"), "[]");
  EXPECT_EQ(parsed("[1, 2 + 3]"), "[1, (2 + 3)]");
}

TEST(Parser, UnclosedListIsAnError) {
  ParseError e = error_of("[1, 2");
  EXPECT_TRUE(Contains(e.message, "']'"));
  EXPECT_EQ(e.offset, 5);
}

TEST(Parser, AnyAllWithCondition) {
  EXPECT_EQ(parsed("any(g in c.grades: g.grade == \"优秀\")"),
            "any{g in c.grades where _ : (g.grade == \"优秀\")}");
  EXPECT_EQ(parsed("all(g in L: g > 1)"), "all{g in L where _ : (g > 1)}");
}

TEST(Parser, CountWithWhereAndPlainCount) {
  EXPECT_EQ(parsed("count(x in L where x > 1)"), "count{x in L where (x > 1) : _}");
  EXPECT_EQ(parsed("count(L)"), "count{count· in L where _ : _}");
  EXPECT_EQ(parsed("count(w.incidents)"), "count{count· in w.incidents where _ : _}");
}

TEST(Parser, SumWithWhereAndBody) {
  EXPECT_EQ(parsed("sum(t in w.training where year(t.date) == 2026: t.hours)"),
            "sum{t in w.training where (year(t.date) == 2026) : t.hours}");
  EXPECT_EQ(parsed("sum(t in L: t.hours) >= 40"), "(sum{t in L where _ : t.hours} >= 40)");
}

TEST(Parser, FilterComprehension) {
  EXPECT_EQ(parsed("filter(t in L: t.ok)"), "filter{t in L where _ : t.ok}");
}

TEST(Parser, ComprehensionVariableMustNotBeAKeyword) {
  ParseError e = error_of("any(in in L: true)");
  EXPECT_TRUE(Contains(e.message, "variable"));
  EXPECT_EQ(e.offset, 4);
}

TEST(Parser, OrdinaryCalls) {
  EXPECT_EQ(parsed("completed_years(c.birth, as_of, \"birthday\")"),
            "completed_years(c.birth, as_of, \"birthday\")");
  EXPECT_EQ(parsed("f()"), "f()");
}

TEST(Parser, DurationLiterals) {
  EXPECT_EQ(parsed("1 year"), "<1 year>");
  EXPECT_EQ(parsed("6 months"), "<6 months>");
  EXPECT_EQ(parsed("7 days"), "<7 days>");
  EXPECT_EQ(parsed("2 weeks"), "<14 days>");
  EXPECT_EQ(parsed("2025-03-01 + 1 year"), "(#2025-03-01 + <1 year>)");
}

TEST(Parser, DurationLiteralSpansNumberAndUnit) {
  ParseOutput out = parse_expression("x + 6 months");
  ASSERT_NE(out.root, nullptr);
  const Node& d = *out.root->children[1];
  EXPECT_EQ(d.offset, 4);
  EXPECT_EQ(d.length, 8);
}

TEST(Parser, DecimalNumberIsNotADuration) {
  // "1.5 years" is not a duration: the decimal is followed by a stray name.
  ParseError e = error_of("1.5 years");
  EXPECT_EQ(e.offset, 4);
}

TEST(Parser, HugeDurationIsRejected) {
  ParseError e = error_of("200000 years");
  EXPECT_TRUE(Contains(e.message, "too long"));
}

TEST(Parser, HugeIntegerIsRejectedNotWrapped) {
  ParseError e = error_of("x > 99999999999999999999");
  EXPECT_TRUE(Contains(e.message, "too large"));
  EXPECT_EQ(e.offset, 4);
}

// Found by fuzz_expression (tests/regression/fuzz_expression/ubsan-decimal-literal-overflow): the
// whole part passed its check, then overflowed when scaled by 10^4.
TEST(Parser, DecimalJustBeyondTheLargestIsRejectedNotOverflowed) {
  ParseError e = error_of("x > 922337203685479.2");
  EXPECT_TRUE(Contains(e.message, "too large"));
  EXPECT_TRUE(Contains(error_of("x > 922337203685477.0").message, "too large"));
  EXPECT_EQ(Decimal::parse("922337203685476.9999"), Decimal{INT64_C(9223372036854769999)});
  EXPECT_EQ(Decimal::parse("-922337203685476.9999"), Decimal{-INT64_C(9223372036854769999)});
}

TEST(Parser, DecimalWithMoreThanFourPlacesIsRejected) {
  ParseError e = error_of("x > 1.23456");
  EXPECT_TRUE(Contains(e.message, "4 decimal places"));
}

TEST(Parser, LiteralsOfEveryKind) {
  ParseOutput out = parse_expression("[18, 39.5, \"高中\", true, false, 2026-03-01]");
  ASSERT_NE(out.root, nullptr);
  const auto& c = out.root->children;
  ASSERT_EQ(c.size(), 6u);
  EXPECT_EQ(c[0]->literal, Value(18));
  EXPECT_EQ(c[1]->literal, Value(Decimal{395000}));
  EXPECT_EQ(c[2]->literal, Value("高中"));
  EXPECT_EQ(c[3]->literal, Value(true));
  EXPECT_EQ(c[4]->literal, Value(false));
  EXPECT_EQ(c[5]->literal, Value(Date::from_ymd(2026, 3, 1)));
}

TEST(Parser, NodeOffsetsCoverTheirText) {
  ParseOutput out = parse_expression("age >= params.min_age");
  ASSERT_NE(out.root, nullptr);
  EXPECT_EQ(out.root->offset, 0);
  EXPECT_EQ(out.root->length, 21);
  const Node& right = *out.root->children[1];
  EXPECT_EQ(right.offset, 7);
  EXPECT_EQ(right.length, 14);
}

TEST(Parser, DanglingOperatorReportsEndOfExpression) {
  ParseError e = error_of("a +");
  EXPECT_EQ(e.offset, 3);
  EXPECT_TRUE(Contains(e.message, "ends too early"));
}

TEST(Parser, UnclosedParenthesisReportsWhereItShouldClose) {
  ParseError e = error_of("(a");
  EXPECT_EQ(e.offset, 2);
  EXPECT_TRUE(Contains(e.message, "')'"));
}

TEST(Parser, TrailingTokensAreAnError) {
  ParseError e = error_of("a b");
  EXPECT_EQ(e.offset, 2);
  EXPECT_TRUE(Contains(e.message, "'b'"));
}

TEST(Parser, KeywordCannotStartAnExpression) {
  ParseError e = error_of("a and then");
  EXPECT_EQ(e.offset, 6);
  EXPECT_TRUE(Contains(e.message, "then"));
}

TEST(Parser, LexerErrorsPassThroughWithTheirOffset) {
  ParseError e = error_of("a == 2026-13-01");
  EXPECT_EQ(e.offset, 5);
  EXPECT_TRUE(Contains(e.message, "not a valid date"));
}

TEST(Parser, NestingWithinTheLimitParses) {
  std::string text(kMaxExpressionDepth - 2, '(');
  text += "1";
  text += std::string(kMaxExpressionDepth - 2, ')');
  EXPECT_NE(parse_expression(text).root, nullptr);
}

TEST(Parser, DeepParenthesesGiveAnErrorNotACrash) {
  std::string text(10000, '(');
  ParseError e = error_of(text);
  EXPECT_TRUE(Contains(e.message, "nested too deeply"));
  EXPECT_LE(e.offset, kMaxExpressionDepth + 1);
}

TEST(Parser, DeepNotsAndMinusesAndListsGiveAnError) {
  std::string nots;
  for (int i = 0; i < 10000; ++i) nots += "not ";
  EXPECT_TRUE(Contains(error_of(nots + "a").message, "nested too deeply"));
  EXPECT_TRUE(Contains(error_of(std::string(10000, '-') + "1").message, "nested too deeply"));
  EXPECT_TRUE(Contains(error_of(std::string(10000, '[')).message, "nested too deeply"));
  std::string calls;
  for (int i = 0; i < 10000; ++i) calls += "f(";
  EXPECT_TRUE(Contains(error_of(calls).message, "nested too deeply"));
}

TEST(Parser, DeepIfChainGivesAnError) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "if a then 1 else ";
  text += "2";
  EXPECT_TRUE(Contains(error_of(text).message, "nested too deeply"));
}

// A long flat chain like 1 + 1 + ... + 1 is parsed iteratively (parser.cpp, additive() and the
// other binary levels have no DepthGuard) but builds a left-deep tree as deep as the chain is
// long. The checker, the evaluator and the tree's destructor all recurse over it: `tiaoli check`
// on a rule whose `then` is "1" followed by 200000 "+1" (a 400 KB file, under the 4 MiB limit)
// dies with SIGSEGV (stack overflow). The nesting limit should bound the depth of the tree, not
// only the parser's recursion.
TEST(Parser, LongOperatorChainIsBoundedByTheDepthLimit) {
  std::string text = "1";
  for (int i = 0; i < 200000; ++i) text += "+1";
  ParseOutput out = parse_expression(text);
  // Expected: an error ("nested too deeply" or "too long"); actual: a tree 200000 levels deep.
  EXPECT_TRUE(out.root == nullptr);
}

}  // namespace
}  // namespace tiaoli::detail
