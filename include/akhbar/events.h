// akhbar/events.h: online, time-aware clustering of articles into events.
//
// An event is one real-world happening reported by one or more articles.
// Articles are added one at a time, in time order (publication date, else
// fetch time; see OrderKey); each is compared only with the ACTIVE events
// that share one of its heaviest terms, entities or numbers (an inverted
// index over the events' top terms), never with every event, and it joins
// the best-scoring event or starts a new one.
//
// Pipeline of this header:
//   ExtractFeatures(title, body, date, entity ids)  -> ArticleFeatures
//   EventClusterer::Add(features)                    -> Assignment
//   EventClusterer::state()                          -> EventState (flat, for the store)
//   EventClusterer::FromState(state)                 -> resumes where it stopped
//
// Similarity (all vectors sparse, weights (1 + ln tf) * idf^p, p =
// EventOptions::idf_power (title_idf_power for the title vector), L2-normalised):
//   text  = cosine(article title + lead, event centroid of title + lead)
//   title = cosine(article title, event title centroid)
//   ent   = cosine(article entity set, event entity centroid), idf-weighted
//   num   = cosine(article number set, event number centroid), idf-weighted
//   sim   = text_weight*text + title_weight*title + entity_weight*ent
//           + number_weight*num
//   score = sim * exp(-d^2 / (2 sigma^2)), d = days from the article's date
//           to the event's [first, last] date range (0 inside it); when the
//           article or the event is undated the factor is the neutral
//           undated_time_factor instead, and an undated article is compared
//           with expired events too (it may report a happening of any time).
// The article joins the best candidate if score >= join_threshold.
// Second chance: when an event reaches 2, 4, 8, ... members, its centroids
// are scored the same way against the other candidate events and the two
// are merged (into the older one) if the score is >= merge_threshold; the
// Assignment names the events absorbed, and state().article_event follows.
// IDF is incremental: document frequencies of the articles added so far,
// optionally on top of a stored prior table (DocumentFrequencies), so that a
// cold start does not see every word as rare.
//
// Determinism: the result depends only on the prior table, the options and
// the sequence of features added; FromState(state()) followed by more Add
// calls gives exactly what one clusterer given the whole sequence gives.
//
// Thread-safety: ExtractFeatures and Gazetteer::Find are reentrant;
// an EventClusterer belongs to one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "akhbar/dates.h"
#include "akhbar/flat_map.h"
#include "akhbar/status.h"

namespace akhbar::events {

// A stable, global 64-bit id of a term, entity or number: XXH3 of the key
// with a per-kind seed. Stable across runs and machines (persistable).
using TermId = uint64_t;

enum class TermKind : uint8_t { kWord, kEntity, kNumber };
TermId MakeTermId(TermKind kind, std::string_view key);
// The id of an entity by its canonical key (a canonical name, or an id from
// the NER/entity linker): MakeTermId(kEntity, MatchKey(canonical)).
TermId EntityId(std::string_view canonical);

struct Term {
  TermId id = 0;
  float weight = 0;  // raw count in ArticleFeatures; weight in an event centroid
  bool operator==(const Term&) const = default;
};

// What the clusterer knows of one article. Vectors are sorted by id, ids
// unique. No text is kept.
struct ArticleFeatures {
  std::string id;                  // the article's DocId
  std::optional<CivilDate> date;   // publication date, else fetch date; nullopt = undated
  std::vector<Term> title;         // light stems of the title, stop words out, counts
  std::vector<Term> text;          // title (counted twice) + lead of the body, counts
  std::vector<TermId> entities;    // entity ids (EntityId), unique
  std::vector<TermId> numbers;     // numbers of title + lead as MakeTermId(kNumber, digits)
};

struct FeatureOptions {
  size_t lead_bytes = 1500;   // default 1500: bytes of the body read after the title (cut at a word)
  int title_repeat = 2;       // default 2: the title counts this many times in `text`
  size_t max_text_terms = 80; // default 80: the most frequent terms kept in `text` (ties by id)
};

// The features of one article. `title` and `body` are valid UTF-8 in any
// normalization (they are brought to the kMatch form here). `entity_ids`
// are added to the features (sorted, deduplicated). Cost: linear in the
// title plus lead. Never fails; an empty article gives empty vectors.
ArticleFeatures ExtractFeatures(std::string_view id, std::string_view title, std::string_view body,
                                std::optional<CivilDate> date, const std::vector<TermId>& entity_ids = {},
                                const FeatureOptions& options = {});
// ExtractFeatures(id, "", text, date).text: the terms of a passage (a
// summary's candidate sentence), computed without the other features and
// without the per-thread cache of keyed lines (a sentence is keyed once).
std::vector<Term> TextTerms(std::string_view text, const FeatureOptions& options = {});

// A weak, replaceable entity signal until NER's linked entities arrive: the
// entities of a gazetteer (data/gazetteer.tsv format: `type<TAB>canonical
// <TAB>latin<TAB>role<TAB>variant|variant...`, `#` comments) found in a text
// by their variants, matched word by word on light stems of the kMatch form
// (so `والرئيس فلاديمير بوتين` finds Putin).
class Gazetteer {
 public:
  Gazetteer() = default;
  // Parses the TSV. Lines with fewer than 2 fields are errors naming the line.
  static Result<Gazetteer> Parse(std::string_view tsv);
  // Appends EntityId(canonical) of each entity found in `text` (valid UTF-8).
  // Linear in the text (times the longest variant, a few words).
  void Find(std::string_view text, std::vector<TermId>* out) const;
  size_t size() const { return canonical_count_; }

