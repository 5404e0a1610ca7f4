// Event summaries (date, headline, MMR summary, entities, quotations,
// merged claims) and storyline linking; see akhbar/storylines.h.
#include "akhbar/storylines.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "akhbar/events.h"
#include "akhbar/normalize.h"

namespace akhbar::stories {

namespace {

namespace ev = akhbar::events;

using SparseVec = std::vector<std::pair<uint64_t, double>>;  // sorted by id, ids unique

// ---- small helpers --------------------------------------------------------------

void Normalize(SparseVec* v) {
  double n = 0;
  for (const auto& [id, w] : *v) n += w * w;
  if (n <= 0) {
    v->clear();
    return;
  }
  n = std::sqrt(n);
  for (auto& [id, w] : *v) w /= n;
}

double Dot(const SparseVec& a, const SparseVec& b) {
  double s = 0;
  // A short vector against a long one (a sentence or a title against an
  // event's centroid): each id of the short one is found in the long one by
  // galloping (exponential, then binary search) instead of walking every
  // entry between. The products are summed in id order either way, so the
  // sum is the same bits.
  const bool a_short = a.size() <= b.size();
  const SparseVec& small = a_short ? a : b;
  const SparseVec& large = a_short ? b : a;
  if (large.size() >= 8 * small.size()) {
    auto from = large.begin();
    for (const auto& [id, w] : small) {
      size_t step = 1;
      auto hi = from;
      while (hi != large.end() && hi->first < id) {
        from = hi + 1;
        hi = static_cast<size_t>(large.end() - hi) > step ? hi + static_cast<std::ptrdiff_t>(step) : large.end();
        step *= 2;
      }
      from = std::lower_bound(from, hi, id, [](const auto& e, uint64_t k) { return e.first < k; });
      if (from == large.end()) break;
      if (from->first == id) s += a_short ? w * from->second : from->second * w;
    }
    return s;
  }
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) ++i;
    else if (a[i].first > b[j].first) ++j;
    else s += a[i++].second * b[j++].second;
  }
  return s;
}

// (1 + ln tf) of counted terms, L2-normalised.
SparseVec TfVector(const std::vector<ev::Term>& terms) {
  SparseVec v;
  v.reserve(terms.size());
  for (const auto& t : terms)
    if (t.weight > 0) v.emplace_back(t.id, 1.0 + std::log(static_cast<double>(t.weight)));
  Normalize(&v);
  return v;
}

// Adds `b` into the sorted accumulator `acc` (by id).
void AddInto(SparseVec* acc, const SparseVec& b, double scale = 1.0) {
  SparseVec out;
  out.reserve(acc->size() + b.size());
  size_t i = 0, j = 0;
  while (i < acc->size() || j < b.size()) {
    if (j == b.size() || (i < acc->size() && (*acc)[i].first < b[j].first)) {
      out.push_back((*acc)[i]);
      ++i;
    } else if (i == acc->size() || b[j].first < (*acc)[i].first) {
      out.emplace_back(b[j].first, b[j].second * scale);
      ++j;
    } else {
      out.emplace_back(b[j].first, (*acc)[i].second + b[j].second * scale);
      ++i;
      ++j;
    }
  }
  acc->swap(out);
}

// The first `paragraphs` paragraphs of a body ("\n\n" separated), at most
// `max_bytes` (cut back to a code point boundary).
std::string_view Lead(std::string_view body, size_t paragraphs, size_t max_bytes) {
  size_t end = 0;
  for (size_t p = 0; p < paragraphs && end < body.size(); ++p) {
    size_t e = body.find("\n\n", end);
    if (e == std::string_view::npos) {
      end = body.size();
      break;
    }
    end = e + 2;
  }
  if (end > max_bytes) {
    end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80) --end;
  }
  return body.substr(0, end);
}

size_t WordCount(std::string_view s);

bool DayPrecise(const DateMention& m) {
  return (m.kind == DateKind::kWeekday || m.kind == DateKind::kRelative) && m.granularity == Granularity::kDay &&
         !m.range_end;
}

// A happening day named in `text` resolved against `published`: the first
// day-precise weekday/relative mention that falls in [published - 7, published].
std::optional<CivilDate> FirstHappeningIn(const std::vector<DateMention>& mentions, CivilDate published) {
  for (const auto& m : mentions) {
    if (!DayPrecise(m) || !m.date) continue;
    if (*m.date > published || m.date->ToDays() < published.ToDays() - 7) continue;
    return m.date;
  }
  return std::nullopt;
}

constexpr size_t kLeadBytes = 1200;    // ArticleHappeningDate reads at most this much of the body
constexpr size_t kMinLeadWords = 12;   // a shorter first paragraph is a dateline or kicker: read the next too

// ---- sentences for the summary -----------------------------------------------------

