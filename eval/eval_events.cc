// Evaluation: online event clustering against the dev event gold.
//
//   eval_events [--corpus FILE] [--gold FILE] [--prior none|other-days]
//               [--threshold X] [--sweep] [--exhaustive] [--dump FILE]
//               [--errors] [--explain ID] [--pairs FILE] [--set NAME=X]
//               [--grid NAME=X,Y,...] [--cv] [--examples DIR]
//
// Analyses every article of the dev corpus (default
// ../shared/corpus/saudinewsnet-dev.jsonl.gz) with AnalyzeDocument, takes
// its date (the analysed publication date, else fetched_at), orders the
// articles in time (OrderKey) and clusters them all online with
// EventClusterer. Only the gold-labelled articles (default
// ../shared/corpus/events-dev-gold.jsonl) are scored: BCubed precision,
// recall, F1 and pairwise F1, overall and per crawl day.
//
// IDF prior (--prior): `other-days` (default) starts the document
// frequencies from the corpus articles of days OUTSIDE the gold day pair
// (2015-07-21/22), the way a deployed clusterer starts from its archive's
// table; `none` starts cold (idf only from the articles seen so far).
// --sweep prints the figures for a grid around the chosen options (the
// threshold and the time sigma), per day, to show how sensitive they are.
// Tuning and diagnosis:
//   --set NAME=X         sets a numeric EventOptions field (text_weight,
//                        title_weight, entity_weight, number_weight,
//                        idf_power, title_idf_power, join_threshold,
//                        merge_threshold, time_sigma_days,
//                        undated_time_factor);
//   --grid NAME=X,Y,...  (repeatable) clusters the day pair with every
//                        combination and prints them all, best first;
//   --cv                 two-fold cross-validation across the gold days:
//                        the grid point best on one day's labels is scored
//                        on the other day's, both ways, and the mean of the
//                        two held-out F1 is the figure that was not tuned
//                        on the labels it is read on;
//   --errors             every gold event split over several predicted
//                        events and every predicted event mixing gold
//                        events, with join scores and titles;
//   --explain ID         the best-scoring events (score parts) for an
//                        article, just before it is added;
//   --pairs FILE         TSV of pair features (labelled article x events
//                        holding labelled articles, 1 = its gold event) for
//                        fitting a linear model outside;
//   --lead-bytes N, --title-repeat N, --max-text-terms N: FeatureOptions.
// --examples DIR scores DIR/corpus (cold start, no prior) against the
// "events" of DIR/expected.json and exits 1 if an event mixes happenings.
// Otherwise exits 1 if BCubed F1 is below 0.90 (the target).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "akhbar/analyze.h"
#include "akhbar/events.h"
#include "akhbar/ingest.h"
#include "core/embedded.h"

namespace ev = akhbar::events;

namespace {

struct Item {
  ev::OrderKey key;
  ev::ArticleFeatures features;
  std::string crawl_day;  // date_extracted's day
  std::string title;      // for --dump
};

struct Gold {
  std::unordered_map<std::string, uint32_t> label;  // article id -> gold event
  std::vector<std::string> names;                    // gold event -> its label in the file
};

struct Run {
  ev::ClusterScores all;
  std::map<std::string, ev::ClusterScores> by_day;
  size_t events = 0;
  double secs = 0;
  size_t memory = 0;
  std::vector<size_t> sizes;  // event sizes over the whole corpus, largest first
};

std::set<std::string> g_explain;
std::string g_pairs_path;
bool g_errors = false;  // --errors

// The clustering errors on the labelled articles: every gold event split
// over several predicted events (the articles outside its largest part),
// and every predicted event that mixes gold events (all its labelled
// articles), with the join score and title of each article.
void PrintErrors(const std::vector<Item>& items, const Gold& gold, const std::vector<uint32_t>& assigned,
                 const std::vector<double>& scores) {
  std::map<uint32_t, std::vector<size_t>> by_gold, by_pred;
  for (size_t i = 0; i < items.size(); ++i) {
    auto it = gold.label.find(items[i].features.id);
    if (it == gold.label.end()) continue;
    by_gold[it->second].push_back(i);
    by_pred[assigned[i]].push_back(i);
  }
  auto line = [&](size_t i, uint32_t g) {
    std::printf("    %s gold %s event %u score %.3f  %s\n", items[i].features.id.c_str(), gold.names[g].c_str(),
                assigned[i], scores[i],
                items[i].title.c_str());
  };
  std::printf("errors: gold events split over several predicted events\n");
  for (const auto& [g, members] : by_gold) {
    std::map<uint32_t, size_t> parts;
    for (size_t i : members) ++parts[assigned[i]];
    if (parts.size() < 2) continue;
    uint32_t main_part = std::max_element(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
                           return a.second < b.second;
                         })->first;
    std::printf("  gold %s: %zu articles in %zu events (largest: event %u with %zu)\n", gold.names[g].c_str(),
                members.size(), parts.size(),
                main_part, parts[main_part]);
    for (size_t i : members)
      if (assigned[i] != main_part) line(i, g);
  }
  std::printf("errors: predicted events mixing gold events\n");
  for (const auto& [p, members] : by_pred) {
    std::map<uint32_t, size_t> parts;
    for (size_t i : members) ++parts[gold.label.at(items[i].features.id)];
    if (parts.size() < 2) continue;
    std::printf("  event %u: %zu labelled articles of %zu gold events\n", p, members.size(), parts.size());
    for (size_t i : members) line(i, gold.label.at(items[i].features.id));
  }
}  // --explain: article ids whose scores are printed