 private:
  struct Variant {
    std::vector<uint64_t> words;  // hashes of the light stems after the first
    TermId entity;
  };
  std::unordered_map<uint64_t, std::vector<Variant>> by_first_;  // first word's stem hash
  size_t canonical_count_ = 0;
};

// Term id -> count (see akhbar/flat_map.h).
using TermCounts = FlatU64Map;

// Document frequencies over `text` terms, entities and numbers (each
// article counts once per id). Incremental; a prior table is just another
// instance (e.g. from an archive) that the clusterer starts from.
struct DocumentFrequencies {
  uint64_t docs = 0;
  TermCounts df;

  void Add(const ArticleFeatures& a);
  // Smoothed idf: ln((docs + 1) / (df + 1)) + 1 (always > 0).
  double Idf(TermId id) const;
  size_t MemoryBytes() const;
};

// A DocumentFrequencies table as bytes (magic "AKDF", version, documents,
// then (id, df) pairs sorted by id; entries with df < min_df left out), and
// back (a bad magic, version or length is an error, nothing half-read).
std::string EncodeDocumentFrequencies(const DocumentFrequencies& df, uint32_t min_df = 1);
Result<DocumentFrequencies> DecodeDocumentFrequencies(std::string_view bytes);
// The prior a new clusterer starts from in the store: document frequencies
// of title and lead terms over the unlabelled development corpus (20,329
// Saudi news articles, 2015), built by scripts/build-idf-prior.sh and
// shipped as data/idf-prior.bin. Without it the first articles of a new
// store see every word as rare.
const DocumentFrequencies& ShippedIdfPrior();

// The join decision and the state's bounds: the only tunable numbers of
// event clustering (tuned by eval/eval_events.cc).
struct EventOptions {
  double text_weight = 0.6;      // default 0.6: title + lead cosine
  double title_weight = 0.2;     // default 0.2: title-only cosine
  double entity_weight = 0.2;    // default 0.2: shared entities
  double number_weight = 0.2;    // default 0.2: shared numbers
  double idf_power = 2.5;        // default 2.5: weights are (1 + ln tf) * idf^idf_power; > 1 sharpens the
                                 // rare names and places against the agencies' template wording
                                 // ("X receives Y" with another Y)
  double title_idf_power = 1.0;  // default 1: the same for the title vector (a title has a handful of
                                 // words: squared idf lets one rare inflection outweigh the names)
  double join_threshold = 0.22;  // default 0.22: minimum score to join an event
  // Second chance (events, not articles): when an event reaches 2, 4, 8, ...
  // members its centroid is scored like an article against the other
  // candidate events, and it is merged into the best one if that score is
  // at least merge_threshold (into the older event; the absorbed event is
  // left empty). Reports of one happening that started two events because
  // their first articles told it differently come together once each side
  // has a centroid. 0 disables it.
  double merge_threshold = 0.25; // default 0.25; 0 disables it
  double time_sigma_days = 2.0;  // default 2.0: sigma of the time Gaussian, days
  double undated_time_factor = 0.55; // default 0.55: the neutral time factor when the article or
                                     // the event is undated (a Gaussian value at about 1.1 sigma)
  int window_days = 7;           // default 7: events idle this long leave the active pool
                                 // (undated articles still see them, through the archive index)
  size_t centroid_terms = 48;    // default 48: top-k terms kept per event centroid
  size_t title_terms = 16;       // default 16: top-k terms kept per event title centroid
  size_t index_terms = 12;       // default 12: centroid terms posted in the inverted index
  size_t query_terms = 12;       // default 12: article terms looked up in the index
  size_t max_candidates = 50;    // default 50: events scored per article (by shared-term weight)
  bool average_linkage = false; // default false: text/title similarity is the mean similarity to the
                                 // members (dot with the centroid sum / members) instead of the cosine
  bool exhaustive = false;       // default false: score every active event (slow reference)
};

// One event's compact state. Centroid weights are the sum of the members'
// normalised tf-idf vectors (idf as of each member's arrival), cut to the
// top-k by weight and sorted by id.
struct EventRecord {
  uint32_t id = 0;                       // index in EventState::events
  std::vector<Term> centroid;            // title + lead terms, top centroid_terms
  std::vector<Term> title_centroid;      // title terms, top title_terms
  std::vector<Term> entities;            // entity centroid (same sums), top 16
  std::vector<Term> numbers;             // number centroid (same sums), top 16
  std::optional<CivilDate> first_date;   // earliest member date (nullopt: all undated)
  std::optional<CivilDate> last_date;    // latest member date
  int64_t last_active_day = 0;           // clock (days since 1970) when last joined
  std::vector<uint32_t> members;         // indices in EventState::article_ids, in arrival order
};

// Everything the clusterer needs to resume: a flat struct of vectors for
// the store to persist (with its own magic and version). The inverted index
// is derived from it on FromState.
struct EventState {
  static constexpr uint32_t kVersion = 1;
  std::vector<std::string> article_ids;   // in arrival order
  std::vector<uint32_t> article_event;    // event of each article
  std::vector<EventRecord> events;
  DocumentFrequencies df;                 // prior + every article added
  std::optional<int64_t> clock_day;       // latest article date seen (days since 1970)
};

struct Assignment {
  uint32_t event = 0;    // event id
  bool created = false;  // a new event was started
  double score = 0;      // score against the joined event (0 when created)
  size_t candidates = 0; // events scored
  // Events merged into `event` by this Add (second chance, see
  // EventOptions::merge_threshold): their articles now belong to `event`
  // (state().article_event is updated) and they are left empty. A caller
  // that keeps its own article -> event table relabels them.
  std::vector<uint32_t> merged;
};

// The detailed score of one article against one event (for tests, tuning
// and explanations).
struct ScoreParts {
  double text = 0, title = 0, entity = 0, number = 0, time = 1, score = 0;
};

class EventClusterer {
 public:
  explicit EventClusterer(EventOptions options = {}, DocumentFrequencies prior = {});
  // Resumes from a state produced by state() (with any options).
  static EventClusterer FromState(EventState state, EventOptions options = {});