bool IsSentenceEnd(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == '!' || c == '?') {
    *len = 1;
    return true;
  }
  if (c == '.') {
    // Not inside a number (2.1) and not in an ellipsis run's middle.
    bool digit_before = i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9';
    bool digit_after = i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9';
    if (digit_before && digit_after) return false;
    size_t j = i;
    while (j < s.size() && s[j] == '.') ++j;
    *len = j - i;
    return true;
  }
  // ؟ U+061F = D8 9F
  if (c == 0xD8 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x9F) {
    *len = 2;
    return true;
  }
  return false;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Sentences of a text (split at . ! ? ؟ and paragraph breaks; quotation
// marks are not tracked), one at a time: a caller that needs only the first
// few does not scan the rest.
class SentenceReader {
  static constexpr auto kMayEnd = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {'\n', '.', '!', '?'}) t[c] = true;
    t[0x9F] = true;
    return t;
  }();

 public:
  explicit SentenceReader(std::string_view text) : text_(text) {}
  // The next non-empty sentence, trimmed; false at the end.
  bool Next(std::string_view* out) {
    const size_t n = text_.size();
    while (i_ < n) {
      // Only these bytes can end a sentence (see IsSentenceEnd); ؟ (D8 9F)
      // is found by its second byte, D8 being the lead of half the Arabic
      // letters. Its D8 is never inside an earlier sentence end.
      const auto c = static_cast<unsigned char>(text_[i_]);
      if (!kMayEnd[c]) {
        ++i_;
        continue;
      }
      if (c == 0x9F) {
        if (i_ == 0 || static_cast<unsigned char>(text_[i_ - 1]) != 0xD8) {
          ++i_;
          continue;
        }
        --i_;  // at the D8 of ؟
      }
      size_t len = 0;
      std::string_view s;
      if (c == '\n') {
        s = Trim(text_.substr(start_, i_ - start_));
        start_ = ++i_;
      } else if (IsSentenceEnd(text_, i_, &len)) {
        s = Trim(text_.substr(start_, i_ + len - start_));
        start_ = i_ += len;
      } else {
        ++i_;
        continue;
      }
      if (!s.empty()) {
        *out = s;
        return true;
      }
    }
    if (!done_) {
      done_ = true;
      std::string_view s = Trim(text_.substr(std::min(start_, n)));
      if (!s.empty()) {
        *out = s;
        return true;
      }
    }
    return false;
  }

 private:
  std::string_view text_;
  size_t i_ = 0, start_ = 0;
  bool done_ = false;
};

size_t WordCount(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

std::string ClaimIdentity(const Claim& c) {
  if (!c.key.empty()) return c.key;
  char buf[64] = "";
  if (c.value) std::snprintf(buf, sizeof buf, "%.15g", *c.value);
  return c.counted + "|" + (c.value ? std::string(buf) : c.qualifier) + "|" + c.main_entity;
}

bool LinkType(const std::string& type) { return type == "PER" || type == "ORG" || type == "LOC"; }

}  // namespace

// ---- ArticleHappeningDate --------------------------------------------------------

std::optional<CivilDate> ArticleHappeningDate(std::string_view title, std::string_view body,
                                              const std::vector<DateMention>& dates,
                                              std::optional<CivilDate> published) {
  if (!published) return std::nullopt;
  DateContext ctx;
  ctx.reference = published;
  if (!title.empty()) {
    if (auto d = FirstHappeningIn(FindDates(title, ctx), *published)) return d;
  }
  // The lead: the first paragraph (the one that names the happening; later
  // paragraphs give background: `after the defeat on Saturday`), with the
  // next one when the first is a short dateline or kicker.
  std::string_view lead = Lead(body, 1, kLeadBytes);
  if (WordCount(lead) < kMinLeadWords) lead = Lead(body, 2, kLeadBytes);
  // The caller's mentions locate the candidates; each is resolved again
  // against `published` (the caller may have resolved them against another
  // reference, or none). Without mentions the lead is scanned here.
  // The first mention that qualifies wins: the caller's mentions are
  // resolved one at a time, and no further once one does.
  if (dates.empty()) {
    if (auto d = FirstHappeningIn(FindDates(lead, ctx), *published)) return d;
  } else {
    for (const auto& m : dates) {
      if (m.begin >= lead.size() || m.end > body.size() || m.begin >= m.end) continue;
      if (m.kind != DateKind::kWeekday && m.kind != DateKind::kRelative) continue;
      auto again = FindDates(body.substr(m.begin, m.end - m.begin), ctx);
      if (again.empty()) continue;
      again.resize(1);
      if (auto d = FirstHappeningIn(again, *published)) return d;
    }
  }
  return published;
}

std::optional<CivilDate> ArticleHappeningDate(std::string_view body, const std::vector<DateMention>& dates,
                                              std::optional<CivilDate> published) {
  return ArticleHappeningDate(std::string_view(), body, dates, published);
}

// ---- claims ----------------------------------------------------------------------

