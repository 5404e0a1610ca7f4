// AnalyzedDocument -> StoredArticle rows, and their content hash.
#include <xxhash.h>

#include <nlohmann/json.hpp>

#include "akhbar/dates.h"
#include "akhbar/store.h"
#include "akhbar/storylines.h"
#include "store/cluster_state.h"

namespace akhbar {
namespace {

using Json = nlohmann::json;

void HashField(XXH3_state_t* st, std::string_view s) {
  uint64_t n = s.size();
  XXH3_128bits_update(st, &n, sizeof n);  // length prefix: fields cannot run into each other
  XXH3_128bits_update(st, s.data(), s.size());
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// published_date, else the day of fetched_at when it starts with one.
std::string DayOf(const std::string& published_date, const std::string& fetched_at) {
  if (!published_date.empty()) return published_date;
  if (fetched_at.size() >= 10) {
    auto d = ParseIsoDate(std::string_view(fetched_at).substr(0, 10));
    if (d) return d->ToIso();
  }
  return {};
}

}  // namespace

std::string ContentHash(const StoredArticle& a) {
  XXH3_state_t* st = XXH3_createState();
  XXH3_128bits_reset(st);
  for (const std::string* f :
       {&a.id, &a.kind, &a.parent_id, &a.url, &a.outlet, &a.title, &a.body, &a.author, &a.published_date,
        &a.published_kind, &a.published_text, &a.date, &a.fetched_at, &a.flags_json, &a.keywords_json,
        &a.agencies_json, &a.language, &a.warnings_json})
    HashField(st, *f);
  XXH128_hash_t h = XXH3_128bits_digest(st);
  XXH3_freeState(st);
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

std::vector<StoredArticle> ToStoredArticles(const AnalyzedDocument& doc) {
  std::vector<StoredArticle> out;
  out.reserve(1 + doc.article.teasers.size());
  const Article& art = doc.article;
  StoredArticle page;
  page.id = doc.id.str();
  page.kind = "page";
  page.input = doc.input;
  page.locator = doc.locator;
  page.url = doc.url;
  page.outlet = art.outlet;
  page.title = art.title;
  page.body = doc.text.str();
  page.author = art.author;
  if (art.published.date) page.published_date = art.published.date->ToIso();
  page.published_kind = DateKindName(art.published.kind);
  page.published_text = art.published.text;
  page.fetched_at = doc.fetched_at;
  page.date = DayOf(page.published_date, page.fetched_at);
  page.flags_json = Dump(Json(art.flags));
  page.keywords_json = Dump(Json(art.keywords));
  Json agencies = Json::array();
  for (const auto& ag : art.agencies)
    agencies.push_back({{"name", ag.name}, {"latin", ag.latin}, {"mentions", ag.mentions}});
  page.agencies_json = Dump(agencies);
  page.language = doc.language;
  page.warnings_json = Dump(Json(doc.warnings));
  page.content_hash = ContentHash(page);
  // A page that shows no date of its own is dated by its fetch day (it was
  // published no later than it was fetched).
  std::optional<CivilDate> reference = art.published.date;
  if (!reference && page.fetched_at.size() >= 10) reference = ParseIsoDate(std::string_view(page.fetched_at).substr(0, 10));
  auto happened = stories::ArticleHappeningDate(page.title, page.body, doc.extraction.dates, reference);
  if (happened) page.happened = happened->ToIso();
  for (const Entity& e : doc.extraction.entities) page.entity_ids.push_back(e.id);
  ExtractionJson x = ExtractionArraysToJson(doc.extraction, page.body);
  page.entities_json = std::move(x.entities);
  page.quotes_json = std::move(x.quotes);
  page.claims_json = std::move(x.claims);
  out.push_back(std::move(page));

  for (size_t i = 0; i < art.teasers.size(); ++i) {
    const Teaser& t = art.teasers[i];
    StoredArticle a;
    a.id = doc.id.str() + "#t" + std::to_string(i + 1);
    a.kind = "teaser";
    a.parent_id = doc.id.str();
    a.input = doc.input;
    a.locator = doc.locator;
    a.outlet = t.outlet;
    a.title = t.title;
    a.body = t.text;
    a.published_kind = DateKindName(DateKind::kUnknown);
    a.fetched_at = doc.fetched_at;
    a.date = DayOf("", a.fetched_at);
    a.flags_json = "[]";
    a.keywords_json = "[]";
    a.agencies_json = "[]";
    a.language = doc.language;
    a.warnings_json = "[]";
    a.content_hash = ContentHash(a);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace akhbar
