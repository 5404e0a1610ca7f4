// The SQLite store: schema and migrations, idempotent writes, search with
// the Arabic tokenizer, filters, snippets, injection attempts, concurrent
// readers, and the dev corpus ingested twice.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "akhbar/neardup.h"
#include "akhbar/signature.h"
#include "akhbar/store.h"
#include "store/cluster_state.h"
#include "store/fts_tokenizer.h"
#include "store/query.h"
#include "store/schema.h"
#include "store_test_util.h"
#include "testing.h"

namespace akhbar {
namespace {

using testing::MakePage;
using testing::TempDir;

std::unique_ptr<Store> Open(const std::string& path, bool read_only = false) {
  StoreOptions o;
  o.read_only = read_only;
  auto s = OpenSqliteStore(path, o);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? std::move(s).value() : nullptr;
}

std::vector<PutOutcome> Put(Store& s, std::vector<StoredDocument> docs) {
  std::vector<PutOutcome> out;
  Status st = s.PutBatch(docs, &out);
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

std::set<std::string> Ids(const Result<std::vector<SearchHit>>& hits) {
  std::set<std::string> out;
  if (!hits.ok()) return out;
  for (const auto& h : *hits) out.insert(h.id);
  return out;
}

std::set<std::string> Find(Store& s, const std::string& q) {
  SearchQuery sq;
  sq.text = q;
  auto r = s.Search(sq);
  EXPECT_TRUE(r.ok()) << q << ": " << r.status().message();
  return Ids(r);
}

// Every row as "id|hash|ingested_at" (what must not change).
std::vector<std::string> Rows(Store& s) {
  std::vector<std::string> rows;
  EXPECT_TRUE(s.ForEach([&](const StoredArticle& a) {
                 rows.push_back(a.id + "|" + a.content_hash + "|" + a.ingested_at + "|" + a.title);
                 return true;
               }).ok());
  return rows;
}

// A small corpus written for these tests.
std::vector<StoredDocument> SmallCorpus() {
  return {
      {MakePage("a1", "كيم جونغ أون يستقبل وزير الدفاع الروسي في بيونغ يانغ",
                "استقبل الزعيم الكوري الشمالي كيم جونغ أون وزير الدفاع الروسي.\n\nوبحث الجانبان التعاون العسكري بين "
                "کوریا الشمالیة وروسيا عام ٢٠٢٤.",
                "الجزيرة", "2024-11-02")},
      {MakePage("a2", "أوكرانيا تقول إن الجنود الكوريين يقاتلون في كورسك",
                "قالت اوكرانيا إن آلاف الجنود أرسلوا إلى كورسك، وإن بالصواريخ الروسية قصفت مدنا.", "العربية",
                "2024-12-15")},
      {MakePage("a3", "منتخب كوريا الشمالية يفوز على قطر",
                "فاز منتخب كوريا الشمالية لكرة القدم وجنود المنتخب احتفلوا. المباراة أقيمت في 2024.", "الجزيرة",
                "2025-01-20")},
      {MakePage("a4", "أسعار النفط ترتفع", "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك.", "سبق",
                "2025-01-21")},
      {MakePage("a5", "الإسلام والسلام", "مؤتمر عن السلام في الإسلام يعقد في الرياض.", "سبق", "2025-01-22")},
  };
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Open(dir_.File("t.db"));
    ASSERT_TRUE(store_);
    auto out = Put(*store_, SmallCorpus());
    ASSERT_EQ(out.size(), 5u);
    for (auto o : out) EXPECT_EQ(o, PutOutcome::kNew);
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, SearchConflationsPhrasesPrefixesOperators) {
  struct Case {
    const char* query;
    std::set<std::string> ids;
  } const kCases[] = {
      {"کوریا", {"a3", "a1"}},           // Persian letters find Arabic ones (a1 has the Persian spelling)
      {"كوريا", {"a1", "a3"}},
      {"أوكرانيا", {"a2"}},                // body has اوكرانيا, title أوكرانيا
      {"اوكرانيا", {"a2"}},
      {"الجنود", {"a2", "a3"}},           // a3 has وجنود
      {"صواريخ", {"a2"}},                 // بالصواريخ
      {"٢٠٢٤", {"a1", "a3"}},             // a3 has 2024, a1 has ٢٠٢٤
      {"2024", {"a1", "a3"}},
      {"\"كيم جونغ أون\"", {"a1"}},
      {"\"جونغ كيم\"", {}},               // order matters in a phrase
      {"كور*", {"a1", "a2", "a3"}},        // كوريا, الكوري, كورسك, الكوريين
      {"كورس*", {"a2"}},
      {"كوريا OR النفط", {"a1", "a3", "a4"}},
      {"كوريا NOT منتخب", {"a1"}},
      {"كوريا AND منتخب", {"a3"}},
      {"كوريا منتخب", {"a3"}},
      // No match across word boundaries or inside words.
      {"كورس", {}},                       // كورسك is another word
      {"سيا", {}},                        // inside روسيا
      {"ريا", {}},                        // inside كوريا
      {"سلام", {"a5"}},                   // السلام, not الإسلام
      {"جونغأون", {}},
  };
  for (const auto& c : kCases) EXPECT_EQ(Find(*store_, c.query), c.ids) << c.query;
}

TEST_F(StoreTest, FiltersAndRanking) {
  SearchQuery q;
  q.text = "كوريا";
  q.outlet = "الجزيرة";
  EXPECT_EQ(Ids(store_->Search(q)), (std::set<std::string>{"a1", "a3"}));
  q.from = "2025-01-01";
  EXPECT_EQ(Ids(store_->Search(q)), (std::set<std::string>{"a3"}));
  q.from = "";
  q.to = "2024-12-31";
  EXPECT_EQ(Ids(store_->Search(q)), (std::set<std::string>{"a1"}));
  q.outlet = "";
  q.from = "2024-12-01";
  q.to = "2024-12-31";
  q.text = "الجنود";
  EXPECT_EQ(Ids(store_->Search(q)), (std::set<std::string>{"a2"}));
  q.from = "2024-13-01";
  EXPECT_FALSE(store_->Search(q).ok());

  // The title weighs more: a3 has كوريا in its title, a1 only in its body.
  SearchQuery r;
  r.text = "كوريا";
  auto hits = store_->Search(r);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 2u);
  EXPECT_EQ((*hits)[0].id, "a3");
  r.limit = 1;
  EXPECT_EQ(store_->Search(r)->size(), 1u);
}

// The snippet is cut around the first match of the body: a window of
// snippet_tokens terms from a little before it, the matched phrase marked as
// one, an ellipsis where text was cut; lines after the window are not read.
TEST_F(StoreTest, SnippetIsCutAroundTheFirstMatch) {
  std::string body;
  for (int i = 0; i < 40; ++i) body += "سطر تمهيدي رقم " + std::to_string(i) + " عن الطقس والأسواق.\n";
  body += "وفي العاصمة التقى الرئيس الكوري كيم جونغ أون في قصره وفدا زائرا لبحث التعاون.\n";
  for (int i = 0; i < 40; ++i) body += "سطر ختامي رقم " + std::to_string(i) + " عن الرياضة.\n";
  body += "ثم عاد كيم جونغ أون إلى القصر.";
  auto out = Put(*store_, {{MakePage("long", "تقرير طويل", body, "سبق", "2025-02-01")}});
  ASSERT_EQ(out.size(), 1u);
  SearchQuery q;
  q.text = "\"كيم جونغ أون\" وفدا";
  q.mark_open = "[";
  q.mark_close = "]";
  q.snippet_tokens = 12;
  auto hits = store_->Search(q);
  ASSERT_TRUE(hits.ok()) << hits.status().message();
  ASSERT_EQ(hits->size(), 1u);
  const std::string& snip = (*hits)[0].snippet;
  EXPECT_EQ(snip.rfind("…", 0), 0u) << snip;                      // cut before
  EXPECT_NE(snip.find("[كيم جونغ أون]"), std::string::npos) << snip;  // the phrase marked as one
  EXPECT_NE(snip.find("[وفدا]"), std::string::npos) << snip;          // the other term too
  EXPECT_EQ(snip.find("ختامي رقم 3"), std::string::npos) << snip;    // the window ends
  EXPECT_EQ(snip.substr(snip.size() - 3), "…") << snip;               // cut after
  EXPECT_LT(snip.size(), 400u);
  // No match in the body (title only): the body's first tokens.
  q.text = "تقرير";
  hits = store_->Search(q);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].snippet.rfind("سطر تمهيدي", 0), 0u) << (*hits)[0].snippet;
  EXPECT_EQ((*hits)[0].title, "[تقرير] طويل");
}

