// akhbar/storylines.h: what an event says (date, headline, summary, merged
// claims and quotations) and how events link into storylines.
//
// Input is plain data the store already keeps for every article (no SQL
// here): its outlet, title, body, dates, extraction results and the
// near-duplicate group it belongs to. Two steps:
//
//   SummarizeEvent(members)        -> EventSummary   (one event, its articles)
//   LinkStorylines(summaries)      -> Storyline list (all events)
//
// Both are pure and deterministic (the output depends only on the input
// values and the options, never on hash-map order or time of day), so the
// store can recompute them after every ingest and two ingests of the same
// articles in two halves give the same result as one.
//
// Thread-safety: every function is reentrant.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/dates.h"
#include "akhbar/events.h"
#include "akhbar/extract.h"

namespace akhbar::stories {

// What storyline building knows of one article.
struct ArticleView {
  std::string id;
  std::string outlet;                    // "" when unknown
  std::string title;
  std::string body;                      // cleaned body, paragraphs joined by "\n\n"
  std::optional<CivilDate> published;    // its own publication date (absolute, or relative/weekday resolved
                                         // against the fetch time); nullopt when not known
  std::optional<CivilDate> fetched;      // day of the fetch time; nullopt when not known
  // The day the reported happening took place, from ArticleHappeningDate;
  // nullopt when the article alone cannot tell.
  std::optional<CivilDate> happened;
  std::string dup_group;                 // id of its near-duplicate group's representative (itself when alone)
  std::vector<Entity> entities;          // Extraction::entities of the body
  std::vector<Quote> quotes;
  std::vector<Claim> claims;
  // Optional: the `title` and `text` terms of events::ExtractFeatures(id,
  // title, body, ...) with the default FeatureOptions when the caller has
  // them already (the event clusterer's features; they depend on title and
  // body only). When has_terms is false SummarizeEvent computes them.
  bool has_terms = false;
  std::vector<events::Term> title_terms, text_terms;
};

// The day an article's happening took place: a weekday (`الجمعة`) or
// relative day (`أمس`) in the title or the first paragraphs, resolved
// against the article's publication date (never later than it), else the
// publication date itself; nullopt when the article has no publication date
// (a weekday alone names no day). `dates` are the body's DateMentions as
// Extract returns them (resolved against `published`).
std::optional<CivilDate> ArticleHappeningDate(std::string_view body, const std::vector<DateMention>& dates,
                                              std::optional<CivilDate> published);
// The same, also reading the title (checked first: `أمس` in a headline
// names the happening's day). The 3-argument form reads the body only.
// Only day-precise weekday and relative mentions count (`الجمعة`, `أمس`,
// `اليوم`, `منذ 3 أيام`) that fall in the 7 days up to `published`;
// `الأسبوع الماضي`, `منذ 2 شهور`, `غدا` and absolute dates (often background:
// a treaty `الموقعة في 19 يونيو 2024`) do not. "The first paragraphs" are the
// first paragraph, and the second too when the first has fewer than 12 words
// (a kicker or dateline): later paragraphs give background (`after the
// defeat on Saturday`). The first mention found counts. Each mention of
// `dates` in that lead is resolved again against `published` (so mentions
// resolved against another reference, or none, are fine); with `dates`
// empty the lead is scanned here. A caller may pass the fetch day as
// `published` for a page that shows no date (a page is fetched no earlier
// than it is published).
std::optional<CivilDate> ArticleHappeningDate(std::string_view title, std::string_view body,
                                              const std::vector<DateMention>& dates,
                                              std::optional<CivilDate> published);

// One claim as carried by several articles (same Claim::key).
struct ClaimSource {
  std::string article_id;
  std::string outlet;
  std::string dup_group;       // copies (same group) count once
  std::string text;            // the claim as written in that article
  std::string qualifier;       // Claim::qualifier in that article ("" none)
  std::string attributed_to;   // entity id or ""
  std::string attributed_name; // canonical name or phrase, or ""
};
struct MergedClaim {
  std::string key;
  std::optional<double> value;
  std::string counted;
  std::string qualifier;       // the most frequent qualifier among the sources ("" none)
  std::string main_entity;
  std::vector<ClaimSource> sources;      // one per article carrying it, in article order
  std::vector<std::string> outlets;      // distinct outlets, sorted
  std::vector<std::string> attributions; // distinct attributed names, sorted
  size_t independent = 0;                // distinct dup groups among the sources
};
// Claims about the same thing (same counted noun and main entity) with
// different values: shown side by side, never averaged. A claim that names
// no main entity may be about any: it joins the group of every main entity
// of its noun. `claims` are indices into the MergedClaim vector they were
// computed from, ascending; `main_entity` is "" when no claim names one.
struct ClaimConflict {
  std::string counted;
  std::string main_entity;
  std::vector<size_t> claims;
};

// Merges the claims of `articles`: equal keys become one MergedClaim. The
// key (Claim::key) is counted noun + value + main entity: the qualifier is
// not part of a claim's identity (`أكثر من 10 آلاف جندي` and `10 آلاف جندي`
// are one claim; each source keeps its own qualifier). A claim without a key
// gets one built the same way. One source per article and key (in `articles`
// order). Order: by independent sources (most first), then first appearance.
std::vector<MergedClaim> MergeClaims(const std::vector<const ArticleView*>& articles);
std::vector<ClaimConflict> FindConflicts(const std::vector<MergedClaim>& claims);

struct EntityWeight {
  std::string id;           // Entity::id
  std::string type;
  std::string canonical;
  std::string latin;
  double weight = 0;        // centrality (higher first)
  size_t articles = 0;      // member articles mentioning it
};

struct QuoteView {
  std::string article_id;
  std::string outlet;
  std::string speaker_id;
  std::string speaker;
  std::string text;
};

struct EventSummary {
  uint32_t event = 0;                    // the clusterer's event id
  std::vector<std::string> articles;     // member ids, input order
  std::optional<CivilDate> date;         // earliest reliable happening date; nullopt = undated
  std::optional<CivilDate> last_date;    // latest member date (for spans); nullopt = undated
  std::string headline;                  // the most representative title
  std::string headline_article;          // whose title it is
  std::vector<std::string> summary;      // a few sentences covering the event, without repeats
  std::vector<std::string> outlets;      // distinct, sorted
  size_t independent = 0;                // distinct near-duplicate groups
  std::vector<EntityWeight> entities;    // ranked
  std::vector<QuoteView> quotes;         // distinct quotations, first per (speaker, text)
  std::vector<MergedClaim> claims;
  std::vector<ClaimConflict> conflicts;
  // Topic terms: light stems of titles and leads (events::ExtractFeatures'
  // `text` terms, events::TermId), weight = the members' (1 + ln tf) vectors,
  // each L2-normalised, summed and L2-normalised again; sorted by id. The
  // idf is applied by LinkStorylines, over the events it links (one event
  // alone has no document frequencies).
  std::vector<std::pair<uint64_t, float>> topic;
  // Articles per day: each member on its happening date, else its
  // publication date, else the event's date; members with none are left out.
  std::vector<std::pair<CivilDate, size_t>> volume;
};

struct SummaryOptions {
  size_t summary_sentences = 3;  // default 3
  size_t max_quotes = 20;        // default 20
  size_t max_topic_terms = 32;   // default 32: the heaviest topic terms kept (they are stored per event)
};

// The summary of one event. `members` are its articles (any order; sorted
// by id inside for determinism).
//  - date: the earliest member `happened` (else `published`) date;
//    last_date the latest; the fetch day is never used here.
//  - headline: the member title whose light-stem vector is closest (cosine)
//    to the event's topic centroid (ties: the first member by id).
//  - summary: Maximal Marginal Relevance (Carbonell and Goldstein 1998)
//    over the first 4 sentences (6..70 words) of the first 3 paragraphs of
//    each member: relevance = cosine to the centroid, a little less for
//    later sentences; lambda 0.7; a sentence with cosine >= 0.5 to one
//    already picked (the same wire copy in another outlet) is never picked.
//    Sentences in the order picked (most representative first).
//  - entities: per member (1 + ln mentions), x2 when the title names it,
//    x1.5 when the first paragraph does, averaged over the members; an
//    entity that is the article's own outlet is left out.
//  - quotes: the first per (speaker id, match-normalised text).
//  - claims: MergeClaims of the members; conflicts: FindConflicts of those.
// Cost: linear in the members' text (light stemming of titles, leads and
// candidate sentences); MMR makes summary_sentences passes over the
// candidates (at most 4 per member).
EventSummary SummarizeEvent(uint32_t event, const std::vector<ArticleView>& members,
                            const SummaryOptions& options = {});

struct Storyline {
  uint32_t id = 0;                       // index in LinkStorylines' result (ordered by first event)
  std::string title;
  std::vector<uint32_t> events;          // event ids: dated ones by date, then undated by id
  std::optional<CivilDate> first_date, last_date;  // span of the dated events
  size_t articles = 0;
  std::vector<EntityWeight> entities;    // ranked by centrality
  std::vector<std::pair<CivilDate, size_t>> volume;  // articles per day (dated articles), by day
};

// Linking (LinkStorylines). Every event gets two vectors: its PER/ORG/LOC
// entities weighted by centrality x idf, and its topic terms x idf, both
// L2-normalised, with the idf ln((N + 1) / (df + 1)) + 1 over the N events
// linked (an entity in every event, `Russia` in a Russia feed, weighs least).
// Its central entities are the top `central_entities` by weight x idf among
// those with at least `central_share` of its top weight, busy entities
// (below) excluded. Two events can link
// only if they share at least `min_shared_entities` central entities, or one
// and a topic cosine of at least `min_topic_one_entity`; then
//   score = (entity_weight * cos(entities) + topic_weight * cos(topic)) * time
//   time  = max(min_time_factor, exp(-gap / decay_days)), gap = days between
//           the events' [date, last_date] spans (0 when they overlap), or
//           undated_time_factor when either event is undated.
// Storylines are the clusters of average-linkage agglomerative clustering on
// these pair scores (pairs that cannot link score 0), merged while the mean
// pair score between two storylines is at least link_threshold: one strong
// pair is not enough to join two long storylines, and nothing chains through
// one busy entity. Cost: O(candidate pairs x log) with candidates found through an
// inverted index on the central entities (pairs sharing none are never scored).
// Defaults chosen with eval/eval_storylines --sweep (seeds and sample
// corpus): every threshold from 0.12 to 0.18 gives the same storylines there;
// 0.15 is the middle of that plateau.
struct StorylineOptions {
  double link_threshold = 0.15;   // default 0.15: minimum mean pair score to merge two storylines
  double entity_weight = 0.6;     // default 0.6: entity similarity share (the same actors...)
  double topic_weight = 0.4;      // default 0.4: topic similarity share (...about the same subject)
  double decay_days = 365;        // default 365: decay scale (days) for gaps between events
  double min_time_factor = 0.5;   // default 0.5: the decay never goes below this (gaps of months allowed)
  double undated_time_factor = 0.5;  // default 0.5 (= min_time_factor): an undated event is taken as far
                                     // away in time as can be, so it links on content alone
  size_t central_entities = 8;    // default 8: central entities per event
  // An entity in more than max(busy_entity_min_events, busy_entity_share x N)
  // of the N events is busy: never central (it neither opens nor allows a
  // link), only weighted by its low idf in the entity cosine.
  double busy_entity_share = 0.02;     // default 0.02
  size_t busy_entity_min_events = 20;  // default 20 (small sets of events have no busy entity)
  double central_share = 0.2;     // default 0.2: a central entity weighs at least this share of the top one
  size_t min_shared_entities = 2; // default 2: shared central entities that allow a link alone
  double min_topic_one_entity = 0.15;  // default 0.15: topic cosine that allows a link with one shared entity
};

// `on_partition`, when given, is called once, on the calling thread, as soon
// as the storylines are known and before they are described (ordered,
// titled, their entities and volumes summed: a fifth of the work): with, for
// each of `events` by index, the smallest event id of its storyline. (The
// store writes the events' rows meanwhile.)
std::vector<Storyline> LinkStorylines(const std::vector<EventSummary>& events, const StorylineOptions& options = {},
                                      const std::function<void(std::vector<uint32_t>)>& on_partition = {});

// The detailed link of events[a] and events[b] with the idf of all `events`
// (for tests, tuning and explanations; recomputes the vectors of every event).
struct LinkParts {
  double entity = 0, topic = 0, time = 1, score = 0;
  size_t shared_entities = 0;  // shared central entities
  bool linkable = false;       // passed the shared-entity gate
};
LinkParts ScoreEventLink(const std::vector<EventSummary>& events, size_t a, size_t b,
                         const StorylineOptions& options = {});

}  // namespace akhbar::stories