Run Cluster(const std::vector<Item>& items, const Gold& gold, const ev::EventOptions& options,
            const ev::DocumentFrequencies& prior, const std::string& dump_path = "") {
  Run run;
  ev::EventClusterer c(options, prior);
  std::vector<uint32_t> assigned(items.size());
  auto t0 = std::chrono::steady_clock::now();
  std::vector<double> scores(items.size());
  std::FILE* pairs = g_pairs_path.empty() ? nullptr : std::fopen(g_pairs_path.c_str(), "w");
  std::vector<int> gold_of(items.size(), -1);
  for (size_t i = 0; i < items.size(); ++i) {
    auto it = gold.label.find(items[i].features.id);
    if (it != gold.label.end()) gold_of[i] = static_cast<int>(it->second);
  }
  std::unordered_map<std::string, size_t> index_of;
  for (size_t i = 0; i < items.size(); ++i) index_of[items[i].features.id] = i;
  for (size_t i = 0; i < items.size(); ++i) {
    if (pairs != nullptr && gold_of[i] >= 0) {
      // Pair features of a labelled article against every event holding a
      // labelled article (label 1 when one of them has its gold event).
      for (const auto& e : c.state().events) {
        int same = -1;
        for (uint32_t m : e.members) {
          int g = gold_of[index_of[c.state().article_ids[m]]];
          if (g < 0) continue;
          same = std::max(same, g == gold_of[i] ? 1 : 0);
        }
        if (same < 0) continue;
        auto s = c.Score(items[i].features, e.id);
        if (s.score < 0.05 && same == 0) continue;
        std::fprintf(pairs, "%s\t%s\t%u\t%zu\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\n",
                     items[i].features.id.c_str(), items[i].crawl_day.c_str(), e.id, e.members.size(), same, s.text,
                     s.title, s.entity, s.number, s.time, s.score);
      }
    }
    if (g_explain.count(items[i].features.id)) {
      std::vector<std::pair<double, uint32_t>> best;
      for (const auto& e : c.state().events) {
        auto s = c.Score(items[i].features, e.id);
        if (s.score > 0.1) best.push_back({s.score, e.id});
      }
      std::sort(best.rbegin(), best.rend());
      std::printf("explain %s %s\n", items[i].features.id.c_str(), items[i].title.c_str());
      for (size_t k = 0; k < best.size() && k < 5; ++k) {
        auto s = c.Score(items[i].features, best[k].second);
        const auto& e = c.state().events[best[k].second];
        std::printf("  event %u (%zu members, first %s): score %.3f text %.3f title %.3f entity %.3f number %.3f "
                    "time %.3f\n",
                    e.id, e.members.size(), c.state().article_ids[e.members[0]].c_str(), s.score, s.text, s.title,
                    s.entity, s.number, s.time);
      }
    }
    auto a = c.Add(items[i].features);
    assigned[i] = a.event;
    scores[i] = a.score;
  }
  run.secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // Second-chance merges may have moved earlier articles: the final labels.
  for (size_t i = 0; i < items.size(); ++i) assigned[i] = c.state().article_event[i];
  if (pairs != nullptr) std::fclose(pairs);
  if (!dump_path.empty()) {
    // One line per labelled article: id, predicted event, gold label, join score, title.
    std::FILE* f = std::fopen(dump_path.c_str(), "w");
    if (f != nullptr) {
      for (size_t i = 0; i < items.size(); ++i) {
        auto it = gold.label.find(items[i].features.id);
        std::fprintf(f, "%s\t%u\t%d\t%.3f\t%s\n", items[i].features.id.c_str(), assigned[i],
                     it == gold.label.end() ? -1 : static_cast<int>(it->second), scores[i], items[i].title.c_str());
      }
      std::fclose(f);
    }
  }
  if (g_errors) PrintErrors(items, gold, assigned, scores);
  run.events = 0;
  for (const auto& e : c.state().events) {
    if (e.members.empty()) continue;  // absorbed by a merge
    ++run.events;
    run.sizes.push_back(e.members.size());
  }
  std::sort(run.sizes.rbegin(), run.sizes.rend());
  run.memory = c.MemoryBytes();
  std::vector<uint32_t> pred, gl;
  std::map<std::string, std::pair<std::vector<uint32_t>, std::vector<uint32_t>>> days;
  for (size_t i = 0; i < items.size(); ++i) {
    auto it = gold.label.find(items[i].features.id);
    if (it == gold.label.end()) continue;
    pred.push_back(assigned[i]);
    gl.push_back(it->second);
    days[items[i].crawl_day].first.push_back(assigned[i]);
    days[items[i].crawl_day].second.push_back(it->second);
  }
  run.all = ev::ScoreClustering(pred, gl);
  for (const auto& [d, v] : days) run.by_day[d] = ev::ScoreClustering(v.first, v.second);
  return run;
}

