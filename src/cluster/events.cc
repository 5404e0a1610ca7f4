// Online event clustering: single pass, centroid per event, inverted index
// over active events (after the single-pass clustering of topic detection
// and tracking: Allan et al., "Topic Detection and Tracking Pilot Study",
// 1998; Yang, Pierce and Carbonell, "A study of retrospective and on-line
// event detection", SIGIR 1998, whose time-decayed similarity this follows
// with a Gaussian instead of a linear window).
#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>

#include "akhbar/events.h"

namespace akhbar::events {

namespace {

constexpr int64_t kNoDay = INT64_MIN;

bool ById(const Term& a, const Term& b) { return a.id < b.id; }
bool ByWeight(const Term& a, const Term& b) { return a.weight != b.weight ? a.weight > b.weight : a.id < b.id; }

// Weights (1 + ln tf) * idf^idf_power, L2-normalised; input sorted by id,
// output too.
std::vector<Term> TfIdf(const std::vector<Term>& counts, const DocumentFrequencies& df, double idf_power) {
  std::vector<Term> v;
  v.reserve(counts.size());
  double norm = 0;
  for (const auto& t : counts) {
    double idf = df.Idf(t.id);
    if (idf_power != 1.0) idf = std::pow(idf, idf_power);
    double w = (1.0 + std::log(std::max(1.0f, t.weight))) * idf;
    v.push_back({t.id, static_cast<float>(w)});
    norm += w * w;
  }
  if (norm > 0) {
    float inv = static_cast<float>(1.0 / std::sqrt(norm));
    for (auto& t : v) t.weight *= inv;
  }
  return v;
}

std::vector<Term> IdfSet(const std::vector<TermId>& ids, const DocumentFrequencies& df, double idf_power) {
  std::vector<Term> counts;
  counts.reserve(ids.size());
  for (auto id : ids) counts.push_back({id, 1.0f});
  return TfIdf(counts, df, idf_power);
}

// Cosine of a normalised vector `q` with an unnormalised `c` (both by id).
double Cosine(const std::vector<Term>& q, const std::vector<Term>& c) {
  double dot = 0, norm = 0;
  size_t i = 0, j = 0;
  for (const auto& t : c) norm += static_cast<double>(t.weight) * t.weight;
  if (norm <= 0 || q.empty()) return 0;
  while (i < q.size() && j < c.size()) {
    if (q[i].id < c[j].id) {
      ++i;
    } else if (c[j].id < q[i].id) {
      ++j;
    } else {
      dot += static_cast<double>(q[i].weight) * c[j].weight;
      ++i;
      ++j;
    }
  }
  return dot / std::sqrt(norm);
}

// Dot product of two vectors sorted by id.
double Dot(const std::vector<Term>& q, const std::vector<Term>& c) {
  double dot = 0;
  size_t i = 0, j = 0;
  while (i < q.size() && j < c.size()) {
    if (q[i].id < c[j].id) {
      ++i;
    } else if (c[j].id < q[i].id) {
      ++j;
    } else {
      dot += static_cast<double>(q[i].weight) * c[j].weight;
      ++i;
      ++j;
    }
  }
  return dot;
}

// c += v (both by id), then keeps the top `k` by weight, sorted by id.
void AddTruncate(std::vector<Term>* c, const std::vector<Term>& v, size_t k) {
  std::vector<Term> out;
  out.reserve(c->size() + v.size());
  size_t i = 0, j = 0;
  while (i < c->size() || j < v.size()) {
    if (j == v.size() || (i < c->size() && (*c)[i].id < v[j].id)) {
      out.push_back((*c)[i++]);
    } else if (i == c->size() || v[j].id < (*c)[i].id) {
      out.push_back(v[j++]);
    } else {
      out.push_back({v[j].id, (*c)[i].weight + v[j].weight});
      ++i;
      ++j;
    }
  }
  if (out.size() > k) {
    std::nth_element(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(k), out.end(), ByWeight);
    out.resize(k);
    std::sort(out.begin(), out.end(), ById);
  }
  out.shrink_to_fit();
  *c = std::move(out);
}

// An open-addressing table of a query vector, so that scoring a candidate
// probes its centroid terms (k probes) instead of merging both lists.
class QueryTable {
 public:
  void Build(const std::vector<Term>& v) {
    size_t cap = 16;
    while (cap < v.size() * 2) cap <<= 1;
    mask_ = cap - 1;
    slots_.assign(cap, Term{0, 0.0f});
    used_.assign(cap, 0);
    size_t bits = 512;
    while (bits < v.size() * 32) bits <<= 1;
    bits_mask_ = bits - 1;
    filter_.assign(bits / 64, 0);
    for (const auto& t : v) {
      const size_t h = Mix(t.id);
      filter_[(h & bits_mask_) >> 6] |= uint64_t{1} << (h & 63);
      size_t i = h & mask_;
      while (used_[i]) i = (i + 1) & mask_;
      used_[i] = 1;
      slots_[i] = t;
    }
  }
  // Cosine of the (normalised) query with the unnormalised `c`. Most of a
  // centroid's terms are not in the query: a bit filter (32 bits a query
  // term, a few KB) turns them away with a branch that goes mostly the
  // same way, where a probe of the half-full table found an empty slot or
  // not at random. The same terms are summed in the same order. bench_events
  // on the dev corpus, 3 runs each: clustering 0.77 to 0.86 s without the
  // filter, 0.62 to 0.64 s with it.
  double Cosine(const std::vector<Term>& c) const {
    double dot = 0, norm = 0;
    for (const auto& t : c) {
      norm += static_cast<double>(t.weight) * t.weight;
      const size_t h = Mix(t.id);
      if (!(filter_[(h & bits_mask_) >> 6] >> (h & 63) & 1)) continue;
      size_t i = h & mask_;
      while (used_[i]) {
        if (slots_[i].id == t.id) {
          dot += static_cast<double>(slots_[i].weight) * t.weight;
          break;
        }
        i = (i + 1) & mask_;
      }
    }
    return norm > 0 ? dot / std::sqrt(norm) : 0.0;
  }

