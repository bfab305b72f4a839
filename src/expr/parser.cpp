#include "expr/parser.hpp"

#include <array>

#include "expr/lexer.hpp"

namespace tiaoli::detail {
namespace {

struct Failure {
  ParseError error;
};

constexpr std::array<std::pair<std::string_view, Aggregate>, 7> kAggregates = {{
    {"any", Aggregate::kAny},
    {"all", Aggregate::kAll},
    {"count", Aggregate::kCount},
    {"sum", Aggregate::kSum},
    {"filter", Aggregate::kFilter},
    {"min", Aggregate::kMin},
    {"max", Aggregate::kMax},
}};

constexpr std::array<std::string_view, 8> kDurationUnits = {"day",  "days",  "month", "months",
                                                            "year", "years", "week",  "weeks"};

bool is_keyword(std::string_view word) {
  static constexpr std::string_view kKeywords[] = {"and",  "or",   "not",   "in",   "if",
                                                   "then", "else", "where", "true", "false"};
  for (std::string_view k : kKeywords) {
    if (k == word) return true;
  }
  return false;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  NodePtr parse_all() {
    NodePtr root = expression();
    if (peek().kind != TokenKind::kEnd) fail(peek(), "unexpected '" + peek().text + "' here");
    return root;
  }

 private:
  const Token& peek(int ahead = 0) const {
    std::size_t i = std::min(pos_ + static_cast<std::size_t>(ahead), tokens_.size() - 1);
    return tokens_[i];
  }
  const Token& take() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  [[noreturn]] void fail(const Token& at, std::string message) {
    if (at.kind == TokenKind::kError) throw Failure{{at.offset, at.text}};
    if (at.kind == TokenKind::kEnd && message.rfind("unexpected", 0) == 0) {
      message = "the expression ends too early";
    }
    throw Failure{{at.offset, std::move(message)}};
  }
  void expect_punct(std::string_view p, std::string_view context) {
    if (!peek().punct(p)) {
      fail(peek(), "expected '" + std::string(p) + "' " + std::string(context) +
                       (peek().kind == TokenKind::kEnd ? ", but the expression ends"
                                                       : ", found '" + peek().text + "'"));
    }
    take();
  }
  void expect_keyword(std::string_view k, std::string_view context) {
    if (!peek().keyword(k)) {
      fail(peek(), "expected '" + std::string(k) + "' " + std::string(context));
    }
    take();
  }

  static NodePtr make(NodeKind kind, const Token& at) {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->offset = at.offset;
    node->length = at.length;
    return node;
  }
  static void extend(Node& node, const Node& last) { extend_to(node, last.offset, last.length); }
  static void extend_to(Node& node, int offset, int length) {
    node.length = std::max(node.length, offset + length - node.offset);
  }
  NodePtr binary(Op op, NodePtr left, NodePtr right) {
    int height = 1 + std::max(left->height, right->height);
    if (height > kMaxExpressionHeight) {
      throw Failure{
          {right->offset, "the expression is too long (more than " +
                              std::to_string(kMaxExpressionHeight) +
                              " operators in a chain); split it with `let:` helper values"}};
    }
    auto node = std::make_unique<Node>();
    node->height = height;
    node->kind = NodeKind::kBinary;
    node->op = op;
    node->offset = left->offset;
    extend(*node, *right);
    node->children.push_back(std::move(left));
    node->children.push_back(std::move(right));
    return node;
  }

  struct DepthGuard {
    Parser& parser;
    explicit DepthGuard(Parser& p, const Token& at) : parser(p) {
      if (++parser.depth_ > kMaxExpressionDepth) {
        parser.fail(at, "the expression is nested too deeply (more than " +
                            std::to_string(kMaxExpressionDepth) + " levels)");
      }
    }
    ~DepthGuard() { --parser.depth_; }
  };

  NodePtr expression() {
    DepthGuard guard(*this, peek());
    if (peek().keyword("if")) {
      NodePtr node = make(NodeKind::kIf, take());
      node->children.push_back(expression());
      expect_keyword("then", "after the condition of 'if'");
      node->children.push_back(expression());
      expect_keyword("else", "after 'if ... then ...'");
      node->children.push_back(expression());
      extend(*node, *node->children.back());
      return node;
    }
    return disjunction();
  }

  // `a ?? b` binds tighter than comparisons, so `x ?? 0 == 1` reads (x ?? 0) == 1.
  NodePtr coalesce() {
    NodePtr left = additive();
    while (peek().punct("??")) {
      take();
      left = binary(Op::kCoalesce, std::move(left), additive());
    }
    return left;
  }

  NodePtr disjunction() {
    NodePtr left = conjunction();
    while (peek().keyword("or")) {
      take();
      left = binary(Op::kOr, std::move(left), conjunction());
    }
    return left;
  }

  NodePtr conjunction() {
    NodePtr left = negation();
    while (peek().keyword("and")) {
      take();
      left = binary(Op::kAnd, std::move(left), negation());
    }
    return left;
  }

  NodePtr negation() {
    if (peek().keyword("not") && !peek(1).keyword("in")) {
      DepthGuard guard(*this, peek());
      NodePtr node = make(NodeKind::kUnary, take());
      node->op = Op::kNot;
      node->children.push_back(negation());
      extend(*node, *node->children.back());
      return node;
    }
    return comparison();
  }

  NodePtr comparison() {
    NodePtr left = coalesce();
    static constexpr std::pair<std::string_view, Op> kComparisons[] = {
        {"==", Op::kEq}, {"!=", Op::kNe}, {"<", Op::kLt},
        {"<=", Op::kLe}, {">", Op::kGt},  {">=", Op::kGe}};
    for (auto [text, op] : kComparisons) {
      if (peek().punct(text)) {
        take();
        return binary(op, std::move(left), coalesce());
      }
    }
    if (peek().keyword("in")) {
      take();
      return binary(Op::kIn, std::move(left), coalesce());
    }
    if (peek().keyword("not") && peek(1).keyword("in")) {
      take();
      take();
      return binary(Op::kNotIn, std::move(left), coalesce());
    }
    return left;
  }

  NodePtr additive() {
    NodePtr left = multiplicative();
    while (peek().punct("+") || peek().punct("-")) {
      Op op = take().text == "+" ? Op::kAdd : Op::kSub;
      left = binary(op, std::move(left), multiplicative());
    }
    return left;
  }

  NodePtr multiplicative() {
    NodePtr left = unary();
    while (peek().punct("*") || peek().punct("/")) {
      Op op = take().text == "*" ? Op::kMul : Op::kDiv;
      left = binary(op, std::move(left), unary());
    }
    return left;
  }

  NodePtr unary() {
    if (peek().punct("-")) {
      DepthGuard guard(*this, peek());
      NodePtr node = make(NodeKind::kUnary, take());
      node->op = Op::kNeg;
      node->children.push_back(unary());
      extend(*node, *node->children.back());
      return node;
    }
    return postfix();
  }

  NodePtr postfix() {
    NodePtr node = primary();
    while (peek().punct(".")) {
      take();
      const Token& name = peek();
      if (name.kind != TokenKind::kIdent || is_keyword(name.text)) {
        fail(name, "expected a field name after '.'");
      }
      NodePtr member = make(NodeKind::kMember, take());
      member->name = name.text;
      member->offset = node->offset;
      extend_to(*member, name.offset, name.length);
      member->children.push_back(std::move(node));
      node = std::move(member);
    }
    return node;
  }

  NodePtr primary() {
    const Token& t = peek();
    switch (t.kind) {
      case TokenKind::kInt:
      case TokenKind::kDecimal:
        return number();
      case TokenKind::kString: {
        NodePtr node = make(NodeKind::kLiteral, take());
        node->literal = Value(t.text);
        return node;
      }
      case TokenKind::kDate: {
        NodePtr node = make(NodeKind::kLiteral, take());
        node->literal = Value(*Date::parse(t.text));
        return node;
      }
      case TokenKind::kIdent:
        return identifier();
      case TokenKind::kPunct:
        if (t.text == "(") {
          take();
          NodePtr inner = expression();
          expect_punct(")", "to close '('");
          return inner;
        }
        if (t.text == "[") return list();
        break;
      default:
        break;
    }
    fail(t, "unexpected '" + t.text + "' here");
  }

  NodePtr number() {
    const Token& t = take();
    NodePtr node = make(NodeKind::kLiteral, t);
    if (t.kind == TokenKind::kInt) {
      if (t.text.size() > 15) fail(t, "the number " + t.text + " is too large");
      node->literal = Value(static_cast<std::int64_t>(std::stoll(t.text)));
    } else {
      auto decimal = Decimal::parse(t.text);
      if (!decimal)
        fail(t, "the number " + t.text + " has more than 4 decimal places or is too large");
      node->literal = Value(*decimal);
    }
    const Token& unit = peek();
    if (t.kind == TokenKind::kInt && unit.kind == TokenKind::kIdent) {
      for (std::string_view u : kDurationUnits) {
        if (unit.text != u) continue;
        std::int64_t n = node->literal.as_int();
        if (n > 100000) fail(t, "the duration " + t.text + " " + unit.text + " is too long");
        auto count = static_cast<std::int32_t>(n);
        Duration d;
        if (u[0] == 'd') d.days = count;
        if (u[0] == 'w') d.days = count * 7;
        if (u[0] == 'm') d.months = count;
        if (u[0] == 'y') d.years = count;
        node->literal = Value(d);
        extend_to(*node, unit.offset, unit.length);
        take();
        break;
      }
    }
    return node;
  }

  NodePtr list() {
    NodePtr node = make(NodeKind::kList, take());
    DepthGuard guard(*this, peek());
    while (!peek().punct("]")) {
      node->children.push_back(expression());
      if (!peek().punct(",")) break;
      take();
    }
    const Token& close = peek();
    expect_punct("]", "to close the list");
    extend_to(*node, close.offset, close.length);
    return node;
  }

  NodePtr identifier() {
    const Token& t = take();
    if (t.text == "true" || t.text == "false") {
      NodePtr node = make(NodeKind::kLiteral, t);
      node->literal = Value(t.text == "true");
      return node;
    }
    if (is_keyword(t.text)) fail(t, "'" + t.text + "' cannot start an expression here");
    if (!peek().punct("(")) {
      NodePtr node = make(NodeKind::kIdent, t);
      node->name = t.text;
      return node;
    }
    take();  // (
    DepthGuard guard(*this, t);
    for (auto [name, aggregate] : kAggregates) {
      if (t.text == name && peek().kind == TokenKind::kIdent && peek(1).keyword("in")) {
        return comprehension(t, aggregate);
      }
    }
    if (t.text == "count") {  // count(LIST): the plain length
      NodePtr node = make(NodeKind::kComprehension, t);
      node->aggregate = Aggregate::kCount;
      node->name = "count·";
      node->children.push_back(expression());
      node->children.push_back(nullptr);
      node->children.push_back(nullptr);
      const Token& close = peek();
      expect_punct(")", "to close count(");
      extend_to(*node, close.offset, close.length);
      return node;
    }
    NodePtr node = make(NodeKind::kCall, t);
    node->name = t.text;
    while (!peek().punct(")")) {
      node->children.push_back(expression());
      if (!peek().punct(",")) break;
      take();
    }
    const Token& close = peek();
    expect_punct(")", "to close the call of " + t.text + "(");
    extend_to(*node, close.offset, close.length);
    return node;
  }

  NodePtr comprehension(const Token& function, Aggregate aggregate) {
    NodePtr node = make(NodeKind::kComprehension, function);
    node->aggregate = aggregate;
    const Token& var = take();
    if (is_keyword(var.text)) fail(var, "'" + var.text + "' cannot be a variable name");
    node->name = var.text;
    take();  // in
    node->children.push_back(additive());
    node->children.push_back(nullptr);
    node->children.push_back(nullptr);
    if (peek().keyword("where")) {
      take();
      node->children[1] = expression();
    }
    if (peek().punct(":")) {
      take();
      node->children[2] = expression();
    }
    const Token& close = peek();
    expect_punct(")", "to close " + function.text + "(" + var.text + " in ...)");
    extend_to(*node, close.offset, close.length);
    return node;
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

const char* op_text(Op op) {
  switch (op) {
    case Op::kNone:
      return "";
    case Op::kNot:
      return "not";
    case Op::kNeg:
      return "-";
    case Op::kAnd:
      return "and";
    case Op::kOr:
      return "or";
    case Op::kAdd:
      return "+";
    case Op::kSub:
      return "-";
    case Op::kMul:
      return "*";
    case Op::kDiv:
      return "/";
    case Op::kEq:
      return "==";
    case Op::kNe:
      return "!=";
    case Op::kLt:
      return "<";
    case Op::kLe:
      return "<=";
    case Op::kGt:
      return ">";
    case Op::kGe:
      return ">=";
    case Op::kIn:
      return "in";
    case Op::kNotIn:
      return "not in";
    case Op::kCoalesce:
      return "??";
  }
  return "";
}

ParseOutput parse_expression(std::string_view text) {
  std::vector<Token> tokens = lex(text);
  if (tokens.back().kind == TokenKind::kError) {
    return {nullptr, {tokens.back().offset, tokens.back().text}};
  }
  try {
    Parser parser(std::move(tokens));
    return {parser.parse_all(), {}};
  } catch (const Failure& failure) {
    return {nullptr, failure.error};
  }
}

}  // namespace tiaoli::detail
