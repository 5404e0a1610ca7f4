// Evaluation: the whole pipeline up to storylines, on the seed pages and on
// the sample corpus.
//
//   eval_storylines [--seeds DIR] [--examples DIR] [--prior FILE|none]
//                   [--threshold X] [--sweep] [--verbose]
//   eval_storylines --corpus FILE   (no gold: storyline sizes on a real feed)
//
// For each corpus: reads every document (ReadInputs), analyses it with
// extraction (AnalyzeDocument), splits off its teasers as articles of their
// own (`<page id>#t1`, ...; undated, entities from ExtractText), finds
// near-duplicate groups (NearDupIndex, in time order), clusters articles into
// events online in time order (EventClusterer, as eval_events does: the
// analysed publication date else the fetch day, entities of the extraction
// stage in the lead; idf prior: the titles and leads of
// ../shared/corpus/saudinewsnet-dev.jsonl.gz, the table a deployed clusterer
// starts from), then SummarizeEvent per event and LinkStorylines.
//
// Seeds (../shared/corpus/seeds, spec in its expected.json), checked:
//  - the storyline of 000 holds exactly the five pages (E1..E4), no teaser;
//  - event dates: E1 (000, 002) 2024-11-01; E3 (001) 2025-07-12 or -13;
//    E2 (004) and E4 (003) undated;
//  - corroboration: in the storyline's claim view (MergeClaims over its
//    articles), 'more than 10,000 troops' once, carried by 001, 002, 003;
//  - conflict: 8,000 vs 10,000 troops side by side in E1's conflicts.
// Sample corpus (examples/corpus, gold examples/expected.json): storyline
// BCubed P/R/F1 over articles (pages and teasers; each teaser its own
// story), storylines matched exactly, event dates right, conflicting figures
// found (a gold conflict is found when a ClaimConflict of an event holding
// its documents, or of the claim view of a storyline holding them, shows
// two of its values), and the pair scores within gold storylines against
// the best one across them.
// --sweep: the seeds checks and sample figures over a grid of linking
// options (entity share, decay, undated factor, threshold).
// --corpus FILE: no gold; the storyline sizes on a real feed (the largest
// storylines with their top entities), to see that none swallows the feed.
// --verbose: every storyline and event pair. Prints the figures; exits 1
// when a seeds check fails.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "akhbar/analyze.h"
#include "akhbar/events.h"
#include "akhbar/ingest.h"
#include "akhbar/neardup.h"
#include "akhbar/signature.h"
#include "akhbar/storylines.h"

namespace ev = akhbar::events;
namespace st = akhbar::stories;
using akhbar::CivilDate;

