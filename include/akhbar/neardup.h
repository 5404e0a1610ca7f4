// akhbar/neardup.h: an incremental near-duplicate index (MinHash LSH with an
// exact Jaccard check) and duplicate groups with a representative.
//
// Definition: documents A and B are near-duplicates when the exact Jaccard
// similarity of their shingle sets (akhbar/signature.h) is >= threshold.
// A document with an empty shingle set (fewer than shingle_words words) is
// nobody's near-duplicate. Duplicate groups are the connected components of
// the near-duplicate relation (so a group may hold A and C with J(A, C) below
// the threshold when B links them).
//
// Candidates: LSH banding (Indyk and Motwani 1998; Leskovec, Rajaraman and
// Ullman, "Mining of Massive Datasets", ch. 3.4): the first bands * rows
// MinHash values are cut into `bands` bands of `rows` values; two documents
// are candidates when they agree on a whole band, which happens with
// probability 1 - (1 - J^rows)^bands (the S-curve; its threshold is about
// (1/bands)^(1/rows)). Every candidate is then checked exactly on the stored
// shingle sets, so there are no false positives; a pair at J >= threshold is
// missed only with probability (1 - threshold^rows)^bands (defaults: 2.2e-4
// at J = 0.8, 4e-8 at J = 0.9).
//
// Exact copies (the same shingle set: the same text up to normalization,
// found by a content hash and checked) are stored once: the copy joins its
// original's group, is reported as a match of everything its original
// matches, and adds no shingles or bands to the index.
//
// Incremental and order-independent: the pairs found and the groups do not
// depend on the order of Add; the representative of a group is its earliest
// added member (add in publication order and it is the first outlet to
// publish). "Copies count once": count independent sources by distinct
// representatives.
//
// Cost of Add: O(bands) hash-table look-ups, plus walking the band buckets
// (the documents that share a band), plus one O(|A| + |B|) merge per distinct
// candidate that passes the length filter (|small| / |large| >= threshold).
// Memory: 4 bytes per shingle of each distinct document (none when the sets
// live in a ShingleSource), plus 11 to 21 bytes per band of LSH buckets (an
// 8-byte slot per band, tables filled to 3/8 to 3/4), plus the id and about
// 32 bytes of groups per document (MemoryUse() measures it).
//
// Thread-safety: Add needs exclusive access; the const members may be called
// concurrently with each other (Query then calls the ShingleSource
// concurrently too).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "akhbar/signature.h"
#include "akhbar/status.h"
#include "akhbar/text.h"

namespace akhbar {

// Defaults chosen by eval_neardup on the dev gold (see the README table).
struct NearDupOptions {
  uint32_t bands = 16;     // LSH bands b; needs bands * rows <= SignatureOptions::num_hashes
  uint32_t rows = 4;       // MinHash values per band r (S-curve threshold (1/16)^(1/4) = 0.5)
  double threshold = 0.8;  // near-duplicates: exact shingle Jaccard >= threshold
};

struct NearDupMatch {
  DocId id;
  double jaccard = 0;  // exact Jaccard of the shingle sets
};

struct NearDupResult {
  // Earlier documents with Jaccard >= threshold, in the order they were added.
  std::vector<NearDupMatch> matches;
  size_t candidates = 0;    // distinct stored documents proposed by the LSH bands
  size_t checked = 0;       // of those, compared exactly (passed the length filter)
  bool exact_copy = false;  // the same shingle set as an earlier document
  // Add only: the document's group representative after the Add (itself when
  // it matched nothing), and the former representatives of the groups this
  // Add merged into that group (they no longer represent anything).
  DocId representative;
  std::vector<DocId> merged;
};

// What the index state costs, in bytes (capacities, not sizes).
struct NearDupMemory {
  size_t shingles = 0;  // stored shingle sets
  size_t lsh = 0;       // band buckets
  size_t groups = 0;    // union-find, group and copy lists
  size_t ids = 0;       // document ids and their look-up table
  size_t total() const { return shingles + lsh + groups + ids; }
};

// Where an index that does not keep the shingle sets in memory reads them
// back: the sets of documents added before, for the exact check of the LSH
// candidates and of a content-hash match (a few per Add). A store that keeps
// each document's signature anyway saves the 4 bytes per shingle that the
// index would otherwise hold for as long as it lives.
class ShingleSource {
 public:
  virtual ~ShingleSource() = default;
  // The shingle set that `id` was added with, into *out (replaced). An error
  // (the set cannot be read, or was changed) fails the Add or Query that
  // asked, with the index unchanged.
  virtual Status Load(const DocId& id, std::vector<uint32_t>* out) const = 0;
};

class NearDupIndex {
 public:
  explicit NearDupIndex(const NearDupOptions& options = {});
  // An index that keeps only the sizes of the shingle sets and reads the sets
  // from `source` (not owned; it must outlive the index) when it checks a
  // candidate. It finds exactly what an index keeping them finds.
  NearDupIndex(const NearDupOptions& options, const ShingleSource* source);
  ~NearDupIndex();
  NearDupIndex(NearDupIndex&&) noexcept;
  NearDupIndex& operator=(NearDupIndex&&) noexcept;
  NearDupIndex(const NearDupIndex&) = delete;
  NearDupIndex& operator=(const NearDupIndex&) = delete;

  // Adds a document and returns its near-duplicates among the documents
  // added before. `signature` comes from ComputeSignature with
  // num_hashes >= bands * rows (its shingles sorted and unique). Fails,
  // changing nothing, on an empty or already added id or a signature too
  // short for the bands.
  Result<NearDupResult> Add(const DocId& id, const Signature& signature);

  // The near-duplicates the index holds for a signature, without adding it
  // (representative and merged are left empty).
  Result<NearDupResult> Query(const Signature& signature) const;

  bool Contains(const DocId& id) const;
  // The representative of id's group (nullopt for an unknown id).
  std::optional<DocId> Representative(const DocId& id) const;
  // The members of id's group in the order they were added (empty for an
  // unknown id). O(group size).
  std::vector<DocId> Group(const DocId& id) const;

  size_t size() const;        // documents added
  size_t group_count() const; // groups (= independent documents)
  const NearDupOptions& options() const;
  NearDupMemory MemoryUse() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace akhbar
