// `akhbar storylines | timeline` and `akhbar export events | duplicates |
// entities | quotes | claims`: what clustering and extraction stored.
#include <unistd.h>
#include <unicode/ubidi.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "akhbar/store.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/store_cmds.h"

namespace akhbar::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json Parse(const std::string& s) {
  Json j = Json::parse(s, nullptr, false);
  return j.is_discarded() ? Json::object() : j;
}

Result<std::unique_ptr<Store>> Open(const StoreArgs& args) {
  StoreOptions options;
  options.read_only = true;
  return OpenSqliteStore(args.db, options);
}

int Fail(const Status& s) {
  std::fprintf(stderr, "akhbar: %s\n", s.message().c_str());
  return kExitUsage;
}

// Right-to-left text on a terminal. Terminals lay characters out left to
// right in the order they receive them; Arabic must be sent in visual
// order (Unicode Bidirectional Algorithm, UAX #9, by ICU's ubidi) with the
// paragraph direction right-to-left. Piped output stays in logical order
// (what programs and bidi-aware viewers expect).
class BidiText {
 public:
  explicit BidiText(const std::string& mode) {
    visual_ = mode == "visual" || (mode == "auto" && isatty(STDOUT_FILENO));
  }
  std::string operator()(std::string_view line) const {
    if (!visual_) return std::string(line);
    icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(line.data(), static_cast<int32_t>(line.size())));
    UErrorCode err = U_ZERO_ERROR;
    UBiDi* bidi = ubidi_openSized(in.length(), 0, &err);
    if (U_FAILURE(err)) return std::string(line);
    ubidi_setPara(bidi, in.getBuffer(), in.length(), UBIDI_DEFAULT_RTL, nullptr, &err);
    std::u16string out(static_cast<size_t>(in.length()) * 2 + 1, u'\0');
    int32_t n = U_SUCCESS(err) ? ubidi_writeReordered(bidi, out.data(), static_cast<int32_t>(out.size()),
                                                       UBIDI_DO_MIRRORING | UBIDI_REMOVE_BIDI_CONTROLS, &err)
                               : 0;
    ubidi_close(bidi);
    if (U_FAILURE(err)) return std::string(line);
    std::string utf8;
    icu::UnicodeString(out.data(), n).toUTF8String(utf8);
    return utf8;
  }

 private:
  bool visual_ = false;
};

std::string Or(const std::string& s, const char* dash = "-") { return s.empty() ? dash : s; }

