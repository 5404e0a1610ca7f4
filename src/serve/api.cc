// The JSON answers of `akhbar serve` (see api.h and the OpenAPI document in
// openapi.cc, which describes the same fields).
#include "serve/api.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "akhbar/dates.h"
#include "serve/raw_json.h"
#include "store/query.h"

namespace akhbar::serve {

Reply Error(int status, std::string message) {
  Reply r;
  r.status = status;
  r.body = Json::object();
  r.body["error"] = std::move(message);
  return r;
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

constexpr size_t kDefaultPage = 20;
constexpr size_t kMaxPage = 200;
constexpr size_t kMaxSearch = 100;
constexpr size_t kMaxIdBytes = 1024;
constexpr size_t kMaxEntityArticles = 500;  // listed in an entity's answer (all are counted)
constexpr size_t kMaxEntityQuotes = 200;
constexpr size_t kMaxEntityScan = 20000;    // articles read for an entity's names and quotes
constexpr size_t kListEntities = 10;        // entities per storyline in the list

// Store text with the search's match markers -> HTML-escaped text with <mark>.
constexpr char kMarkOpen = '\x01';
constexpr char kMarkClose = '\x02';

std::string MarkedHtml(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 32);
  for (char c : s) {
    if (c == kMarkOpen) {
      out += "<mark>";
    } else if (c == kMarkClose) {
      out += "</mark>";
    } else {
      out += HtmlEscape(std::string_view(&c, 1));
    }
  }
  return out;
}

// Stored JSON text, or `fallback` when it does not parse or is not of the
// fallback's type (an object or an array).
Json ParseJson(const std::string& s, Json fallback) {
  Json j = Json::parse(s, nullptr, false);
  return j.is_discarded() || j.type() != fallback.type() ? fallback : j;
}

// Like ParseJson for a stored object, without the members named in `skip`
// at its top level (they are read past, never built: an event summary's
// article list and topic vector are most of its text and no timeline needs
// them).
Json ParseObjectWithout(const std::string& s, std::initializer_list<std::string_view> skip) {
  auto filter = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if (depth == 1 && event == Json::parse_event_t::key && parsed.is_string()) {
      const std::string& k = parsed.get_ref<const std::string&>();
      for (std::string_view name : skip)
        if (k == name) return false;
    }
    return true;
  };
  Json j = Json::parse(s, filter, false);
  return j.is_discarded() || !j.is_object() ? Json::object() : j;
}

// A storyline's detail without what lists of storylines leave out.
Json ListDetail(const StorylineRow& r) { return ParseObjectWithout(r.detail_json, {"claims", "conflicts", "events"}); }

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

// j[key] when it is a string, else "" (stored JSON is trusted for shape, not types).
std::string Str(const Json& j, const char* key) {
  if (!j.is_object()) return std::string();
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Reply StoreFailure(const Status& s) { return Error(500, "store: " + s.message()); }

// Query parameters checked against an endpoint's list: unknown names, a
// name given twice, too many parameters or an over-long value are 400.
class ParamReader {
 public:
  ParamReader(const Params& params, const ApiLimits& limits, std::initializer_list<std::string_view> allowed)
      : params_(params) {
    if (params.size() > limits.max_params) {
      error_ = "too many query parameters (at most " + std::to_string(limits.max_params) + ")";
      return;
    }
    for (const auto& [name, value] : params) {
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        error_ = "unknown parameter '" + name + "'";
        return;
      }
      if (params.count(name) > 1) {
        error_ = "parameter '" + name + "' given more than once";
        return;
      }
      if (value.size() > limits.max_query_bytes) {
        error_ = "parameter '" + name + "' is longer than " + std::to_string(limits.max_query_bytes) + " bytes";
        return;
      }
    }
  }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  std::string Text(const std::string& name) const {
    auto it = params_.find(name);
    return it == params_.end() ? std::string() : it->second;
  }
  // A count in [min, max]; `def` when absent.
  size_t Size(const std::string& name, size_t def, size_t min, size_t max) {
    auto it = params_.find(name);
    if (it == params_.end()) return def;
    const std::string& v = it->second;
    size_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n < min || n > max) {
      Fail("parameter '" + name + "' must be an integer " + std::to_string(min) + ".." + std::to_string(max));
      return def;
    }
    return n;
  }
  // A day "YYYY-MM-DD" (normalised), or "" when absent.
  std::string Date(const std::string& name) {
    std::string v = Text(name);
    if (v.empty()) return v;
    auto d = ParseIsoDate(v);
    if (!d) {
      Fail("parameter '" + name + "' must be a date YYYY-MM-DD");
      return "";
    }
    return d->ToIso();
  }
  void Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

 private:
  const Params& params_;
  std::string error_;
};