std::vector<MergedClaim> MergeClaims(const std::vector<const ArticleView*>& articles) {
  struct Acc {
    MergedClaim claim;
    size_t first = 0;  // order of first appearance
    std::map<std::string, size_t> qualifiers;
    std::map<std::string, size_t> qualifier_first;
  };
  std::vector<Acc> accs;
  std::unordered_map<std::string, size_t> by_key;
  size_t order = 0;
  for (const ArticleView* a : articles) {
    if (a == nullptr) continue;
    std::set<std::string> seen;  // one source per article and key
    for (const Claim& c : a->claims) {
      std::string key = ClaimIdentity(c);
      ++order;
      if (!seen.insert(key).second) continue;
      auto [it, fresh] = by_key.emplace(key, accs.size());
      if (fresh) {
        Acc acc;
        acc.claim.key = key;
        acc.claim.value = c.value;
        acc.claim.counted = c.counted;
        acc.claim.main_entity = c.main_entity;
        acc.first = order;
        accs.push_back(std::move(acc));
      }
      Acc& acc = accs[it->second];
      ClaimSource s;
      s.article_id = a->id;
      s.outlet = a->outlet;
      s.dup_group = a->dup_group.empty() ? a->id : a->dup_group;
      s.text = c.text;
      s.qualifier = c.qualifier;
      s.attributed_to = c.attributed_to;
      s.attributed_name = c.attributed_name;
      acc.claim.sources.push_back(std::move(s));
      ++acc.qualifiers[c.qualifier];
      acc.qualifier_first.emplace(c.qualifier, order);
    }
  }
  std::vector<MergedClaim> out;
  std::vector<std::pair<size_t, size_t>> keys;  // (independent, first) for ordering
  for (auto& acc : accs) {
    MergedClaim& m = acc.claim;
    std::set<std::string> outlets, names, groups;
    for (const auto& s : m.sources) {
      if (!s.outlet.empty()) outlets.insert(s.outlet);
      if (!s.attributed_name.empty()) names.insert(s.attributed_name);
      groups.insert(s.dup_group);
    }
    m.outlets.assign(outlets.begin(), outlets.end());
    m.attributions.assign(names.begin(), names.end());
    m.independent = groups.size();
    // The most frequent qualifier; ties go to the one seen first.
    size_t best = 0, best_first = SIZE_MAX;
    for (const auto& [q, n] : acc.qualifiers) {
      size_t f = acc.qualifier_first[q];
      if (n > best || (n == best && f < best_first)) {
        best = n;
        best_first = f;
        m.qualifier = q;
      }
    }
  }
  std::vector<size_t> idx(accs.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    if (accs[a].claim.independent != accs[b].claim.independent)
      return accs[a].claim.independent > accs[b].claim.independent;
    return accs[a].first < accs[b].first;
  });
  out.reserve(idx.size());
  for (size_t i : idx) out.push_back(std::move(accs[i].claim));
  return out;
}

