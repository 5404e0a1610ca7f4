// The top-level JSON splitter (raw_json.h): pieces equal to what nlohmann
// parses, and malformed text refused.
#include "serve/raw_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace akhbar::serve {
namespace {

using Json = nlohmann::ordered_json;

TEST(RawJson, ObjectMembersAreTheParsedMembers) {
  const std::string kText =
      " {\"a\": 1, \"b\" :\"x,}]\\\"y\", \"c\":[1,{\"d\":[2,3]},\"]\"],\"e\":{\"f\":null},"
      "\"g\":true,\"h\":-1.5e3 ,\"i\":\"قال «لن»\"}\n";
  std::vector<RawMember> members;
  ASSERT_TRUE(SplitJsonObject(kText, &members));
  const Json whole = Json::parse(kText);
  ASSERT_EQ(members.size(), whole.size());
  size_t i = 0;
  for (const auto& [key, value] : whole.items()) {
    EXPECT_EQ(members[i].key, key);
    EXPECT_EQ(Json::parse(members[i].value), value) << key;
    ++i;
  }
  ASSERT_TRUE(SplitJsonObject("{}", &members));
  EXPECT_TRUE(members.empty());
}

TEST(RawJson, ArrayElementsAreTheParsedElements) {
  const std::string kText = "[ {\"claims\":[0,1]}, \"a]\", 3, [[]], null ]";
  std::vector<std::string_view> elements;
  ASSERT_TRUE(SplitJsonArray(kText, &elements));
  const Json whole = Json::parse(kText);
  ASSERT_EQ(elements.size(), whole.size());
  for (size_t i = 0; i < elements.size(); ++i) EXPECT_EQ(Json::parse(elements[i]), whole[i]) << i;
  ASSERT_TRUE(SplitJsonArray("[]", &elements));
  EXPECT_TRUE(elements.empty());
}

TEST(RawJson, MalformedTextIsRefused) {
  std::vector<RawMember> members;
  std::vector<std::string_view> elements;
  for (const char* bad : {"", "{", "{\"a\":1", "{\"a\" 1}", "{\"a\":}", "{\"a\":1,}", "{a:1}", "{\"a\":[1}",
                          "{\"a\":\"x}", "{\"a\":1} x", "[1,2", "{\"a\":1}{", "{\"a\":\"\x01\"}", "[1]"})
    EXPECT_FALSE(SplitJsonObject(bad, &members)) << bad;
  for (const char* bad : {"", "[", "[1,]", "[,1]", "[1 2]", "{}", "[\"a]", "[1]]", "[{]}"})
    EXPECT_FALSE(SplitJsonArray(bad, &elements)) << bad;
}

}  // namespace
}  // namespace akhbar::serve