// A numeric id from the path: 1..18 decimal digits.
std::optional<int64_t> ParseId(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

Json StorylineJson(const StorylineRow& r, size_t max_entities, Json detail) {
  Json j;
  j["id"] = r.id;
  j["title"] = r.title;
  j["first_date"] = OrNull(r.first_date);
  j["last_date"] = OrNull(r.last_date);
  j["events"] = r.events;
  j["articles"] = r.articles;
  Json entities = detail.value("entities", Json::array());
  if (entities.is_array() && entities.size() > max_entities)
    entities.erase(entities.begin() + static_cast<std::ptrdiff_t>(max_entities), entities.end());
  j["entities"] = std::move(entities);
  j["volume"] = detail.value("volume", Json::array());
  return j;
}

// First `n` elements of an array (all of it when shorter; [] when not an array).
Json Head(const Json& a, size_t n) {
  Json out = Json::array();
  if (!a.is_array()) return out;
  for (size_t i = 0; i < a.size() && i < n; ++i) out.push_back(a[i]);
  return out;
}

// What a storyline's timeline shows of each event (EventJson).
constexpr size_t kTimelineEntities = 10, kTimelineQuotes = 5, kTimelineClaims = 8, kAll = SIZE_MAX;

// What an event's JSON is built from: its summary's members, with
// `entities`, `quotes` and `claims` already cut to what is shown and the
// counts of the last two before the cut.
struct EventParts {
  Json headline_article = "", summary = Json::array(), articles = Json::array(), outlets = Json::array(),
       independent = 0, entities = Json::array(), quotes = Json::array(), claims = Json::array(),
       conflicts = Json::array();
  size_t quote_count = 0, claim_count = 0;
};

EventParts PartsOfSummary(const Json& s, bool timeline) {
  EventParts p;
  p.headline_article = s.value("headline_article", Json(""));
  p.summary = s.value("summary", Json::array());
  if (!timeline) p.articles = s.value("articles", Json::array());
  p.outlets = s.value("outlets", Json::array());
  p.independent = s.value("independent", Json(0));
  p.entities = Head(s.value("entities", Json::array()), timeline ? kTimelineEntities : kAll);
  const Json quotes = s.value("quotes", Json::array()), claims = s.value("claims", Json::array());
  p.quotes = Head(quotes, timeline ? kTimelineQuotes : kAll);
  p.quote_count = quotes.size();
  p.claims = Head(claims, timeline ? kTimelineClaims : kAll);
  p.claim_count = claims.size();
  p.conflicts = s.value("conflicts", Json::array());
  return p;
}

// The timeline's parts read from the summary's text: only the members shown
// are parsed, and of entities, quotes and claims only the first elements (a
// busy event's summary is 100 KB, mostly claims and entities, of which the
// timeline shows a tenth; parsing it whole was 60% of a storyline answer).
// nullopt when the text is not an object of the expected shape (a member
// repeated, or not an array where an array is expected): the caller then
// parses it whole.
std::optional<EventParts> TimelinePartsOfText(std::string_view text) {
  std::vector<RawMember> members;
  if (!SplitJsonObject(text, &members)) return std::nullopt;
  for (size_t i = 0; i < members.size(); ++i)
    for (size_t k = 0; k < i; ++k)
      if (members[k].key == members[i].key) return std::nullopt;
  EventParts p;
  bool ok = true;
  auto parse = [&ok](std::string_view v) {
    Json j = Json::parse(v.begin(), v.end(), nullptr, /*allow_exceptions=*/false);
    ok = ok && !j.is_discarded();
    return j;
  };
  std::vector<std::string_view> elements;
  auto head = [&](std::string_view v, size_t n, Json* out, size_t* count) {
    if (!SplitJsonArray(v, &elements)) {
      ok = false;
      return;
    }
    if (count) *count = elements.size();
    for (size_t i = 0; i < elements.size() && i < n && ok; ++i) out->push_back(parse(elements[i]));
  };
  for (const RawMember& m : members) {
    if (m.key == "headline_article") {
      p.headline_article = parse(m.value);
    } else if (m.key == "summary") {
      p.summary = parse(m.value);
    } else if (m.key == "outlets") {
      p.outlets = parse(m.value);
    } else if (m.key == "independent") {
      p.independent = parse(m.value);
    } else if (m.key == "entities") {
      head(m.value, kTimelineEntities, &p.entities, nullptr);
    } else if (m.key == "quotes") {
      head(m.value, kTimelineQuotes, &p.quotes, &p.quote_count);
    } else if (m.key == "claims") {
      head(m.value, kTimelineClaims, &p.claims, &p.claim_count);
    } else if (m.key == "conflicts") {
      p.conflicts = parse(m.value);
    }
    if (!ok) return std::nullopt;
  }
  return p;
}

// An event's JSON. The whole event (GET /api/events/{id}), or with
// `timeline` what a storyline's timeline shows of it: no article list, its
// main entities, key quotations and best-corroborated claims (with their
// sources), with the counts of both; conflicts only when all their claims
// are kept.
Json EventJson(const EventRow& e, bool timeline) {
  std::optional<EventParts> fast;
  if (timeline) fast = TimelinePartsOfText(e.summary_json);
  EventParts p = fast ? std::move(*fast)
                      : PartsOfSummary(timeline ? ParseObjectWithout(e.summary_json, {"articles", "topic", "volume"})
                                                : ParseJson(e.summary_json, Json::object()),
                                       timeline);
  Json j;
  j["id"] = e.id;
  j["storyline_id"] = e.storyline_id ? Json(*e.storyline_id) : Json(nullptr);
  j["date"] = OrNull(e.date);
  j["last_date"] = OrNull(e.last_date);
  j["headline"] = e.headline;
  j["headline_article"] = std::move(p.headline_article);
  j["summary"] = std::move(p.summary);
  j["article_count"] = e.articles;
  if (!timeline) j["articles"] = std::move(p.articles);
  j["outlets"] = std::move(p.outlets);
  j["independent_sources"] = std::move(p.independent);
  j["entities"] = std::move(p.entities);
  j["quotes"] = std::move(p.quotes);
  if (timeline) j["quote_count"] = p.quote_count;
  j["claims"] = std::move(p.claims);
  if (timeline) j["claim_count"] = p.claim_count;
  Json conflicts = Json::array();
  for (const Json& c : p.conflicts) {
    bool kept = !timeline || (c.contains("claims") && c["claims"].is_array());
    if (timeline && kept)
      for (const Json& i : c["claims"]) kept = kept && i.is_number_unsigned() && i.get<size_t>() < kTimelineClaims;
    if (kept) conflicts.push_back(c);
  }
  j["conflicts"] = std::move(conflicts);
  return j;
}

Json ArticleBrief(const StoredArticle& a) {
  Json j;
  j["id"] = a.id;
  j["kind"] = a.kind;
  j["title"] = a.title;
  j["outlet"] = OrNull(a.outlet);
  j["date"] = OrNull(a.date);
  return j;
}

}  // namespace