// The numeric EventOptions by name (for --set, --grid and --cv).
double* OptionField(ev::EventOptions& o, const std::string& name) {
  if (name == "text_weight") return &o.text_weight;
  if (name == "title_weight") return &o.title_weight;
  if (name == "entity_weight") return &o.entity_weight;
  if (name == "number_weight") return &o.number_weight;
  if (name == "merge_threshold") return &o.merge_threshold;
  if (name == "idf_power") return &o.idf_power;
  if (name == "title_idf_power") return &o.title_idf_power;
  if (name == "join_threshold") return &o.join_threshold;
  if (name == "time_sigma_days") return &o.time_sigma_days;
  if (name == "undated_time_factor") return &o.undated_time_factor;
  return nullptr;
}

struct GridAxis {
  std::string name;
  std::vector<double> values;
};

// Every combination of the axes' values applied to `base`.
std::vector<std::pair<std::string, ev::EventOptions>> Expand(const ev::EventOptions& base,
                                                             const std::vector<GridAxis>& axes) {
  std::vector<std::pair<std::string, ev::EventOptions>> out = {{"", base}};
  for (const auto& ax : axes) {
    std::vector<std::pair<std::string, ev::EventOptions>> next;
    for (const auto& [label, o] : out)
      for (double v : ax.values) {
        ev::EventOptions x = o;
        *OptionField(x, ax.name) = v;
        char buf[96];
        std::snprintf(buf, sizeof buf, "%s%s=%g", label.empty() ? "" : " ", ax.name.c_str(), v);
        next.push_back({label + buf, x});
      }
    out = std::move(next);
  }
  return out;
}

