#include "akhbar/flat_map.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace akhbar {
namespace {

TEST(FlatU64Map, CountsFindsGrowsAndIteratesEveryEntry) {
  FlatU64Map c;
  EXPECT_EQ(c.find(7), nullptr);
  EXPECT_EQ(c.begin(), c.end());
  // 0 is an ordinary key, as are 1, the largest and some not hashed.
  std::vector<uint64_t> ids = {0, 1, uint64_t{1} << 40, uint64_t{2} << 40, ~uint64_t{0}};
  for (uint64_t i = 0; i < 5000; ++i) ids.push_back(i * 0x9E3779B97F4A7C15ULL + 12345);
  for (size_t k = 0; k < ids.size(); ++k) c[ids[k]] += static_cast<uint32_t>(k % 7 + 1);
  ++c[0];
  EXPECT_EQ(c.size(), ids.size());
  for (size_t k = 0; k < ids.size(); ++k) {
    const uint32_t* n = c.find(ids[k]);
    ASSERT_NE(n, nullptr) << k;
    EXPECT_EQ(*n, k % 7 + 1 + (ids[k] == 0 ? 1 : 0)) << k;
  }
  EXPECT_EQ(c.find(2), nullptr);
  EXPECT_FALSE(c.emplace(1, 99));  // present: unchanged
  EXPECT_EQ(*c.find(1), 2u);
  EXPECT_TRUE(c.emplace(2, 99));
  EXPECT_EQ(*c.find(2), 99u);
  std::vector<std::pair<uint64_t, uint32_t>> all(c.begin(), c.end());
  EXPECT_EQ(all.size(), c.size());
  std::sort(all.begin(), all.end());
  EXPECT_TRUE(std::adjacent_find(all.begin(), all.end(),
                                 [](const auto& a, const auto& b) { return a.first == b.first; }) == all.end());
  c.reserve(100000);  // rehashed: every entry kept
  EXPECT_EQ(c.size(), all.size());
  for (const auto& [id, n] : all) EXPECT_EQ(*c.find(id), n);
  c.clear();  // empty, and usable again
  EXPECT_EQ(c.size(), 0u);
  EXPECT_EQ(c.begin(), c.end());
  for (const auto& [id, n] : all) EXPECT_EQ(c.find(id), nullptr);
  c[ids[3]] = 5;
  EXPECT_EQ(*c.find(ids[3]), 5u);
  EXPECT_EQ(c.size(), 1u);
}

}  // namespace
}  // namespace akhbar