Reply Health(Store& store) {
  auto counts = store.CountArticles();
  if (!counts.ok()) return Error(503, "store: " + counts.status().message());
  Reply r;
  r.body["status"] = "ok";
  r.body["pages"] = counts->first;
  r.body["teasers"] = counts->second;
  r.body["schema_version"] = StoreSchemaVersion();
  return r;
}

Reply ListStorylines(Store& store, const Params& params, const ApiLimits& limits) {
  ParamReader p(params, limits, {"limit", "offset", "entity", "outlet", "from", "to"});
  if (!p.ok()) return Error(400, p.error());
  const size_t limit = p.Size("limit", kDefaultPage, 1, kMaxPage);
  const size_t offset = p.Size("offset", 0, 0, 1000000000);
  const std::string from = p.Date("from"), to = p.Date("to");
  const std::string entity = p.Text("entity"), outlet = p.Text("outlet");
  if (!from.empty() && !to.empty() && from > to) p.Fail("'from' is after 'to'");
  if (!p.ok()) return Error(400, p.error());

  StorylineFilter filter{entity, outlet, from, to};
  size_t total = 0;
  auto rows = store.ListStorylines(filter, limit, offset, &total);
  if (!rows.ok()) return StoreFailure(rows.status());
  Json list = Json::array();
  for (const StorylineRow& r : *rows) list.push_back(StorylineJson(r, kListEntities, ListDetail(r)));
  Reply reply;
  reply.body["total"] = total;
  reply.body["limit"] = limit;
  reply.body["offset"] = offset;
  reply.body["storylines"] = std::move(list);
  return reply;
}

