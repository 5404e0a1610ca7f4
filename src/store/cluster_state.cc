// The stored forms of clustering results (layout in cluster_state.h).
#include "store/cluster_state.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "akhbar/text.h"

namespace akhbar::store {
namespace {

constexpr char kMagic[4] = {'A', 'K', 'E', 'V'};

class Writer {
 public:
  void Raw(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  template <typename T>
  void Pod(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Raw(&v, sizeof v);  // the machines akhbar builds for are little-endian (checked in EncodeEventState)
  }
  void Count(size_t n) { Pod(static_cast<uint32_t>(n)); }
  void Str(std::string_view s) {
    Count(s.size());
    Raw(s.data(), s.size());
  }
  void Date(const std::optional<CivilDate>& d) {
    Pod<uint8_t>(d.has_value());
    if (d) Pod<int64_t>(d->ToDays());
  }
  void Terms(const std::vector<events::Term>& v) {
    Count(v.size());
    for (const auto& t : v) {
      Pod(t.id);
      Pod(t.weight);
    }
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  template <typename T>
  T Pod() {
    T v{};
    if (in_.size() - pos_ < sizeof v) {
      ok_ = false;
      return v;
    }
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  // A count no larger than the bytes left could hold (each element takes
  // at least `min_size` bytes): a corrupt count cannot make us allocate
  // gigabytes.
  size_t Count(size_t min_size) {
    auto n = Pod<uint32_t>();
    if (!ok_ || static_cast<uint64_t>(n) * min_size > in_.size() - pos_) {
      ok_ = false;
      return 0;
    }
    return n;
  }
  std::string Str() {
    size_t n = Count(1);
    if (!ok_) return {};
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::optional<CivilDate> Date() {
    if (!Pod<uint8_t>()) return std::nullopt;
    int64_t days = Pod<int64_t>();
    if (!ok_ || days < -1000000 || days > 1000000) {
      ok_ = false;
      return std::nullopt;
    }
    return CivilDate::FromDays(days);
  }
  std::vector<events::Term> Terms() {
    std::vector<events::Term> v(Count(12));
    for (auto& t : v) {
      t.id = Pod<uint64_t>();
      t.weight = Pod<float>();
    }
    return v;
  }
  bool at_end() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

bool LittleEndian() {
  const uint16_t one = 1;
  unsigned char b;
  std::memcpy(&b, &one, 1);
  return b == 1;
}

}  // namespace

std::string EncodeEventState(const events::EventState& s) {
  Writer w;
  w.Raw(kMagic, 4);
  w.Pod<uint32_t>(LittleEndian() ? events::EventState::kVersion : 0);  // a big-endian blob is refused on reading
  w.Count(s.article_ids.size());
  for (const auto& id : s.article_ids) w.Str(id);
  w.Count(s.article_event.size());
  for (uint32_t e : s.article_event) w.Pod(e);
  w.Count(s.events.size());
  for (const auto& e : s.events) {
    w.Pod(e.id);
    w.Terms(e.centroid);
    w.Terms(e.title_centroid);
    w.Terms(e.entities);
    w.Terms(e.numbers);
    w.Date(e.first_date);
    w.Date(e.last_date);
    w.Pod(e.last_active_day);
    w.Count(e.members.size());
    for (uint32_t m : e.members) w.Pod(m);
  }
  w.Pod<uint64_t>(s.df.docs);
  std::vector<std::pair<events::TermId, uint32_t>> df(s.df.df.begin(), s.df.df.end());
  std::sort(df.begin(), df.end());  // deterministic bytes
  w.Count(df.size());
  for (const auto& [id, n] : df) {
    w.Pod(id);
    w.Pod(n);
  }
  w.Pod<uint8_t>(s.clock_day.has_value());
  w.Pod<int64_t>(s.clock_day.value_or(0));
  return w.Take();
}

Result<events::EventState> DecodeEventState(std::string_view blob) {
  if (blob.size() < 8 || std::memcmp(blob.data(), kMagic, 4) != 0)
    return Status::Invalid("event clusterer state: not an akhbar event state (bad magic)");
  Reader r(blob.substr(4));
  uint32_t version = r.Pod<uint32_t>();
  if (version != events::EventState::kVersion || !LittleEndian())
    return Status::Unsupported("event clusterer state: version " + std::to_string(version) + ", this akhbar reads " +
                               std::to_string(events::EventState::kVersion));
  events::EventState s;
  s.article_ids.resize(r.Count(4));
  for (auto& id : s.article_ids) id = r.Str();
  s.article_event.resize(r.Count(4));
  for (auto& e : s.article_event) e = r.Pod<uint32_t>();
  s.events.resize(r.Count(16));
  for (auto& e : s.events) {
    e.id = r.Pod<uint32_t>();
    e.centroid = r.Terms();
    e.title_centroid = r.Terms();
    e.entities = r.Terms();
    e.numbers = r.Terms();
    e.first_date = r.Date();
    e.last_date = r.Date();
    e.last_active_day = r.Pod<int64_t>();
    e.members.resize(r.Count(4));
    for (auto& m : e.members) m = r.Pod<uint32_t>();
    if (!r.ok()) break;
  }
  s.df.docs = r.Pod<uint64_t>();
  size_t n = r.Count(12);
  s.df.df.reserve(n);
  for (size_t i = 0; i < n && r.ok(); ++i) {
    auto id = r.Pod<uint64_t>();
    s.df.df[id] = r.Pod<uint32_t>();
  }
  bool has_clock = r.Pod<uint8_t>() != 0;
  int64_t clock = r.Pod<int64_t>();
  if (has_clock) s.clock_day = clock;
  if (!r.ok() || !r.at_end()) return Status::Invalid("event clusterer state: truncated or corrupt");
  if (s.article_event.size() != s.article_ids.size())
    return Status::Invalid("event clusterer state: article and event lists differ in length");
  for (uint32_t e : s.article_event)
    if (e >= s.events.size()) return Status::Invalid("event clusterer state: an article names an unknown event");
  for (size_t i = 0; i < s.events.size(); ++i) {
    if (s.events[i].id != i) return Status::Invalid("event clusterer state: event ids out of order");
    for (uint32_t m : s.events[i].members)
      if (m >= s.article_ids.size()) return Status::Invalid("event clusterer state: an event names an unknown article");
  }
  return s;
}

// ---- Event summaries as JSON ------------------------------------------------

namespace {

using Json = nlohmann::ordered_json;

Json DateJson(const std::optional<CivilDate>& d) { return d ? Json(d->ToIso()) : Json(nullptr); }
std::optional<CivilDate> JsonDate(const Json& j) {
  if (!j.is_string()) return std::nullopt;
  return ParseIsoDate(j.get<std::string>());
}
std::string S(const Json& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}
size_t N(const Json& o, const char* k) {
  auto it = o.find(k);
  return it != o.end() && it->is_number_unsigned() ? it->get<size_t>() : 0;
}
std::vector<std::string> Strings(const Json& o, const char* k) {
  std::vector<std::string> v;
  auto it = o.find(k);
  if (it != o.end() && it->is_array())
    for (const auto& x : *it)
      if (x.is_string()) v.push_back(x.get<std::string>());
  return v;
}
const Json& Arr(const Json& o, const char* k) {
  static const Json kEmpty = Json::array();
  auto it = o.find(k);
  return it != o.end() && it->is_array() ? *it : kEmpty;
}

}  // namespace

void AddClaimsJson(const std::vector<stories::MergedClaim>& merged, const std::vector<stories::ClaimConflict>& conf,
                   nlohmann::ordered_json* j) {
  Json claims = Json::array();
  for (const auto& c : merged) {
    Json sources = Json::array();
    for (const auto& src : c.sources)
      sources.push_back({{"article_id", src.article_id},
                         {"outlet", src.outlet},
                         {"dup_group", src.dup_group},
                         {"text", src.text},
                         {"qualifier", src.qualifier},
                         {"attributed_to", src.attributed_to},
                         {"attributed_name", src.attributed_name}});
    claims.push_back({{"key", c.key},
                      {"value", c.value ? Json(*c.value) : Json(nullptr)},
                      {"counted", c.counted},
                      {"qualifier", c.qualifier},
                      {"main_entity", c.main_entity},
                      {"independent", c.independent},
                      {"outlets", c.outlets},
                      {"attributions", c.attributions},
                      {"sources", std::move(sources)}});
  }
  (*j)["claims"] = std::move(claims);
  Json conflicts = Json::array();
  for (const auto& c : conf)
    conflicts.push_back({{"counted", c.counted}, {"main_entity", c.main_entity}, {"claims", c.claims}});
  (*j)["conflicts"] = std::move(conflicts);
}

std::vector<stories::MergedClaim> MergeEventClaims(const std::vector<const stories::EventSummary*>& events) {
  std::vector<stories::MergedClaim> out;
  std::map<std::string, size_t> by_key;
  for (const auto* e : events) {
    for (const auto& c : e->claims) {
      auto [it, fresh] = by_key.emplace(c.key, out.size());
      if (fresh) {
        out.push_back(c);
        continue;
      }
      stories::MergedClaim& m = out[it->second];
      for (const auto& src : c.sources) {
        bool dup = false;
        for (const auto& have : m.sources) dup = dup || have.article_id == src.article_id;
        if (!dup) m.sources.push_back(src);
      }
    }
  }
  for (auto& m : out) {
    std::set<std::string> outlets, names, groups;
    std::map<std::string, size_t> qualifiers;
    for (const auto& s : m.sources) {
      if (!s.outlet.empty()) outlets.insert(s.outlet);
      if (!s.attributed_name.empty()) names.insert(s.attributed_name);
      groups.insert(s.dup_group.empty() ? s.article_id : s.dup_group);
      ++qualifiers[s.qualifier];
    }
    m.outlets.assign(outlets.begin(), outlets.end());
    m.attributions.assign(names.begin(), names.end());
    m.independent = groups.size();
    size_t best = 0;
    for (const auto& s : m.sources)  // the most frequent qualifier, ties to the first source's
      if (qualifiers[s.qualifier] > best) {
        best = qualifiers[s.qualifier];
        m.qualifier = s.qualifier;
      }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.independent > b.independent; });
  return out;
}

namespace {

// True if one of the 8 bytes at p is a control character, '"' or '\\'
// (the bytes a JSON string escapes). Bit tricks "hasless" and "haszero"
// (Sean Eron Anderson, Bit Twiddling Hacks): exact for "any byte".
inline bool NeedsEscape8(const char* p) {
  constexpr uint64_t k01 = 0x0101010101010101ULL, k80 = 0x8080808080808080ULL;
  uint64_t v;
  std::memcpy(&v, p, 8);
  const uint64_t quote = v ^ (k01 * '"'), backslash = v ^ (k01 * '\\');
  return (((v - k01 * 0x20) & ~v) | ((quote - k01) & ~quote) | ((backslash - k01) & ~backslash)) & k80;
}

// A direct JSON writer for EncodeSummary: the same bytes as nlohmann's
// dump(-1, ' ', false, replace) of the DOM EncodeSummaryDom builds (keys in
// insertion order, no spaces, non-ASCII kept, control characters escaped as
// nlohmann does, doubles through nlohmann's own shortest round-trip
// formatting), without building the DOM. It gives up (ok = false) on a
// string that is not valid UTF-8, whose replacement it leaves to nlohmann.
class SummaryWriter {
 public:
  // Writes into a per-thread scratch buffer through a raw pointer (grown
  // by doubling; kept between calls), not one push_back/append call per
  // piece; Take() copies the bytes written. One writer per thread at a time.
  SummaryWriter() : o_(&Scratch()) {
    if (o_->size() < 4096) o_->resize(4096);
    p_ = o_->data();
    end_ = p_ + o_->size();
  }
  bool ok() const { return ok_; }
  // The JSON written; call once, after the last value.
  std::string Take() const { return std::string(o_->data(), static_cast<size_t>(p_ - o_->data())); }
  void Key(std::string_view k) {
    // Keys are this file's own ASCII literals: nothing to escape.
    Reserve(k.size() + 4);
    if (!first_) *p_++ = ',';
    *p_++ = '"';
    std::memcpy(p_, k.data(), k.size());
    p_ += k.size();
    *p_++ = '"';
    *p_++ = ':';
    first_ = true;  // the value follows without a comma
  }
  void Str(std::string_view s) {
    // Most strings are short (ids, names): the scalar check avoids the
    // SIMD validator's fixed cost; both are exact (see akhbar/text.h).
    if (!(s.size() < 256 ? IsValidUtf8Scalar(s) : IsValidUtf8(s))) ok_ = false;
    Reserve(s.size() + 3);
    if (!first_) *p_++ = ',';
    first_ = false;
    *p_++ = '"';
    size_t run = 0;  // start of the bytes copied as they are
    for (size_t i = 0; i < s.size(); ++i) {
      // Eight bytes at a time while none needs escaping (most text).
      while (i + 8 <= s.size() && !NeedsEscape8(s.data() + i)) i += 8;
      if (i == s.size()) break;
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      Raw(s.substr(run, i - run));
      run = i + 1;
      switch (c) {
        case 0x08: Raw("\\b"); break;
        case 0x09: Raw("\\t"); break;
        case 0x0A: Raw("\\n"); break;
        case 0x0C: Raw("\\f"); break;
        case 0x0D: Raw("\\r"); break;
        case '"': Raw("\\\""); break;
        case '\\': Raw("\\\\"); break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          Raw(std::string_view(u, 6));
        }
      }
    }
    Raw(s.substr(run));
    Reserve(1);
    *p_++ = '"';
  }
  void Unsigned(uint64_t v) {
    Reserve(25);
    ValueSep();
    auto r = std::to_chars(p_, p_ + 24, v);
    p_ = r.ptr;
  }
  void Double(double x) {
    if (!std::isfinite(x)) {
      Null();
      return;
    }
    Reserve(65);
    ValueSep();
    p_ = nlohmann::detail::to_chars(p_, p_ + 64, x);
  }
  void Null() {
    Reserve(5);
    ValueSep();
    std::memcpy(p_, "null", 4);
    p_ += 4;
  }
  void Date(const std::optional<CivilDate>& d) {
    if (d) {
      Str(d->ToIso());
    } else {
      Null();
    }
  }
  void Open(char c) {
    Reserve(2);
    ValueSep();
    *p_++ = c;
    first_ = true;
  }
  void Close(char c) {
    Reserve(1);
    *p_++ = c;
    first_ = false;
  }
  void Strings(const std::vector<std::string>& v) {
    Open('[');
    for (const auto& s : v) Str(s);
    Close(']');
  }

 private:
  // Room for n more bytes at p_.
  void Reserve(size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) Grow(n);
  }
  void Grow(size_t n) {
    const size_t used = static_cast<size_t>(p_ - o_->data());
    o_->resize(std::max(o_->size() * 2, used + n));
    p_ = o_->data() + used;
    end_ = o_->data() + o_->size();
  }
  static std::string& Scratch() {
    thread_local std::string buffer;
    return buffer;
  }
  void Raw(std::string_view s) {
    Reserve(s.size());
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void ValueSep() {  // callers reserved the byte
    if (!first_) *p_++ = ',';
    first_ = false;
  }
  std::string* o_;
  char* p_;
  char* end_;
  bool first_ = true;
  bool ok_ = true;
};

// "volume": [[day, articles], ...] of a summary or a storyline.
void WriteVolume(SummaryWriter& w, const std::vector<std::pair<CivilDate, size_t>>& volume) {
  w.Key("volume");
  w.Open('[');
  for (const auto& [d, n] : volume) {
    w.Open('[');
    w.Str(d.ToIso());
    w.Unsigned(n);
    w.Close(']');
  }
  w.Close(']');
}

// An entity of a summary or a storyline, with its weight and article count.
void WriteEntity(SummaryWriter& w, const stories::EntityWeight& e) {
  w.Open('{');
  w.Key("id");
  w.Str(e.id);
  w.Key("type");
  w.Str(e.type);
  w.Key("canonical");
  w.Str(e.canonical);
  w.Key("latin");
  w.Str(e.latin);
  w.Key("weight");
  w.Double(e.weight);
  w.Key("articles");
  w.Unsigned(e.articles);
  w.Close('}');
}

// "claims" and "conflicts" as AddClaimsJson adds them.
void WriteClaims(SummaryWriter& w, const std::vector<stories::MergedClaim>& claims,
                 const std::vector<stories::ClaimConflict>& conflicts) {
  w.Key("claims");
  w.Open('[');
  for (const auto& c : claims) {
    w.Open('{');
    w.Key("key");
    w.Str(c.key);
    w.Key("value");
    if (c.value) {
      w.Double(*c.value);
    } else {
      w.Null();
    }
    w.Key("counted");
    w.Str(c.counted);
    w.Key("qualifier");
    w.Str(c.qualifier);
    w.Key("main_entity");
    w.Str(c.main_entity);
    w.Key("independent");
    w.Unsigned(c.independent);
    w.Key("outlets");
    w.Strings(c.outlets);
    w.Key("attributions");
    w.Strings(c.attributions);
    w.Key("sources");
    w.Open('[');
    for (const auto& src : c.sources) {
      w.Open('{');
      w.Key("article_id");
      w.Str(src.article_id);
      w.Key("outlet");
      w.Str(src.outlet);
      w.Key("dup_group");
      w.Str(src.dup_group);
      w.Key("text");
      w.Str(src.text);
      w.Key("qualifier");
      w.Str(src.qualifier);
      w.Key("attributed_to");
      w.Str(src.attributed_to);
      w.Key("attributed_name");
      w.Str(src.attributed_name);
      w.Close('}');
    }
    w.Close(']');
    w.Close('}');
  }
  w.Close(']');
  w.Key("conflicts");
  w.Open('[');
  for (const auto& c : conflicts) {
    w.Open('{');
    w.Key("counted");
    w.Str(c.counted);
    w.Key("main_entity");
    w.Str(c.main_entity);
    w.Key("claims");
    w.Open('[');
    for (size_t i : c.claims) w.Unsigned(i);
    w.Close(']');
    w.Close('}');
  }
  w.Close(']');
}

std::string EncodeSummaryDom(const stories::EventSummary& s);

}  // namespace

std::string EncodeSummary(const stories::EventSummary& s) {
  SummaryWriter w;
  w.Open('{');
  w.Key("event");
  w.Unsigned(s.event);
  w.Key("date");
  w.Date(s.date);
  w.Key("last_date");
  w.Date(s.last_date);
  w.Key("headline");
  w.Str(s.headline);
  w.Key("headline_article");
  w.Str(s.headline_article);
  w.Key("summary");
  w.Strings(s.summary);
  w.Key("articles");
  w.Strings(s.articles);
  w.Key("outlets");
  w.Strings(s.outlets);
  w.Key("independent");
  w.Unsigned(s.independent);
  w.Key("entities");
  w.Open('[');
  for (const auto& e : s.entities) {
    WriteEntity(w, e);
  }
  w.Close(']');
  w.Key("quotes");
  w.Open('[');
  for (const auto& q : s.quotes) {
    w.Open('{');
    w.Key("article_id");
    w.Str(q.article_id);
    w.Key("outlet");
    w.Str(q.outlet);
    w.Key("speaker_id");
    w.Str(q.speaker_id);
    w.Key("speaker");
    w.Str(q.speaker);
    w.Key("text");
    w.Str(q.text);
    w.Close('}');
  }
  w.Close(']');
  WriteClaims(w, s.claims, s.conflicts);
  w.Key("topic");
  w.Open('[');
  for (const auto& [id, weight] : s.topic) {
    w.Open('[');
    w.Unsigned(id);
    w.Double(static_cast<double>(weight));
    w.Close(']');
  }
  w.Close(']');
  WriteVolume(w, s.volume);
  w.Close('}');
  return w.ok() ? w.Take() : EncodeSummaryDom(s);
}

namespace {

// The reference form of EncodeStorylineDetail (used for a string that is
// not valid UTF-8).
std::string EncodeStorylineDetailDom(const stories::Storyline& line, size_t max_entities,
                                     const std::vector<stories::MergedClaim>& claims,
                                     const std::vector<stories::ClaimConflict>& conflicts) {
  Json detail;
  detail["events"] = line.events;
  Json entities = Json::array();
  for (const auto& e : line.entities) {
    if (entities.size() == max_entities) break;
    entities.push_back({{"id", e.id},
                        {"type", e.type},
                        {"canonical", e.canonical},
                        {"latin", e.latin},
                        {"weight", e.weight},
                        {"articles", e.articles}});
  }
  detail["entities"] = std::move(entities);
  Json volume = Json::array();
  for (const auto& [d, n] : line.volume) volume.push_back(Json::array({d.ToIso(), n}));
  detail["volume"] = std::move(volume);
  AddClaimsJson(claims, conflicts, &detail);
  return detail.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string EncodeStorylineDetail(const stories::Storyline& line, size_t max_entities,
                                  const std::vector<stories::MergedClaim>& claims,
                                  const std::vector<stories::ClaimConflict>& conflicts) {
  SummaryWriter w;
  w.Open('{');
  w.Key("events");
  w.Open('[');
  for (uint32_t e : line.events) w.Unsigned(e);
  w.Close(']');
  w.Key("entities");
  w.Open('[');
  for (size_t i = 0; i < line.entities.size() && i < max_entities; ++i) {
    const auto& e = line.entities[i];
    WriteEntity(w, e);
  }
  w.Close(']');
  WriteVolume(w, line.volume);
  WriteClaims(w, claims, conflicts);
  w.Close('}');
  return w.ok() ? w.Take() : EncodeStorylineDetailDom(line, max_entities, claims, conflicts);
}

std::string EncodeStorylineDetailForTest(const stories::Storyline& line, size_t max_entities,
                                         const std::vector<stories::MergedClaim>& claims,
                                         const std::vector<stories::ClaimConflict>& conflicts) {
  return EncodeStorylineDetailDom(line, max_entities, claims, conflicts);
}

namespace {

// The reference form (and the one used for a string that is not valid UTF-8).
std::string EncodeSummaryDom(const stories::EventSummary& s) {
  Json j;
  j["event"] = s.event;
  j["date"] = DateJson(s.date);
  j["last_date"] = DateJson(s.last_date);
  j["headline"] = s.headline;
  j["headline_article"] = s.headline_article;
  j["summary"] = s.summary;
  j["articles"] = s.articles;
  j["outlets"] = s.outlets;
  j["independent"] = s.independent;
  Json entities = Json::array();
  for (const auto& e : s.entities)
    entities.push_back({{"id", e.id},
                        {"type", e.type},
                        {"canonical", e.canonical},
                        {"latin", e.latin},
                        {"weight", e.weight},
                        {"articles", e.articles}});
  j["entities"] = std::move(entities);
  Json quotes = Json::array();
  for (const auto& q : s.quotes)
    quotes.push_back({{"article_id", q.article_id},
                      {"outlet", q.outlet},
                      {"speaker_id", q.speaker_id},
                      {"speaker", q.speaker},
                      {"text", q.text}});
  j["quotes"] = std::move(quotes);
  AddClaimsJson(s.claims, s.conflicts, &j);
  Json topic = Json::array();
  for (const auto& [id, w] : s.topic) topic.push_back(Json::array({id, w}));
  j["topic"] = std::move(topic);
  Json volume = Json::array();
  for (const auto& [d, n] : s.volume) volume.push_back(Json::array({d.ToIso(), n}));
  j["volume"] = std::move(volume);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

Result<stories::EventSummary> DecodeSummary(std::string_view text) {
  stories::EventSummary s;
  try {
    Json j = Json::parse(text);
    if (!j.is_object()) return Status::Invalid("event summary: not a JSON object");
    s.event = static_cast<uint32_t>(N(j, "event"));
    s.date = JsonDate(j.value("date", Json()));
    s.last_date = JsonDate(j.value("last_date", Json()));
    s.headline = S(j, "headline");
    s.headline_article = S(j, "headline_article");
    s.summary = Strings(j, "summary");
    s.articles = Strings(j, "articles");
    s.outlets = Strings(j, "outlets");
    s.independent = N(j, "independent");
    for (const auto& e : Arr(j, "entities")) {
      stories::EntityWeight w;
      w.id = S(e, "id");
      w.type = S(e, "type");
      w.canonical = S(e, "canonical");
      w.latin = S(e, "latin");
      w.weight = e.value("weight", 0.0);
      w.articles = N(e, "articles");
      s.entities.push_back(std::move(w));
    }
    for (const auto& q : Arr(j, "quotes")) {
      stories::QuoteView v;
      v.article_id = S(q, "article_id");
      v.outlet = S(q, "outlet");
      v.speaker_id = S(q, "speaker_id");
      v.speaker = S(q, "speaker");
      v.text = S(q, "text");
      s.quotes.push_back(std::move(v));
    }
    for (const auto& c : Arr(j, "claims")) {
      stories::MergedClaim m;
      m.key = S(c, "key");
      if (auto it = c.find("value"); it != c.end() && it->is_number()) m.value = it->get<double>();
      m.counted = S(c, "counted");
      m.qualifier = S(c, "qualifier");
      m.main_entity = S(c, "main_entity");
      m.independent = N(c, "independent");
      m.outlets = Strings(c, "outlets");
      m.attributions = Strings(c, "attributions");
      for (const auto& src : Arr(c, "sources")) {
        stories::ClaimSource cs;
        cs.article_id = S(src, "article_id");
        cs.outlet = S(src, "outlet");
        cs.dup_group = S(src, "dup_group");
        cs.text = S(src, "text");
        cs.qualifier = S(src, "qualifier");
        cs.attributed_to = S(src, "attributed_to");
        cs.attributed_name = S(src, "attributed_name");
        m.sources.push_back(std::move(cs));
      }
      s.claims.push_back(std::move(m));
    }
    for (const auto& c : Arr(j, "conflicts")) {
      stories::ClaimConflict k;
      k.counted = S(c, "counted");
      k.main_entity = S(c, "main_entity");
      for (const auto& i : Arr(c, "claims"))
        if (i.is_number_unsigned()) k.claims.push_back(i.get<size_t>());
      s.conflicts.push_back(std::move(k));
    }
    for (const auto& t : Arr(j, "topic"))
      if (t.is_array() && t.size() == 2 && t[0].is_number_unsigned() && t[1].is_number())
        s.topic.emplace_back(t[0].get<uint64_t>(), t[1].get<float>());
    for (const auto& v : Arr(j, "volume"))
      if (v.is_array() && v.size() == 2 && v[0].is_string() && v[1].is_number_unsigned())
        if (auto d = ParseIsoDate(v[0].get<std::string>())) s.volume.emplace_back(*d, v[1].get<size_t>());
  } catch (const Json::exception& e) {
    return Status::Invalid(std::string("event summary: ") + e.what());
  }
  return s;
}

}  // namespace akhbar::store
