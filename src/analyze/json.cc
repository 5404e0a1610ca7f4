// JSON forms of analysis results (schema in the README, "akhbar analyze
// output"). Field order is part of the format: keep it stable. The
// extraction fields (entities, quotes, claims, numbers, dates) follow
// `teasers`; their `start`/`end` are code point offsets into `text`.
#include <nlohmann/json.hpp>

#include <charconv>
#include <optional>
#include <string_view>
#include <vector>

#include "akhbar/analyze.h"
#include "akhbar/text.h"

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

// Byte offsets of `text` to code point offsets. Offsets in the analyze JSON
// (entities, quotes, claims, numbers, dates: `start`, `end`) are CODE POINTS
// of the `text` field, so that consumers in any language can slice it.
class CodePointMap {
 public:
  // The code points before every 64-byte block: a query scans at most 63
  // bytes, and the map is a 64th of the size of one entry per byte (a body
  // of a few hundred KB would otherwise need a zeroed MB for a handful of
  // offsets).
  explicit CodePointMap(std::string_view text) : text_(text), blocks_(text.size() / kBlock + 1) {
    uint32_t n = 0;
    for (size_t b = 0; b + 1 < blocks_.size(); ++b) {
      blocks_[b] = n;
      n += Count(text.substr(b * kBlock, kBlock));
    }
    blocks_.back() = n;
    total_ = n + Count(text.substr(text.size() / kBlock * kBlock));
  }
  uint32_t operator()(uint32_t byte) const {
    if (byte >= text_.size()) return total_;
    const size_t b = byte / kBlock;
    return blocks_[b] + Count(text_.substr(b * kBlock, byte - b * kBlock));
  }

 private:
  static constexpr size_t kBlock = 64;
  // Code points starting in s (bytes that are not UTF-8 continuation bytes).
  static uint32_t Count(std::string_view s) { return static_cast<uint32_t>(CodePointCount(s)); }
  std::string_view text_;
  std::vector<uint32_t> blocks_;
  uint32_t total_ = 0;
};

Json OptNumber(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json EntitiesJson(const Extraction& x, const CodePointMap& cp) {
  Json entities = Json::array();
  for (const auto& e : x.entities) {
    Json mentions = Json::array();
    for (const auto& m : e.mentions) mentions.push_back({{"text", m.text}, {"start", cp(m.begin)}, {"end", cp(m.end)}});
    Json o;
    o["id"] = e.id;
    o["type"] = e.type;
    o["canonical"] = e.canonical;
    o["latin"] = OrNull(e.latin);
    o["roles"] = e.roles;
    o["mentions"] = std::move(mentions);
    entities.push_back(std::move(o));
  }
  return entities;
}

Json QuotesJson(const Extraction& x, const CodePointMap& cp) {
  Json quotes = Json::array();
  for (const auto& q : x.quotes) {
    Json o;
    o["speaker_id"] = OrNull(q.speaker_id);
    o["speaker"] = OrNull(q.speaker);
    o["text"] = q.text;
    o["start"] = cp(q.begin);
    o["end"] = cp(q.end);
    o["verb"] = q.verb;
    quotes.push_back(std::move(o));
  }
  return quotes;
}

Json ClaimsJson(const Extraction& x, const CodePointMap& cp) {
  Json claims = Json::array();
  for (const auto& c : x.claims) {
    Json o;
    o["value"] = OptNumber(c.value);
    o["counted"] = c.counted;
    o["qualifier"] = OrNull(c.qualifier);
    o["text"] = c.text;
    o["start"] = cp(c.begin);
    o["end"] = cp(c.end);
    o["attributed_to"] = OrNull(c.attributed_to);
    o["attributed_name"] = OrNull(c.attributed_name);
    o["main_entity"] = OrNull(c.main_entity);
    o["key"] = c.key;
    claims.push_back(std::move(o));
  }
  return claims;
}

void AddExtraction(const Extraction& x, std::string_view text, Json* j) {
  CodePointMap cp(text);
  auto slice = [&](uint32_t b, uint32_t e) { return std::string(text.substr(b, e - b)); };
  (*j)["entities"] = EntitiesJson(x, cp);
  (*j)["quotes"] = QuotesJson(x, cp);
  (*j)["claims"] = ClaimsJson(x, cp);
  Json numbers = Json::array();
  for (const auto& n : x.numbers) {
    Json o;
    o["text"] = slice(n.begin, n.end);
    o["start"] = cp(n.begin);
    o["end"] = cp(n.end);
    o["value"] = OptNumber(n.value);
    o["qualifier"] = OrNull(n.qualifier);
    o["unit"] = OrNull(n.unit);
    numbers.push_back(std::move(o));
  }
  (*j)["numbers"] = std::move(numbers);
  Json dates = Json::array();
  for (const auto& d : x.dates) {
    Json o;
    o["text"] = slice(d.begin, d.end);
    o["start"] = cp(d.begin);
    o["end"] = cp(d.end);
    o["date"] = d.date ? Json(FormatDate(*d.date, d.granularity)) : Json(nullptr);
    o["kind"] = DateKindName(d.kind);
    dates.push_back(std::move(o));
  }
  (*j)["dates"] = std::move(dates);
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
  AddExtraction(d.extraction, d.text.view(), &j);
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
  j["entities"] = Json::array();
  j["quotes"] = Json::array();
  j["claims"] = Json::array();
  j["numbers"] = Json::array();
  j["dates"] = Json::array();
  j["warnings"] = Json::array();
  j["errors"] = Json::array({error});
  return Dump(j);
}

namespace {

// The extraction arrays written directly (the store writes them for every
// article): the same bytes as Dump() of EntitiesJson, QuotesJson and
// ClaimsJson (compact, keys in that order, UTF-8 kept, only '"', '\\' and
// control characters escaped, as nlohmann's serializer does with
// ensure_ascii off), without building the trees. A string that is not valid
// UTF-8 and every floating-point number go through nlohmann itself (its
// replacement of bad bytes and its number format).
class ArrayWriter {
 public:
  std::string Take() { return std::move(out_); }
  void Raw(std::string_view s) { out_.append(s); }
  void Key(std::string_view k) {
    out_ += '"';
    out_.append(k);
    out_.append("\":");
  }
  void Str(std::string_view s) {
    if (!IsValidUtf8(s)) {
      out_ += Dump(Json(std::string(s)));
      return;
    }
    out_ += '"';
    size_t run = 0;  // start of the bytes not written yet
    for (size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.substr(run, i - run));
      run = i + 1;
      switch (c) {
        case '"': out_.append("\\\""); break;
        case '\\': out_.append("\\\\"); break;
        case '\b': out_.append("\\b"); break;
        case '\t': out_.append("\\t"); break;
        case '\n': out_.append("\\n"); break;
        case '\f': out_.append("\\f"); break;
        case '\r': out_.append("\\r"); break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          const char u[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          out_.append(u, sizeof u);
        }
      }
    }
    out_.append(s.substr(run));
    out_ += '"';
  }
  void StrOrNull(const std::string& s) { s.empty() ? Raw("null") : Str(s); }
  void Unsigned(uint64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, static_cast<size_t>(r.ptr - buf));
  }
  void Number(const std::optional<double>& v) { out_ += v ? Dump(Json(*v)) : std::string("null"); }

 private:
  std::string out_;
};