Reply GetStoryline(Store& store, std::string_view id_text) {
  auto id = ParseId(id_text);
  if (!id) return Error(400, "a storyline id is a non-negative integer");
  auto row = store.Storyline(*id);
  if (!row.ok()) return StoreFailure(row.status());
  if (!*row) return Error(404, "no storyline " + std::to_string(*id));
  auto events = store.Events(*id);
  if (!events.ok()) return StoreFailure(events.status());
  Reply r;
  Json detail = ParseObjectWithout((*row)->detail_json, {"events"});
  Json claims = detail.value("claims", Json::array());
  Json conflicts = detail.value("conflicts", Json::array());
  r.body = StorylineJson(**row, SIZE_MAX, std::move(detail));
  r.body["claims"] = std::move(claims);
  r.body["conflicts"] = std::move(conflicts);
  Json dated = Json::array(), undated = Json::array();
  for (const EventRow& e : *events) (e.date.empty() ? undated : dated).push_back(EventJson(e, /*timeline=*/true));
  r.body["timeline"] = std::move(dated);
  r.body["undated"] = std::move(undated);
  return r;
}

Reply GetEvent(Store& store, std::string_view id_text) {
  auto id = ParseId(id_text);
  if (!id) return Error(400, "an event id is a non-negative integer");
  auto row = store.Event(*id);
  if (!row.ok()) return StoreFailure(row.status());
  if (!*row) return Error(404, "no event " + std::to_string(*id));
  Reply r;
  r.body = EventJson(**row, /*timeline=*/false);
  if ((*row)->storyline_id) {
    auto line = store.Storyline(*(*row)->storyline_id);
    if (!line.ok()) return StoreFailure(line.status());
    if (*line) r.body["storyline"] = Json{{"id", (*line)->id}, {"title", (*line)->title}};
  }
  // Articles grouped by near-duplicate group, groups in the order of their
  // first article (date order), the representative first in its group.
  std::vector<std::string> order;
  std::unordered_map<std::string, Json> groups;
  Status s = store.ForEachArticleOfEvent(*id, [&](const StoredArticle& a) {
    const std::string& key = a.dup_of.empty() ? a.id : a.dup_of;
    auto [it, fresh] = groups.try_emplace(key, Json::array());
    if (fresh) order.push_back(key);
    Json brief = ArticleBrief(a);
    if (a.id == key) {
      it->second.insert(it->second.begin(), std::move(brief));
    } else {
      it->second.push_back(std::move(brief));
    }
    return true;
  });
  if (!s.ok()) return StoreFailure(s);
  Json list = Json::array();
  for (const std::string& key : order) {
    Json g;
    g["representative"] = key;
    g["articles"] = std::move(groups[key]);
    list.push_back(std::move(g));
  }
  r.body["duplicate_groups"] = std::move(list);
  return r;
}

