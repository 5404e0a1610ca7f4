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

}  // namespace

std::string AnalyzedToJson(const AnalyzedDocument& d) {
  Json j;
  j["id"] = d.id.str();
  j["input"] = d.input;
  j["locator"] = OrNull(d.locator);
  j["format"] = ContentFormatName(d.format);
  j["charset"] = OrNull(d.charset);
  j["url"] = OrNull(d.url);
  j["fetched_at"] = OrNull(d.fetched_at);
  j["title"] = OrNull(d.title);
  j["text"] = d.text.str();
  j["language"] = d.language;
  j["arabic_share"] = static_cast<double>(static_cast<int>(d.arabic_share * 1000 + 0.5)) / 1000;
  j["tokens"] = d.tokens;
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
  j["text"] = nullptr;
  j["language"] = nullptr;
  j["arabic_share"] = nullptr;
  j["tokens"] = nullptr;
  j["warnings"] = Json::array();
  j["errors"] = Json::array({error});
  return Dump(j);
}

}  // namespace akhbar