  // Adds one article (the next in time order). Cost: O(query terms x
  // posting lengths + max_candidates x (centroid_terms + article terms)),
  // independent of the number of events.
  Assignment Add(const ArticleFeatures& article);

  const EventState& state() const { return state_; }
  const EventOptions& options() const { return options_; }
  size_t active_events() const;
  // Bytes of the clustering state (events, ids, df table, inverted index),
  // an estimate from capacities plus container overheads.
  size_t MemoryBytes() const;

  // The score of `article` against event `event_id` with the current idf.
  ScoreParts Score(const ArticleFeatures& article, uint32_t event_id) const;

 private:
  struct Query;
  void BuildQuery(const ArticleFeatures& a, Query* q) const;
  ScoreParts ScoreQuery(const Query& q, const EventRecord& e) const;
  // The score of q against e, false (and parts incomplete) as soon as it
  // cannot reach `floor`.
  bool ScoreQuery(const Query& q, const EventRecord& e, double floor, ScoreParts* out) const;
  bool Active(const EventRecord& e) const;
  void Join(const Query& q, const ArticleFeatures& a, EventRecord* e);
  void Index(EventRecord& e, const std::vector<TermId>& old_keys);
  std::vector<TermId> IndexKeys(const EventRecord& e) const;
  void Expire();
  void Unindex(const EventRecord& e);
  void SecondChance(uint32_t event_id, Assignment* out);