Reply GetArticle(Store& store, std::string_view id) {
  if (id.size() > kMaxIdBytes) return Error(400, "article id longer than " + std::to_string(kMaxIdBytes) + " bytes");
  auto got = store.Get(id);
  if (!got.ok()) return StoreFailure(got.status());
  if (!*got) return Error(404, "no article " + std::string(id));
  const StoredArticle& a = **got;
  Reply r;
  Json& j = r.body;
  j["id"] = a.id;
  j["kind"] = a.kind;
  j["parent_id"] = OrNull(a.parent_id);
  j["url"] = OrNull(a.url);
  j["outlet"] = OrNull(a.outlet);
  j["title"] = a.title;
  j["body"] = a.body;
  j["author"] = OrNull(a.author);
  j["published"] = Json{{"date", OrNull(a.published_date)}, {"kind", a.published_kind}, {"text", OrNull(a.published_text)}};
  j["date"] = OrNull(a.date);
  j["happened"] = OrNull(a.happened);
  j["fetched_at"] = OrNull(a.fetched_at);
  j["language"] = a.language;
  j["keywords"] = ParseJson(a.keywords_json, Json::array());
  j["agencies"] = ParseJson(a.agencies_json, Json::array());
  j["flags"] = ParseJson(a.flags_json, Json::array());
  j["entities"] = ParseJson(a.entities_json, Json::array());
  j["quotes"] = ParseJson(a.quotes_json, Json::array());
  j["claims"] = ParseJson(a.claims_json, Json::array());
  j["event_id"] = a.event_id ? Json(*a.event_id) : Json(nullptr);
  Json storyline = nullptr;
  if (a.event_id) {
    auto e = store.Event(*a.event_id);
    if (!e.ok()) return StoreFailure(e.status());
    if (*e && (*e)->storyline_id) storyline = *(*e)->storyline_id;
  }
  j["storyline_id"] = std::move(storyline);
  j["dup_of"] = OrNull(a.dup_of);
  return r;
}

namespace {

// Counts of strings, listed most frequent first (ties by text).
class Tally {
 public:
  void Add(const std::string& s) {
    if (!s.empty()) ++counts_[s];
  }
  Json List() const {
    std::vector<std::pair<std::string, size_t>> v(counts_.begin(), counts_.end());
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    Json out = Json::array();
    for (auto& [text, n] : v) out.push_back(Json{{"text", text}, {"count", n}});
    return out;
  }
  std::string Top() const {
    const std::pair<const std::string, size_t>* best = nullptr;
    for (const auto& kv : counts_)
      if (!best || kv.second > best->second || (kv.second == best->second && kv.first < best->first)) best = &kv;
    return best ? best->first : std::string();
  }
  bool empty() const { return counts_.empty(); }

 private:
  std::unordered_map<std::string, size_t> counts_;
};

}  // namespace

