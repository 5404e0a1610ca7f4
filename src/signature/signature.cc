// MinHash signatures over word shingles (contract in akhbar/signature.h).
#include "akhbar/signature.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
// Inlined: a word hash is a few dozen instructions, about what the call
// into the shared library cost on top (6 M words on the dev ingest).
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <limits>
#include <string>

#include "akhbar/normalize.h"
#include "akhbar/tokenize.h"

namespace akhbar {
namespace {

// splitmix64 (Steele, Lea, Flood 2014): spreads a counter into constants.
uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The MinHash family for one (seed, num_hashes): h_i(x) = fmix32(x ^ s_i),
// the murmur3 32-bit finalizer (Appleby), a bijection with full avalanche,
// after a per-hash xor key. 32-bit arithmetic only, so that the loop over
// the hashes vectorizes.
struct HashFamily {
  uint64_t seed = 0;
  std::vector<uint32_t> s;
  size_t size() const { return s.size(); }
};

const HashFamily& Family(uint64_t seed, uint32_t n) {
  // One cached family per thread: callers use one option set at a time.
  static thread_local HashFamily f;
  if (f.seed != seed || f.size() != n) {
    f.seed = seed;
    f.s.resize(n);
    uint64_t state = seed ^ 0x6d696e68617368ULL;
    for (uint32_t i = 0; i < n; ++i) f.s[i] = static_cast<uint32_t>(SplitMix64(&state) >> 32);
  }
  return f;
}

// Hash of k consecutive word hashes: a polynomial in them (odd multiplier)
// through the murmur3 finalizer (Appleby) so that every output bit depends
// on every word.
uint64_t ShingleHash(const uint64_t* w, size_t k) {
  uint64_t h = 0;
  for (size_t i = 0; i < k; ++i) h = h * 0x9e3779b97f4a7c15ULL + w[i];
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// Sorts *v and drops repeats: LSD radix sort in 4 passes of 8 bits for the
// usual sizes (branch-free). Byte digits rather than 3 passes of 11 bits: a
// document has a few hundred shingles, and zeroing and summing 3 x 2,048
// counters cost more than the passes (callgrind, ingest of 3,000 dev
// documents: this function and its memset 233 M instructions with 11-bit
// digits, 96 M with these 4 x 256 counters).
void SortUnique(std::vector<uint32_t>* v) {
  const size_t n = v->size();
  if (n < 64) {
    std::sort(v->begin(), v->end());
  } else {
    static thread_local std::vector<uint32_t> tmp;
    tmp.resize(n);
    uint32_t count[4][256] = {};
    for (const uint32_t x : *v) {
      ++count[0][x & 255];
      ++count[1][(x >> 8) & 255];
      ++count[2][(x >> 16) & 255];
      ++count[3][x >> 24];
    }
    for (auto& c : count) {
      uint32_t sum = 0;
      for (uint32_t& b : c) {
        const uint32_t here = b;
        b = sum;
        sum += here;
      }
    }
    uint32_t* src = v->data();
    uint32_t* dst = tmp.data();
    for (int pass = 0; pass < 4; ++pass) {
      const int shift = pass * 8;
      for (size_t i = 0; i < n; ++i) {
        const uint32_t x = src[i];
        dst[count[pass][(x >> shift) & 255]++] = x;
      }
      std::swap(src, dst);
    }
    // After 4 passes the sorted values are back in *v.
  }
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

bool IsWordChar(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  // Arabic letters U+0621..U+064A and Arabic-Indic digits are the bulk.
  if (c >= 0x0621 && c <= 0x064A) return c != 0x0640;
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
}

// IsWordChar of every code point below U+0800 (ASCII, Arabic and the rest
// of the two-byte range), so that the loop below decodes and classifies
// those from their bytes with one look-up.
const std::array<bool, 0x800>& TwoByteWordChars() {
  static const std::array<bool, 0x800> table = [] {
    std::array<bool, 0x800> t{};
    for (UChar32 c = 0; c < 0x800; ++c) t[static_cast<size_t>(c)] = IsWordChar(c);
    return t;
  }();
  return table;
}

}  // namespace

void WordHashes(std::string_view text, uint64_t seed, std::vector<uint64_t>* out) {
  static thread_local std::string key;
  // Line by line from the per-thread cache of keyed lines: in an ingest the
  // store's search index keyed these lines just before.
  arabic::MatchKeyLines(text, &key);
  const auto* s = reinterpret_cast<const uint8_t*>(key.data());
  const int32_t n = static_cast<int32_t>(key.size());
  const std::array<bool, 0x800>& low = TwoByteWordChars();
  int32_t i = 0;
  int32_t word_begin = -1;
  while (i < n) {
    const int32_t at = i;
    const uint8_t b = s[i];
    bool word;
    if (b < 0x80) {
      word = low[b];
      ++i;
    } else if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      // A well-formed two-byte sequence, decoded as U8_NEXT would.
      word = low[(static_cast<size_t>(b & 0x1F) << 6) | (s[i + 1] & 0x3F)];
      i += 2;
    } else {
      UChar32 c;
      U8_NEXT(s, i, n, c);
      word = c >= 0 && IsWordChar(c);
    }
    if (word && word_begin < 0) {
      word_begin = at;
    } else if (!word && word_begin >= 0) {
      out->push_back(XXH3_64bits_withSeed(s + word_begin, static_cast<size_t>(at - word_begin), seed));
      word_begin = -1;
    }
  }
  if (word_begin >= 0) {
    out->push_back(XXH3_64bits_withSeed(s + word_begin, static_cast<size_t>(n - word_begin), seed));
  }
}

void ShingleSet(std::string_view text, const SignatureOptions& options, std::vector<uint32_t>* out) {
  static thread_local std::vector<uint64_t> words;
  words.clear();
  out->clear();
  WordHashes(text, options.seed, &words);
  const size_t k = std::max<uint32_t>(options.shingle_words, 1);
  if (words.size() < k) return;
  out->reserve(words.size() - k + 1);
  for (size_t i = 0; i + k <= words.size(); ++i) {
    const uint64_t h = ShingleHash(&words[i], k);
    out->push_back(static_cast<uint32_t>(h >> 32));
  }
  SortUnique(out);
}

namespace {

// sig[i] = min over x of h_i(x). Built for AVX2 too (picked at load time
// where the CPU has it): the hash loop is 32-bit lanes.
#if defined(__x86_64__) && (defined(__clang__) || __GNUC__ >= 6)
__attribute__((target_clones("avx2", "default")))
#endif
void MinHashLoop(const uint32_t* __restrict shingles, size_t count, const uint32_t* __restrict keys, uint32_t n,
                 uint32_t* __restrict sig) {
  for (size_t s = 0; s < count; ++s) {
    const uint32_t x = shingles[s];
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t h = x ^ keys[i];
      h ^= h >> 16;
      h *= 0x85ebca6bu;
      h ^= h >> 13;
      h *= 0xc2b2ae35u;
      h ^= h >> 16;
      sig[i] = std::min(sig[i], h);
    }
  }
}

}  // namespace

void MinHash(std::span<const uint32_t> shingles, const SignatureOptions& options,
             std::vector<uint32_t>* out) {
  out->clear();
  if (shingles.empty()) return;
  const uint32_t n = options.num_hashes;
  const HashFamily& f = Family(options.seed, n);
  out->assign(n, std::numeric_limits<uint32_t>::max());
  MinHashLoop(shingles.data(), shingles.size(), f.s.data(), n, out->data());
}

void ComputeSignature(std::string_view text, const SignatureOptions& options, Signature* out) {
  ShingleSet(text, options, &out->shingles);
  MinHash(out->shingles, options, &out->minhash);
  out->content_hash = ShingleSetHash(out->shingles, options);
}

uint64_t ShingleSetHash(std::span<const uint32_t> shingles, const SignatureOptions& options) {
  if (shingles.empty()) return 0;
  const uint64_t h = XXH3_64bits_withSeed(shingles.data(), shingles.size() * sizeof(uint32_t), options.seed);
  return h == 0 ? 1 : h;
}

Signature ComputeSignature(std::string_view text, const SignatureOptions& options) {
  Signature s;
  ComputeSignature(text, options, &s);
  return s;
}

double ExactJaccard(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  if (a.empty() || b.empty()) return 0.0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

double EstimatedJaccard(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  if (a.empty() || a.size() != b.size()) return 0.0;
  size_t eq = 0;
  for (size_t i = 0; i < a.size(); ++i) eq += a[i] == b[i];
  return static_cast<double>(eq) / static_cast<double>(a.size());
}

}  // namespace akhbar
