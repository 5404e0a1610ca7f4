// JSON forms of analysis results (schema in the README, "akhbar analyze
// output"). Field order is part of the format: keep it stable.
#include <nlohmann/json.hpp>

#include "akhbar/analyze.h"

namespace akhbar {

namespace {

using Json = nlohmann::ordered_json;

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

std::string Dump(const Json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Json PublishedJson(const PublishedDate& p) {
  Json j;
  j["date"] = p.date ? Json(p.date->ToIso()) : Json(nullptr);
  j["kind"] = DateKindName(p.kind);
  j["text"] = OrNull(p.text);
  return j;
}

}  // namespace

std::string AnalyzedToJson(const AnalyzedDocument& d, bool explain) {
  const Article& a = d.article;
  Json j;
  j["id"] = d.id.str();
  j["input"] = d.input;
  j["locator"] = OrNull(d.locator);
  j["format"] = ContentFormatName(d.format);
  j["charset"] = OrNull(d.charset);
  j["url"] = OrNull(d.url);
  j["fetched_at"] = OrNull(d.fetched_at);
  j["title"] = OrNull(a.title);
  j["flags"] = a.flags;
  j["outlet"] = OrNull(a.outlet);
  Json agencies = Json::array();
  for (const auto& ag : a.agencies) agencies.push_back({{"name", ag.name}, {"latin", ag.latin}, {"mentions", ag.mentions}});
  j["agencies"] = std::move(agencies);
  j["keywords"] = a.keywords;
  j["author"] = OrNull(a.author);
  j["published"] = PublishedJson(a.published);
  j["language"] = d.language;
  j["arabic_share"] = static_cast<double>(static_cast<int>(d.arabic_share * 1000 + 0.5)) / 1000;
  j["tokens"] = d.tokens;
  j["text"] = d.text.str();
  j["body"] = a.body;
  Json teasers = Json::array();
  for (const auto& t : a.teasers) teasers.push_back({{"title", t.title}, {"text", t.text}, {"outlet", OrNull(t.outlet)}});
  j["teasers"] = std::move(teasers);
  if (explain) {
    Json removed = Json::array();
    for (const auto& r : a.removed) removed.push_back({{"text", r.text}, {"why", r.why}});
    j["removed"] = std::move(removed);
  }
  j["warnings"] = d.warnings;
  j["errors"] = Json::array();
  return Dump(j);
}

std::string FailureToJson(const std::string& id, const std::string& input, const std::string& locator,
                          const std::string& error) {
  Json j;
  j["id"] = OrNull(id);
  j["input"] = input;
  j["locator"] = OrNull(locator);
  j["format"] = nullptr;
  j["charset"] = nullptr;
  j["url"] = nullptr;
  j["fetched_at"] = nullptr;
  j["title"] = nullptr;
  j["flags"] = Json::array();
  j["outlet"] = nullptr;
  j["agencies"] = Json::array();
  j["keywords"] = Json::array();
  j["author"] = nullptr;
  j["published"] = nullptr;
  j["language"] = nullptr;
  j["arabic_share"] = nullptr;
  j["tokens"] = nullptr;
  j["text"] = nullptr;
  j["body"] = Json::array();
  j["teasers"] = Json::array();
  j["warnings"] = Json::array();
  j["errors"] = Json::array({error});
  return Dump(j);
}

}  // namespace akhbar
