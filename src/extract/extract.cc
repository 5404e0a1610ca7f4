// Extract: the passes over one article body, in order (tokens, entities,
// reporting verbs, quotes, numbers and dates, claims).
#include <algorithm>

#include "akhbar/extract.h"
#include "akhbar/text.h"
#include "extract/internal.h"

namespace akhbar {

using namespace extract_internal;

Extraction ExtractText(std::string_view body, const ExtractOptions& options) {
  Extraction out;
  if (body.size() >= 0xFFFFFFFFu || !IsValidUtf8(body)) return out;
  // One Doc per thread: its token strings and vectors keep their capacity
  // from one article to the next (no allocation per token in the steady state).
  thread_local Doc doc;
  BuildDoc(body, &doc);
  FindEntities(options, &doc);
  FindSpeeches(options, &doc);
  out.quotes = FindQuotes(options, doc);

  DateContext ctx;
  ctx.reference = options.reference;
  out.dates = FindDates(body, ctx);
  // Numbers inside dates (`19 يونيو 2024`) or entity names (`مجموعة السبع`) are not numbers.
  size_t d = 0, m = 0;
  for (NumberMention& num : FindNumbersInTokens(body, doc.raw, &doc.toks)) {
    while (d < out.dates.size() && out.dates[d].end <= num.begin) ++d;
    if (d < out.dates.size() && out.dates[d].begin < num.end) continue;
    while (m < doc.mentions.size() && doc.mentions[m].end <= num.begin) ++m;
    if (m < doc.mentions.size() && doc.mentions[m].begin < num.end) continue;
    out.numbers.push_back(std::move(num));
  }
  out.claims = FindClaims(options, doc, out.numbers);

  // Entities in order of first mention.
  std::vector<int> order;
  for (size_t i = 0; i < doc.entities.size(); ++i)
    if (!doc.entities[i].mentions.empty()) order.push_back(static_cast<int>(i));
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return doc.mentions[doc.entities[a].mentions[0]].begin < doc.mentions[doc.entities[b].mentions[0]].begin;
  });
  for (int i : order) {
    DocEntity& e = doc.entities[i];
    Entity ent;
    ent.id = EntityId(e.type, e.canonical);
    ent.type = e.type;
    ent.canonical = e.canonical;
    ent.latin = e.latin;
    ent.roles = std::move(e.roles);
    if (!e.gaz_role.empty()) {
      std::string gk = PhoneticKey(e.gaz_role);
      bool have = false;
      for (const auto& r : ent.roles) have = have || PhoneticKey(r) == gk;
      if (!have) ent.roles.push_back(e.gaz_role);
    }
    for (int mi : e.mentions) {
      const DocMention& dm = doc.mentions[mi];
      ent.mentions.push_back({std::string(body.substr(dm.begin, dm.end - dm.begin)), dm.begin, dm.end});
    }
    out.entities.push_back(std::move(ent));
  }
  return out;
}

Extraction Extract(const Article& article, const ExtractOptions& options) {
  ExtractOptions o = options;
  if (!o.reference) o.reference = article.published.date;
  return ExtractText(article.BodyText(), o);
}

}  // namespace akhbar