std::vector<ClaimConflict> FindConflicts(const std::vector<MergedClaim>& claims) {
  // Per counted noun: the claims about main entity M are those naming M
  // and those naming none (an unnamed owner may be M); a group is a
  // conflict when it holds at least two distinct numeric values. Vague
  // amounts of the group are shown with it but make no conflict alone. When
  // no claim of the noun names a main entity, the unnamed ones form the
  // group. Groups contained in another reported group are dropped.
  std::map<std::string, std::map<std::string, std::vector<size_t>>> by_counted;  // counted -> main -> claims
  for (size_t i = 0; i < claims.size(); ++i) {
    if (claims[i].counted.empty()) continue;
    by_counted[claims[i].counted][claims[i].main_entity].push_back(i);
  }
  std::vector<std::pair<size_t, ClaimConflict>> found;  // (first claim index, conflict)
  for (const auto& [counted, mains] : by_counted) {
    auto unnamed_it = mains.find("");
    const std::vector<size_t> none;
    const std::vector<size_t>& unnamed = unnamed_it == mains.end() ? none : unnamed_it->second;
    std::vector<std::pair<std::string, std::vector<size_t>>> groups;
    for (const auto& [main, members] : mains) {
      if (main.empty()) continue;
      std::vector<size_t> g = members;
      g.insert(g.end(), unnamed.begin(), unnamed.end());
      std::sort(g.begin(), g.end());
      groups.emplace_back(main, std::move(g));
    }
    if (groups.empty()) groups.emplace_back("", unnamed);
    std::vector<std::pair<std::string, std::vector<size_t>>> conflicts;
    for (auto& [main, g] : groups) {
      std::set<double> values;
      for (size_t i : g)
        if (claims[i].value) values.insert(*claims[i].value);
      if (values.size() >= 2) conflicts.emplace_back(main, g);
    }
    for (size_t a = 0; a < conflicts.size(); ++a) {
      bool contained = false;
      for (size_t b = 0; b < conflicts.size() && !contained; ++b)
        contained = b != a &&
                    std::includes(conflicts[b].second.begin(), conflicts[b].second.end(),
                                  conflicts[a].second.begin(), conflicts[a].second.end()) &&
                    (conflicts[b].second.size() > conflicts[a].second.size() || b < a);
      if (contained) continue;
      ClaimConflict c;
      c.counted = counted;
      c.main_entity = conflicts[a].first;
      c.claims = conflicts[a].second;
      found.emplace_back(c.claims.front(), std::move(c));
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<ClaimConflict> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

// ---- SummarizeEvent ------------------------------------------------------------

EventSummary SummarizeEvent(uint32_t event, const std::vector<ArticleView>& members, const SummaryOptions& options) {
  EventSummary s;
  s.event = event;
  for (const auto& m : members) s.articles.push_back(m.id);
  std::vector<const ArticleView*> sorted;
  for (const auto& m : members) sorted.push_back(&m);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const ArticleView* a, const ArticleView* b) { return a->id < b->id; });
  if (sorted.empty()) return s;

  // Dates: each member's happening date, else its publication date.
  std::vector<std::optional<CivilDate>> member_date;
  for (const ArticleView* a : sorted) {
    std::optional<CivilDate> d = a->happened ? a->happened : a->published;
    member_date.push_back(d);
    if (d) {
      if (!s.date || *d < *s.date) s.date = d;
      if (!s.last_date || *d > *s.last_date) s.last_date = d;
    }
  }
  {
    std::map<CivilDate, size_t> volume;
    for (const auto& d : member_date) {
      if (d) ++volume[*d];
      else if (s.date) ++volume[*s.date];
    }
    s.volume.assign(volume.begin(), volume.end());
  }

  // Outlets and independent sources.
  {
    std::set<std::string> outlets, groups;
    for (const ArticleView* a : sorted) {
      if (!a->outlet.empty()) outlets.insert(a->outlet);
      groups.insert(a->dup_group.empty() ? a->id : a->dup_group);
    }
    s.outlets.assign(outlets.begin(), outlets.end());
    s.independent = groups.size();
  }

  // Topic centroid (title + lead stems) and the headline.
  std::vector<ev::ArticleFeatures> features;
  SparseVec centroid;
  for (const ArticleView* a : sorted) {
    if (a->has_terms) {
      features.emplace_back();
      features.back().title = a->title_terms;
      features.back().text = a->text_terms;
    } else {
      features.push_back(ev::ExtractFeatures(a->id, a->title, a->body, std::nullopt));
    }
    AddInto(&centroid, TfVector(features.back().text));
  }
  Normalize(&centroid);
  {
    // The heaviest terms only (ties by id), sorted by id, L2-normalised again.
    SparseVec top = centroid;
    if (top.size() > options.max_topic_terms) {
      std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
      });
      top.resize(options.max_topic_terms);
      std::sort(top.begin(), top.end());
      Normalize(&top);
    }
    s.topic.reserve(top.size());
    for (const auto& [id, w] : top) s.topic.emplace_back(id, static_cast<float>(w));
  }
  {
    double best = -1;
    for (size_t i = 0; i < sorted.size(); ++i) {
      if (Trim(sorted[i]->title).empty()) continue;
      double sim = Dot(TfVector(features[i].title), centroid);
      if (sim > best + 1e-12) {
        best = sim;
        s.headline = std::string(Trim(sorted[i]->title));
        s.headline_article = sorted[i]->id;
      }
    }
  }

  // Summary: Maximal Marginal Relevance (Carbonell and Goldstein 1998) over
  // the leading sentences of each member: pick the sentence maximising
  // lambda * sim(sentence, centroid) - (1 - lambda) * max sim(sentence,
  // picked), with a mild preference for earlier sentences (news leads carry
  // the happening); a sentence too close to one already picked (a copy from
  // another outlet) is never picked.
  {
    constexpr double kLambda = 0.7;
    constexpr double kRepeat = 0.5;          // cosine at which a sentence repeats a picked one
    constexpr size_t kPerArticle = 4;        // leading sentences considered per member
    constexpr size_t kMinWords = 6, kMaxWords = 70;
    struct Cand {
      std::string text;
      SparseVec vec;
      double relevance = 0;
    };
    std::vector<Cand> cands;
    for (const ArticleView* a : sorted) {
      std::string_view lead = Lead(a->body, 3, 2400);
      size_t taken = 0;
      SentenceReader reader(lead);
      std::string_view sentence;
      while (taken < kPerArticle && reader.Next(&sentence)) {
        size_t words = WordCount(sentence);
        if (words < kMinWords || words > kMaxWords) continue;
        Cand c;
        c.text = std::string(sentence);
        c.vec = TfVector(ev::TextTerms(sentence));
        if (c.vec.empty()) continue;
        c.relevance = Dot(c.vec, centroid) / (1.0 + 0.1 * static_cast<double>(taken));
        ++taken;
        cands.push_back(std::move(c));
      }
    }
    std::vector<bool> used(cands.size(), false);
    std::vector<size_t> picked;
    while (picked.size() < options.summary_sentences) {
      double best = -1e9;
      size_t best_i = SIZE_MAX;
      for (size_t i = 0; i < cands.size(); ++i) {
        if (used[i]) continue;
        double red = 0;
        for (size_t p : picked) red = std::max(red, Dot(cands[i].vec, cands[p].vec));
        if (red >= kRepeat) continue;
        double mmr = kLambda * cands[i].relevance - (1 - kLambda) * red;
        if (mmr > best + 1e-12) {
          best = mmr;
          best_i = i;
        }
      }
      if (best_i == SIZE_MAX) break;
      used[best_i] = true;
      picked.push_back(best_i);
    }
    for (size_t p : picked) s.summary.push_back(cands[p].text);
  }

  // Entities ranked by centrality: per member (1 + ln mentions), doubled
  // when the title names it and x1.5 when the lead does, averaged over the
  // members. An entity that is the article's own outlet is left out.
  {
    struct Acc {
      double weight = 0;
      size_t articles = 0;
      // (form, count): a handful per entity, so a flat list (no node per form).
      std::vector<std::pair<std::string_view, size_t>> canonical, type;
      std::string latin;
      size_t first = 0;
    };
    std::map<std::string, Acc> acc;
    size_t order = 0;
    // MatchKey is pure and the same names and mentions recur across the
    // members: each distinct text is keyed once (views into `members`).
    std::unordered_map<std::string_view, std::string> keys;
    auto key_of = [&keys](std::string_view text) -> const std::string& {
      auto it = keys.find(text);
      if (it == keys.end()) it = keys.emplace(text, arabic::MatchKey(text)).first;
      return it->second;
    };
    // Whether the article's title key contains a key (by the key's address
    // in `keys`): each distinct key is searched once per article.
    std::vector<std::pair<const std::string*, bool>> in_title_of;
    for (const ArticleView* a : sorted) {
      std::string title_key = arabic::MatchKey(a->title);
      size_t lead_end = Lead(a->body, 1, 800).size();
      const std::string& outlet_key = key_of(a->outlet);
      in_title_of.clear();
      auto in_title_key = [&](std::string_view text) {
        const std::string* k = &key_of(text);
        for (const auto& [key, found] : in_title_of)
          if (key == k) return found;
        const bool found = title_key.find(*k) != std::string::npos;
        in_title_of.emplace_back(k, found);
        return found;
      };
      for (const Entity& e : a->entities) {
        if (e.id.empty() || e.mentions.empty()) continue;
        if (!outlet_key.empty() && key_of(e.canonical) == outlet_key) continue;
        bool in_title = false, in_lead = false;
        for (const auto& m : e.mentions) {
          if (m.begin < lead_end) in_lead = true;
          if (!in_title && !m.text.empty() && in_title_key(m.text)) in_title = true;
        }
        if (!in_title && !e.canonical.empty() && in_title_key(e.canonical)) in_title = true;
        double w = 1.0 + std::log(static_cast<double>(e.mentions.size()));
        if (in_title) w *= 2.0;
        if (in_lead) w *= 1.5;
        auto [it, fresh] = acc.try_emplace(e.id);
        Acc& x = it->second;
        if (fresh) x.first = order++;
        x.weight += w;
        ++x.articles;
        auto count = [](std::vector<std::pair<std::string_view, size_t>>* forms, std::string_view f) {
          for (auto& [form, n] : *forms)
            if (form == f) {
              ++n;
              return;
            }
          forms->emplace_back(f, 1);
        };
        count(&x.canonical, e.canonical);
        count(&x.type, e.type);
        if (x.latin.empty()) x.latin = e.latin;
      }
    }
    for (auto& [id, x] : acc) {
      EntityWeight w;
      w.id = id;
      w.weight = x.weight / static_cast<double>(sorted.size());
      w.articles = x.articles;
      w.latin = x.latin;
      // The most frequent form; ties go to the smallest (as a scan of a
      // sorted map keeping the first maximum would pick).
      auto most = [](const std::vector<std::pair<std::string_view, size_t>>& forms) {
        std::string_view best;
        size_t n = 0;
        for (const auto& [k, c] : forms)
          if (c > n || (c == n && k < best)) {
            n = c;
            best = k;
          }
        return std::string(best);
      };
      w.canonical = most(x.canonical);
      w.type = most(x.type);
      s.entities.push_back(std::move(w));
    }
    std::sort(s.entities.begin(), s.entities.end(), [](const EntityWeight& a, const EntityWeight& b) {
      return a.weight != b.weight ? a.weight > b.weight : a.id < b.id;
    });
  }

  // Quotations: the first per (speaker, text).
  {
    std::set<std::pair<std::string, std::string>> seen;
    for (const ArticleView* a : sorted) {
      for (const Quote& q : a->quotes) {
        if (s.quotes.size() >= options.max_quotes) break;
        if (!seen.insert({q.speaker_id, arabic::MatchKey(q.text)}).second) continue;
        s.quotes.push_back({a->id, a->outlet, q.speaker_id, q.speaker, q.text});
      }
    }
  }

  s.claims = MergeClaims(sorted);
  s.conflicts = FindConflicts(s.claims);
  return s;
}

