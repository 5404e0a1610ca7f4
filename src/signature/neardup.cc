// Near-duplicate index: MinHash LSH buckets, exact Jaccard check, groups
// (contract in akhbar/neardup.h).
#include "akhbar/neardup.h"

#include <xxhash.h>

#include <algorithm>
#include <cassert>
#include <string>
#include <utility>

namespace akhbar {
namespace {

constexpr uint32_t kNone = 0xffffffffu;

// Open addressing with linear probing from hashes to 32-bit values; kNone
// marks an empty slot. A key is kept as its low 32 bits: every user checks
// what it finds (an id, a shingle set, or an LSH candidate's exact Jaccard),
// so a collision costs a look, never a wrong answer, and a slot takes 8
// bytes instead of 12. Keys may repeat (ForEach visits all values stored
// under a key). Load factor <= 3/4.
class FlatTable {
 public:
  // Calls f(value) for each value stored under `key` until f returns true.
  template <class F>
  void ForEach(uint64_t key, F&& f) const {
    if (values_.empty()) return;
    const auto k = static_cast<uint32_t>(key);
    for (size_t i = Slot(k);; i = (i + 1) & (values_.size() - 1)) {
      if (values_[i] == kNone) return;
      if (keys_[i] == k && f(values_[i])) return;
    }
  }
  void Insert(uint64_t key, uint32_t value) {
    assert(value != kNone);
    if ((size_ + 1) * 4 > values_.size() * 3) Grow();
    Place(static_cast<uint32_t>(key), value);
    ++size_;
  }
  size_t bytes() const { return keys_.capacity() * sizeof(uint32_t) + values_.capacity() * sizeof(uint32_t); }

 private:
  size_t Slot(uint32_t key) const { return static_cast<size_t>((key * 0x9e3779b97f4a7c15ULL) >> shift_); }
  void Place(uint32_t key, uint32_t value) {
    size_t i = Slot(key);
    while (values_[i] != kNone) i = (i + 1) & (values_.size() - 1);
    keys_[i] = key;
    values_[i] = value;
  }
  void Grow() {
    const size_t cap = values_.empty() ? 16 : values_.size() * 2;
    std::vector<uint32_t> old_keys(cap);
    std::vector<uint32_t> old_values(cap, kNone);
    old_keys.swap(keys_);
    old_values.swap(values_);
    shift_ = 64;
    for (size_t c = cap; c > 1; c >>= 1) --shift_;
    for (size_t i = 0; i < old_values.size(); ++i) {
      if (old_values[i] != kNone) Place(old_keys[i], old_values[i]);
    }
  }

  std::vector<uint32_t> keys_;
  std::vector<uint32_t> values_;
  size_t size_ = 0;
  unsigned shift_ = 64;
};

// Where a stored shingle set lives: blocks_[block][offset, offset + its size).
struct ShingleRef {
  uint32_t block;
  uint32_t offset;
};

constexpr size_t kBlockValues = size_t{1} << 20;  // 4 MiB blocks of shingles

}  // namespace

struct NearDupIndex::Impl {
  NearDupOptions options;
  const ShingleSource* source = nullptr;  // when set, the sets are not kept (sref and blocks stay empty)

  // Per document u (add order).
  std::string id_arena;            // ids back to back
  std::vector<uint64_t> id_end;    // id u is id_arena[id_end[u-1], id_end[u])
  FlatTable id_table;              // XXH3(id) -> u
  std::vector<uint32_t> canon_of;  // its canonical slot c, or kNone (empty shingle set)
  std::vector<uint32_t> copy_next; // next exact copy of the same canonical, or kNone
  std::vector<uint32_t> parent;    // union-find (union by size)
  std::vector<uint32_t> gsize;     // at roots: group size
  std::vector<uint32_t> grep;      // at roots: earliest member (the representative)
  std::vector<uint32_t> gnext;     // circular list of each group's members
  size_t groups = 0;               // number of roots

