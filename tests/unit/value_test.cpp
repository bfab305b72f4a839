// Value: strings are shared between copies but compare by content.
#include "tiaoli/value.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tiaoli::test {
namespace {

TEST(Value, StringsCompareByContentNotByWhereTheyAreStored) {
  Value a(std::string("commend_and_renew"));
  Value b("commend_and_renew");
  EXPECT_NE(&a.as_string(), &b.as_string());
  EXPECT_TRUE(a == b);
  EXPECT_FALSE(a == Value("renew"));
  EXPECT_FALSE(Value("") == Value());
  EXPECT_TRUE(Value("") == Value(std::string()));
}

TEST(Value, ACopiedStringSharesItsTextAndOutlivesTheOriginal) {
  Value copy;
  {
    Value original(std::string(100, 'x'));
    copy = original;
    EXPECT_EQ(&copy.as_string(), &original.as_string());
  }
  EXPECT_EQ(copy.as_string(), std::string(100, 'x'));
  EXPECT_EQ(copy.kind(), Value::Kind::kString);
  EXPECT_EQ(copy.to_string(), std::string(100, 'x'));
}

}  // namespace
}  // namespace tiaoli::test