Reply GetEntity(Store& store, std::string_view id) {
  if (id.size() > 256) return Error(400, "entity id longer than 256 bytes");
  Tally canonical, types, latin, names, roles;
  Json articles = Json::array(), quotes = Json::array();
  size_t total = 0;
  bool truncated = false;
  Status s = store.ForEachArticleOfEntity(id, [&](const StoredArticle& a) {
    if (total == kMaxEntityScan) {
      truncated = true;
      return false;
    }
    ++total;
    Json entities = ParseJson(a.entities_json, Json::array());
    for (const Json& e : entities) {
      if (Str(e, "id") != id) continue;
      canonical.Add(Str(e, "canonical"));
      types.Add(Str(e, "type"));
      latin.Add(Str(e, "latin"));
      if (auto m = e.find("mentions"); m != e.end() && m->is_array())
        for (const Json& mention : *m) names.Add(Str(mention, "text"));
      if (auto r = e.find("roles"); r != e.end() && r->is_array())
        for (const Json& role : *r)
          if (role.is_string()) roles.Add(role.get<std::string>());
    }
    for (const Json& q : ParseJson(a.quotes_json, Json::array())) {
      if (Str(q, "speaker_id") != id || quotes.size() >= kMaxEntityQuotes) continue;
      quotes.push_back(Json{{"article_id", a.id}, {"outlet", OrNull(a.outlet)}, {"date", OrNull(a.date)},
                            {"text", Str(q, "text")}, {"verb", Str(q, "verb")}});
    }
    if (articles.size() < kMaxEntityArticles) {
      Json brief = ArticleBrief(a);
      brief["event_id"] = a.event_id ? Json(*a.event_id) : Json(nullptr);
      articles.push_back(std::move(brief));
    }
    return true;
  });
  if (!s.ok()) return StoreFailure(s);
  if (total == 0) return Error(404, "no entity " + std::string(id));
  auto line_ids = store.StorylinesWithEntity(id);
  if (!line_ids.ok()) return StoreFailure(line_ids.status());
  Json lines = Json::array();
  for (int64_t lid : *line_ids) {
    auto row = store.Storyline(lid);
    if (!row.ok()) return StoreFailure(row.status());
    if (*row) lines.push_back(StorylineJson(**row, kListEntities, ListDetail(**row)));
  }
  Reply r;
  Json& j = r.body;
  j["id"] = id;
  j["type"] = types.Top();
  j["canonical"] = canonical.Top();
  j["latin"] = OrNull(latin.Top());
  j["names"] = canonical.List();
  j["variants"] = names.List();
  j["roles"] = roles.List();
  j["article_count"] = total;
  j["articles_truncated"] = truncated || total > articles.size();
  j["articles"] = std::move(articles);
  j["storylines"] = std::move(lines);
  j["quotes"] = std::move(quotes);
  return r;
}

Reply SearchArticles(Store& store, const Params& params, const ApiLimits& limits) {
  ParamReader p(params, limits, {"q", "from", "to", "outlet", "entity", "limit"});
  if (!p.ok()) return Error(400, p.error());
  SearchQuery q;
  q.text = p.Text("q");
  q.from = p.Date("from");
  q.to = p.Date("to");
  q.outlet = p.Text("outlet");
  const std::string entity = p.Text("entity");
  const size_t limit = p.Size("limit", kDefaultPage, 1, kMaxSearch);
  if (q.text.empty()) p.Fail("parameter 'q' is required");
  if (!q.from.empty() && !q.to.empty() && q.from > q.to) p.Fail("'from' is after 'to'");
  if (!p.ok()) return Error(400, p.error());
  q.mark_open = std::string(1, kMarkOpen);
  q.mark_close = std::string(1, kMarkClose);
  q.snippet_tokens = 24;
  q.limit = limit;
  q.entity = entity;
  auto hits = store.Search(q);
  if (!hits.ok() && hits.status().message() == store::kNoSearchableWord) {
    // Only stop words (في، من، على ...) or punctuation: nothing can match,
    // which is an answer, not a bad request.
    Reply r;
    r.body["query"] = q.text;
    r.body["count"] = 0;
    r.body["results"] = Json::array();
    r.body["note"] = "the query has only stop words or punctuation";
    return r;
  }
  if (!hits.ok()) {
    if (hits.status().code() == StatusCode::kInvalidInput) return Error(400, hits.status().message());
    return StoreFailure(hits.status());
  }
  Json list = Json::array();
  for (const SearchHit& h : *hits) {
    Json j;
    j["id"] = h.id;
    j["kind"] = h.kind;
    j["title"] = MarkedHtml(h.title);
    j["outlet"] = OrNull(h.outlet);
    j["date"] = OrNull(h.date);
    j["snippet"] = MarkedHtml(h.snippet);
    j["score"] = h.score;
    list.push_back(std::move(j));
  }
  Reply r;
  r.body["query"] = q.text;
  r.body["count"] = list.size();
  r.body["results"] = std::move(list);
  return r;
}

}  // namespace akhbar::serve