  // Per canonical slot c (documents with distinct, non-empty shingle sets).
  std::vector<uint32_t> canon_doc;  // its document u
  std::vector<uint32_t> copy_head;  // first exact copy, or kNone
  std::vector<uint32_t> set_size;  // size of its shingle set
  std::vector<ShingleRef> sref;
  std::vector<std::vector<uint32_t>> blocks;
  FlatTable buckets;            // band key -> each slot with that band (bands * slots entries)
  FlatTable contents;           // content hash -> slot

  std::string_view Id(uint32_t u) const {
    const uint64_t b = u == 0 ? 0 : id_end[u - 1];
    return std::string_view(id_arena).substr(b, id_end[u] - b);
  }
  // Slot c's shingle set: in place, or read from the source into *scratch.
  Status Shingles(uint32_t c, std::vector<uint32_t>* scratch, std::span<const uint32_t>* out) const {
    if (source == nullptr) {
      const ShingleRef& r = sref[c];
      *out = std::span<const uint32_t>(blocks[r.block].data() + r.offset, set_size[c]);
      return Status::Ok();
    }
    const DocId id(std::string(Id(canon_doc[c])));
    if (Status s = source->Load(id, scratch); !s.ok()) return s;
    if (scratch->size() != set_size[c]) {
      return Status::Invalid("near-dup index: the shingle set of '" + id.str() + "' has " +
                             std::to_string(scratch->size()) + " shingles, it was added with " +
                             std::to_string(set_size[c]));
    }
    *out = *scratch;
    return Status::Ok();
  }
  uint32_t FindId(std::string_view id) const {
    uint32_t found = kNone;
    id_table.ForEach(XXH3_64bits(id.data(), id.size()), [&](uint32_t u) {
      if (Id(u) != id) return false;
      found = u;
      return true;
    });
    return found;
  }
  uint32_t Root(uint32_t u) const {
    while (parent[u] != u) u = parent[u];
    return u;
  }
  uint32_t RootCompress(uint32_t u) {
    while (parent[u] != u) {
      parent[u] = parent[parent[u]];
      u = parent[u];
    }
    return u;
  }

  Status Check(const Signature& s) const {
    const size_t need = size_t{options.bands} * options.rows;
    if (options.bands == 0 || options.rows == 0) return Status::Invalid("near-dup options need bands and rows > 0");
    if (!s.shingles.empty() && s.minhash.size() < need) {
      return Status::Invalid("signature has " + std::to_string(s.minhash.size()) +
                             " MinHash values, the LSH bands need " + std::to_string(need));
    }
    return Status::Ok();
  }

  void BandKeys(const Signature& s, std::vector<uint64_t>* keys) const {
    keys->resize(options.bands);
    for (uint32_t j = 0; j < options.bands; ++j) {
      (*keys)[j] = XXH3_64bits_withSeed(s.minhash.data() + size_t{j} * options.rows,
                                        options.rows * sizeof(uint32_t), j + 1);
    }
  }