TEST_F(StoreTest, SnippetsMarkTheOriginalText) {
  SearchQuery q;
  q.text = "كوريا";
  q.mark_open = "«";
  q.mark_close = "»";
  auto hits = store_->Search(q);
  ASSERT_TRUE(hits.ok());
  bool seen = false;
  for (const auto& h : *hits) {
    if (h.id != "a1") continue;
    seen = true;
    // The Persian spelling as stored, marked.
    EXPECT_NE(h.snippet.find("«کوریا»"), std::string::npos) << h.snippet;
  }
  EXPECT_TRUE(seen);
  q.text = "٢٠٢٤";
  hits = store_->Search(q);
  ASSERT_TRUE(hits.ok());
  for (const auto& h : *hits) {
    if (h.id == "a3") {
      EXPECT_NE(h.snippet.find("«2024»"), std::string::npos) << h.snippet;
    }
    if (h.id == "a1") {
      EXPECT_NE(h.snippet.find("«٢٠٢٤»"), std::string::npos) << h.snippet;
    }
  }
  q.text = "\"كيم جونغ أون\"";
  hits = store_->Search(q);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_NE((*hits)[0].title.find("«كيم جونغ أون»"), std::string::npos) << (*hits)[0].title;
}

TEST_F(StoreTest, IdempotentSkipUpdateAndTeasers) {
  auto rows = Rows(*store_);
  auto out = Put(*store_, SmallCorpus());
  for (auto o : out) EXPECT_EQ(o, PutOutcome::kSkipped);
  EXPECT_EQ(Rows(*store_), rows);  // not even ingested_at changed

  // A page with two teasers, then the same page changed with one teaser.
  auto page = MakePage("p1", "عنوان الصفحة", "نص الصفحة عن الاقتصاد", "سبق", "2025-02-01");
  auto teaser = [&](int n, const std::string& title) {
    StoredArticle t = MakePage("p1#t" + std::to_string(n), title, "نص الخبر المرفق " + title);
    t.kind = "teaser";
    t.parent_id = "p1";
    t.content_hash = ContentHash(t);
    return t;
  };
  out = Put(*store_, {{page, teaser(1, "مباراة كرة القدم"), teaser(2, "الأصول الروسية المجمدة")}});
  EXPECT_EQ(out[0], PutOutcome::kNew);
  EXPECT_EQ(Find(*store_, "المجمدة"), (std::set<std::string>{"p1#t2"}));
  auto stats = store_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->pages, 6u);
  EXPECT_EQ(stats->teasers, 2u);

  auto changed = page;
  changed.body = "نص الصفحة بعد التعديل";
  changed.content_hash = ContentHash(changed);
  out = Put(*store_, {{changed, teaser(1, "مباراة كرة القدم")}});
  EXPECT_EQ(out[0], PutOutcome::kUpdated);
  EXPECT_TRUE(Find(*store_, "المجمدة").empty());  // the dropped teaser is gone, index too
  EXPECT_EQ(Find(*store_, "التعديل"), (std::set<std::string>{"p1"}));
  EXPECT_TRUE(Find(*store_, "الاقتصاد").empty());
  stats = store_->Stats();
  EXPECT_EQ(stats->pages, 6u);
  EXPECT_EQ(stats->teasers, 1u);
  auto got = store_->Get("p1#t1");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->parent_id, "p1");
  EXPECT_EQ((*got)->kind, "teaser");

  // The search index agrees with the table.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("t.db").c_str(), &db), SQLITE_OK);
  ASSERT_TRUE(store::RegisterArabicTokenizer(db).ok());
  EXPECT_EQ(sqlite3_exec(db, "INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)", nullptr,
                         nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

// The entity index (article_entities, written sorted at the end of each
// batch) follows its articles: a changed article's old entities go, also
// when it comes twice in one batch; a dropped teaser's rows go with it,
// also when it was stored in the same batch.
TEST_F(StoreTest, EntityIndexFollowsUpdatesAndDroppedTeasers) {
  auto rows_of = [&]() {
    std::set<std::string> out;
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(dir_.File("t.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db,
                                 "SELECT a.id, ae.entity_id FROM article_entities ae JOIN articles a ON a.seq = ae.seq "
                                 "WHERE a.id LIKE 'e%'",
                                 -1, &st, nullptr),
              SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
      out.insert(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + " " +
                 reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  };
  auto page = [](const std::string& id, const std::string& body, std::vector<std::string> entities) {
    StoredArticle a = MakePage(id, "عنوان " + id, body);
    a.entity_ids = std::move(entities);
    return a;
  };
  auto teaser = [&](const std::string& id, std::vector<std::string> entities) {
    StoredArticle t = page(id, "نص الخبر المرفق", std::move(entities));
    t.kind = "teaser";
    t.parent_id = "e1";
    t.content_hash = ContentHash(t);
    return t;
  };
  // Ids out of key order, one repeated, across articles of one batch.
  Put(*store_, {{page("e1", "نص أول", {"per:b", "loc:a", "per:b"}), teaser("e1#t1", {"org:z", "loc:a"})},
                {page("e2", "نص ثان", {"misc:c"})}});
  EXPECT_EQ(rows_of(), (std::set<std::string>{"e1 loc:a", "e1 per:b", "e1#t1 loc:a", "e1#t1 org:z", "e2 misc:c"}));
  // e2 changed twice in one batch (the last wins), beside a new article.
  Put(*store_, {{page("e2", "نص ثان معدل", {"misc:d", "per:b"})},
                {page("e3", "نص ثالث", {"per:b"})},
                {page("e2", "نص ثان معدل مرة أخرى", {"loc:a", "misc:c"})}});
  EXPECT_EQ(rows_of(), (std::set<std::string>{"e1 loc:a", "e1 per:b", "e1#t1 loc:a", "e1#t1 org:z", "e2 loc:a",
                                              "e2 misc:c", "e3 per:b"}));
  // e1 changed, without its teaser.
  Put(*store_, {{page("e1", "نص معدل", {"per:y", "loc:a"})}});
  EXPECT_EQ(rows_of(), (std::set<std::string>{"e1 loc:a", "e1 per:y", "e2 loc:a", "e2 misc:c", "e3 per:b"}));
  // A teaser stored and dropped within one batch (the page unchanged).
  StoredArticle t4 = teaser("e4#t1", {"org:w"});
  t4.parent_id = "e4";
  t4.content_hash = ContentHash(t4);
  Put(*store_, {{page("e4", "نص رابع", {"per:b"}), t4}, {page("e4", "نص رابع", {"per:b"})}});
  EXPECT_EQ(rows_of(), (std::set<std::string>{"e1 loc:a", "e1 per:y", "e2 loc:a", "e2 misc:c", "e3 per:b",
                                              "e4 per:b"}));
}

// A teaser a page no longer has goes with every row that belongs to it
// (the writer enforces the schema's ON DELETE CASCADE itself): its entity
// rows, its event assignment and its signature, clustered or not. No row
// is left whose article is gone (PRAGMA foreign_key_check).
TEST_F(StoreTest, DroppedTeasersTakeTheirRowsWithThem) {
  auto query = [&](const char* sql) {
    std::vector<std::string> out;
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(dir_.File("t.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* v = sqlite3_column_text(st, c);
        row += (c ? " " : "") + std::string(v ? reinterpret_cast<const char*>(v) : "NULL");
      }
      out.push_back(row);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  };
  const std::string body =
      "أعلنت وزارة الداخلية اليوم القبض على خلية مكونة من عشرة أشخاص في عدة مناطق من المملكة، "
      "وقال المتحدث الأمني إن الأجهزة الأمنية أحبطت مخططات لاستهداف منشآت في الرياض.";
  auto page = MakePage("d1", "عنوان الصفحة", body, "سبق", "2025-04-01");
  page.entity_ids = {"loc:riyadh"};
  auto teaser = [&](int n, const std::string& title) {
    StoredArticle t = MakePage("d1#t" + std::to_string(n), title, title + " " + body);
    t.kind = "teaser";
    t.parent_id = "d1";
    t.entity_ids = {"org:t" + std::to_string(n)};
    t.content_hash = ContentHash(t);
    return t;
  };
  const char* kRowsOfTeasers =
      "SELECT 'entity', seq FROM article_entities WHERE entity_id LIKE 'org:t%' "
      "UNION ALL SELECT 'cluster', seq FROM clusters WHERE seq NOT IN (SELECT seq FROM articles) "
      "UNION ALL SELECT 'signature', seq FROM signatures WHERE seq NOT IN (SELECT seq FROM articles)";
  Put(*store_, {{page, teaser(1, "مباراة كرة القدم اليوم"), teaser(2, "الأصول الروسية المجمدة")}});
  ClusterCounts counts;
  ASSERT_TRUE(store_->UpdateClusters(&counts).ok());
  const auto seq_of = [&](const std::string& id) {
    return query(("SELECT seq FROM articles WHERE id = '" + id + "'").c_str()).at(0);
  };
  const std::string t1 = seq_of("d1#t1"), t2 = seq_of("d1#t2");
  EXPECT_EQ(query(kRowsOfTeasers), (std::vector<std::string>{"entity " + t1, "entity " + t2}));
  for (const std::string& seq : {t1, t2}) {
    EXPECT_EQ(query(("SELECT count(*) FROM clusters WHERE seq = " + seq).c_str()).at(0), "1");
    EXPECT_EQ(query(("SELECT count(*) FROM signatures WHERE seq = " + seq).c_str()).at(0), "1");
  }
  // The page changed, with the first teaser only; then with none, before
  // the clustering sees the change.
  auto changed = page;
  changed.body = body + " وأضاف أن التحقيقات مستمرة.";
  changed.content_hash = ContentHash(changed);
  Put(*store_, {{changed, teaser(1, "مباراة كرة القدم اليوم")}});
  EXPECT_EQ(query(kRowsOfTeasers), (std::vector<std::string>{"entity " + t1}));
  changed.body += " وختم.";
  changed.content_hash = ContentHash(changed);
  Put(*store_, {{changed}});
  EXPECT_TRUE(query(kRowsOfTeasers).empty());
  ASSERT_TRUE(store_->UpdateClusters(&counts).ok());
  EXPECT_TRUE(query(kRowsOfTeasers).empty());
  EXPECT_TRUE(query("PRAGMA foreign_key_check").empty());
  EXPECT_EQ(query("SELECT id FROM articles WHERE id LIKE 'd1%'"), (std::vector<std::string>{"d1"}));
}

// akhbar_bm25 (the search's rank) gives bm25()'s scores, on a writable
// connection and on a read-only one that keeps the rows' sizes, also after
// another connection changed a row's size.
TEST_F(StoreTest, RankIsBm25) {
  std::vector<std::vector<StoredArticle>> pages;
  for (int i = 0; i < 30; ++i) {
    std::string body;
    for (int k = 0; k <= i % 7; ++k) body += "قال الجيش إن كوريا أرسلت جنودا ";
    for (int k = 0; k < i; ++k) body += "نص إضافي عن الطقس رقم " + std::to_string(k) + " ";
    pages.push_back({MakePage("r" + std::to_string(i), i % 3 ? "تقرير عن الجيش" : "كوريا والجيش", body, "سبق",
                              "2025-04-01")});
  }
  Put(*store_, pages);
  sqlite3* ro = nullptr;
  sqlite3* rw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(dir_.File("t.db").c_str(), &ro, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_open(dir_.File("t.db").c_str(), &rw), SQLITE_OK);
  ASSERT_TRUE(store::RegisterArabicTokenizer(ro).ok());
  ASSERT_TRUE(store::RegisterArabicTokenizer(rw).ok());
  auto compare = [](sqlite3* db, const std::string& query) {
    auto fts = store::TranslateQuery(query);
    ASSERT_TRUE(fts.ok()) << query;
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db,
                                 "SELECT bm25(articles_fts, 3.0, 1.0), akhbar_bm25(articles_fts, 3.0, 1.0) "
                                 "FROM articles_fts WHERE articles_fts MATCH ?1",
                                 -1, &st, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_bind_text(st, 1, fts->data(), static_cast<int>(fts->size()), SQLITE_STATIC);
    int rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
      ++rows;
      EXPECT_DOUBLE_EQ(sqlite3_column_double(st, 0), sqlite3_column_double(st, 1)) << query;
    }
    sqlite3_finalize(st);
    EXPECT_GT(rows, 0) << query;
  };
  // الجيش is in more than half the rows (its IDF is clamped); phrases and OR.
  const char* kQueries[] = {"كوريا", "الجيش", "\"أرسلت جنودا\"", "كوريا OR الطقس", "الجيش كوريا", "إضافي"};
  for (int pass = 0; pass < 2; ++pass)
    for (const char* q : kQueries) {
      compare(ro, q);
      compare(rw, q);
    }
  // Another connection makes r29 much shorter: the read-only connection's
  // kept sizes are dropped.
  Put(*store_, {{MakePage("r29", "تقرير عن الجيش", "قال الجيش إن كوريا أرسلت جنودا", "سبق", "2025-04-01")}});
  for (const char* q : kQueries) compare(ro, q);
  sqlite3_close(ro);
  sqlite3_close(rw);
}

// New rows are added to the search index once per batch (schema 3): a row
// inserted and then changed, or a teaser inserted and then dropped, within
// the same batch leaves the index in step with the table.
TEST_F(StoreTest, ChangesWithinOneBatchKeepTheIndexInStep) {
  auto first = MakePage("b1", "عنوان أول عن الزراعة", "نص أول عن محصول القمح", "سبق", "2025-03-01");
  auto second = MakePage("b1", "عنوان ثان عن الصناعة", "نص ثان عن مصانع الصلب", "سبق", "2025-03-01");
  StoredArticle t = MakePage("b2#t1", "خبر مرفق عن الطيران", "نص الخبر المرفق عن المطارات");
  t.kind = "teaser";
  t.parent_id = "b2";
  t.content_hash = ContentHash(t);
  auto page2 = MakePage("b2", "صفحة عن السياحة", "نص عن الفنادق", "سبق", "2025-03-02");
  auto page2_again = MakePage("b2", "صفحة عن السياحة", "نص عن الفنادق والشواطئ", "سبق", "2025-03-02");
  Put(*store_, {{first}, {page2, t}, {second}, {page2_again}});
  EXPECT_TRUE(Find(*store_, "القمح").empty());
  EXPECT_EQ(Find(*store_, "الصلب"), std::set<std::string>{"b1"});
  EXPECT_TRUE(Find(*store_, "المطارات").empty());
  EXPECT_EQ(Find(*store_, "الشواطئ"), std::set<std::string>{"b2"});
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("t.db").c_str(), &db), SQLITE_OK);
  ASSERT_TRUE(store::RegisterArabicTokenizer(db).ok());
  EXPECT_EQ(sqlite3_exec(db, "INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)", nullptr,
                         nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

// Batches whose search indexing is deferred (IngestIntoStore's mode while
// it clusters): their rows are listed as not indexed; an update or delete
// of such a row, UpdateClusters, or opening the store for writing (after a
// killed ingest) indexes them, and the index stays in step with the rows.
TEST_F(StoreTest, DeferredSearchIndexIsCompletedAndStaysInStep) {
  auto listed = [&] {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(dir_.File("t.db").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM unindexed", -1, &st, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    EXPECT_TRUE(store::RegisterArabicTokenizer(db).ok());
    // Rows not in the index make FTS5's check of an external-content
    // index report corruption.
    EXPECT_EQ(sqlite3_exec(db, "INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)", nullptr,
                           nullptr, nullptr) & 0xFF,
              n == 0 ? SQLITE_OK : SQLITE_CORRUPT)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
    return n;
  };
  EXPECT_EQ(listed(), 0);
  auto wheat = MakePage("d1", "عنوان عن الزراعة", "نص عن محصول القمح", "سبق", "2025-03-01");
  auto steel = MakePage("d1", "عنوان عن الصناعة", "نص عن مصانع الصلب", "سبق", "2025-03-01");
  auto hotels = MakePage("d2", "صفحة عن السياحة", "نص عن الفنادق", "سبق", "2025-03-02");
  auto rice = MakePage("d3", "عنوان عن الأرز", "نص عن حقول الأرز", "سبق", "2025-03-03");
  store_->DeferSearchIndex(true);
  Put(*store_, {{wheat}, {hotels}});
  EXPECT_EQ(listed(), 1);
  EXPECT_TRUE(Find(*store_, "القمح").empty());
  // An update of a listed row: the listed rows are indexed first, so that
  // the update takes the old text out of the index.
  store_->DeferSearchIndex(false);
  Put(*store_, {{steel}});
  EXPECT_EQ(listed(), 0);
  EXPECT_TRUE(Find(*store_, "القمح").empty());
  EXPECT_EQ(Find(*store_, "الصلب"), std::set<std::string>{"d1"});
  EXPECT_EQ(Find(*store_, "الفنادق"), std::set<std::string>{"d2"});
  // A batch not deferred leaves earlier listed rows listed.
  store_->DeferSearchIndex(true);
  Put(*store_, {{rice}});
  store_->DeferSearchIndex(false);
  auto more = MakePage("d4", "عنوان عن البحر", "نص عن الموانئ", "سبق", "2025-03-04");
  Put(*store_, {{more}});
  EXPECT_EQ(listed(), 1);
  EXPECT_EQ(Find(*store_, "الموانئ"), std::set<std::string>{"d4"});
  EXPECT_TRUE(Find(*store_, "الأرز").empty());
  // Opening for writing while another writer holds the lock neither waits
  // nor fails: the rows stay listed for that writer (or a later one).
  {
    sqlite3* other = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.File("t.db").c_str(), &other), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    auto t0 = std::chrono::steady_clock::now();
    auto second = Open(dir_.File("t.db"));
    EXPECT_TRUE(second);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));  // the busy timeout is 10 s
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(other, "SELECT count(*) FROM unindexed", -1, &st, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
  }
  // Opening for writing completes the index (what a killed ingest left).
  store_.reset();
  store_ = Open(dir_.File("t.db"));
  ASSERT_TRUE(store_);
  EXPECT_EQ(listed(), 0);
  EXPECT_EQ(Find(*store_, "الأرز"), std::set<std::string>{"d3"});
  // UpdateClusters indexes what is listed.
  store_->DeferSearchIndex(true);
  auto last = MakePage("d5", "عنوان عن الجبال", "نص عن القمم", "سبق", "2025-03-05");
  Put(*store_, {{last}});
  EXPECT_EQ(listed(), 1);
  ClusterCounts counts;
  ASSERT_TRUE(store_->UpdateClusters(&counts).ok());
  EXPECT_EQ(listed(), 0);
  EXPECT_EQ(Find(*store_, "القمم"), std::set<std::string>{"d5"});
  // The rows are indexed one by one from the lists as PutBatch writes them;
  // a list written otherwise (spaces) is read as JSON, and a seq with no
  // row (as of an article deleted since it was listed) is skipped.
  store_->DeferSearchIndex(true);
  Put(*store_, {{MakePage("d6", "عنوان عن الخليج", "نص عن اللؤلؤ", "سبق", "2025-03-06")}});
  Put(*store_, {{MakePage("d7", "عنوان عن الصحراء", "نص عن الكثبان", "سبق", "2025-03-07")}});
  EXPECT_EQ(listed(), 2);
  {
    sqlite3* other = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.File("t.db").c_str(), &other), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(other,
                           "UPDATE unindexed SET seqs = '[ ' || json_extract(seqs, '$[0]') || ' ]' "
                           "WHERE batch = (SELECT min(batch) FROM unindexed); "
                           "UPDATE unindexed SET seqs = '[987654321,' || json_extract(seqs, '$[0]') || ']' "
                           "WHERE batch = (SELECT max(batch) FROM unindexed)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(other);
    sqlite3_close(other);
  }
  ASSERT_TRUE(store_->UpdateClusters(&counts).ok());
  EXPECT_EQ(listed(), 0);
  EXPECT_EQ(Find(*store_, "اللؤلؤ"), std::set<std::string>{"d6"});
  EXPECT_EQ(Find(*store_, "الكثبان"), std::set<std::string>{"d7"});
}

// The near-duplicate index keeps no shingle sets: it reads a candidate's
// back from the signatures table, within one clustering and after the index
// is rebuilt from the store by a later one (a new connection).
TEST_F(StoreTest, NearDuplicatesAreFoundAcrossClusterings) {
  const std::string wire =
      "أعلنت وزارة الداخلية اليوم القبض على خلية إرهابية مكونة من 431 شخصا في عدة مناطق من المملكة، "
      "وقال المتحدث الأمني إن الأجهزة الأمنية تمكنت من إحباط مخططات لاستهداف مساجد ومنشآت أمنية في "
      "الرياض والقصيم والمنطقة الشرقية خلال الأشهر الماضية.";
  const std::string other =
      "فاز فريق الهلال على النصر بهدفين مقابل هدف في المباراة التي جمعتهما مساء أمس على ملعب الملك فهد "
      "الدولي بالرياض ضمن منافسات الجولة الأولى من الدوري السعودي للمحترفين.";
  auto pairs = [&] {
    std::set<std::pair<std::string, std::string>> out;
    EXPECT_TRUE(store_
                    ->ForEachDuplicate([&](const std::string& a, const std::string& b, double) {
                      out.emplace(a, b);
                      return true;
                    })
                    .ok());
    return out;
  };
  // The reference: every pair's exact Jaccard of the signature the store
  // computes (title, newline, body), at the index's threshold.
  using Pairs = std::set<std::pair<std::string, std::string>>;
  std::vector<StoredArticle> pages;
  auto reference = [&pages] {
    Pairs out;
    for (size_t i = 0; i < pages.size(); ++i)
      for (size_t j = i + 1; j < pages.size(); ++j) {
        const Signature a = ComputeSignature(pages[i].title + "\n" + pages[i].body);
        const Signature b = ComputeSignature(pages[j].title + "\n" + pages[j].body);
        if (ExactJaccard(a.shingles, b.shingles) >= NearDupOptions{}.threshold)
          out.emplace(std::min(pages[i].id, pages[j].id), std::max(pages[i].id, pages[j].id));
      }
    return out;
  };
  ClusterCounts counts;
  pages = {MakePage("w1", "خلية إرهابية", wire, "واس", "2025-03-01"),
           MakePage("w2", "القبض على خلية", "الرياض - " + wire, "سبق", "2025-03-01"),
           MakePage("o1", "الهلال والنصر", other, "الرياضية", "2025-03-01")};
  Put(*store_, {{pages[0]}, {pages[1]}, {pages[2]}});
  ASSERT_TRUE(store_->UpdateClusters(&counts).ok());
  EXPECT_EQ(pairs(), reference());
  EXPECT_EQ(pairs(), (Pairs{{"w1", "w2"}}));
  store_.reset();
  store_ = Open(dir_.File("t.db"));
  ASSERT_TRUE(store_);
  // An edited copy, an exact copy and the other story's copy, a day later.
  pages.push_back(MakePage("w3", "خلية إرهابية", wire + " وأضاف المتحدث أن التحقيقات مستمرة.", "عكاظ", "2025-03-02"));
  pages.push_back(MakePage("w4", "خلية إرهابية", wire, "الحياة", "2025-03-02"));
  pages.push_back(MakePage("o2", "الهلال والنصر", other, "الجزيرة", "2025-03-02"));
  Put(*store_, {{pages[3]}, {pages[4]}, {pages[5]}});
  ASSERT_TRUE(store_->UpdateClusters(&counts).ok());
  EXPECT_EQ(counts.clustered, 3u);
  const Pairs expected = reference();
  for (const auto& p : Pairs{{"w1", "w3"}, {"w1", "w4"}, {"o1", "o2"}}) EXPECT_TRUE(expected.count(p)) << p.first;
  EXPECT_EQ(pairs(), expected);
  EXPECT_GT(counts.neardup_bytes, 0u);
}

// An event is summarized again when it gains an article; its stored
// members' extraction JSON is read back. When that JSON is broken, the
// clustering fails naming the store and the article (the first in event
// order when several are), and rolls back: the assignments stay as they
// were and the new articles stay unclustered.
TEST_F(StoreTest, ABrokenStoredExtractionFailsTheClusteringWhole) {
  ClusterCounts counts;
  ASSERT_TRUE(store_->UpdateClusters(&counts).ok());
  auto assignments = [&] {
    std::map<std::string, std::pair<int64_t, int64_t>> out;
    EXPECT_TRUE(store_
                    ->ForEachAssignment([&](const std::string& id, int64_t event, int64_t line) {
                      out[id] = {event, line};
                      return true;
                    })
                    .ok());
    return out;
  };
  const auto before = assignments();
  ASSERT_EQ(before.size(), 5u);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("t.db").c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "UPDATE articles SET entities = '[{\"broken' WHERE id IN ('a4', 'a5')", nullptr, nullptr,
                         nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  // Copies of a4 and a5 join their events (the latest two: still active).
  std::vector<StoredDocument> copies;
  for (const StoredDocument& d : SmallCorpus()) {
    if (d[0].id != "a4" && d[0].id != "a5") continue;
    StoredArticle c = d[0];
    c.id += "-copy";
    c.locator = c.id;
    copies.push_back({c});
  }
  Put(*store_, copies);
  Status st = store_->UpdateClusters(&counts);
  ASSERT_FALSE(st.ok());
  const std::string first = before.at("a4").first < before.at("a5").first ? "a4" : "a5";
  EXPECT_NE(st.message().find(dir_.File("t.db")), std::string::npos) << st.message();
  EXPECT_NE(st.message().find(first + ":"), std::string::npos) << st.message();
  EXPECT_EQ(assignments(), before);
}

TEST_F(StoreTest, BadBatchesAreRejectedWhole) {
  auto rows = Rows(*store_);
  StoredArticle orphan = MakePage("x#t1", "خبر", "نص");
  orphan.kind = "teaser";
  orphan.parent_id = "nope";
  std::vector<PutOutcome> out;
  EXPECT_FALSE(store_->PutBatch({{MakePage("n1", "جديد", "نص جديد")}, {orphan}}, &out).ok());
  EXPECT_EQ(Rows(*store_), rows);
}

TEST_F(StoreTest, InjectionAttemptsChangeNothing) {
  const char* kAttacks[] = {
      "'; DROP TABLE articles; --",
      "\" OR 1=1 --",
      "a1' OR '1'='1",
      "\") UNION SELECT * FROM sqlite_schema --",
      "* OR *",
      "articles_fts:*",
      "NEAR(\"a\" \"b\", 1) ^ title:x",
      "كوريا'); DELETE FROM articles; --",
  };
  auto rows = Rows(*store_);
  for (const char* attack : kAttacks) {
    SearchQuery q;
    q.text = attack;
    (void)store_->Search(q);  // an error or some results, never a crash
    q.text = "كوريا";
    q.outlet = attack;
    auto r = store_->Search(q);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->empty());
    q.outlet = "";
    q.from = attack;
    EXPECT_FALSE(store_->Search(q).ok());
    q.from = "";
    q.to = attack;
    EXPECT_FALSE(store_->Search(q).ok());
    auto g = store_->Get(attack);
    ASSERT_TRUE(g.ok());
    EXPECT_FALSE(g->has_value());
  }
  EXPECT_EQ(Rows(*store_), rows);
  // Ids with quotes are stored verbatim.
  auto out = Put(*store_, {{MakePage("id'); DROP TABLE articles; --", "عنوان", "نص")}});
  EXPECT_EQ(out[0], PutOutcome::kNew);
  EXPECT_EQ(Rows(*store_).size(), rows.size() + 1);
}

// EncodeSummary writes the JSON directly: the same bytes as nlohmann's
// compact dump of the same document (escapes, numbers, null), and invalid
// UTF-8 replaced the way nlohmann replaces it.
TEST(SummaryJson, SameBytesAsTheJsonLibrary) {
  stories::EventSummary s;
  s.event = 42;
  s.date = CivilDate{2024, 11, 1};
  s.headline = std::string("«قوات» \"x\" \\ \n\t\r\b\f") + std::string(1, '\x01') + "\x7f";
  s.summary = {"جملة أولى.", ""};
  s.articles = {"a1", "a2"};
  s.outlets = {"سبق"};
  s.independent = 2;
  for (double w : {0.1, -0.0, 1e-7, 1.2345678901234567e17, 2.0}) {
    stories::EntityWeight e;
    e.id = "per:1";
    e.weight = w;
    e.articles = 1;
    s.entities.push_back(e);
  }
  stories::MergedClaim c;
  c.key = "جندي|10000|كوريا";
  c.value = 10000.0;
  c.sources.push_back({"a1", "سبق", "a1", "أكثر من 10 آلاف جندي", "أكثر من", "", ""});
  s.claims.push_back(c);
  c.value.reset();
  s.claims.push_back(c);
  s.conflicts.push_back({"جندي", "", {0, 1}});
  s.topic = {{18446744073709551615ull, 0.123456789f}, {5, 1.0f}};
  s.volume = {{CivilDate{2024, 11, 1}, 3}};
  using Json = nlohmann::ordered_json;
  auto canonical = [](const std::string& j) {
    return Json::parse(j).dump(-1, ' ', false, Json::error_handler_t::replace);
  };
  std::string json = store::EncodeSummary(s);
  EXPECT_EQ(json, canonical(json));
  EXPECT_NE(json.find("\"weight\":-0.0,"), std::string::npos) << json;
  EXPECT_NE(json.find("\"value\":null,"), std::string::npos) << json;
  auto back = store::DecodeSummary(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->headline, s.headline);
  back->event = s.event;
  EXPECT_EQ(store::EncodeSummary(*back), json);
  s.headline = "\xff";
  json = store::EncodeSummary(s);
  EXPECT_NE(json.find("\"headline\":\"\xEF\xBF\xBD\""), std::string::npos) << json;
}


TEST(StorylineDetailJson, SameBytesAsTheJsonLibrary) {
  stories::Storyline line;
  line.events = {3, 1, 4000000000u};
  for (int i = 0; i < 25; ++i) {
    stories::EntityWeight e;
    e.id = "per:" + std::to_string(i);
    e.type = "PER";
    e.canonical = i == 0 ? std::string("«قوات» \"x\" \\ \n\t") + std::string(1, '\x01') : "اسم";
    e.latin = i % 2 ? "" : "Name";
    e.weight = i == 1 ? -0.0 : 0.1 * i + 1e-9;
    e.articles = static_cast<size_t>(i);
    line.entities.push_back(e);
  }
  line.volume = {{CivilDate{2024, 11, 1}, 3}, {CivilDate{2024, 11, 2}, 1}};
  stories::MergedClaim c;
  c.key = "جندي|10000|كوريا";
  c.value = 10000.0;
  c.counted = "جندي";
  c.outlets = {"سبق", "عكاظ"};
  c.independent = 2;
  c.sources.push_back({"a1", "سبق", "a1", "أكثر من 10 آلاف جندي", "أكثر من", "", ""});
  std::vector<stories::MergedClaim> claims = {c};
  c.value.reset();
  claims.push_back(c);
  std::vector<stories::ClaimConflict> conflicts = {{"جندي", "", {0, 1}}};
  for (size_t max_entities : {size_t{0}, size_t{20}, size_t{40}}) {
    EXPECT_EQ(store::EncodeStorylineDetail(line, max_entities, claims, conflicts),
              store::EncodeStorylineDetailForTest(line, max_entities, claims, conflicts));
  }
  EXPECT_EQ(store::EncodeStorylineDetail(line, 20, {}, {}), store::EncodeStorylineDetailForTest(line, 20, {}, {}));
  line.entities[0].canonical = "\xff";  // not UTF-8: replaced as the library does
  EXPECT_EQ(store::EncodeStorylineDetail(line, 20, claims, conflicts),
            store::EncodeStorylineDetailForTest(line, 20, claims, conflicts));
}

TEST(ExtractionJson, SameBytesAsTheJsonLibrary) {
  const std::string text = "قال «الوزير» \"x\" إن 10 آلاف جندي وصلوا.";
  Extraction x;
  Entity e;
  e.id = "per:1f";
  e.type = "PER";
  e.canonical = std::string("«قوات» \"x\" \\ \n\t\r\b\f") + std::string(1, '\x01') + "\x7f";
  e.roles = {"الوزير", ""};
  e.mentions.push_back({"الوزير", 7, 18});
  e.mentions.push_back({"x", 24, 25});
  x.entities.push_back(e);
  e.latin = "Minister";
  e.roles.clear();
  e.mentions.clear();
  x.entities.push_back(e);
  x.quotes.push_back({"per:1f", "الوزير", "\"x\"", 23, 26, "قال"});
  x.quotes.push_back({"", "", "نص", 0, 4, ""});
  Claim c;
  c.value = 10000.0;
  c.counted = "جندي";
  c.text = "10 آلاف جندي";
  c.begin = 30;
  c.end = 50;
  c.key = "جندي|10000|";
  x.claims.push_back(c);
  for (double v : {0.5, -0.0, 1e-7, 1.2345678901234567e17}) {
    c.value = v;
    x.claims.push_back(c);
  }
  c.value.reset();
  c.qualifier = "thousands";
  x.claims.push_back(c);
  using Json = nlohmann::ordered_json;
  auto canonical = [](const std::string& j) {
    return Json::parse(j).dump(-1, ' ', false, Json::error_handler_t::replace);
  };
  ExtractionJson j = ExtractionArraysToJson(x, text);
  for (const std::string* s : {&j.entities, &j.quotes, &j.claims}) EXPECT_EQ(*s, canonical(*s));
  EXPECT_NE(j.entities.find("\"latin\":null,"), std::string::npos) << j.entities;
  EXPECT_NE(j.entities.find("\"start\":4,\"end\":10"), std::string::npos) << j.entities;  // code points
  EXPECT_NE(j.claims.find("\"value\":10000.0,"), std::string::npos) << j.claims;
  EXPECT_NE(j.claims.find("\"value\":null,"), std::string::npos) << j.claims;
  auto back = ExtractionFromJson(j, text);
  ASSERT_TRUE(back.ok()) << back.status().message();
  ASSERT_EQ(back->entities.size(), 2u);
  EXPECT_EQ(back->entities[0].canonical, x.entities[0].canonical);
  EXPECT_EQ(back->entities[0].roles, x.entities[0].roles);
  EXPECT_EQ(back->entities[1].latin, "Minister");
  ASSERT_EQ(back->claims.size(), x.claims.size());
  EXPECT_EQ(back->claims[0].value, 10000.0);
  EXPECT_EQ(ExtractionArraysToJson(*back, text).claims, j.claims);
  EXPECT_EQ(Json::parse(j.quotes).size(), 2u);
  // Bytes that are not UTF-8 are replaced, as the JSON library does.
  x.entities[0].canonical = "a\xff";
  j = ExtractionArraysToJson(x, text);
  EXPECT_NE(j.entities.find("\"canonical\":\"a\xEF\xBF\xBD\""), std::string::npos) << j.entities;
}
TEST(StoreOpen, VersionsAndForeignFiles) {
  TempDir dir;
  // Read-only on a missing file: an error, no file created.
  StoreOptions ro;
  ro.read_only = true;
  EXPECT_FALSE(OpenSqliteStore(dir.File("missing.db"), ro).ok());
  EXPECT_FALSE(std::filesystem::exists(dir.File("missing.db")));
  {
    auto s = Open(dir.File("v.db"));
    ASSERT_TRUE(s);
    EXPECT_EQ(StoreSchemaVersion(), store::kSchemaVersion);
  }
  // Reopening is fine (no migration runs twice).
  ASSERT_TRUE(Open(dir.File("v.db")));
  // A newer version: a clear error.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.File("v.db").c_str(), &db), SQLITE_OK);
  std::string bump = "PRAGMA user_version=" + std::to_string(store::kSchemaVersion + 1);
  ASSERT_EQ(sqlite3_exec(db, bump.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto newer = OpenSqliteStore(dir.File("v.db"));
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.status().message().find("newer"), std::string::npos) << newer.status().message();

  // Another application's SQLite file.
  ASSERT_EQ(sqlite3_open(dir.File("other.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto other = OpenSqliteStore(dir.File("other.db"));
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("not an akhbar store"), std::string::npos);

  // Not SQLite at all.
  std::ofstream(dir.File("text.db")) << "هذا ليس ملف قاعدة بيانات، بل نص عادي طويل بما يكفي ليملأ الترويسة.";
  auto text = OpenSqliteStore(dir.File("text.db"));
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.status().message().find("not an akhbar store"), std::string::npos) << text.status().message();
}

// A reader on its own connection sees whole batches only, and never fewer
// rows than before, while a writer commits.
TEST(StoreConcurrency, ReadersSeeWholeBatches) {
  TempDir dir;
  std::string path = dir.File("c.db");
  auto writer = Open(path);
  ASSERT_TRUE(writer);
  constexpr size_t kBatches = 40, kPerBatch = 50;
  std::atomic<bool> done{false};
  std::thread w([&] {
    for (size_t b = 0; b < kBatches; ++b) {
      std::vector<StoredDocument> docs;
      for (size_t i = 0; i < kPerBatch; ++i) {
        std::string id = "c" + std::to_string(b * kPerBatch + i);
        docs.push_back({MakePage(id, "خبر رقم " + id, "نص الخبر عن التعاون العسكري بين روسيا وكوريا " + id)});
      }
      std::vector<PutOutcome> out;
      ASSERT_TRUE(writer->PutBatch(docs, &out).ok());
    }
    done = true;
  });
  auto reader = Open(path, true);
  ASSERT_TRUE(reader);
  size_t last = 0, reads = 0;
  while (!done || reads == 0) {
    auto st = reader->Stats();
    ASSERT_TRUE(st.ok()) << st.status().message();
    EXPECT_EQ(st->pages % kPerBatch, 0u);
    EXPECT_GE(st->pages, last);
    last = st->pages;
    SearchQuery q;
    q.text = "التعاون";
    q.limit = 1000;
    auto hits = reader->Search(q);
    ASSERT_TRUE(hits.ok());
    EXPECT_EQ(hits->size() % kPerBatch, 0u);
    ++reads;
  }
  w.join();
  EXPECT_EQ(reader->Stats()->pages, kBatches * kPerBatch);
}

// The ingest's pipeline hands documents over in steps (a quarter of the
// queue depth, at most 64): whatever the depth, the number of analysis
// threads and the batch size, every document is stored or reported, the
// articles are stored and the failures reported in input order.
TEST(IngestPipeline, AnyDepthThreadsAndBatchGiveTheSameStoreInInputOrder) {
  TempDir dir;
  const std::string input = dir.File("in.jsonl");
  constexpr int kDocs = 300;
  std::set<int> bad;  // records with no text: failures
  {
    std::ofstream out(input);
    for (int i = 0; i < kDocs; ++i) {
      const bool empty = i % 7 == 3 || i == kDocs - 1;
      if (empty) bad.insert(i);
      nlohmann::json j = {{"id", "d" + std::to_string(i)},
                          {"title", empty ? "" : "خبر رقم " + std::to_string(i)},
                          {"content", empty ? "" : "قال الوزير إن عدد الزوار بلغ " + std::to_string(1000 + i) +
                                                       " زائر في مدينة جدة يوم الخميس."}};
      out << j.dump() << "\n";
    }
  }
  std::vector<std::string> stored;  // the good records' ids, in input order
  for (int i = 0; i < kDocs; ++i)
    if (!bad.count(i)) stored.push_back("d" + std::to_string(i));
  for (size_t depth : {size_t{1}, size_t{2}, size_t{3}, size_t{9}, size_t{300}, size_t{4096}})
    for (size_t threads : {size_t{1}, size_t{3}})
      for (size_t batch : {size_t{1}, size_t{64}, size_t{1000}}) {
        SCOPED_TRACE("depth " + std::to_string(depth) + ", threads " + std::to_string(threads) + ", batch " +
                     std::to_string(batch));
        TempDir store_dir;
        auto store = Open(store_dir.File("s.db"));
        ASSERT_TRUE(store);
        StoreIngestOptions options;
        options.queue_depth = depth;
        options.threads = threads;
        options.batch_size = batch;
        options.analyze.extract = false;
        options.cluster = depth == 4096;  // the ingest's default depth also clusters
        std::vector<std::string> failures;
        options.on_failure = [&](const std::string& where, const std::string&) { failures.push_back(where); };
        size_t documents = 0;
        options.on_document = [&](const IngestCounts& c) { EXPECT_EQ(c.read, ++documents); };
        IngestCounts counts;
        ASSERT_TRUE(IngestIntoStore(*store, {input}, options, &counts).ok());
        EXPECT_EQ(counts.read, size_t{kDocs});
        EXPECT_EQ(documents, size_t{kDocs});
        EXPECT_EQ(counts.failed, bad.size());
        EXPECT_EQ(counts.added, kDocs - bad.size());
        std::vector<std::string> want;
        for (int i : bad) want.push_back(input + " (line " + std::to_string(i + 1) + ")");
        EXPECT_EQ(failures, want);
        std::vector<std::string> rows;  // by seq: the order they were stored in
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open_v2(store_dir.File("s.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT id FROM articles ORDER BY seq", -1, &st, nullptr), SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW)
          rows.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
        sqlite3_close(db);
        EXPECT_EQ(rows, stored);
      }
}

// Done-when: the dev corpus into a new store, then again: all skipped,
// no row changed.
TEST(StoreDevCorpus, IngestTwice) {
  AKHBAR_REQUIRE_SHARED(shared);
  TempDir dir;
  auto store = Open(dir.File("dev.db"));
  ASSERT_TRUE(store);
  std::vector<std::string> inputs = {(shared / "corpus" / "saudinewsnet-dev.jsonl.gz").string()};
  StoreIngestOptions options;
  // Idempotence of the store and of clustering on the whole corpus;
  // extraction (tested on its own, and measured by bench_store) would only
  // add minutes under the sanitizers.
  options.analyze.extract = false;
  IngestCounts first, second;
  ASSERT_TRUE(IngestIntoStore(*store, inputs, options, &first).ok());
  EXPECT_EQ(first.read, 20329u);
  EXPECT_EQ(first.added + first.failed, 20329u);
  EXPECT_EQ(first.failed, 39u);  // records with no text at all
  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->pages, first.added);
  // The clustering indexes the rows for search between its other writes,
  // and none of those opens a statement savepoint (events merged included),
  // at which FTS5 would write the terms it holds: the index is one segment,
  // written once every row is indexed: a store's first segment is numbered 1 (FTS5
  // numbers a new segment with the smallest number free), and a second one
  // flushed before the commit would have taken that number first.
  EXPECT_GT(first.clusters.merged_events, 0u);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(dir.File("dev.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT min(segid), max(segid) FROM articles_fts_idx", -1, &st, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(st, 0), 1);
    EXPECT_EQ(sqlite3_column_int(st, 1), 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
  }
  auto rows = Rows(*store);
  ASSERT_TRUE(IngestIntoStore(*store, inputs, options, &second).ok());
  EXPECT_EQ(second.skipped, first.added);
  EXPECT_EQ(second.added, 0u);
  EXPECT_EQ(second.updated, 0u);
  EXPECT_EQ(second.clusters.clustered, 0u);
  EXPECT_EQ(first.clusters.clustered, first.added + first.teasers);
  EXPECT_EQ(Rows(*store), rows);
}

}  // namespace
}  // namespace akhbar