  EventOptions options_;
  EventState state_;
  // Event ids by index key: a flat table from the key to its list (a key
  // whose list empties keeps it, empty). Against std::unordered_map, whose
  // look-ups were 3.5% of the clustering phase's samples.
  class PostingLists {
   public:
    std::vector<uint32_t>* find(TermId key) {
      const uint32_t* i = slot_.find(key);
      return i ? &lists_[*i] : nullptr;
    }
    const std::vector<uint32_t>* find(TermId key) const {
      const uint32_t* i = slot_.find(key);
      return i ? &lists_[*i] : nullptr;
    }
    // The list of `key`, created empty when absent (valid until the next
    // key is added).
    std::vector<uint32_t>& operator[](TermId key) {
      if (std::vector<uint32_t>* p = find(key)) return *p;
      slot_[key] = static_cast<uint32_t>(lists_.size());
      return lists_.emplace_back();
    }
    size_t MemoryBytes() const;

   private:
    FlatU64Map slot_;
    std::vector<std::vector<uint32_t>> lists_;
  };
  PostingLists postings_;  // key -> active event ids
  PostingLists archive_;   // key -> expired event ids (undated queries)
  std::vector<uint32_t> active_;         // active event ids
  int64_t expired_through_ = INT64_MIN;  // clock of the last Expire
  // Scratch of the candidate search (not state): summed key weight per
  // event id, and the ids touched, so that no map is built per article.
  std::vector<float> cand_weight_;
  std::vector<uint8_t> cand_seen_;
  std::vector<uint32_t> cand_touched_;
  // Adds weight w to the candidate score of each event of `ids` but `skip`.
  void TouchAll(const std::vector<uint32_t>& ids, float w, uint32_t skip = UINT32_MAX);
  // The touched events as (weight, id), the scratch cleared for the next search.
  std::vector<std::pair<float, uint32_t>> TakeCandidates();
};

// A sort key that puts articles in the clusterer's time order: date (undated
// last), then `tiebreak` (e.g. the fetch time string), then id.
struct OrderKey {
  int64_t day;
  std::string tiebreak;
  std::string id;
  auto operator<=>(const OrderKey&) const = default;
};
OrderKey MakeOrderKey(const std::optional<CivilDate>& date, std::string tiebreak, std::string id);

// ---- Scoring a clustering against gold labels ------------------------------

struct ClusterScores {
  double bcubed_precision = 0, bcubed_recall = 0, bcubed_f1 = 0;
  double pair_precision = 0, pair_recall = 0, pair_f1 = 0;
  size_t items = 0;
};

// BCubed (Bagga and Baldwin 1998; Amigó et al. 2009) and pairwise scores of
// `predicted` against `gold`, both cluster labels per item (same length).
// Only items are scored; unlabelled items must be left out by the caller.
ClusterScores ScoreClustering(const std::vector<uint32_t>& predicted, const std::vector<uint32_t>& gold);

}  // namespace akhbar::events
