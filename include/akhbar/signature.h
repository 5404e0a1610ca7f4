// akhbar/signature.h: the near-duplicate signature of an article: its set of
// word shingles and a MinHash sketch of that set.
//
// Words: the text is put in match form (arabic::MatchKey: NFC, no
// diacritics/tatweel, hamza carriers and alef maqsura/ta marbuta folded,
// Eastern digits to ASCII, ASCII lowercased), then every code point that is
// not a letter or a number (Unicode L* or N*) separates words. So URLs,
// "10,000" and "G-20" are split at their punctuation.
//
// Shingles: every run of `shingle_words` consecutive words, hashed to 32 bits
// (xxHash XXH3 over the 64-bit hashes of its words). A document's shingle
// set is those hashes, sorted, without repeats. A document with fewer than
// `shingle_words` words (including an empty one) has an EMPTY set: it is
// never a near-duplicate of anything (a caption-only or video-only page of
// three words carries no evidence of copying), and its MinHash is empty.
// This matches the definition of the dev gold pairs (word 5-grams, short
// documents never paired).
//
// MinHash (Broder, "On the resemblance and containment of documents", 1997):
// value i is the minimum over the shingle set of h_i(shingle), where
// h_i(x) = fmix32(x ^ k_i), the murmur3 32-bit finalizer (a bijection with
// full avalanche) after a per-hash key k_i derived from `seed`; the family
// is prefix-consistent (the first n values of a longer sketch are the
// n-value sketch). For two sets A, B,
// P[minhash_i(A) == minhash_i(B)] ~= J(A, B) = |A n B| / |A u B|, so the share
// of equal values estimates the Jaccard similarity with standard deviation
// sqrt(J (1 - J) / num_hashes).
//
// Hash collisions: 32-bit shingle hashes make the exact Jaccard exact up to
// about |A| |B| / 2^32 spurious matches (1e-4 for two 600-word articles).
//
// Cost: linear in the text (one normalization pass, one hash per word and
// per shingle) plus num_hashes 32-bit mixes per shingle (vectorized). Thread-safety:
// pure functions, reentrant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace akhbar {

// Defaults chosen by eval_neardup on the dev gold (see the README table):
// 5-word shingles are the gold's definition; the number of hashes is the
// LSH bands x rows of NearDupOptions.
struct SignatureOptions {
  uint32_t shingle_words = 5;    // words per shingle (>= 1)
  uint32_t num_hashes = 64;      // MinHash values (>= NearDupOptions bands * rows = 16 x 4)
  uint64_t seed = 0x616b68626172;  // seeds the word hashes and the MinHash family
};

struct Signature {
  std::vector<uint32_t> shingles;  // sorted, unique shingle hashes (empty: < shingle_words words)
  std::vector<uint32_t> minhash;   // num_hashes values, or empty when shingles is empty
  // Hash of the shingle set (0 when empty): documents with the same set
  // (exact copies after normalization) have the same value.
  uint64_t content_hash = 0;
};

// The words of `text` (valid UTF-8), as 64-bit hashes of their match form,
// in order, appended to *out (not cleared).
void WordHashes(std::string_view text, uint64_t seed, std::vector<uint64_t>* out);

// The sorted, unique shingle set of `text` (valid UTF-8) into *out (replaced).
void ShingleSet(std::string_view text, const SignatureOptions& options, std::vector<uint32_t>* out);

// MinHash of a shingle set into *out (replaced): options.num_hashes values,
// or nothing when `shingles` is empty. `shingles` need not be sorted.
void MinHash(std::span<const uint32_t> shingles, const SignatureOptions& options,
             std::vector<uint32_t>* out);

// The content hash of a sorted, unique shingle set (Signature::content_hash;
// 0 for an empty set): for a signature read back without it.
uint64_t ShingleSetHash(std::span<const uint32_t> shingles, const SignatureOptions& options = {});

// Shingle set, MinHash and content hash of `text` (valid UTF-8).
Signature ComputeSignature(std::string_view text, const SignatureOptions& options = {});
// Same, reusing the buffers of *out.
void ComputeSignature(std::string_view text, const SignatureOptions& options, Signature* out);

// Exact Jaccard similarity of two sorted, unique sets: |A n B| / |A u B|;
// 0 when either is empty. O(|A| + |B|).
double ExactJaccard(std::span<const uint32_t> a, std::span<const uint32_t> b);

// Share of equal positions of two MinHash sketches of the same options;
// 0 when either is empty or their sizes differ.
double EstimatedJaccard(std::span<const uint32_t> a, std::span<const uint32_t> b);

}  // namespace akhbar