 private:
  static size_t Mix(TermId id) { return static_cast<size_t>(id ^ (id >> 29)); }
  std::vector<Term> slots_;
  std::vector<uint8_t> used_;
  std::vector<uint64_t> filter_;
  size_t mask_ = 0, bits_mask_ = 0;
};

template <typename V>
size_t VecBytes(const V& v) {
  return v.capacity() * sizeof(typename V::value_type);
}

size_t StringBytes(const std::string& s) { return sizeof(std::string) + (s.capacity() > 15 ? s.capacity() + 1 : 0); }

}  // namespace

struct EventClusterer::Query {
  std::vector<Term> text, title, entities, numbers;  // normalised, by id
  QueryTable text_table, title_table;
  std::optional<int64_t> day;
};

EventClusterer::EventClusterer(EventOptions options, DocumentFrequencies prior) : options_(options) {
  state_.df = std::move(prior);
}

EventClusterer EventClusterer::FromState(EventState state, EventOptions options) {
  EventClusterer c(options);
  c.state_ = std::move(state);
  for (auto& e : c.state_.events) {
    if (e.members.empty()) continue;  // merged into another event
    if (!c.Active(e)) {
      for (auto k : c.IndexKeys(e)) c.archive_[k].push_back(e.id);
      continue;
    }
    c.active_.push_back(e.id);
    c.Index(e, {});
  }
  if (c.state_.clock_day) c.expired_through_ = *c.state_.clock_day;
  return c;
}

bool EventClusterer::Active(const EventRecord& e) const {
  if (!state_.clock_day || e.last_active_day == kNoDay) return true;
  return e.last_active_day >= *state_.clock_day - options_.window_days;
}

size_t EventClusterer::active_events() const { return active_.size(); }

std::vector<TermId> EventClusterer::IndexKeys(const EventRecord& e) const {
  std::vector<TermId> keys;
  std::vector<Term> top = e.centroid;
  size_t k = std::min(options_.index_terms, top.size());
  std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(k), top.end(), ByWeight);
  for (size_t i = 0; i < k; ++i) keys.push_back(top[i].id);
  for (const auto& t : e.entities) keys.push_back(t.id);
  for (const auto& t : e.numbers) keys.push_back(t.id);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

void EventClusterer::Index(EventRecord& e, const std::vector<TermId>& old_keys) {
  std::vector<TermId> keys = IndexKeys(e);
  std::vector<TermId> gone, added;
  std::set_difference(old_keys.begin(), old_keys.end(), keys.begin(), keys.end(), std::back_inserter(gone));
  std::set_difference(keys.begin(), keys.end(), old_keys.begin(), old_keys.end(), std::back_inserter(added));
  for (auto k : gone)
    if (std::vector<uint32_t>* p = postings_.find(k)) p->erase(std::remove(p->begin(), p->end(), e.id), p->end());
  for (auto k : added) postings_[k].push_back(e.id);
}

void EventClusterer::Expire() {
  if (!state_.clock_day || *state_.clock_day == expired_through_) return;
  expired_through_ = *state_.clock_day;
  std::vector<uint32_t> still;
  still.reserve(active_.size());
  for (uint32_t id : active_) {
    EventRecord& e = state_.events[id];
    if (Active(e)) {
      still.push_back(id);
      continue;
    }
    for (auto k : IndexKeys(e)) {
      archive_[k].push_back(id);
      if (std::vector<uint32_t>* p = postings_.find(k)) p->erase(std::remove(p->begin(), p->end(), id), p->end());
    }
  }
  active_ = std::move(still);
}

void EventClusterer::BuildQuery(const ArticleFeatures& a, Query* q) const {
  const double p = options_.idf_power;
  q->text = TfIdf(a.text, state_.df, p);
  q->title = TfIdf(a.title, state_.df, options_.title_idf_power);
  q->entities = IdfSet(a.entities, state_.df, p);
  q->numbers = IdfSet(a.numbers, state_.df, p);
  q->text_table.Build(q->text);
  q->title_table.Build(q->title);
  if (a.date) q->day = a.date->ToDays();
}

ScoreParts EventClusterer::ScoreQuery(const Query& q, const EventRecord& e) const {
  ScoreParts s;
  ScoreQuery(q, e, -std::numeric_limits<double>::infinity(), &s);
  return s;
}

// The time factor first, then the similarity parts, cheapest first; gives
// up (false) as soon as an upper bound of the score is below `floor`. The
// bound takes each cosine not computed yet as 1 (a cosine of normalised
// float vectors exceeds 1 by rounding only: kCosineBound leaves room), so
// it never gives up on a score that could reach `floor`; a score computed
// to the end is the same number whatever `floor` is (same expression).
bool EventClusterer::ScoreQuery(const Query& q, const EventRecord& e, double floor, ScoreParts* out) const {
  ScoreParts& s = *out;
  double d = 0;
  if (!q.day || !e.first_date) {
    s.time = options_.undated_time_factor;
  } else {
    int64_t first = e.first_date->ToDays(), last = e.last_date->ToDays();
    if (*q.day < first) d = static_cast<double>(first - *q.day);
    if (*q.day > last) d = static_cast<double>(*q.day - last);
    double sigma = std::max(1e-6, options_.time_sigma_days);
    s.time = std::exp(-d * d / (2 * sigma * sigma));
  }
  // Bounds hold for cosines (not for average linkage) and weights >= 0.
  const bool bounded = floor > -std::numeric_limits<double>::infinity() && !options_.average_linkage &&
                       options_.text_weight >= 0 && options_.title_weight >= 0 && options_.entity_weight >= 0 &&
                       options_.number_weight >= 0 && s.time >= 0;
  constexpr double kCosineBound = 1.0 + 1e-5;
  double left_text = q.text.empty() ? 0 : options_.text_weight * kCosineBound;
  double left_title = q.title.empty() ? 0 : options_.title_weight * kCosineBound;
  double left_entity = q.entities.empty() ? 0 : options_.entity_weight * kCosineBound;
  double left_number = q.numbers.empty() ? 0 : options_.number_weight * kCosineBound;
  double known = 0;  // the weighted parts computed so far
  auto hopeless = [&] {
    return bounded && (known + left_text + left_title + left_entity + left_number) * s.time * (1 + 1e-9) < floor;
  };
  if (hopeless()) return false;
  s.entity = Cosine(q.entities, e.entities);
  s.number = Cosine(q.numbers, e.numbers);
  known = options_.entity_weight * s.entity + options_.number_weight * s.number;
  left_entity = left_number = 0;
  if (hopeless()) return false;
  if (options_.average_linkage) {
    double n = static_cast<double>(std::max<size_t>(1, e.members.size()));
    s.title = Dot(q.title, e.title_centroid) / n;
  } else {
    s.title = q.title_table.Cosine(e.title_centroid);
  }
  known += options_.title_weight * s.title;
  left_title = 0;
  if (hopeless()) return false;
  if (options_.average_linkage) {
    double n = static_cast<double>(std::max<size_t>(1, e.members.size()));
    s.text = Dot(q.text, e.centroid) / n;
  } else {
    s.text = q.text_table.Cosine(e.centroid);
  }
  double sim = options_.text_weight * s.text + options_.title_weight * s.title + options_.entity_weight * s.entity +
               options_.number_weight * s.number;
  s.score = sim * s.time;
  return true;
}

ScoreParts EventClusterer::Score(const ArticleFeatures& article, uint32_t event_id) const {
  if (event_id >= state_.events.size()) return {};
  Query q;
  BuildQuery(article, &q);
  return ScoreQuery(q, state_.events[event_id]);
}

void EventClusterer::Join(const Query& q, const ArticleFeatures& a, EventRecord* e) {
  AddTruncate(&e->centroid, q.text, options_.centroid_terms);
  AddTruncate(&e->title_centroid, q.title, options_.title_terms);
  constexpr size_t kMaxKeyed = 16;  // entities / numbers kept per event
  AddTruncate(&e->entities, q.entities, kMaxKeyed);
  AddTruncate(&e->numbers, q.numbers, kMaxKeyed);
  if (a.date) {
    if (!e->first_date || *a.date < *e->first_date) e->first_date = a.date;
    if (!e->last_date || *a.date > *e->last_date) e->last_date = a.date;
  }
  int64_t now = state_.clock_day ? *state_.clock_day : kNoDay;
  if (a.date) now = std::max(now, a.date->ToDays());
  e->last_active_day = std::max(e->last_active_day, now);
  uint32_t index = static_cast<uint32_t>(state_.article_ids.size());
  e->members.push_back(index);
  state_.article_ids.push_back(a.id);
  state_.article_event.push_back(e->id);
}

Assignment EventClusterer::Add(const ArticleFeatures& a) {
  if (a.date) {
    int64_t day = a.date->ToDays();
    if (!state_.clock_day) {
      state_.clock_day = day;
      // Events made while no date was known start their window now.
      for (uint32_t id : active_) state_.events[id].last_active_day = day;
    } else {
      state_.clock_day = std::max(*state_.clock_day, day);
    }
    Expire();
  }
  state_.df.Add(a);
  Query q;
  BuildQuery(a, &q);

  // Candidate events: active events sharing a heavy term, entity or number,
  // ranked by the summed query weight of the shared keys.
  std::vector<uint32_t> candidates;
  if (options_.exhaustive) {
    if (q.day) {
      candidates = active_;
    } else {
      for (const auto& e : state_.events) candidates.push_back(e.id);
    }
  } else {
    std::vector<Term> top = q.text;
    size_t k = std::min(options_.query_terms, top.size());
    std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(k), top.end(), ByWeight);
    top.resize(k);
    for (const auto* extra : {&q.entities, &q.numbers})
      for (const auto& t : *extra) top.push_back(t);
    for (const auto& t : top) {
      if (const std::vector<uint32_t>* p = postings_.find(t.id)) TouchAll(*p, t.weight);
      if (q.day) continue;
      // An undated article may report a happening of any time: the
      // expired events are candidates too.
      if (const std::vector<uint32_t>* p = archive_.find(t.id)) TouchAll(*p, t.weight);
    }
    std::vector<std::pair<float, uint32_t>> ranked = TakeCandidates();
    size_t m = std::min(options_.max_candidates, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(m), ranked.end(),
                      [](const auto& x, const auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
    for (size_t i = 0; i < m; ++i) candidates.push_back(ranked[i].second);
  }

  Assignment out;
  out.candidates = candidates.size();
  double best = -1;
  uint32_t best_id = 0;
  // A candidate scoring below both the best so far and the join threshold
  // (or 0) cannot change the outcome: ScoreQuery may give up on it early.
  const double join_floor = std::max(options_.join_threshold, 0.0);
  ScoreParts parts;
  for (uint32_t id : candidates) {
    if (!ScoreQuery(q, state_.events[id], std::max(best, join_floor), &parts)) continue;
    double s = parts.score;
    if (s > best || (s == best && id < best_id)) {
      best = s;
      best_id = id;
    }
  }
  if (best >= options_.join_threshold && best >= 0) {
    EventRecord& e = state_.events[best_id];
    std::vector<TermId> old_keys = IndexKeys(e);
    Join(q, a, &e);
    Index(e, old_keys);
    out.event = best_id;
    out.score = best;
    SecondChance(best_id, &out);
    return out;
  }
  EventRecord e;
  e.id = static_cast<uint32_t>(state_.events.size());
  e.last_active_day = kNoDay;
  state_.events.push_back(std::move(e));
  EventRecord& ne = state_.events.back();
  Join(q, a, &ne);
  Index(ne, {});
  active_.push_back(ne.id);
  out.event = ne.id;
  out.created = true;
  return out;
}

// The posting lists are the candidate search's inner loop (some 800
// events touched an article on the dev ingest): the scratch is sized once
// a list, not tested per event.
void EventClusterer::TouchAll(const std::vector<uint32_t>& ids, float w, uint32_t skip) {
  size_t n = cand_weight_.size();
  if (n < state_.events.size()) {
    n = state_.events.size();
    cand_weight_.resize(n, 0.0f);
    cand_seen_.resize(n, 0);
  }
  float* weight = cand_weight_.data();
  uint8_t* seen = cand_seen_.data();
  for (uint32_t id : ids) {
    if (id == skip) continue;
    if (id >= n) [[unlikely]] {  // (every listed event is in state_.events)
      n = id + 1;
      cand_weight_.resize(n, 0.0f);
      cand_seen_.resize(n, 0);
      weight = cand_weight_.data();
      seen = cand_seen_.data();
    }
    if (!seen[id]) {
      seen[id] = 1;
      cand_touched_.push_back(id);
    }
    weight[id] += w;
  }
}

std::vector<std::pair<float, uint32_t>> EventClusterer::TakeCandidates() {
  std::vector<std::pair<float, uint32_t>> out;
  out.reserve(cand_touched_.size());
  for (uint32_t id : cand_touched_) {
    out.push_back({cand_weight_[id], id});
    cand_weight_[id] = 0.0f;
    cand_seen_[id] = 0;
  }
  cand_touched_.clear();
  return out;
}

void EventClusterer::Unindex(const EventRecord& e) {
  for (auto k : IndexKeys(e)) {
    for (PostingLists* index : {&postings_, &archive_})
      if (std::vector<uint32_t>* p = index->find(k)) p->erase(std::remove(p->begin(), p->end(), e.id), p->end());
  }
}

void EventClusterer::SecondChance(uint32_t event_id, Assignment* out) {
  if (options_.merge_threshold <= 0) return;
  const EventRecord& e = state_.events[event_id];
  size_t n = e.members.size();
  if (n < 2 || (n & (n - 1)) != 0) return;  // at 2, 4, 8, ... members
  // The event's centroids as a query (normalised), dated at its last day.
  Query q;
  auto normalised = [](std::vector<Term> v) {
    double norm = 0;
    for (const auto& t : v) norm += static_cast<double>(t.weight) * t.weight;
    if (norm > 0) {
      float inv = static_cast<float>(1.0 / std::sqrt(norm));
      for (auto& t : v) t.weight *= inv;
    }
    return v;
  };
  q.text = normalised(e.centroid);
  q.title = normalised(e.title_centroid);
  q.entities = normalised(e.entities);
  q.numbers = normalised(e.numbers);
  q.text_table.Build(q.text);
  q.title_table.Build(q.title);
  if (e.last_date) q.day = e.last_date->ToDays();
  std::vector<Term> keys = q.text;
  size_t k = std::min(options_.query_terms, keys.size());
  std::partial_sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(k), keys.end(), ByWeight);
  keys.resize(k);
  for (const auto* extra : {&q.entities, &q.numbers})
    for (const auto& t : *extra) keys.push_back(t);
  for (const auto& t : keys) {
    if (const std::vector<uint32_t>* p = postings_.find(t.id)) TouchAll(*p, t.weight, event_id);
  }
  std::vector<std::pair<float, uint32_t>> ranked = TakeCandidates();
  size_t m = std::min(options_.max_candidates, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(m), ranked.end(),
                    [](const auto& x, const auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
  double best = -1;
  uint32_t best_id = 0;
  ScoreParts parts;
  for (size_t i = 0; i < m; ++i) {
    uint32_t id = ranked[i].second;
    // Below the merge threshold or the best so far: cannot change the outcome.
    if (!ScoreQuery(q, state_.events[id], std::max(best, options_.merge_threshold), &parts)) continue;
    double s = parts.score;
    if (s > best || (s == best && id < best_id)) {
      best = s;
      best_id = id;
    }
  }
  if (best < options_.merge_threshold) return;
  // Into the older event (the lower id): ids of long-standing events stay.
  uint32_t into = std::min(event_id, best_id), from = std::max(event_id, best_id);
  EventRecord& dst = state_.events[into];
  EventRecord& src = state_.events[from];
  std::vector<TermId> old_keys = IndexKeys(dst);
  Unindex(src);
  AddTruncate(&dst.centroid, src.centroid, options_.centroid_terms);
  AddTruncate(&dst.title_centroid, src.title_centroid, options_.title_terms);
  constexpr size_t kMaxKeyed = 16;
  AddTruncate(&dst.entities, src.entities, kMaxKeyed);
  AddTruncate(&dst.numbers, src.numbers, kMaxKeyed);
  if (src.first_date && (!dst.first_date || *src.first_date < *dst.first_date)) dst.first_date = src.first_date;
  if (src.last_date && (!dst.last_date || *src.last_date > *dst.last_date)) dst.last_date = src.last_date;
  dst.last_active_day = std::max(dst.last_active_day, src.last_active_day);
  for (uint32_t m2 : src.members) state_.article_event[m2] = into;
  std::vector<uint32_t> members;
  members.reserve(dst.members.size() + src.members.size());
  std::merge(dst.members.begin(), dst.members.end(), src.members.begin(), src.members.end(),
             std::back_inserter(members));
  dst.members = std::move(members);
  src = EventRecord{};
  src.id = from;
  src.last_active_day = kNoDay;
  active_.erase(std::remove(active_.begin(), active_.end(), from), active_.end());
  Index(dst, old_keys);
  out->merged.push_back(from);
  out->event = state_.article_event.back();
}

size_t EventClusterer::MemoryBytes() const {
  size_t bytes = sizeof(*this);
  bytes += VecBytes(state_.article_ids) + VecBytes(state_.article_event) + VecBytes(state_.events);
  for (const auto& s : state_.article_ids) bytes += StringBytes(s) - sizeof(std::string);
  for (const auto& e : state_.events)
    bytes += VecBytes(e.centroid) + VecBytes(e.title_centroid) + VecBytes(e.entities) + VecBytes(e.numbers) +
             VecBytes(e.members);
  bytes += state_.df.MemoryBytes() - sizeof(state_.df);
  bytes += postings_.MemoryBytes() + archive_.MemoryBytes() - sizeof(postings_) - sizeof(archive_);
  bytes += VecBytes(active_);
  bytes += VecBytes(cand_weight_) + VecBytes(cand_seen_) + VecBytes(cand_touched_);
  return bytes;
}

size_t EventClusterer::PostingLists::MemoryBytes() const {
  size_t bytes = sizeof(*this) + slot_.MemoryBytes() + VecBytes(lists_);
  for (const auto& p : lists_) bytes += VecBytes(p);
  return bytes;
}

OrderKey MakeOrderKey(const std::optional<CivilDate>& date, std::string tiebreak, std::string id) {
  return {date ? date->ToDays() : INT64_MAX, std::move(tiebreak), std::move(id)};
}

}  // namespace akhbar::events
