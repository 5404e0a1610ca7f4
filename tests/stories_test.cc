// Ingest with clustering, end to end through the store: the seeds'
// storyline (../shared, skipped when absent) and the sample corpus's six
// storylines (examples/expected.json), exports, and resuming in two
// halves.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "akhbar/store.h"
#include "testing.h"

namespace akhbar {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

class TempDb {
 public:
  TempDb() {
    path_ = fs::temp_directory_path() /
            ("akhbar-stories-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++) + ".db");
    Remove();
  }
  ~TempDb() { Remove(); }
  std::string path() const { return path_.string(); }

 private:
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_.string() + suffix);
  }
  static inline int counter_ = 0;
  fs::path path_;
};

std::unique_ptr<Store> Ingest(const std::string& db, const std::vector<std::string>& inputs, IngestCounts* counts) {
  auto store = OpenSqliteStore(db);
  EXPECT_TRUE(store.ok()) << store.status().message();
  StoreIngestOptions options;
  options.batch_size = 7;  // several batches even on small inputs
  Status s = IngestIntoStore(**store, inputs, options, counts);
  EXPECT_TRUE(s.ok()) << s.message();
  return std::move(store).value();
}

struct Clusters {
  std::map<std::string, int64_t> event;      // article id -> event id
  std::map<std::string, int64_t> storyline;  // article id -> storyline id (-1 none)
};