namespace {

struct Doc {
  st::ArticleView view;
  bool teaser = false;
  std::string parent;             // page id of a teaser
  std::optional<CivilDate> date;  // for event clustering: published, else fetched; teasers undated
  std::string fetched_at;
  std::vector<akhbar::DateMention> dates;
};

struct Pipeline {
  std::vector<Doc> docs;
  std::vector<uint32_t> event_of;  // per doc
  std::vector<st::EventSummary> summaries;
  std::vector<st::Storyline> storylines;
  std::vector<uint32_t> storyline_of;  // per doc
  std::map<std::string, size_t> index;  // doc id -> position
  double analyse_secs = 0, link_secs = 0, summary_secs = 0;
};

std::optional<CivilDate> DayOf(const std::string& s) {
  if (s.size() < 10) return std::nullopt;
  return akhbar::ParseIsoDate(s.substr(0, 10));
}

void AddDocuments(const std::vector<std::string>& inputs, Pipeline* p) {
  auto t0 = std::chrono::steady_clock::now();
  akhbar::ReadInputs(inputs, {}, [&](akhbar::IngestItem&& it) {
    if (!it.doc.ok()) {
      std::fprintf(stderr, "eval_storylines: %s: %s\n", it.where.c_str(), it.doc.status().ToString().c_str());
      return;
    }
    std::string fetched = it.doc->fetched_at;
    auto a = akhbar::AnalyzeDocument(std::move(*it.doc), {});
    if (!a.ok()) return;
    Doc d;
    d.fetched_at = fetched;
    d.view.id = a->id.str();
    d.view.outlet = a->article.outlet;
    d.view.title = a->article.title;
    d.view.body = a->text.str();
    d.view.published = a->article.published.date;
    d.view.fetched = DayOf(fetched);
    d.view.entities = a->extraction.entities;
    d.view.quotes = a->extraction.quotes;
    d.view.claims = a->extraction.claims;
    d.dates = a->extraction.dates;
    // A page that shows no date: its fetch day is the latest it can have
    // been published (feeds are fetched within hours).
    d.view.happened = st::ArticleHappeningDate(d.view.title, d.view.body, d.dates,
                                               d.view.published ? d.view.published : d.view.fetched);
    d.date = d.view.published ? d.view.published : d.view.fetched;
    int k = 0;
    for (const auto& t : a->article.teasers) {
      Doc td;
      td.teaser = true;
      td.parent = d.view.id;
      td.view.id = d.view.id + "#t" + std::to_string(++k);
      td.view.outlet = t.outlet.empty() ? d.view.outlet : t.outlet;
      td.view.title = t.title;
      td.view.body = t.text;
      td.view.fetched = d.view.fetched;
      auto x = akhbar::ExtractText(t.text);
      td.view.entities = std::move(x.entities);
      td.view.quotes = std::move(x.quotes);
      td.view.claims = std::move(x.claims);
      p->docs.push_back(std::move(td));
    }
    p->docs.push_back(std::move(d));
  });
  p->analyse_secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void Run(Pipeline* p, const ev::DocumentFrequencies& prior, const st::StorylineOptions& options) {
  // Time order (OrderKey: date, undated last, then fetch time, then id).
  std::sort(p->docs.begin(), p->docs.end(), [](const Doc& a, const Doc& b) {
    return ev::MakeOrderKey(a.date, a.fetched_at, a.view.id) < ev::MakeOrderKey(b.date, b.fetched_at, b.view.id);
  });
  for (size_t i = 0; i < p->docs.size(); ++i) p->index[p->docs[i].view.id] = i;
  // Near-duplicate groups.
  akhbar::NearDupIndex nd;
  for (auto& d : p->docs) {
    auto sig = akhbar::ComputeSignature(d.view.body);
    auto r = nd.Add(akhbar::DocId(d.view.id), sig);
    (void)r;
  }
  for (auto& d : p->docs) {
    auto rep = nd.Representative(akhbar::DocId(d.view.id));
    d.view.dup_group = rep ? rep->str() : d.view.id;
  }
  // Events.
  ev::EventClusterer c({}, prior);
  p->event_of.assign(p->docs.size(), 0);
  for (size_t i = 0; i < p->docs.size(); ++i) {
    const auto& d = p->docs[i];
    std::vector<ev::TermId> ents;
    for (const auto& e : d.view.entities)
      for (const auto& m : e.mentions)
        if (m.begin < 1500) {
          ents.push_back(ev::EntityId(e.id));
          break;
        }
    p->event_of[i] = c.Add(ev::ExtractFeatures(d.view.id, d.view.title, d.view.body, d.date, ents)).event;
  }
  auto t0 = std::chrono::steady_clock::now();
  std::map<uint32_t, std::vector<st::ArticleView>> members;
  for (size_t i = 0; i < p->docs.size(); ++i) members[p->event_of[i]].push_back(p->docs[i].view);
  p->summaries.clear();
  for (const auto& [e, m] : members) p->summaries.push_back(st::SummarizeEvent(e, m));
  p->summary_secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  p->storylines = st::LinkStorylines(p->summaries, options);
  p->link_secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::map<uint32_t, uint32_t> story_of_event;
  for (const auto& s : p->storylines)
    for (uint32_t e : s.events) story_of_event[e] = s.id;
  p->storyline_of.assign(p->docs.size(), 0);
  for (size_t i = 0; i < p->docs.size(); ++i) p->storyline_of[i] = story_of_event[p->event_of[i]];
}

void Relink(Pipeline* p, const st::StorylineOptions& options) {
  p->storylines = st::LinkStorylines(p->summaries, options);
  std::map<uint32_t, uint32_t> story_of_event;
  for (const auto& s : p->storylines)
    for (uint32_t e : s.events) story_of_event[e] = s.id;
  for (size_t i = 0; i < p->docs.size(); ++i) p->storyline_of[i] = story_of_event[p->event_of[i]];
}

const st::EventSummary& SummaryOf(const Pipeline& p, uint32_t event) {
  static const st::EventSummary kNone;
  for (const auto& s : p.summaries)
    if (s.event == event) return s;
  return kNone;
}

std::string DateStr(const std::optional<CivilDate>& d) { return d ? d->ToIso() : "undated"; }

void PrintStorylines(const Pipeline& p, bool verbose) {
  for (const auto& s : p.storylines) {
    if (!verbose && s.events.size() < 2) continue;
    std::printf("  storyline %u: %zu events, %zu articles, %s .. %s: %s\n", s.id, s.events.size(), s.articles,
                DateStr(s.first_date).c_str(), DateStr(s.last_date).c_str(), s.title.c_str());
    for (uint32_t e : s.events) {
      const auto* sum = &SummaryOf(p, e);
      std::printf("    event %u (%s, %zu articles): %s\n", e, DateStr(sum->date).c_str(), sum->articles.size(),
                  sum->headline.c_str());
      if (verbose)
        for (const auto& a : sum->articles) std::printf("      %s\n", a.c_str());
    }
  }
}

// Storylines of a gold labelling over all docs; returns exact matches.
size_t ExactMatches(const Pipeline& p, const std::map<std::string, std::string>& gold) {
  std::map<std::string, std::set<std::string>> gold_sets;
  for (const auto& [id, label] : gold) gold_sets[label].insert(id);
  std::map<uint32_t, std::set<std::string>> pred_sets;
  for (size_t i = 0; i < p.docs.size(); ++i) pred_sets[p.storyline_of[i]].insert(p.docs[i].view.id);
  size_t exact = 0;
  for (const auto& [label, set] : gold_sets) {
    if (set.size() < 2) continue;  // singleton stories (teasers) are not storylines
    auto it = p.index.find(*set.begin());
    if (it == p.index.end()) continue;
    if (pred_sets[p.storyline_of[it->second]] == set) ++exact;
  }
  return exact;
}

// ---- seeds -------------------------------------------------------------------------

bool LoadSeeds(const std::string& dir, const ev::DocumentFrequencies& prior, const st::StorylineOptions& options,
               Pipeline* p) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  if (files.size() != 5) {
    std::printf("seeds: expected 5 pages in %s, found %zu\n", dir.c_str(), files.size());
    return false;
  }
  AddDocuments(files, p);
  Run(p, prior, options);
  return true;
}

int CheckSeeds(Pipeline& p, const st::StorylineOptions& options, bool print, bool verbose) {
  Relink(&p, options);
  // Page ids by their 3-digit prefix.
  std::map<std::string, size_t> page;
  for (size_t i = 0; i < p.docs.size(); ++i) {
    const auto& id = p.docs[i].view.id;
    auto slash = id.find_last_of('/');
    std::string base = slash == std::string::npos ? id : id.substr(slash + 1);
    if (!p.docs[i].teaser) page[base.substr(0, 3)] = i;
  }
  int failures = 0;
  auto check = [&](bool ok, const std::string& what) {
    if (print) std::printf("  [%s] %s\n", ok ? "ok" : "FAIL", what.c_str());
    failures += ok ? 0 : 1;
  };
  size_t teasers = 0;
  for (const auto& d : p.docs) teasers += d.teaser;
  if (print)
    std::printf("seeds: %zu pages, %zu teasers, %zu events, %zu storylines\n", p.docs.size() - teasers, teasers,
                p.summaries.size(), p.storylines.size());
  for (const char* k : {"000", "001", "002", "003", "004"})
    if (!page.count(k)) {
      std::printf("seeds: page %s missing\n", k);
      return 1;
    }
  auto ev_of = [&](const char* k) { return p.event_of[page[k]]; };
  check(ev_of("000") == ev_of("002") &&
            std::set<uint32_t>{ev_of("000"), ev_of("001"), ev_of("003"), ev_of("004")}.size() == 4,
        "events E1 = {000, 002}, E2 = {004}, E3 = {001}, E4 = {003} (the event clusterer's part)");
  uint32_t s1 = p.storyline_of[page["000"]];
  std::set<std::string> s1_docs, expect;
  for (size_t i = 0; i < p.docs.size(); ++i)
    if (p.storyline_of[i] == s1) s1_docs.insert(p.docs[i].view.id);
  for (const auto& [k, i] : page) expect.insert(p.docs[i].view.id);
  size_t s1_teasers = 0;
  for (size_t i = 0; i < p.docs.size(); ++i) s1_teasers += p.docs[i].teaser && p.storyline_of[i] == s1;
  check(s1_docs == expect, "storyline S1 = the five pages (E1..E4) exactly (" + std::to_string(s1_docs.size()) +
                               " articles, " + std::to_string(s1_teasers) + " teasers)");
  std::set<uint32_t> teaser_stories;
  for (size_t i = 0; i < p.docs.size(); ++i)
    if (p.docs[i].teaser) teaser_stories.insert(p.storyline_of[i]);
  check(teaser_stories.size() == teasers && !teaser_stories.count(s1), "each teaser is a story of its own");
  auto date_of = [&](const char* k) { return SummaryOf(p, ev_of(k)).date; };
  check(DateStr(date_of("000")) == "2024-11-01", "E1 dated 2024-11-01 (got " + DateStr(date_of("000")) + ")");
  check(DateStr(date_of("002")) == "2024-11-01", "002 inherits E1's date (got " + DateStr(date_of("002")) + ")");
  std::string e3 = DateStr(date_of("001"));
  check(e3 == "2025-07-12" || e3 == "2025-07-13", "E3 dated 2025-07-12/13 (got " + e3 + ")");
  check(!date_of("004"), "E2 (004) undated (got " + DateStr(date_of("004")) + ")");
  check(!date_of("003"), "E4 (003) undated (got " + DateStr(date_of("003")) + ")");
  // Claim view of the storyline.
  std::vector<const st::ArticleView*> s1_views;
  for (const auto& d : p.docs)
    if (s1_docs.count(d.view.id)) s1_views.push_back(&d.view);
  std::sort(s1_views.begin(), s1_views.end(),
            [](const st::ArticleView* a, const st::ArticleView* b) { return a->id < b->id; });
  auto claims = st::MergeClaims(s1_views);
  const st::MergedClaim* troops = nullptr;
  size_t troop_entries = 0;
  for (const auto& c : claims)
    if (c.counted == "جندي" && c.value && *c.value == 10000) {
      ++troop_entries;
      if (troops == nullptr) troops = &c;
    }
  std::set<std::string> carriers;
  if (troops != nullptr)
    for (const auto& s : troops->sources) {
      auto slash = s.article_id.find_last_of('/');
      carriers.insert((slash == std::string::npos ? s.article_id : s.article_id.substr(slash + 1)).substr(0, 3));
    }
  check(troop_entries == 1 && carriers == std::set<std::string>{"001", "002", "003"},
        "'more than 10,000 troops' shown once with sources 001, 002, 003 (" + std::to_string(troop_entries) +
            " entries; key " + (troops ? troops->key + ", qualifier '" + troops->qualifier + "'" : "none") + ")");
  const auto* e1 = &SummaryOf(p, ev_of("000"));
  bool side_by_side = false;
  for (const auto& c : e1->conflicts) {
    std::set<double> values;
    for (size_t i : c.claims)
      if (e1->claims[i].value) values.insert(*e1->claims[i].value);
    if (c.counted == "جندي" && values.count(8000) && values.count(10000)) side_by_side = true;
  }
  check(side_by_side, "E1 shows 8,000 vs 10,000 troops side by side");

  if (!print) return failures;
  std::printf("seeds storylines:\n");
  PrintStorylines(p, verbose);
  std::printf("  S1 claim view (%zu merged claims):\n", claims.size());
  for (size_t i = 0; i < claims.size() && i < 6; ++i) {
    std::printf("    %s x%zu (%zu independent):", claims[i].key.c_str(), claims[i].sources.size(),
                claims[i].independent);
    for (const auto& s : claims[i].sources) std::printf(" [%s] %s;", s.outlet.c_str(), s.text.c_str());
    std::printf("\n");
  }
  std::printf("  E1 headline: %s\n", e1->headline.c_str());
  for (const auto& s : e1->summary) std::printf("  E1 summary: %s\n", s.c_str());
  if (verbose) {
    for (const auto& s : p.summaries)
      for (const auto& t : p.summaries)
        if (s.event < t.event) {
          size_t a = &s - p.summaries.data(), b = &t - p.summaries.data();
          auto lp = st::ScoreEventLink(p.summaries, a, b, options);
          if (lp.shared_entities > 0)
            std::printf("  link %u-%u: ent %.3f topic %.3f time %.2f shared %zu -> %.3f\n", s.event, t.event,
                        lp.entity, lp.topic, lp.time, lp.shared_entities, lp.score);
        }
  }
  if (verbose)
    for (const auto& d : p.docs) {
      std::printf("  %s happened %s:", d.view.id.c_str(), DateStr(d.view.happened).c_str());
      for (const auto& c : d.view.claims) std::printf(" {%s %s: %s}", c.key.c_str(), c.qualifier.c_str(), c.text.c_str());
      std::printf("\n");
    }
  std::printf("seeds: %d check(s) failed\n", failures);
  return failures;
}

// ---- sample corpus ----------------------------------------------------------------

struct ExampleFigures {
  ev::ClusterScores all, pages;
  size_t exact = 0, gold_storylines = 0;
  size_t dates_right = 0, gold_events = 0;
  size_t conflicts_found = 0, gold_conflicts = 0;
  size_t events = 0, storylines = 0;
};

ExampleFigures Examples(Pipeline& p, const nlohmann::json& gold, const st::StorylineOptions& options, bool print,
                        bool verbose = false) {
  ExampleFigures f;
  // Gold storyline of every doc: pages from `documents`, teasers alone.
  std::map<std::string, std::string> label;
  std::map<std::string, std::string> page_event;
  for (const auto& [id, d] : gold["documents"].items()) {
    if (d.contains("storyline") && d["storyline"].is_string()) label[id] = d["storyline"].get<std::string>();
    if (d.contains("event") && d["event"].is_string()) page_event[id] = d["event"].get<std::string>();
  }
  for (const auto& d : p.docs)
    if (d.teaser) label[d.view.id] = "teaser:" + d.view.id;
  std::map<std::string, uint32_t> gold_ids;
  std::vector<uint32_t> pred, gl, pred_pages, gl_pages;
  size_t missing = 0;
  for (size_t i = 0; i < p.docs.size(); ++i) {
    auto it = label.find(p.docs[i].view.id);
    if (it == label.end()) {
      ++missing;
      continue;
    }
    uint32_t g = gold_ids.emplace(it->second, static_cast<uint32_t>(gold_ids.size())).first->second;
    pred.push_back(p.storyline_of[i]);
    gl.push_back(g);
    if (!p.docs[i].teaser) {
      pred_pages.push_back(p.storyline_of[i]);
      gl_pages.push_back(g);
    }
  }
  f.all = ev::ScoreClustering(pred, gl);
  f.pages = ev::ScoreClustering(pred_pages, gl_pages);
  f.exact = ExactMatches(p, label);
  f.gold_storylines = gold["storylines"].size();
  f.events = p.summaries.size();
  f.storylines = p.storylines.size();
  // Event dates: the event holding most of the gold event's docs.
  for (const auto& [eid, e] : gold["events"].items()) {
    ++f.gold_events;
    std::map<uint32_t, size_t> votes;
    for (const auto& doc : e["docs"]) {
      auto it = p.index.find(doc.get<std::string>());
      if (it != p.index.end()) ++votes[p.event_of[it->second]];
    }
    if (votes.empty()) continue;
    uint32_t best = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
                      return a.second < b.second;
                    })->first;
    std::string got = DateStr(SummaryOf(p, best).date);
    bool ok = got == e["date"].get<std::string>();
    f.dates_right += ok;
    if (print && !ok)
      std::printf("  event %s: date %s, gold %s\n", eid.c_str(), got.c_str(), e["date"].get<std::string>().c_str());
  }
  // Conflicting figures.
  for (const auto& c : gold["conflicting_figures"]) {
    ++f.gold_conflicts;
    std::set<double> gold_values;
    std::set<uint32_t> events;
    for (const auto& v : c["values"]) {
      if (v["value"].is_number()) gold_values.insert(v["value"].get<double>());
      auto it = p.index.find(v["doc"].get<std::string>());
      if (it != p.index.end()) events.insert(p.event_of[it->second]);
    }
    bool found = false;
    // In an event holding its documents, or in the claim view of a
    // storyline holding them (MergeClaims over the storyline's articles).
    std::set<uint32_t> stories;
    for (uint32_t e : events)
      for (const auto& s : p.storylines)
        if (std::find(s.events.begin(), s.events.end(), e) != s.events.end()) stories.insert(s.id);
    for (uint32_t sid : stories) {
      std::vector<const st::ArticleView*> views;
      for (size_t i = 0; i < p.docs.size(); ++i)
        if (p.storyline_of[i] == sid) views.push_back(&p.docs[i].view);
      std::sort(views.begin(), views.end(),
                [](const st::ArticleView* a, const st::ArticleView* b) { return a->id < b->id; });
      auto merged = st::MergeClaims(views);
      for (const auto& cf : st::FindConflicts(merged)) {
        size_t hits = 0;
        for (size_t i : cf.claims)
          if (merged[i].value && gold_values.count(*merged[i].value)) ++hits;
        if (hits >= 2) found = true;
      }
    }
    for (uint32_t e : events) {
      const auto* s = &SummaryOf(p, e);
      for (const auto& cf : s->conflicts) {
        size_t hits = 0;
        for (size_t i : cf.claims)
          if (s->claims[i].value && gold_values.count(*s->claims[i].value)) ++hits;
        if (hits >= 2) found = true;
      }
    }
    f.conflicts_found += found;
    if (print && !found) {
      std::printf("  conflict %s not found; the claims extracted there:", c["key"].get<std::string>().c_str());
      std::set<std::string> shown;
      for (const auto& v : c["values"]) {
        auto it = p.index.find(v["doc"].get<std::string>());
        if (it == p.index.end() || !shown.insert(v["doc"].get<std::string>()).second) continue;
        for (const auto& cl : p.docs[it->second].view.claims)
          if (cl.value && gold_values.count(*cl.value)) std::printf(" {%s}", cl.key.c_str());
      }
      std::printf("\n");
    }
  }
  if (print && missing) std::printf("  %zu documents without a gold label\n", missing);
  if (print) {
    // The separation the linking has to make: the best pair score between
    // events of different gold storylines, the pair scores within one.
    std::vector<std::string> ev_label(p.summaries.size());
    for (size_t k = 0; k < p.summaries.size(); ++k) {
      std::map<std::string, size_t> votes;
      for (const auto& a : p.summaries[k].articles)
        if (label.count(a)) ++votes[label[a]];
      size_t best = 0;
      for (const auto& [l, n] : votes)
        if (n > best) {
          best = n;
          ev_label[k] = l;
        }
    }
    const bool verbose_cross = verbose;
    double worst_cross = 0;
    std::string worst_pair;
    std::vector<double> within;
    for (size_t a = 0; a < p.summaries.size(); ++a)
      for (size_t b = a + 1; b < p.summaries.size(); ++b) {
        auto lp = st::ScoreEventLink(p.summaries, a, b, options);
        if (ev_label[a] == ev_label[b]) {
          within.push_back(lp.score);
          if (verbose_cross)
            std::printf("  within %s: events %u-%u ent %.3f topic %.3f time %.2f shared %zu -> %.3f\n",
                      ev_label[a].c_str(), p.summaries[a].event, p.summaries[b].event, lp.entity, lp.topic, lp.time,
                      lp.shared_entities, lp.score);
        } else if (lp.shared_entities > 0 && verbose_cross) {
          std::printf("  cross %s / %s: events %u-%u ent %.3f topic %.3f time %.2f shared %zu -> %.3f\n",
                      ev_label[a].c_str(), ev_label[b].c_str(), p.summaries[a].event, p.summaries[b].event, lp.entity,
                      lp.topic, lp.time, lp.shared_entities, lp.score);
        }
        if (ev_label[a] != ev_label[b] && lp.score > worst_cross) {
          worst_cross = lp.score;
          worst_pair = ev_label[a] + " / " + ev_label[b] + ": " + p.summaries[a].headline + " / " +
                       p.summaries[b].headline;
        }
      }
    std::sort(within.begin(), within.end());
    std::printf("  pair scores within gold storylines: lowest %.3f, median %.3f; best across: %.3f (%s)\n",
                within.empty() ? 0.0 : within.front(), within.empty() ? 0.0 : within[within.size() / 2], worst_cross,
                worst_pair.c_str());
  }
  return f;
}

