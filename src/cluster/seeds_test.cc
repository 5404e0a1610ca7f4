// Seeds sanity check: the five seed pages (../shared/corpus/seeds) analysed
// and clustered with the default options and the dev corpus as idf prior
// give E1 = {000,
// 002}, E2 = {004}, E3 = {001}, E4 = {003}, and every teaser (another story
// appended by the site) is in an event of its own, apart from the seeds'.
// Skips when ../shared is absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "akhbar/analyze.h"
#include "akhbar/events.h"
#include "akhbar/ingest.h"
#include "core/embedded.h"
#include "testing.h"

namespace akhbar::events {
namespace {

TEST(Seeds, EventsAndTeasers) {
  AKHBAR_REQUIRE_SHARED(shared);
  std::filesystem::path dir = shared / "corpus" / "seeds";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no seeds folder";
  auto gazetteer = Gazetteer::Parse(data::Gazetteer());
  ASSERT_TRUE(gazetteer.ok()) << gazetteer.status().ToString();

  struct Item {
    OrderKey key;
    ArticleFeatures features;
  };
  std::vector<Item> items;
  std::vector<std::string> teaser_ids;
  for (const char* name : {"000_1441e68bc448708a.txt", "001_32f10a57e3468d13.txt", "002_2e4104477adbd184.txt",
                           "003_9384911031feb3ac.txt", "004_026ac11d7f44fc2e.txt"}) {
    std::filesystem::path p = dir / name;
    ASSERT_TRUE(std::filesystem::exists(p)) << p;
    std::string bytes = testing::ReadFile(p);
    std::vector<RawDocument> docs;
    ReadBuffer(name, bytes, {}, [&](IngestItem&& it) {
      if (it.doc.ok()) docs.push_back(std::move(*it.doc));
    });
    ASSERT_EQ(docs.size(), 1u) << name;
    auto a = AnalyzeDocument(std::move(docs[0]), {});
    ASSERT_TRUE(a.ok()) << name;
    std::string id = std::string(name).substr(0, 3);
    std::string body = a->text.str();
    std::vector<TermId> ents;
    gazetteer->Find(a->article.title, &ents);
    gazetteer->Find(body, &ents);
    auto date = a->article.published.date;
    items.push_back({MakeOrderKey(date, "", id), ExtractFeatures(id, a->article.title, body, date, ents)});
    int k = 0;
    for (const auto& t : a->article.teasers) {
      std::string tid = id + "-teaser" + std::to_string(k++);
      std::vector<TermId> tents;
      gazetteer->Find(t.title, &tents);
      gazetteer->Find(t.text, &tents);
      teaser_ids.push_back(tid);
      // A teaser carries no date of its own: undated, no time penalty.
      items.push_back({MakeOrderKey(std::nullopt, "", tid), ExtractFeatures(tid, t.title, t.text, std::nullopt, tents)});
    }
  }
  ASSERT_GE(teaser_ids.size(), 4u);
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.key < b.key; });
  // The stored document-frequency table a deployed clusterer starts from
  // (its archive): here the dev corpus's titles and leads, unanalysed.
  DocumentFrequencies prior;
  std::filesystem::path dev = shared / "corpus" / "saudinewsnet-dev.jsonl.gz";
  if (std::filesystem::exists(dev))
    ReadInputs({dev.string()}, {}, [&](IngestItem&& it) {
      if (it.doc.ok()) prior.Add(ExtractFeatures("", it.doc->title, it.doc->content.data, std::nullopt));
    });
  EventClusterer c({}, prior);
  std::map<std::string, uint32_t> event;
  for (const auto& it : items) {
    auto a = c.Add(it.features);
    event[it.features.id] = a.event;
    std::printf("%s -> event %u (score %.3f, %s)\n", it.features.id.c_str(), a.event, a.score,
                a.created ? "new" : "joined");
  }

  EXPECT_EQ(event["000"], event["002"]);
  std::set<uint32_t> seeds = {event["000"], event["001"], event["003"], event["004"]};
  EXPECT_EQ(seeds.size(), 4u) << "E1..E4 must be four distinct events";
  for (const auto& t : teaser_ids) EXPECT_EQ(seeds.count(event[t]), 0u) << t << " joined a seed event";
  std::set<uint32_t> teaser_events;
  for (const auto& t : teaser_ids) teaser_events.insert(event[t]);
  EXPECT_EQ(teaser_events.size(), teaser_ids.size()) << "each teaser is its own story";
}

}  // namespace
}  // namespace akhbar::events