std::string EntitiesArray(const Extraction& x, const CodePointMap& cp) {
  ArrayWriter w;
  w.Raw("[");
  for (size_t i = 0; i < x.entities.size(); ++i) {
    const Entity& e = x.entities[i];
    w.Raw(i ? ",{" : "{");
    w.Key("id");
    w.Str(e.id);
    w.Raw(",");
    w.Key("type");
    w.Str(e.type);
    w.Raw(",");
    w.Key("canonical");
    w.Str(e.canonical);
    w.Raw(",");
    w.Key("latin");
    w.StrOrNull(e.latin);
    w.Raw(",");
    w.Key("roles");
    w.Raw("[");
    for (size_t r = 0; r < e.roles.size(); ++r) {
      if (r) w.Raw(",");
      w.Str(e.roles[r]);
    }
    w.Raw("],");
    w.Key("mentions");
    w.Raw("[");
    for (size_t m = 0; m < e.mentions.size(); ++m) {
      w.Raw(m ? ",{" : "{");
      w.Key("text");
      w.Str(e.mentions[m].text);
      w.Raw(",");
      w.Key("start");
      w.Unsigned(cp(e.mentions[m].begin));
      w.Raw(",");
      w.Key("end");
      w.Unsigned(cp(e.mentions[m].end));
      w.Raw("}");
    }
    w.Raw("]}");
  }
  w.Raw("]");
  return w.Take();
}

std::string QuotesArray(const Extraction& x, const CodePointMap& cp) {
  ArrayWriter w;
  w.Raw("[");
  for (size_t i = 0; i < x.quotes.size(); ++i) {
    const Quote& q = x.quotes[i];
    w.Raw(i ? ",{" : "{");
    w.Key("speaker_id");
    w.StrOrNull(q.speaker_id);
    w.Raw(",");
    w.Key("speaker");
    w.StrOrNull(q.speaker);
    w.Raw(",");
    w.Key("text");
    w.Str(q.text);
    w.Raw(",");
    w.Key("start");
    w.Unsigned(cp(q.begin));
    w.Raw(",");
    w.Key("end");
    w.Unsigned(cp(q.end));
    w.Raw(",");
    w.Key("verb");
    w.Str(q.verb);
    w.Raw("}");
  }
  w.Raw("]");
  return w.Take();
}