  // Matches of `s` among the stored documents; *copy_of is the slot with
  // the same shingle set, or kNone.
  Status Match(const Signature& s, const std::vector<uint64_t>& keys, NearDupResult* out, uint32_t* copy_of) const {
    *copy_of = kNone;
    if (s.shingles.empty()) return Status::Ok();
    std::vector<uint32_t> scratch;
    std::span<const uint32_t> set;
    Status read;
    contents.ForEach(s.content_hash, [&](uint32_t c) {
      if (set_size[c] != s.shingles.size()) return false;
      read = Shingles(c, &scratch, &set);
      if (!read.ok()) return true;
      if (!std::equal(set.begin(), set.end(), s.shingles.begin(), s.shingles.end())) return false;
      *copy_of = c;
      return true;
    });
    if (!read.ok()) return read;
    std::vector<uint32_t> cands;
    for (uint32_t j = 0; j < options.bands; ++j) {
      buckets.ForEach(keys[j], [&](uint32_t c) {
        cands.push_back(c);
        return false;
      });
    }
    std::sort(cands.begin(), cands.end());
    cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
    out->candidates = cands.size();
    std::vector<std::pair<uint32_t, double>> found;
    const double n = static_cast<double>(s.shingles.size());
    for (const uint32_t c : cands) {
      const double m = set_size[c];
      if (std::min(n, m) < options.threshold * std::max(n, m)) continue;  // J <= small / large
      ++out->checked;
      double j = 1.0;
      if (c != *copy_of) {
        if (Status st = Shingles(c, &scratch, &set); !st.ok()) return st;
        j = ExactJaccard(s.shingles, set);
      }
      if (j < options.threshold) continue;
      found.emplace_back(canon_doc[c], j);
      for (uint32_t u = copy_head[c]; u != kNone; u = copy_next[u]) found.emplace_back(u, j);
    }
    // An exact copy whose original the bands missed cannot happen (equal
    // sketches share every band), but keep the invariant explicit.
    if (*copy_of != kNone && std::none_of(cands.begin(), cands.end(), [&](uint32_t c) { return c == *copy_of; })) {
      found.emplace_back(canon_doc[*copy_of], 1.0);
      for (uint32_t u = copy_head[*copy_of]; u != kNone; u = copy_next[u]) found.emplace_back(u, 1.0);
    }
    std::sort(found.begin(), found.end());
    out->exact_copy = *copy_of != kNone;
    out->matches.reserve(found.size());
    for (const auto& [u, j] : found) out->matches.push_back({DocId(std::string(Id(u))), j});
    return Status::Ok();
  }