// ---- LinkStorylines ---------------------------------------------------------------

namespace {

struct EventVectors {
  SparseVec entities;               // centrality x idf, L2-normalised
  SparseVec topic;                  // topic x idf, L2-normalised
  std::vector<uint64_t> central;    // the central entities' keys, sorted
};

uint64_t EntityKey(const std::string& id) { return ev::MakeTermId(ev::TermKind::kEntity, id); }

// Runs fn(i) for i in [0, n) on every core (fn must be safe to run
// concurrently for different i), in chunks of `chunk`.
void ParallelChunks(size_t n, size_t chunk, const std::function<void(size_t)>& fn) {
  const size_t jobs = (n + chunk - 1) / chunk;
  const size_t threads = std::min<size_t>(jobs, std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t j; (j = next++) < jobs;)
      for (size_t i = j * chunk; i < std::min(n, (j + 1) * chunk); ++i) fn(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

struct Linker {
  const std::vector<EventSummary>& events;
  const StorylineOptions& options;
  std::vector<size_t> order;  // indices of `events` by (event id, first article)
  std::vector<EventVectors> vec;

  Linker(const std::vector<EventSummary>& all, const StorylineOptions& o) : events(all), options(o) {
    order.resize(events.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (events[a].event != events[b].event) return events[a].event < events[b].event;
      return events[a].articles < events[b].articles;
    });
    // Document frequencies over events (each event counts once per id).
    ev::TermCounts df_ent, df_topic;
    std::vector<uint64_t> ids;
    for (const auto& e : events) {
      ids.clear();
      for (const auto& w : e.entities)
        if (LinkType(w.type) && w.weight > 0) ids.push_back(EntityKey(w.id));
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      for (uint64_t id : ids) ++df_ent[id];
      for (const auto& [id, w] : e.topic)
        if (w > 0) ++df_topic[id];
    }
    double n = static_cast<double>(events.size());
    auto idf = [&](const ev::TermCounts& df, uint64_t id) {
      const uint32_t* c = df.find(id);
      double d = c == nullptr ? 0.0 : *c;
      return std::log((n + 1) / (d + 1)) + 1;
    };
    const double busy = std::max(static_cast<double>(options.busy_entity_min_events), options.busy_entity_share * n);
    vec.resize(events.size());
    // Each event's vectors (independent of the others), on every core.
    ParallelChunks(events.size(), 256, [&](size_t i) {
      const auto& e = events[i];
      EventVectors& v = vec[i];
      std::map<uint64_t, double> ent;
      double top = 0;
      for (const auto& w : e.entities)
        if (LinkType(w.type) && w.weight > 0) top = std::max(top, w.weight);
      std::vector<std::pair<double, uint64_t>> ranked;
      for (const auto& w : e.entities) {
        if (!LinkType(w.type) || w.weight <= 0) continue;
        uint64_t key = EntityKey(w.id);
        double x = w.weight * idf(df_ent, key);
        ent[key] += x;
        // Central: among the top entities by weight x idf, not a passing
        // mention (weight at least central_share of the event's top), and
        // not a busy entity (the country of a national feed is the setting
        // of thousands of events, not an actor of one storyline; it still
        // counts, with its low idf, in the cosine).
        const uint32_t* df = df_ent.find(key);  // counted above: never null
        if (w.weight >= options.central_share * top && df != nullptr && *df <= busy) ranked.emplace_back(x, key);
      }
      v.entities.assign(ent.begin(), ent.end());
      Normalize(&v.entities);
      std::sort(ranked.begin(), ranked.end(),
                [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
      if (ranked.size() > options.central_entities) ranked.resize(options.central_entities);
      for (const auto& r : ranked) v.central.push_back(r.second);
      std::sort(v.central.begin(), v.central.end());
      v.central.erase(std::unique(v.central.begin(), v.central.end()), v.central.end());
      for (const auto& [id, w] : e.topic)
        if (w > 0) v.topic.emplace_back(id, w * idf(df_topic, id));
      std::sort(v.topic.begin(), v.topic.end());
      Normalize(&v.topic);
    });
  }

  double TimeFactor(const EventSummary& a, const EventSummary& b) const {
    if (!a.date || !b.date) return options.undated_time_factor;
    CivilDate a_last = a.last_date ? *a.last_date : *a.date;
    CivilDate b_last = b.last_date ? *b.last_date : *b.date;
    int64_t gap = 0;
    if (b.date->ToDays() > a_last.ToDays()) gap = b.date->ToDays() - a_last.ToDays();
    else if (a.date->ToDays() > b_last.ToDays()) gap = a.date->ToDays() - b_last.ToDays();
    double f = options.decay_days > 0 ? std::exp(-static_cast<double>(gap) / options.decay_days) : 1.0;
    return std::max(options.min_time_factor, f);
  }

  // The parts of the link of events a and b. With all_parts false (the
  // linking loop, which reads only the score), a pair that is not linkable
  // is given up before its entity cosine and time factor: its score is 0
  // either way.
  LinkParts Score(size_t a, size_t b, bool all_parts = true) const {
    LinkParts p;
    const auto& va = vec[a];
    const auto& vb = vec[b];
    // The size of the intersection of two sorted lists, without building it.
    for (auto i = va.central.begin(), j = vb.central.begin(); i != va.central.end() && j != vb.central.end();) {
      if (*i < *j) {
        ++i;
      } else if (*j < *i) {
        ++j;
      } else {
        ++p.shared_entities;
        ++i;
        ++j;
      }
    }
    p.topic = Dot(va.topic, vb.topic);
    p.linkable = p.shared_entities >= options.min_shared_entities ||
                 (p.shared_entities >= 1 && p.topic >= options.min_topic_one_entity);
    if (!p.linkable && !all_parts) return p;
    p.entity = Dot(va.entities, vb.entities);
    p.time = TimeFactor(events[a], events[b]);
    p.score = p.linkable ? (options.entity_weight * p.entity + options.topic_weight * p.topic) * p.time : 0.0;
    return p;
  }
};

}  // namespace

LinkParts ScoreEventLink(const std::vector<EventSummary>& events, size_t a, size_t b,
                         const StorylineOptions& options) {
  if (a >= events.size() || b >= events.size() || a == b) return {};
  Linker linker(events, options);
  return linker.Score(a, b);
}

std::vector<Storyline> LinkStorylines(const std::vector<EventSummary>& events, const StorylineOptions& options,
                                      const std::function<void(std::vector<uint32_t>)>& on_partition) {
  std::vector<Storyline> out;
  if (events.empty()) {
    if (on_partition) on_partition({});
    return out;
  }
  Linker linker(events, options);
  const size_t n = events.size();
  // Positions in linker.order: clusters are identified by the smallest
  // position of their events, so that everything below is independent of
  // the input order and of hash-map order.
  std::vector<size_t> pos_of(n);
  for (size_t p = 0; p < n; ++p) pos_of[linker.order[p]] = p;

  // Candidate pairs: events sharing a central entity (an inverted index, so
  // not every pair is scored).
  std::map<uint64_t, std::vector<size_t>> postings;  // entity -> positions, ascending
  for (size_t p = 0; p < n; ++p)
    for (uint64_t key : linker.vec[linker.order[p]].central) postings[key].push_back(p);

  // Average-linkage agglomerative clustering (UPGMA; Sokal and Michener
  // 1958): the link of two storylines is the mean pair score over all
  // their event pairs (pairs that were never candidates score 0), and the
  // two storylines with the highest link merge while it is at least
  // link_threshold. Unlike single linkage this does not chain: an event
  // joins a storyline only if it is close to its events on average, so a
  // storyline does not swallow every event that shares one busy entity.
  // The candidate pairs (a, b > a) are scored on every core; the maps are
  // filled afterwards in (a, b) order.
  std::vector<std::vector<std::pair<size_t, double>>> scored(n);
  ParallelChunks(n, 256, [&](size_t a) {
    thread_local std::vector<size_t> cands;
    cands.clear();
    for (uint64_t key : linker.vec[linker.order[a]].central) {
      const auto& list = postings.at(key);
      cands.insert(cands.end(), std::upper_bound(list.begin(), list.end(), a), list.end());
    }
    std::sort(cands.begin(), cands.end());
    cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
    for (size_t b : cands) {
      LinkParts lp = linker.Score(linker.order[a], linker.order[b], false);
      if (lp.score > 0) scored[a].emplace_back(b, lp.score);
    }
  });
  std::vector<std::map<size_t, double>> sums(n);  // cluster -> (cluster -> sum of pair scores)
  std::vector<std::map<size_t, double>> pair_scores(n);
  for (size_t a = 0; a < n; ++a) {
    for (const auto& [b, score] : scored[a]) {
      sums[a][b] = score;
      sums[b][a] = score;
      pair_scores[a][b] = score;
      pair_scores[b][a] = score;
    }
    scored[a] = {};
  }
  std::vector<size_t> size(n, 1);
  std::vector<size_t> parent(n);
  for (size_t i = 0; i < n; ++i) parent[i] = i;
  auto link = [&](size_t a, size_t b) { return sums[a].at(b) / (static_cast<double>(size[a]) * size[b]); };
  // The links in a binary heap, highest first (ties by (a, b)), with lazy
  // deletion: an entry counts while both clusters are roots at the version
  // they had when it was pushed (a merge makes the absorbed cluster a
  // non-root and bumps the survivor's version, whose links are pushed anew).
  // The same merges, in the same order, as a search tree of the current
  // links, without its erasures: LinkStorylines took 0.28 to 0.32 s of the
  // dev ingest instead of 0.33 to 0.35 s (3 runs each).
  struct Entry {
    double neg;  // -link
    size_t a, b;  // a < b
    uint32_t va, vb;
  };
  auto after = [](const Entry& x, const Entry& y) { return std::tie(x.neg, x.a, x.b) > std::tie(y.neg, y.a, y.b); };
  std::vector<uint32_t> version(n, 0);
  std::vector<Entry> heap;
  auto push = [&](size_t a, size_t b) {
    const size_t lo = std::min(a, b), hi = std::max(a, b);
    heap.push_back(Entry{-link(lo, hi), lo, hi, version[lo], version[hi]});
  };
  for (size_t a = 0; a < n; ++a)
    for (const auto& [b, sum] : sums[a])
      if (a < b) push(a, b);
  std::make_heap(heap.begin(), heap.end(), after);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), after);
    const Entry e = heap.back();
    heap.pop_back();
    if (parent[e.a] != e.a || parent[e.b] != e.b || version[e.a] != e.va || version[e.b] != e.vb) continue;
    if (-e.neg < options.link_threshold) break;
    // Merge b into a.
    const size_t a = e.a, b = e.b;
    for (const auto& [c, sum] : sums[b]) {
      if (c == a) continue;
      sums[a][c] += sum;
      sums[c].erase(b);
      sums[c][a] = sums[a][c];
    }
    sums[a].erase(b);
    sums[b].clear();
    size[a] += size[b];
    parent[b] = a;
    ++version[a];
    for (const auto& [c, sum] : sums[a]) {
      push(a, c);
      std::push_heap(heap.begin(), heap.end(), after);
    }
  }
  auto root = [&](size_t p) {
    while (parent[p] != p) p = parent[p];
    return p;
  };
  std::vector<std::vector<size_t>> members;  // by root position: positions, ascending
  {
    std::vector<size_t> slot(n, SIZE_MAX);  // root position -> index in members
    for (size_t p = 0; p < n; ++p) {
      const size_t r = root(p);
      if (slot[r] == SIZE_MAX) {  // roots come in ascending order: r <= p
        slot[r] = members.size();
        members.emplace_back();
      }
      members[slot[r]].push_back(p);
    }
  }
  if (on_partition) {
    std::vector<uint32_t> line_of(n);
    for (const std::vector<size_t>& list : members) {
      uint32_t id = events[linker.order[list.front()]].event;
      for (size_t p : list) id = std::min(id, events[linker.order[p]].event);
      for (size_t p : list) line_of[linker.order[p]] = id;
    }
    on_partition(std::move(line_of));
  }
  // Each storyline's events, entities and title (independent of the
  // others), on every core.
  out.resize(members.size());
  ParallelChunks(members.size(), 64, [&](size_t m) {
    const std::vector<size_t>& list = members[m];
    Storyline& st = out[m];
    // Events: dated by date (then id), then undated by id.
    std::vector<size_t> idx;
    for (size_t p : list) idx.push_back(linker.order[p]);
    std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
      const auto& ea = events[a];
      const auto& eb = events[b];
      if (ea.date.has_value() != eb.date.has_value()) return ea.date.has_value();
      if (ea.date && *ea.date != *eb.date) return *ea.date < *eb.date;
      return pos_of[a] < pos_of[b];
    });
    std::set<std::string> articles;
    std::map<CivilDate, size_t> volume;
    std::map<std::string, EntityWeight> ents;
    for (size_t i : idx) {
      const auto& e = events[i];
      st.events.push_back(e.event);
      for (const auto& a : e.articles) articles.insert(a);
      if (e.date) {
        if (!st.first_date || *e.date < *st.first_date) st.first_date = e.date;
        CivilDate last = e.last_date ? *e.last_date : *e.date;
        if (!st.last_date || last > *st.last_date) st.last_date = last;
      }
      for (const auto& [d, c] : e.volume) volume[d] += c;
      for (const auto& w : e.entities) {
        auto [it, fresh] = ents.try_emplace(w.id, w);
        if (!fresh) {
          it->second.weight += w.weight;
          it->second.articles += w.articles;
        }
      }
    }
    st.articles = articles.size();
    st.volume.assign(volume.begin(), volume.end());
    for (auto& [id, w] : ents) st.entities.push_back(std::move(w));
    std::sort(st.entities.begin(), st.entities.end(), [](const EntityWeight& a, const EntityWeight& b) {
      return a.weight != b.weight ? a.weight > b.weight : a.id < b.id;
    });
    // Title: the headline of the medoid event (highest summed link score to
    // the storyline's other events; ties: more articles, then first).
    size_t best = list.front();
    double best_sum = -1;
    for (size_t p : list) {
      double sum = 0;
      for (size_t q : list)
        if (q != p) {
          auto it = pair_scores[p].find(q);
          if (it != pair_scores[p].end()) sum += it->second;
        }
      size_t arts = events[linker.order[p]].articles.size();
      size_t best_arts = events[linker.order[best]].articles.size();
      if (sum > best_sum + 1e-12 || (std::abs(sum - best_sum) <= 1e-12 && arts > best_arts)) {
        best_sum = sum;
        best = p;
      }
    }
    st.title = events[linker.order[best]].headline;
  });
  // Storylines by first event: dated ones by first date, then undated; ties
  // by the smallest event id.
  std::sort(out.begin(), out.end(), [](const Storyline& a, const Storyline& b) {
    if (a.first_date.has_value() != b.first_date.has_value()) return a.first_date.has_value();
    if (a.first_date && *a.first_date != *b.first_date) return *a.first_date < *b.first_date;
    return *std::min_element(a.events.begin(), a.events.end()) < *std::min_element(b.events.begin(), b.events.end());
  });
  for (size_t i = 0; i < out.size(); ++i) out[i].id = static_cast<uint32_t>(i);
  return out;
}

}  // namespace akhbar::stories
