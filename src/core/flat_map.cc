// The rehash of FlatU64Map (akhbar/flat_map.h).
#include "akhbar/flat_map.h"

#include <algorithm>

namespace akhbar {

void FlatU64Map::reserve(size_t n) {
  size_t want = std::max<size_t>(1024, slots_.size());
  while (2 * (n + 1) > want) want *= 2;
  if (want > slots_.size()) Rehash(want);
}

void FlatU64Map::Rehash(size_t slots) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(slots, Slot{});
  const size_t mask = slots - 1;
  for (const Slot& s : old) {
    if (!s.used) continue;
    size_t i = Home(s.key, mask);
    while (slots_[i].used) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace akhbar