  uint32_t StoreShingles(std::span<const uint32_t> set) {
    set_size.push_back(static_cast<uint32_t>(set.size()));
    if (source != nullptr) return static_cast<uint32_t>(set_size.size() - 1);
    if (blocks.empty() || blocks.back().size() + set.size() > blocks.back().capacity()) {
      blocks.emplace_back();
      blocks.back().reserve(std::max(kBlockValues, set.size()));
    }
    std::vector<uint32_t>& b = blocks.back();
    const ShingleRef r{static_cast<uint32_t>(blocks.size() - 1), static_cast<uint32_t>(b.size())};
    b.insert(b.end(), set.begin(), set.end());
    sref.push_back(r);
    return static_cast<uint32_t>(set_size.size() - 1);
  }
};

NearDupIndex::NearDupIndex(const NearDupOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}
NearDupIndex::NearDupIndex(const NearDupOptions& options, const ShingleSource* source) : NearDupIndex(options) {
  impl_->source = source;
}
NearDupIndex::~NearDupIndex() = default;
NearDupIndex::NearDupIndex(NearDupIndex&&) noexcept = default;
NearDupIndex& NearDupIndex::operator=(NearDupIndex&&) noexcept = default;

Result<NearDupResult> NearDupIndex::Query(const Signature& signature) const {
  if (Status st = impl_->Check(signature); !st.ok()) return st;
  std::vector<uint64_t> keys;
  if (!signature.shingles.empty()) impl_->BandKeys(signature, &keys);
  NearDupResult out;
  uint32_t copy_of;
  if (Status st = impl_->Match(signature, keys, &out, &copy_of); !st.ok()) return st;
  return out;
}

Result<NearDupResult> NearDupIndex::Add(const DocId& id, const Signature& signature) {
  Impl& m = *impl_;
  if (id.empty()) return Status::Invalid("near-dup index: empty document id");
  if (m.FindId(id.str()) != kNone) return Status::Invalid("near-dup index: document '" + id.str() + "' was added already");
  if (m.id_end.size() >= kNone - 1) return Status::TooLarge("near-dup index: more than 2^32 - 2 documents");
  if (Status st = m.Check(signature); !st.ok()) return st;

  std::vector<uint64_t> keys;
  if (!signature.shingles.empty()) m.BandKeys(signature, &keys);
  NearDupResult out;
  uint32_t copy_of;
  if (Status st = m.Match(signature, keys, &out, &copy_of); !st.ok()) return st;

  // The document.
  const auto u = static_cast<uint32_t>(m.id_end.size());
  m.id_arena += id.str();
  m.id_end.push_back(m.id_arena.size());
  m.id_table.Insert(XXH3_64bits(id.str().data(), id.str().size()), u);
  m.parent.push_back(u);
  m.gsize.push_back(1);
  m.grep.push_back(u);
  m.gnext.push_back(u);
  m.copy_next.push_back(kNone);
  ++m.groups;
  if (signature.shingles.empty()) {
    m.canon_of.push_back(kNone);
  } else if (copy_of != kNone) {
    m.canon_of.push_back(copy_of);
    m.copy_next[u] = m.copy_head[copy_of];
    m.copy_head[copy_of] = u;
  } else {
    const uint32_t c = m.StoreShingles(signature.shingles);
    m.canon_of.push_back(c);
    m.canon_doc.push_back(u);
    m.copy_head.push_back(kNone);
    m.contents.Insert(signature.content_hash, c);
    for (uint32_t j = 0; j < m.options.bands; ++j) m.buckets.Insert(keys[j], c);
  }

  // Groups: union with every match; the representative is the earliest member.
  std::vector<uint32_t> former;  // representatives of the other groups merged
  for (const NearDupMatch& match : out.matches) {
    const uint32_t v = m.FindId(match.id.str());
    uint32_t a = m.RootCompress(u), b = m.RootCompress(v);
    if (a == b) continue;
    former.push_back(m.grep[b]);
    if (m.gsize[a] < m.gsize[b]) std::swap(a, b);
    m.parent[b] = a;
    --m.groups;
    m.gsize[a] += m.gsize[b];
    m.grep[a] = std::min(m.grep[a], m.grep[b]);
    std::swap(m.gnext[a], m.gnext[b]);
  }
  const uint32_t rep = m.grep[m.RootCompress(u)];
  out.representative = DocId(std::string(m.Id(rep)));
  std::sort(former.begin(), former.end());
  former.erase(std::unique(former.begin(), former.end()), former.end());
  for (const uint32_t r : former) {
    if (r != rep) out.merged.push_back(DocId(std::string(m.Id(r))));
  }
  return out;
}

bool NearDupIndex::Contains(const DocId& id) const { return impl_->FindId(id.str()) != kNone; }

std::optional<DocId> NearDupIndex::Representative(const DocId& id) const {
  const uint32_t u = impl_->FindId(id.str());
  if (u == kNone) return std::nullopt;
  return DocId(std::string(impl_->Id(impl_->grep[impl_->Root(u)])));
}

std::vector<DocId> NearDupIndex::Group(const DocId& id) const {
  std::vector<DocId> out;
  const uint32_t u = impl_->FindId(id.str());
  if (u == kNone) return out;
  std::vector<uint32_t> members;
  uint32_t v = u;
  do {
    members.push_back(v);
    v = impl_->gnext[v];
  } while (v != u);
  std::sort(members.begin(), members.end());
  out.reserve(members.size());
  for (const uint32_t w : members) out.push_back(DocId(std::string(impl_->Id(w))));
  return out;
}

size_t NearDupIndex::size() const { return impl_->id_end.size(); }

size_t NearDupIndex::group_count() const { return impl_->groups; }

const NearDupOptions& NearDupIndex::options() const { return impl_->options; }

NearDupMemory NearDupIndex::MemoryUse() const {
  const Impl& m = *impl_;
  auto cap = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  NearDupMemory r;
  for (const auto& b : m.blocks) r.shingles += cap(b);
  r.shingles += cap(m.blocks) + cap(m.sref) + cap(m.set_size);
  r.lsh = m.buckets.bytes() + m.contents.bytes();
  r.groups = cap(m.canon_of) + cap(m.copy_next) + cap(m.parent) + cap(m.gsize) + cap(m.grep) + cap(m.gnext) +
             cap(m.canon_doc) + cap(m.copy_head);
  r.ids = m.id_arena.capacity() + cap(m.id_end) + m.id_table.bytes();
  return r;
}

}  // namespace akhbar
