// StringMemo (internal.h): the memo of the display forms and phonetic keys.
#include <gtest/gtest.h>

#include <string>

#include "extract/internal.h"

namespace akhbar::extract_internal {
namespace {

TEST(StringMemo, GivesTheFunctionsValueComputingEachKeyOnceUntilFull) {
  StringMemo memo(100);
  int calls = 0;
  auto reversed = [&](std::string_view k, std::string* out) {
    ++calls;
    out->assign(k.rbegin(), k.rend());
  };
  // 100 keys fit: each computed once, however often asked for.
  for (int round = 0; round < 3; ++round)
    for (int i = 0; i < 100; ++i) {
      const std::string key = "key-" + std::to_string(i);
      EXPECT_EQ(memo.Get(key, reversed), std::string(key.rbegin(), key.rend()));
    }
  EXPECT_EQ(calls, 100);
  // The 101st empties the memo: the first keys are computed again, and the
  // entries reused in place still give each key its own value.
  EXPECT_EQ(memo.Get("the-101st", reversed), "ts101-eht");
  EXPECT_EQ(calls, 101);
  EXPECT_EQ(memo.Get("key-0", reversed), "0-yek");
  EXPECT_EQ(memo.Get("key-0", reversed), "0-yek");
  EXPECT_EQ(calls, 102);
  EXPECT_EQ(memo.Get("", reversed), "");  // the empty key too
  EXPECT_EQ(memo.Get("", reversed), "");
  EXPECT_EQ(calls, 103);
}

}  // namespace
}  // namespace akhbar::extract_internal