void PrintExample(const char* label, const ExampleFigures& f) {
  std::printf(
      "%-22s storylines BCubed P %.3f R %.3f F1 %.3f (pages only F1 %.3f) | exact %zu/%zu | event dates %zu/%zu | "
      "conflicts %zu/%zu | %zu events, %zu storylines\n",
      label, f.all.bcubed_precision, f.all.bcubed_recall, f.all.bcubed_f1, f.pages.bcubed_f1, f.exact,
      f.gold_storylines, f.dates_right, f.gold_events, f.conflicts_found, f.gold_conflicts, f.events, f.storylines);
}

// A corpus without gold (default: the dev corpus): how storylines behave on
// a real feed of thousands of events (no storyline may swallow the feed).
void CorpusStats(const std::string& path, const ev::DocumentFrequencies& prior, const st::StorylineOptions& options) {
  Pipeline p;
  AddDocuments({path}, &p);
  size_t teasers = 0;
  for (const auto& d : p.docs) teasers += d.teaser;
  Run(&p, prior, options);
  std::map<size_t, size_t> by_size;
  size_t multi = 0, in_multi = 0;
  std::vector<const st::Storyline*> big;
  for (const auto& s : p.storylines) {
    ++by_size[s.events.size()];
    if (s.events.size() > 1) {
      ++multi;
      in_multi += s.events.size();
      big.push_back(&s);
    }
  }
  std::sort(big.begin(), big.end(), [](const st::Storyline* a, const st::Storyline* b) {
    return a->events.size() != b->events.size() ? a->events.size() > b->events.size() : a->id < b->id;
  });
  std::printf("corpus %s: %zu articles (%zu teasers), %zu events, %zu storylines; analysis %.1f s, summaries + "
              "linking %.2f s (summaries %.2f s)\n",
              path.c_str(), p.docs.size(), teasers, p.summaries.size(), p.storylines.size(), p.analyse_secs,
              p.link_secs, p.summary_secs);
  std::printf("  %zu storylines of 2+ events hold %zu events; largest %zu events (%.2f%% of all events)\n", multi,
              in_multi, big.empty() ? size_t{1} : big.front()->events.size(),
              big.empty() ? 0.0 : 100.0 * static_cast<double>(big.front()->events.size()) / p.summaries.size());
  std::printf("  storylines by events:");
  for (const auto& [n, c] : by_size) std::printf(" %zu:%zu", n, c);
  std::printf("\n");
  for (size_t i = 0; i < big.size() && i < 12; ++i) {
    const auto* s = big[i];
    std::printf("  %zu events, %zu articles, %s .. %s: %s | top entities:", s->events.size(), s->articles,
                DateStr(s->first_date).c_str(), DateStr(s->last_date).c_str(), s->title.c_str());
    for (size_t k = 0; k < s->entities.size() && k < 4; ++k) std::printf(" %s", s->entities[k].canonical.c_str());
    std::printf("\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string seeds = AKHBAR_SHARED_DIR "/corpus/seeds";
  std::string examples = AKHBAR_SOURCE_DIR "/examples";
  std::string prior_path = AKHBAR_SHARED_DIR "/corpus/saudinewsnet-dev.jsonl.gz";
  std::string corpus;  // --corpus FILE: no gold, storyline statistics only
  bool sweep = false, verbose = false;
  st::StorylineOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--seeds") seeds = next();
    else if (a == "--examples") examples = next();
    else if (a == "--prior") prior_path = next();
    else if (a == "--threshold") options.link_threshold = std::atof(next().c_str());
    else if (a == "--sweep") sweep = true;
    else if (a == "--corpus") corpus = next();
    else if (a == "--verbose") verbose = true;
    else {
      std::fprintf(stderr, "eval_storylines: unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  ev::DocumentFrequencies prior;
  if (prior_path != "none" && std::filesystem::exists(prior_path)) {
    akhbar::ReadInputs({prior_path}, {}, [&](akhbar::IngestItem&& it) {
      if (it.doc.ok()) prior.Add(ev::ExtractFeatures("", it.doc->title, it.doc->content.data, std::nullopt));
    });
  }
  std::printf("idf prior for events: %llu documents\n", static_cast<unsigned long long>(prior.docs));

  if (!corpus.empty()) {
    CorpusStats(corpus, prior, options);
    return 0;
  }
  int failures = 0;
  Pipeline seed_pipeline;
  bool have_seeds = false;
  if (std::filesystem::is_directory(seeds)) {
    have_seeds = LoadSeeds(seeds, prior, options, &seed_pipeline);
    failures = have_seeds ? CheckSeeds(seed_pipeline, options, true, verbose) : 1;
  } else {
    std::printf("seeds: %s not found (../shared is needed); seeds checks skipped\n", seeds.c_str());
  }

  std::string gold_path = examples + "/expected.json";
  if (std::filesystem::exists(gold_path)) {
    std::ifstream in(gold_path);
    auto gold = nlohmann::json::parse(in, nullptr, false);
    Pipeline p;
    AddDocuments({examples + "/corpus"}, &p);
    Run(&p, prior, options);
    std::printf("sample corpus: %zu articles (pages and teasers), analysis %.1f s, summaries + linking %.3f s\n",
                p.docs.size(), p.analyse_secs, p.link_secs);
    auto f = Examples(p, gold, options, true, verbose);
    PrintStorylines(p, verbose);
    PrintExample("sample corpus", f);
    if (sweep) {
      // The linking options around the defaults: seeds checks failed and
      // the sample corpus's figures for each.
      for (double ew : {0.5, 0.6, 0.7})
        for (double decay : {120.0, 365.0})
          for (double undated : {0.5, 0.75})
            for (double th : {0.12, 0.14, 0.16, 0.18, 0.2, 0.25, 0.3}) {
              st::StorylineOptions o = options;
              o.entity_weight = ew;
              o.topic_weight = 1 - ew;
              o.decay_days = decay;
              o.undated_time_factor = undated;
              o.link_threshold = th;
              Relink(&p, o);
              int seed_fail = have_seeds ? CheckSeeds(seed_pipeline, o, false, false) : -1;
              char label[96];
              std::snprintf(label, sizeof label, "ent %.1f decay %3.0f undated %.2f th %.2f seeds-fail %d", ew, decay,
                            undated, th, seed_fail);
              PrintExample(label, Examples(p, gold, o, false));
            }
    }
  } else {
    std::printf("sample corpus: %s not found\n", gold_path.c_str());
  }
  return failures > 0 ? 1 : 0;
}