std::string Str(const Json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string FormatValue(const Json& v) {
  if (!v.is_number()) return "?";
  double d = v.get<double>();
  char buf[64];
  if (std::fabs(d - std::round(d)) < 1e-9 && std::fabs(d) < 1e15) {
    // Thousands separators for readability: 10000 -> 10,000.
    std::string digits = std::to_string(static_cast<long long>(std::llround(std::fabs(d))));
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return (d < 0 ? "-" : "") + out;
  }
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

Json StorylineJson(const StorylineRow& r) {
  Json detail = Parse(r.detail_json);
  Json j;
  j["id"] = r.id;
  j["title"] = r.title;
  j["first_date"] = r.first_date.empty() ? Json(nullptr) : Json(r.first_date);
  j["last_date"] = r.last_date.empty() ? Json(nullptr) : Json(r.last_date);
  j["events"] = r.events;
  j["articles"] = r.articles;
  j["entities"] = detail.value("entities", Json::array());
  j["volume"] = detail.value("volume", Json::array());
  return j;
}

Json EventJson(const EventRow& e) {
  Json s = Parse(e.summary_json);
  Json j;
  j["id"] = e.id;
  j["storyline_id"] = e.storyline_id ? Json(*e.storyline_id) : Json(nullptr);
  j["date"] = e.date.empty() ? Json(nullptr) : Json(e.date);
  j["last_date"] = e.last_date.empty() ? Json(nullptr) : Json(e.last_date);
  j["headline"] = e.headline;
  j["headline_article"] = s.value("headline_article", Json(""));
  j["summary"] = s.value("summary", Json::array());
  j["articles"] = s.value("articles", Json::array());
  j["outlets"] = s.value("outlets", Json::array());
  j["independent_sources"] = s.value("independent", Json(0));
  j["entities"] = s.value("entities", Json::array());
  j["quotes"] = s.value("quotes", Json::array());
  j["claims"] = s.value("claims", Json::array());
  j["conflicts"] = s.value("conflicts", Json::array());
  return j;
}

std::string EntityNames(const Json& entities, size_t max) {
  std::string out;
  size_t n = 0;
  for (const auto& e : entities) {
    if (n++ == max) break;
    if (!out.empty()) out += "، ";
    out += Str(e, "canonical");
  }
  return out;
}

// Up to `max` claims of an event or storyline summary carried by at least
// `min_sources` independent sources, then its conflicting figures.
void PrintClaims(const Json& s, size_t max, size_t min_sources, const BidiText& bidi, Output* out) {
  size_t n = 0;
  for (const auto& c : s.value("claims", Json::array())) {
    if (c.value("independent", size_t{0}) < min_sources) continue;
    if (n++ == max) break;
    std::string outlets_of;
    for (const auto& o : c.value("outlets", Json::array())) {
      if (!outlets_of.empty()) outlets_of += "، ";
      outlets_of += o.get<std::string>();
    }
    std::string who;
    for (const auto& a : c.value("attributions", Json::array())) {
      if (!who.empty()) who += "، ";
      who += a.get<std::string>();
    }
    std::string qualifier = Str(c, "qualifier");
    const bool numeric = c.value("value", Json()).is_number();
    std::string row = "  " + (numeric ? FormatValue(c["value"]) : qualifier) + " " + bidi(Str(c, "counted"));
    if (!qualifier.empty() && numeric) row += " [" + qualifier + "]";
    row += "  " + std::to_string(c.value("independent", 0)) + " independent source(s): " + bidi(outlets_of);
    if (!who.empty()) row += "  according to " + bidi(who);
    out->Line(row);
  }
  const Json& claims = s.contains("claims") ? s["claims"] : Json::array();
  for (const auto& k : s.value("conflicts", Json::array())) {
    std::string vals;
    for (const auto& i : k.value("claims", Json::array())) {
      if (!i.is_number_unsigned() || i.get<size_t>() >= claims.size()) continue;
      const Json& c = claims[i.get<size_t>()];
      if (!vals.empty()) vals += " vs ";
      std::string outl;
      for (const auto& o : c.value("outlets", Json::array())) {
        if (!outl.empty()) outl += ", ";
        outl += o.get<std::string>();
      }
      vals += (c.value("value", Json()).is_number() ? FormatValue(c["value"]) : Str(c, "qualifier")) + " (" +
              bidi(outl) + ")";
    }
    out->Line("  conflicting figures for " + bidi(Str(k, "counted")) + ": " + vals);
  }
}

}  // namespace

void RegisterStoryCommands(CLI::App& app, StoreArgs& args) {
  const char* db_help = "the store, an SQLite file (default ./akhbar.db)";
  auto* storylines = app.add_subcommand(
      "storylines", "The storylines of the store, largest first: title, date span, events, articles, main entities.");
  storylines->add_option("--db", args.db, db_help);
  storylines->add_flag("--json", args.json, "JSON Lines: one object per storyline (default: readable text)");
  storylines->add_option("--limit", args.limit, "at most this many storylines (default 20; 0 = all)");
  storylines->add_option("--bidi", args.bidi,
                         "right-to-left text: auto (visual order on a terminal, logical when piped; default), "
                         "visual or logical")
      ->check(CLI::IsMember({"auto", "visual", "logical"}));

  auto* timeline = app.add_subcommand(
      "timeline",
      "A storyline's events in date order (undated ones apart): date, headline, outlets, key quotations\n"
      "and claims with their sources.");
  timeline->add_option("STORYLINE_ID", args.storyline, "a storyline id, as `akhbar storylines` lists them")
      ->required();
  timeline->add_option("--db", args.db, db_help);
  timeline->add_flag("--json", args.json, "one JSON object (default: readable text)");
  timeline->add_option("--bidi", args.bidi, "auto (default), visual or logical: see storylines")
      ->check(CLI::IsMember({"auto", "visual", "logical"}));
}

int RunStorylines(const StoreArgs& args) {
  auto store = Open(args);
  if (!store.ok()) return Fail(store.status());
  auto rows = (*store)->Storylines();
  if (!rows.ok()) return Fail(rows.status());
  Output out;
  BidiText bidi(args.bidi);
  size_t shown = 0;
  const size_t limit = args.limit;
  for (const auto& r : *rows) {
    if (limit != 0 && shown == limit) break;
    ++shown;
    if (args.json) {
      out.Line(Dump(StorylineJson(r)));
      continue;
    }
    Json detail = Parse(r.detail_json);
    std::string span = r.first_date.empty() ? "undated"
                       : r.first_date == r.last_date ? r.first_date
                                                      : r.first_date + " .. " + r.last_date;
    out.Line("#" + std::to_string(r.id) + "  " + span + "  " + std::to_string(r.events) + " events, " +
             std::to_string(r.articles) + " articles");
    out.Line("   " + bidi(r.title));
    std::string names = EntityNames(detail.value("entities", Json::array()), 6);
    if (!names.empty()) out.Line("   " + bidi(names));
  }
  if (!args.json && rows->size() > shown)
    out.Line("(" + std::to_string(rows->size() - shown) + " more storylines; --limit 0 shows all)");
  if (rows->empty() && !args.json) std::fprintf(stderr, "akhbar storylines: none (ingest first)\n");
  return kExitOk;
}

int RunTimeline(const StoreArgs& args) {
  auto store = Open(args);
  if (!store.ok()) return Fail(store.status());
  auto rows = (*store)->Storylines();
  if (!rows.ok()) return Fail(rows.status());
  const StorylineRow* line = nullptr;
  for (const auto& r : *rows)
    if (r.id == args.storyline) line = &r;
  if (!line) {
    std::fprintf(stderr, "akhbar timeline: no storyline %lld (see akhbar storylines)\n",
                 static_cast<long long>(args.storyline));
    return kExitUsage;
  }
  auto events = (*store)->Events(line->id);
  if (!events.ok()) return Fail(events.status());
  Output out;
  if (args.json) {
    Json j = StorylineJson(*line);
    Json detail = Parse(line->detail_json);
    j["claims"] = detail.value("claims", Json::array());
    j["conflicts"] = detail.value("conflicts", Json::array());
    Json dated = Json::array(), undated = Json::array();
    for (const auto& e : *events) (e.date.empty() ? undated : dated).push_back(EventJson(e));
    j["timeline"] = std::move(dated);
    j["undated"] = std::move(undated);
    out.Line(Dump(j));
    return kExitOk;
  }
  BidiText bidi(args.bidi);
  out.Line(bidi(line->title));
  out.Line("#" + std::to_string(line->id) + "  " + Or(line->first_date, "undated") + " .. " +
           Or(line->last_date, "undated") + "  " + std::to_string(line->events) + " events, " +
           std::to_string(line->articles) + " articles");
  {
    Json detail = Parse(line->detail_json);
    bool any = false;
    for (const auto& c : detail.value("claims", Json::array())) any = any || c.value("independent", 0) >= 2;
    if (any) {
      out.Line("");
      out.Line("Claims carried by several independent sources across the storyline:");
      Json corroborated;
      corroborated["claims"] = detail.value("claims", Json::array());
      PrintClaims(corroborated, 8, 2, bidi, &out);
    }
  }
  bool undated_header = false;
  for (const auto& e : *events) {
    if (e.date.empty() && !undated_header) {
      out.Line("");
      out.Line("-- undated events (their articles give no day) --");
      undated_header = true;
    }
    Json s = Parse(e.summary_json);
    out.Line("");
    out.Line((e.date.empty() ? std::string("   ?      ") : e.date) + "  event " + std::to_string(e.id) + "  (" +
             std::to_string(e.articles) + " articles, " + std::to_string(e.outlets) + " outlets)");
    out.Line("  " + bidi(e.headline));
    std::string outlets;
    for (const auto& o : s.value("outlets", Json::array())) {
      if (!outlets.empty()) outlets += "، ";
      outlets += o.get<std::string>();
    }
    if (!outlets.empty()) out.Line("  " + bidi("المصادر: " + outlets));
    size_t n = 0;
    for (const auto& q : s.value("quotes", Json::array())) {
      if (n++ == 3) break;
      std::string speaker = Str(q, "speaker");
      out.Line("  " + bidi("«" + Str(q, "text") + "» — " + (speaker.empty() ? "?" : speaker) + " (" +
                           Or(Str(q, "outlet")) + ")"));
    }
    PrintClaims(s, 5, 1, bidi, &out);
  }
  return kExitOk;
}

// export events | duplicates | entities | quotes | claims
int RunExportDerived(const StoreArgs& args) {
  auto store = Open(args);
  if (!store.ok()) return Fail(store.status());
  Output out;
  const bool tsv = args.format == "tsv";
  Status s;
  if (args.what == "events") {
    if (tsv) out.Line("article_id\tevent_id\tstoryline_id");
    s = (*store)->ForEachAssignment([&](const std::string& id, int64_t event, int64_t storyline) {
      if (tsv) {
        out.Line(id + "\t" + std::to_string(event) + "\t" + (storyline < 0 ? "" : std::to_string(storyline)));
      } else {
        out.Line(Dump(Json{{"article_id", id},
                           {"event_id", event},
                           {"storyline_id", storyline < 0 ? Json(nullptr) : Json(storyline)}}));
      }
      return true;
    });
  } else if (args.what == "duplicates") {
    if (tsv) out.Line("id_a\tid_b\tjaccard");
    s = (*store)->ForEachDuplicate([&](const std::string& a, const std::string& b, double j) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4f", j);
      if (tsv) {
        out.Line(a + "\t" + b + "\t" + buf);
      } else {
        out.Line(Dump(Json{{"id_a", a}, {"id_b", b}, {"jaccard", std::round(j * 1e4) / 1e4}}));
      }
      return true;
    });
  } else if (args.what == "entities") {
    // One record per entity id over all articles: its names, roles and
    // where it is mentioned.
    struct Agg {
      std::string type, canonical, latin;
      std::map<std::string, size_t> variants;  // surface form -> mentions
      std::set<std::string> roles;
      std::vector<std::string> articles;
      size_t mentions = 0;
    };
    std::map<std::string, Agg> all;
    s = (*store)->ForEach([&](const StoredArticle& a) {
      Json entities = Json::parse(a.entities_json, nullptr, false);
      if (!entities.is_array()) return true;
      for (const auto& e : entities) {
        Agg& g = all[Str(e, "id")];
        if (g.canonical.empty()) {
          g.type = Str(e, "type");
          g.canonical = Str(e, "canonical");
          g.latin = Str(e, "latin");
        }
        for (const auto& r : e.value("roles", Json::array()))
          if (r.is_string()) g.roles.insert(r.get<std::string>());
        for (const auto& m : e.value("mentions", Json::array())) {
          ++g.variants[Str(m, "text")];
          ++g.mentions;
        }
        g.articles.push_back(a.id);
      }
      return true;
    });
    if (tsv) out.Line("id\ttype\tcanonical\tlatin\tarticles\tmentions\tvariants\troles");
    for (const auto& [id, g] : all) {
      std::vector<std::string> variants;
      for (const auto& [v, n] : g.variants) variants.push_back(v);
      if (tsv) {
        std::string vs, rs;
        for (const auto& v : variants) vs += (vs.empty() ? "" : "|") + v;
        for (const auto& r : g.roles) rs += (rs.empty() ? "" : "|") + r;
        out.Line(id + "\t" + g.type + "\t" + g.canonical + "\t" + g.latin + "\t" + std::to_string(g.articles.size()) +
                 "\t" + std::to_string(g.mentions) + "\t" + vs + "\t" + rs);
      } else {
        out.Line(Dump(Json{{"id", id},
                           {"type", g.type},
                           {"canonical", g.canonical},
                           {"latin", g.latin.empty() ? Json(nullptr) : Json(g.latin)},
                           {"variants", variants},
                           {"roles", std::vector<std::string>(g.roles.begin(), g.roles.end())},
                           {"mentions", g.mentions},
                           {"articles", g.articles}}));
      }
    }
  } else {  // quotes | claims: one record per occurrence, with its article
    const bool quotes = args.what == "quotes";
    if (tsv)
      out.Line(quotes ? "article_id\toutlet\tdate\tspeaker_id\tspeaker\tverb\tstart\tend\ttext"
                      : "article_id\toutlet\tdate\tkey\tvalue\tcounted\tqualifier\tmain_entity\tattributed_to\t"
                        "attributed_name\tstart\tend\ttext");
    s = (*store)->ForEach([&](const StoredArticle& a) {
      Json items = Json::parse(quotes ? a.quotes_json : a.claims_json, nullptr, false);
      if (!items.is_array()) return true;
      for (const auto& it : items) {
        Json rec;
        rec["article_id"] = a.id;
        rec["outlet"] = a.outlet.empty() ? Json(nullptr) : Json(a.outlet);
        rec["date"] = a.date.empty() ? Json(nullptr) : Json(a.date);
        for (const auto& [k, v] : it.items()) rec[k] = v;
        if (!tsv) {
          out.Line(Dump(rec));
          continue;
        }
        auto field = [&](const char* k) {
          const Json& v = rec.value(k, Json());
          std::string t = v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump();
          std::replace(t.begin(), t.end(), '\t', ' ');
          std::replace(t.begin(), t.end(), '\n', ' ');
          return t;
        };
        static const char* const kQuote[] = {"article_id", "outlet", "date", "speaker_id", "speaker",
                                             "verb",       "start",  "end",  "text"};
        static const char* const kClaim[] = {"article_id",   "outlet",          "date",  "key", "value",
                                             "counted",      "qualifier",       "main_entity",
                                             "attributed_to", "attributed_name", "start", "end", "text"};
        std::string line;
        if (quotes) {
          for (const char* k : kQuote) line += (line.empty() ? "" : "\t") + field(k);
        } else {
          for (const char* k : kClaim) line += (line.empty() ? "" : "\t") + field(k);
        }
        out.Line(line);
      }
      return true;
    });
  }
  out.Flush();
  if (!s.ok()) return Fail(s);
  return kExitOk;
}

}  // namespace akhbar::cli