std::string ClaimsArray(const Extraction& x, const CodePointMap& cp) {
  ArrayWriter w;
  w.Raw("[");
  for (size_t i = 0; i < x.claims.size(); ++i) {
    const Claim& c = x.claims[i];
    w.Raw(i ? ",{" : "{");
    w.Key("value");
    w.Number(c.value);
    w.Raw(",");
    w.Key("counted");
    w.Str(c.counted);
    w.Raw(",");
    w.Key("qualifier");
    w.StrOrNull(c.qualifier);
    w.Raw(",");
    w.Key("text");
    w.Str(c.text);
    w.Raw(",");
    w.Key("start");
    w.Unsigned(cp(c.begin));
    w.Raw(",");
    w.Key("end");
    w.Unsigned(cp(c.end));
    w.Raw(",");
    w.Key("attributed_to");
    w.StrOrNull(c.attributed_to);
    w.Raw(",");
    w.Key("attributed_name");
    w.StrOrNull(c.attributed_name);
    w.Raw(",");
    w.Key("main_entity");
    w.StrOrNull(c.main_entity);
    w.Raw(",");
    w.Key("key");
    w.Str(c.key);
    w.Raw("}");
  }
  w.Raw("]");
  return w.Take();
}

}  // namespace

ExtractionJson ExtractionArraysToJson(const Extraction& x, std::string_view text) {
  CodePointMap cp(text);
  return {EntitiesArray(x, cp), QuotesArray(x, cp), ClaimsArray(x, cp)};
}

namespace {

// Code point offsets of `text` back to byte offsets (past the end: the size).
class ByteMap {
 public:
  explicit ByteMap(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i)
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts_.push_back(static_cast<uint32_t>(i));
    starts_.push_back(static_cast<uint32_t>(text.size()));
  }
  uint32_t operator()(const Json& v) const {
    if (!v.is_number_unsigned()) return starts_.back();
    uint64_t cp = v.get<uint64_t>();
    return cp < starts_.size() ? starts_[cp] : starts_.back();
  }

 private:
  std::vector<uint32_t> starts_;
};

std::string Str(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<Extraction> ExtractionFromJson(const ExtractionJson& arrays, std::string_view text) {
  Extraction x;
  ByteMap bytes(text);
  try {
    Json entities = Json::parse(arrays.entities.empty() ? "[]" : arrays.entities);
    Json quotes = Json::parse(arrays.quotes.empty() ? "[]" : arrays.quotes);
    Json claims = Json::parse(arrays.claims.empty() ? "[]" : arrays.claims);
    if (!entities.is_array() || !quotes.is_array() || !claims.is_array())
      return Status::Invalid("extraction JSON: expected arrays");
    for (const auto& o : entities) {
      Entity e;
      e.id = Str(o, "id");
      e.type = Str(o, "type");
      e.canonical = Str(o, "canonical");
      e.latin = Str(o, "latin");
      if (auto it = o.find("roles"); it != o.end() && it->is_array())
        for (const auto& r : *it)
          if (r.is_string()) e.roles.push_back(r.get<std::string>());
      if (auto it = o.find("mentions"); it != o.end() && it->is_array())
        for (const auto& m : *it)
          e.mentions.push_back({Str(m, "text"), bytes(m.value("start", Json())), bytes(m.value("end", Json()))});
      x.entities.push_back(std::move(e));
    }
    for (const auto& o : quotes) {
      Quote q;
      q.speaker_id = Str(o, "speaker_id");
      q.speaker = Str(o, "speaker");
      q.text = Str(o, "text");
      q.begin = bytes(o.value("start", Json()));
      q.end = bytes(o.value("end", Json()));
      q.verb = Str(o, "verb");
      x.quotes.push_back(std::move(q));
    }
    for (const auto& o : claims) {
      Claim c;
      if (auto it = o.find("value"); it != o.end() && it->is_number()) c.value = it->get<double>();
      c.counted = Str(o, "counted");
      c.qualifier = Str(o, "qualifier");
      c.text = Str(o, "text");
      c.begin = bytes(o.value("start", Json()));
      c.end = bytes(o.value("end", Json()));
      c.attributed_to = Str(o, "attributed_to");
      c.attributed_name = Str(o, "attributed_name");
      c.main_entity = Str(o, "main_entity");
      c.key = Str(o, "key");
      x.claims.push_back(std::move(c));
    }
  } catch (const Json::exception& e) {
    return Status::Invalid(std::string("extraction JSON: ") + e.what());
  }
  return x;
}

}  // namespace akhbar