Clusters ReadClusters(Store& store) {
  Clusters c;
  Status s = store.ForEachAssignment([&](const std::string& id, int64_t e, int64_t l) {
    c.event[id] = e;
    c.storyline[id] = l;
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.message();
  return c;
}

// The partition of `ids` by `label`: sets of ids, as a sorted set of sets
// (independent of the label values).
std::set<std::set<std::string>> Partition(const std::map<std::string, int64_t>& label) {
  std::map<int64_t, std::set<std::string>> by;
  for (const auto& [id, l] : label) by[l].insert(id);
  std::set<std::set<std::string>> out;
  for (auto& [l, ids] : by) out.insert(std::move(ids));
  return out;
}

TEST(Stories, SeedsStorylineDatesAndCorroboration) {
  AKHBAR_REQUIRE_SHARED(shared);
  fs::path seeds = shared / "corpus" / "seeds";
  std::vector<std::string> inputs;
  for (const auto& e : fs::directory_iterator(seeds))
    if (e.path().extension() == ".txt") inputs.push_back(e.path().string());
  std::sort(inputs.begin(), inputs.end());
  ASSERT_EQ(inputs.size(), 5u);
  TempDb db;
  IngestCounts counts;
  auto store = Ingest(db.path(), inputs, &counts);
  EXPECT_EQ(counts.added, 5u);
  EXPECT_EQ(counts.clusters.clustered, 5u + counts.teasers);
  Clusters c = ReadClusters(*store);
  const std::string p0 = "000_1441e68bc448708a.txt", p1 = "001_32f10a57e3468d13.txt", p2 = "002_2e4104477adbd184.txt",
                    p3 = "003_9384911031feb3ac.txt", p4 = "004_026ac11d7f44fc2e.txt";
  for (const auto& p : {p0, p1, p2, p3, p4}) ASSERT_TRUE(c.event.count(p)) << p;
  // Events: E1 = {000, 002}, E2 = {004}, E3 = {001}, E4 = {003}.
  EXPECT_EQ(c.event[p0], c.event[p2]);
  std::set<int64_t> distinct = {c.event[p0], c.event[p1], c.event[p3], c.event[p4]};
  EXPECT_EQ(distinct.size(), 4u);
  // Storyline S1 = E1..E4, and no teaser in it.
  const int64_t s1 = c.storyline[p0];
  ASSERT_GE(s1, 0);
  for (const auto& p : {p1, p2, p3, p4}) EXPECT_EQ(c.storyline[p], s1) << p;
  for (const auto& [id, l] : c.storyline) {
    if (id.find("#t") == std::string::npos) continue;
    EXPECT_NE(l, s1) << "teaser " << id << " joined S1";
    EXPECT_NE(c.event[id], c.event[p0]) << id;
  }
  // Dates: E1 2024-11-01 (Friday before the 2024-11-02 report), E3 dated,
  // E2 and E4 undated.
  auto e1 = store->Event(c.event[p0]);
  ASSERT_TRUE(e1.ok() && e1->has_value());
  EXPECT_EQ((*e1)->date, "2024-11-01");
  auto e3 = store->Event(c.event[p1]);
  ASSERT_TRUE(e3.ok() && e3->has_value());
  EXPECT_TRUE((*e3)->date == "2025-07-12" || (*e3)->date == "2025-07-13") << (*e3)->date;
  for (const auto& p : {p3, p4}) {
    auto e = store->Event(c.event[p]);
    ASSERT_TRUE(e.ok() && e->has_value());
    EXPECT_EQ((*e)->date, "") << p << " should be undated";
  }
  // Corroboration across the storyline: more than 10,000 troops carried by
  // 001, 002 and 003.
  auto lines = store->Storylines();
  ASSERT_TRUE(lines.ok());
  const StorylineRow* row = nullptr;
  for (const auto& r : *lines)
    if (r.id == s1) row = &r;
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->events, 4u);
  EXPECT_EQ(row->first_date, "2024-11-01");
  Json detail = Json::parse(row->detail_json);
  bool found = false;
  for (const auto& claim : detail["claims"]) {
    if (claim["counted"] != "جندي" || !claim["value"].is_number() || claim["value"].get<double>() != 10000) continue;
    std::set<std::string> arts;
    for (const auto& src : claim["sources"]) arts.insert(src["article_id"].get<std::string>());
    if (arts.count(p1) && arts.count(p2) && arts.count(p3)) found = true;
  }
  EXPECT_TRUE(found) << "no 10,000-troops claim with sources 001, 002 and 003: " << detail["claims"].dump();
}

TEST(Stories, SampleCorpusStorylines) {
  fs::path root = testing::SourceDir() / "examples";
  Json expected = Json::parse(testing::ReadFile(root / "expected.json"));
  TempDb db;
  IngestCounts counts;
  auto store = Ingest(db.path(), {(root / "corpus").string()}, &counts);
  EXPECT_EQ(counts.failed, 0u);
  Clusters c = ReadClusters(*store);
  // Gold storyline of each page.
  std::map<std::string, std::string> gold;
  for (const auto& [id, d] : expected["documents"].items())
    if (d.contains("storyline") && d["storyline"].is_string()) gold[id] = d["storyline"].get<std::string>();
  ASSERT_FALSE(gold.empty());
  // Each gold storyline is exactly one stored storyline, and the pages of two
  // gold storylines never share one.
  std::map<std::string, std::set<int64_t>> got_of_gold;
  std::map<int64_t, std::set<std::string>> gold_of_got;
  for (const auto& [id, s] : gold) {
    ASSERT_TRUE(c.storyline.count(id)) << id << " was not clustered";
    got_of_gold[s].insert(c.storyline[id]);
    gold_of_got[c.storyline[id]].insert(s);
  }
  size_t exact = 0;
  for (const auto& [s, got] : got_of_gold) {
    bool ok = got.size() == 1 && gold_of_got[*got.begin()].size() == 1;
    exact += ok;
    EXPECT_TRUE(ok) << "storyline " << s << " is split or merged";
  }
  std::printf("sample corpus: %zu of %zu gold storylines exactly recovered\n", exact, got_of_gold.size());
  // Teasers never join a storyline of the pages.
  std::set<int64_t> page_lines;
  for (const auto& [id, s] : gold) page_lines.insert(c.storyline[id]);
  for (const auto& [id, l] : c.storyline) {
    if (id.find("#t") != std::string::npos) {
      EXPECT_FALSE(page_lines.count(l)) << "teaser " << id;
    }
  }
}

TEST(Stories, ExportsAreWellFormed) {
  fs::path root = testing::SourceDir() / "examples";
  TempDb db;
  IngestCounts counts;
  auto store = Ingest(db.path(), {(root / "corpus").string()}, &counts);
  size_t pairs = 0;
  ASSERT_TRUE(store
                  ->ForEachDuplicate([&](const std::string& a, const std::string& b, double j) {
                    EXPECT_LT(a, b);
                    EXPECT_GE(j, 0.8);
                    EXPECT_LE(j, 1.0);
                    ++pairs;
                    return true;
                  })
                  .ok());
  EXPECT_GT(pairs, 0u) << "the sample corpus has wire copies";
  auto events = store->Events(std::nullopt);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), counts.clusters.events);
  for (const auto& e : *events) {
    Json s = Json::parse(e.summary_json);
    EXPECT_FALSE(e.headline.empty()) << e.id;
    EXPECT_EQ(s["articles"].size(), e.articles) << e.id;
  }
  // Ingesting the same corpus again clusters nothing new and changes nothing.
  Clusters before = ReadClusters(*store);
  store.reset();
  IngestCounts again;
  store = Ingest(db.path(), {(root / "corpus").string()}, &again);
  EXPECT_EQ(again.clusters.clustered, 0u);
  Clusters after = ReadClusters(*store);
  EXPECT_EQ(before.event, after.event);
  EXPECT_EQ(before.storyline, after.storyline);
}

TEST(Stories, TwoHalvesInTimeOrderGiveTheSameEvents) {
  // The sample corpus's text pages are named by date: ingesting those up to
  // a day, then the rest, is the same time order as ingesting all at once,
  // so the events must be the same.
  fs::path root = testing::SourceDir() / "examples" / "corpus" / "text";
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().filename().string().rfind("20", 0) == 0) files.push_back(e.path().string());
  std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
    return fs::path(a).filename() < fs::path(b).filename();
  });
  ASSERT_GE(files.size(), 6u);
  std::vector<std::string> first(files.begin(), files.begin() + files.size() / 2);
  std::vector<std::string> second(files.begin() + files.size() / 2, files.end());
  TempDb once, halves;
  IngestCounts counts;
  auto all = Ingest(once.path(), files, &counts);
  auto h = Ingest(halves.path(), first, &counts);
  h.reset();
  h = Ingest(halves.path(), second, &counts);
  EXPECT_EQ(counts.clusters.clustered, second.size() + counts.teasers);
  Clusters a = ReadClusters(*all), b = ReadClusters(*h);
  EXPECT_EQ(a.event.size(), b.event.size());
  EXPECT_EQ(Partition(a.event), Partition(b.event));
  EXPECT_EQ(Partition(a.storyline), Partition(b.storyline));
}

}  // namespace
}  // namespace akhbar