void Print(const char* label, const Run& r) {
  std::printf("%-34s BCubed P %.4f R %.4f F1 %.4f | pairwise P %.4f R %.4f F1 %.4f |", label,
              r.all.bcubed_precision, r.all.bcubed_recall, r.all.bcubed_f1, r.all.pair_precision, r.all.pair_recall,
              r.all.pair_f1);
  for (const auto& [d, s] : r.by_day) std::printf(" %s F1 %.4f", d.c_str() + 5, s.bcubed_f1);
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = AKHBAR_SHARED_DIR "/corpus/saudinewsnet-dev.jsonl.gz";
  std::string gold_path = AKHBAR_SHARED_DIR "/corpus/events-dev-gold.jsonl";
  std::string prior_mode = "other-days";
  std::string examples_dir;  // --examples DIR: score DIR/corpus against DIR/expected.json "events"
  bool sweep = false;
  bool cv = false;                // --cv: two-fold cross-validation across the gold days over --grid
  std::vector<GridAxis> grid;     // --grid NAME=V1,V2,...
  std::string dump_path;
  std::string entity_source = "both";  // --entities gazetteer|extraction|both (default: both)
  ev::EventOptions options;
  ev::FeatureOptions feature_options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--corpus") corpus = next();
    else if (a == "--gold") gold_path = next();
    else if (a == "--prior") prior_mode = next();
    else if (a == "--examples") examples_dir = next();
    else if (a == "--threshold") options.join_threshold = std::atof(next().c_str());
    else if (a == "--sigma") options.time_sigma_days = std::atof(next().c_str());
    else if (a == "--title-weight") options.title_weight = std::atof(next().c_str());
    else if (a == "--text-weight") options.text_weight = std::atof(next().c_str());
    else if (a == "--entity-weight") options.entity_weight = std::atof(next().c_str());
    else if (a == "--entities") entity_source = next();
    else if (a == "--number-weight") options.number_weight = std::atof(next().c_str());
    else if (a == "--sweep") sweep = true;
    else if (a == "--cv") cv = true;
    else if (a == "--set" || a == "--grid") {
      std::string spec = next();
      size_t eq = spec.find('=');
      GridAxis ax;
      ax.name = spec.substr(0, eq);
      if (eq == std::string::npos || OptionField(options, ax.name) == nullptr) {
        std::fprintf(stderr, "eval_events: %s NAME=VALUE[,VALUE...]: unknown option in %s\n", a.c_str(), spec.c_str());
        return 2;
      }
      for (size_t p = eq + 1; p <= spec.size();) {
        size_t comma = std::min(spec.find(',', p), spec.size());
        ax.values.push_back(std::atof(spec.substr(p, comma - p).c_str()));
        p = comma + 1;
      }
      if (a == "--set") *OptionField(options, ax.name) = ax.values.back();
      else grid.push_back(std::move(ax));
    }
    else if (a == "--dump") dump_path = next();
    else if (a == "--lead-bytes") feature_options.lead_bytes = static_cast<size_t>(std::atol(next().c_str()));
    else if (a == "--max-text-terms") feature_options.max_text_terms = static_cast<size_t>(std::atol(next().c_str()));
    else if (a == "--title-repeat") feature_options.title_repeat = std::atoi(next().c_str());
    else if (a == "--errors") g_errors = true;
    else if (a == "--pairs") g_pairs_path = next();
    else if (a == "--explain") g_explain.insert(next());
    else if (a == "--exhaustive") options.exhaustive = true;
    else if (a == "--average") options.average_linkage = true;
    else {
      std::fprintf(stderr, "eval_events: unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  if (!examples_dir.empty()) {
    corpus = examples_dir + "/corpus";
    gold_path = examples_dir + "/expected.json";
    prior_mode = "none";
  }
  if (!std::filesystem::exists(corpus) || !std::filesystem::exists(gold_path)) {
    std::fprintf(stderr, "eval_events: %s or %s not found (../shared is needed)\n", corpus.c_str(), gold_path.c_str());
    return 1;
  }

  Gold gold;
  if (!examples_dir.empty()) {
    // expected.json: "events": {"E1": {"docs": [document keys], ...}, ...};
    // the keys are paths below examples/ or record ids, as ReadInputs names
    // the documents of DIR/corpus.
    std::ifstream in(gold_path);
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.contains("events") || !j["events"].is_object()) {
      std::fprintf(stderr, "eval_events: %s: no \"events\" object\n", gold_path.c_str());
      return 1;
    }
    for (const auto& [name, e] : j["events"].items()) {
      uint32_t id = static_cast<uint32_t>(gold.names.size());
      gold.names.push_back(name);
      for (const auto& d : e.value("docs", nlohmann::json::array())) gold.label[d.get<std::string>()] = id;
    }
    std::printf("gold: %zu labelled articles in %zu events (examples)\n", gold.label.size(), gold.names.size());
  } else {
    std::ifstream in(gold_path);
    std::string line;
    std::map<std::string, uint32_t> ids;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded()) continue;
      std::string ev_label = j.value("event", "");
      auto [pos, added] = ids.emplace(ev_label, static_cast<uint32_t>(ids.size()));
      if (added) gold.names.push_back(ev_label);
      uint32_t id = pos->second;
      gold.label[j.value("id", "")] = id;
    }
    std::printf("gold: %zu labelled articles in %zu events\n", gold.label.size(), ids.size());
  }

  auto gazetteer = ev::Gazetteer::Parse(akhbar::data::Gazetteer());
  if (!gazetteer.ok()) {
    std::fprintf(stderr, "eval_events: %s\n", gazetteer.status().ToString().c_str());
    return 1;
  }
  std::vector<Item> items;
  size_t failed = 0, with_published = 0;
  auto t0 = std::chrono::steady_clock::now();
  akhbar::ReadInputs({corpus}, {}, [&](akhbar::IngestItem&& it) {
    if (!it.doc.ok()) {
      ++failed;
      return;
    }
    std::string fetched = it.doc->fetched_at;
    auto analyzed = akhbar::AnalyzeDocument(std::move(*it.doc), {});
    if (!analyzed.ok()) {
      ++failed;
      return;
    }
    const auto& art = analyzed->article;
    std::optional<akhbar::CivilDate> date = art.published.date;
    with_published += date.has_value();
    if (!date) date = akhbar::ParseIsoDate(fetched);
    std::string body = analyzed->text.str();
    std::vector<ev::TermId> entities;
    if (entity_source != "extraction") {
      gazetteer->Find(art.title, &entities);
      gazetteer->Find(std::string_view(body).substr(0, 1500), &entities);
    }
    if (entity_source != "gazetteer") {
      // Entities of the extraction stage (NER + gazetteer, variants merged)
      // mentioned in the lead.
      for (const auto& e : analyzed->extraction.entities)
        for (const auto& m : e.mentions)
          if (m.begin < 1500) {
            entities.push_back(ev::EntityId(e.id));
            break;
          }
    }
    Item item;
    item.features = ev::ExtractFeatures(analyzed->id.str(), art.title, body, date, entities, feature_options);
    item.key = ev::MakeOrderKey(date, fetched, analyzed->id.str());
    item.crawl_day = fetched.substr(0, 10);
    item.title = art.title;
    items.push_back(std::move(item));
  });
  double analyse_secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.key < b.key; });
  std::printf("corpus: %zu articles (%zu failed), %zu with a published date of their own; analysis %.1f s\n",
              items.size(), failed, with_published, analyse_secs);
  size_t labelled_found = 0;
  for (const auto& it : items) labelled_found += gold.label.count(it.features.id);
  std::printf("labelled articles found in the corpus: %zu\n", labelled_found);

  const std::set<std::string> pair_days = {"2015-07-21", "2015-07-22"};
  ev::DocumentFrequencies prior;
  if (prior_mode == "other-days") {
    for (const auto& it : items)
      if (!pair_days.count(it.crawl_day)) prior.Add(it.features);
  } else if (prior_mode != "none") {
    std::fprintf(stderr, "eval_events: --prior must be none or other-days\n");
    return 2;
  }
  std::printf("idf prior: %s (%llu documents)\n", prior_mode.c_str(), static_cast<unsigned long long>(prior.docs));

  Run main_run = Cluster(items, gold, options, prior, dump_path);
  std::printf("clustered %zu articles into %zu events in %.2f s (%.0f articles/s), state %.0f bytes/article\n",
              items.size(), main_run.events, main_run.secs, items.size() / main_run.secs,
              static_cast<double>(main_run.memory) / items.size());
  Print("chosen options", main_run);
  {
    // Topic-sized events (a happening rarely has more than a few dozen
    // reports in a national press corpus): the largest ones over the corpus.
    size_t big = 0;
    for (size_t n : main_run.sizes) big += n >= 50;
    std::printf("largest events over the corpus:");
    for (size_t i = 0; i < main_run.sizes.size() && i < 8; ++i) std::printf(" %zu", main_run.sizes[i]);
    std::printf("; %zu events of 50 articles or more\n", big);
  }

  if (!grid.empty() || cv) {
    // Grid search on the day pair (online: the other days cannot change
    // the pair's assignments). With --cv, each gold day in turn is the
    // tuning half: the combination best on it is scored on the other day,
    // so the reported figure was never tuned on the labels it is read on.
    std::vector<Item> pair;
    for (const auto& it : items)
      if (pair_days.count(it.crawl_day)) pair.push_back(it);
    auto combos = Expand(options, grid);
    std::vector<Run> runs;
    for (const auto& [label, o] : combos) runs.push_back(Cluster(pair, gold, o, prior));
    std::vector<size_t> order(runs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return runs[a].all.bcubed_f1 > runs[b].all.bcubed_f1; });
    std::printf("grid: %zu combinations, best first (F1 on both days):\n", combos.size());
    for (size_t k : order) Print(combos[k].first.c_str(), runs[k]);
    if (cv) {
      double sum = 0;
      int folds = 0;
      for (const auto& tune_day : pair_days) {
        size_t best = 0;
        for (size_t i = 0; i < runs.size(); ++i)
          if (runs[i].by_day[tune_day].bcubed_f1 > runs[best].by_day[tune_day].bcubed_f1) best = i;
        for (const auto& test_day : pair_days) {
          if (test_day == tune_day) continue;
          const auto& s = runs[best].by_day[test_day];
          std::printf("cv: tuned on %s (F1 %.4f) with %s -> held-out %s BCubed P %.4f R %.4f F1 %.4f, pairwise F1 %.4f\n",
                      tune_day.c_str(), runs[best].by_day[tune_day].bcubed_f1, combos[best].first.c_str(),
                      test_day.c_str(), s.bcubed_precision, s.bcubed_recall, s.bcubed_f1, s.pair_f1);
          sum += s.bcubed_f1;
          ++folds;
        }
      }
      std::printf("cv: cross-validated BCubed F1 (mean of the held-out days) %.4f\n", folds ? sum / folds : 0.0);
    }
  }
  if (sweep) {
    // The day pair alone gives the same assignments as the whole corpus
    // (clustering is online; later days cannot change earlier ones).
    std::vector<Item> pair;
    for (const auto& it : items)
      if (pair_days.count(it.crawl_day)) pair.push_back(it);
    for (double th : {0.20, 0.25, 0.30, 0.35, 0.40, 0.45}) {
      ev::EventOptions o = options;
      o.join_threshold = th;
      char label[64];
      std::snprintf(label, sizeof label, "threshold %.2f", th);
      Print(label, Cluster(pair, gold, o, prior));
    }
    for (double sigma : {1.0, 2.0, 4.0}) {
      ev::EventOptions o = options;
      o.time_sigma_days = sigma;
      char label[64];
      std::snprintf(label, sizeof label, "sigma %.1f days", sigma);
      Print(label, Cluster(pair, gold, o, prior));
    }
    for (double tw : {0.0, 0.2, 0.4, 0.6}) {
      ev::EventOptions o = options;
      o.title_weight = tw;
      o.text_weight = 1.0 - tw;
      char label[64];
      std::snprintf(label, sizeof label, "title weight %.1f", tw);
      Print(label, Cluster(pair, gold, o, prior));
    }
    for (double w : {0.0, 0.05, 0.2}) {
      ev::EventOptions o = options;
      o.entity_weight = w;
      char label[64];
      std::snprintf(label, sizeof label, "entity weight %.2f", w);
      Print(label, Cluster(pair, gold, o, prior));
    }
    for (double w : {0.0, 0.05, 0.2}) {
      ev::EventOptions o = options;
      o.number_weight = w;
      char label[64];
      std::snprintf(label, sizeof label, "number weight %.2f", w);
      Print(label, Cluster(pair, gold, o, prior));
    }
    {
      ev::EventOptions o = options;
      o.exhaustive = true;
      Print("exhaustive (no index)", Cluster(pair, gold, o, prior));
    }
    Print("cold start (no prior)", Cluster(pair, gold, options, {}));
  }
  if (!examples_dir.empty()) {
    // The sample corpus: no event may mix two happenings (its splits are
    // reported above; a cold start sees few documents).
    if (main_run.all.bcubed_precision < 1.0) {
      std::printf("examples: an event mixes happenings (BCubed precision %.4f < 1)\n", main_run.all.bcubed_precision);
      return 1;
    }
    return 0;
  }
  if (main_run.all.bcubed_f1 < 0.90) {
    std::printf("target missed: BCubed F1 %.4f < 0.90\n", main_run.all.bcubed_f1);
    return 1;
  }
  return 0;
}
