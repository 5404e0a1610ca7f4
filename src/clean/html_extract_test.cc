// Tests of CleanHtml (src/clean/html_extract.cc): a table of fixtures
// modelled on Arabic news layouts (src/clean/testdata/html/), the example
// pages against examples/expected.json, and malformed / huge input.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "akhbar/article.h"
#include "akhbar/decode.h"
#include "akhbar/ingest.h"
#include "clean/lines.h"
#include "testing.h"

namespace akhbar {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::SourceDir;

fs::path FixtureDir() { return SourceDir() / "src/clean/testdata/html"; }

// Word-level F1 of `got` against `want` (multisets of WordKey words).
double WordF1(const std::string& got, const std::string& want) {
  auto bag = [](const std::string& s) {
    std::map<std::string, int> m;
    std::string key = clean::WordKey(s);
    size_t i = 0;
    while (i < key.size()) {
      size_t j = key.find(' ', i);
      if (j == std::string::npos) j = key.size();
      if (j > i) ++m[key.substr(i, j - i)];
      i = j + 1;
    }
    return m;
  };
  auto g = bag(got), w = bag(want);
  double common = 0, ng = 0, nw = 0;
  for (auto& [k, n] : g) {
    ng += n;
    auto it = w.find(k);
    if (it != w.end()) common += std::min(n, it->second);
  }
  for (auto& [k, n] : w) nw += n;
  if (ng == 0 || nw == 0) return ng == nw ? 1.0 : 0.0;
  double p = common / ng, r = common / nw;
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

std::string Folded(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

struct Fixture {
  const char* file;     // under testdata/html; the gold body is <file minus .html>.body.txt
  const char* title;
  const char* date;     // "" when the page shows none
  const char* outlet;
  std::vector<const char*> keep;  // body must contain
  std::vector<const char*> drop;  // body must not contain
  size_t min_teasers = 0;
};

const std::vector<Fixture>& Fixtures() {
  static const std::vector<Fixture> kFixtures = {
#include "testdata/html/fixtures.inc"
  };
  return kFixtures;
}

TEST(CleanHtmlFixtures, TableAndFigures) {
  size_t pages = 0, titles = 0, dated = 0, dates = 0;
  double f1_sum = 0, f1_min = 1;
  for (const Fixture& f : Fixtures()) {
    SCOPED_TRACE(f.file);
    std::string html = ReadFile(FixtureDir() / f.file);
    ASSERT_FALSE(html.empty()) << f.file;
    std::string gold_path = std::string(f.file);
    gold_path = gold_path.substr(0, gold_path.size() - 5) + ".body.txt";
    std::string gold = ReadFile(FixtureDir() / gold_path);
    ASSERT_FALSE(gold.empty()) << gold_path;
    Article a = CleanHtml(html, PageMeta{}, CleanOptions{});
    std::string body = Folded(a.BodyText());
    ++pages;
    if (a.title == f.title) ++titles;
    else ADD_FAILURE() << "title: got [" << a.title << "] want [" << f.title << "]";
    if (*f.date) {
      ++dated;
      std::string got = a.published.date ? a.published.date->ToIso() : "";
      if (got == f.date) ++dates;
      else ADD_FAILURE() << "date: got [" << got << "] want [" << f.date << "]";
    }
    EXPECT_EQ(a.outlet, f.outlet);
    for (const char* k : f.keep) EXPECT_NE(body.find(Folded(k)), std::string::npos) << "missing: " << k;
    for (const char* d : f.drop) EXPECT_EQ(body.find(Folded(d)), std::string::npos) << "chrome kept: " << d;
    EXPECT_GE(a.teasers.size(), f.min_teasers);
    double f1 = WordF1(a.BodyText(), gold);
    f1_sum += f1;
    f1_min = std::min(f1_min, f1);
    if (f1 < 0.95) ADD_FAILURE() << "F1 " << f1 << "\n--- got:\n" << a.BodyText();
  }
  double mean_f1 = f1_sum / static_cast<double>(pages);
  std::printf("[html fixtures] pages=%zu  body word F1 mean=%.4f min=%.4f  title exact=%zu/%zu (%.0f%%)  date=%zu/%zu (%.0f%%)\n",
              pages, mean_f1, f1_min, titles, pages, 100.0 * titles / pages, dates, dated,
              dated ? 100.0 * dates / dated : 100.0);
  EXPECT_GE(pages, 8u);
  EXPECT_GE(mean_f1, 0.95);
  EXPECT_GE(titles * 10, pages * 9);
  EXPECT_GE(dates * 10, dated * 9);
}

// The example pages of examples/ (HTML files, the JSONL html record, the
// WARC responses) against examples/expected.json.
TEST(CleanHtmlExamples, ExpectedJson) {
  // Document keys are relative to the corpus folder (examples/corpus, or
  // examples/ in older layouts); expected.json sits in examples/.
  fs::path ex = SourceDir() / "examples" / "corpus";
  if (!fs::is_directory(ex)) ex = SourceDir() / "examples";
  fs::path gold = fs::exists(ex / "expected.json") ? ex / "expected.json" : SourceDir() / "examples" / "expected.json";
  nlohmann::json expected = nlohmann::json::parse(ReadFile(gold));
  const auto& docs = expected["documents"];
  std::vector<std::pair<std::string, RawDocument>> pages;  // key, document
  for (const auto& [key, d] : docs.items()) {
    std::string form = d.value("form", "");
    if (form == "html") {
      RawDocument doc;
      doc.content = Bytes(ReadFile(ex / key));
      doc.format = ContentFormat::kHtml;
      pages.emplace_back(key, std::move(doc));
    }
  }
  for (const char* input : {"feeds/alrafidain.jsonl", "warc/sample-crawl.warc.gz"}) {
    ReadInputs({(ex / input).string()}, IngestOptions{}, [&](IngestItem&& item) {
      if (!item.doc.ok() || item.doc->format != ContentFormat::kHtml) return;
      for (const auto& [key, d] : docs.items()) {
        bool match = key == item.doc->id.str() || (d.contains("url") && d["url"].is_string() &&
                                                  d["url"].get<std::string>() == item.doc->url);
        if (match && d.value("form", "") != "html") pages.emplace_back(key, std::move(*item.doc));
        if (match) break;
      }
    });
  }
  size_t n = 0, titles = 0, outlets = 0, dates = 0, dated = 0;
  for (auto& [key, doc] : pages) {
    SCOPED_TRACE(key);
    const auto& d = docs[key];
    auto text = DecodeDocument(doc);
    ASSERT_TRUE(text.ok()) << text.status().ToString();
    PageMeta meta{doc.title, doc.outlet, doc.url, doc.published, doc.fetched_at};
    Article a = CleanHtml(text->view(), meta, CleanOptions{});
    ++n;
    titles += a.title == d["title"].get<std::string>();
    EXPECT_EQ(a.title, d["title"].get<std::string>());
    outlets += a.outlet == d["outlet"].get<std::string>();
    EXPECT_EQ(a.outlet, d["outlet"].get<std::string>());
    if (d["published"].is_string()) {
      ++dated;
      std::string got = a.published.date ? a.published.date->ToIso() : "";
      dates += got == d["published"].get<std::string>();
      EXPECT_EQ(got, d["published"].get<std::string>());
    }
    std::string body = Folded(a.BodyText());
    EXPECT_FALSE(body.empty());
    for (const auto& s : d["body_must_contain"]) EXPECT_NE(body.find(Folded(s.get<std::string>())), std::string::npos) << s;
    for (const auto& s : d["body_must_not_contain"]) EXPECT_EQ(body.find(Folded(s.get<std::string>())), std::string::npos) << s;
    if (d.contains("page_links_not_body") && d["page_links_not_body"].is_array()) {
      for (const auto& s : d["page_links_not_body"]) EXPECT_EQ(body.find(Folded(s.get<std::string>())), std::string::npos) << s;
    }
  }
  std::printf("[html examples] pages=%zu  title=%zu/%zu  outlet=%zu/%zu  date=%zu/%zu\n", n, titles, n, outlets, n, dates, dated);
  EXPECT_GE(n, 9u);
}

TEST(CleanHtmlRobustness, MalformedMarkup) {
  const char* pages[] = {
      "",
      "<",
      "<html><body><h2>عنوان</h3><p>نص غير مغلق<div><p>فقرة <b>عريضة <i>مائلة</b> بعدها</i>",
      "<p>اقرأ أيضا",
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":[[[[",
      "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":[\"NewsArticle\"],\"headline\":\"عنوان\",\"articleBody\":\"<p>نص</p>\"}]}</script>",
      "<table><tr><td><table><tr><td>خلية</table></td></tr>",
      "<title> - | - </title><meta property=\"og:title\" content=\" | \">",
  };
  for (const char* p : pages) {
    Article a = CleanHtml(p, PageMeta{}, CleanOptions{});
    (void)a;
  }
}

TEST(CleanHtmlRobustness, DeepNesting) {
  std::string html = "<html><head><title>خبر عميق - موقع</title></head><body>";
  for (int i = 0; i < 10000; ++i) html += "<div>";
  html += "<p>قالت الوزارة، في بيان اليوم، إن الأعمال ستنتهي خلال أسابيع قليلة، وإن الطرق ستفتح قريبا.</p>";
  for (int i = 0; i < 10000; ++i) html += "</div>";
  html += "</body></html>";
  Article a = CleanHtml(html, PageMeta{}, CleanOptions{});
  EXPECT_EQ(a.title, "خبر عميق");
  ASSERT_FALSE(a.body.empty());
  EXPECT_NE(a.BodyText().find("قالت الوزارة"), std::string::npos);
  // Unclosed inline elements too.
  std::string spans;
  for (int i = 0; i < 10000; ++i) spans += "<span><b>";
  spans += "نص";
  Article b = CleanHtml(spans, PageMeta{}, CleanOptions{});
  (void)b;
}

// Input on which libxml2's parser is quadratic (stack searches by end tags
// and misplaced <body> tags, duplicate checks of attributes): the extractor
// must bound the work (it falls back to the tag stripper) and still find the
// text.
TEST(CleanHtmlRobustness, ParserWorstCases) {
  const std::string para =
      "<p>أعلنت البلدية، في بيان مساء الثلاثاء، إغلاق الجسر القديم أمام الشاحنات، وإعادة فتحه بعد الصيانة.</p>";
  auto check = [&](const std::string& html, const char* what) {
    SCOPED_TRACE(what);
    auto t0 = std::chrono::steady_clock::now();
    Article a = CleanHtml(html, PageMeta{}, CleanOptions{});
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("[html worst case] %s: %zu bytes, %.3f s\n", what, html.size(), s);
    EXPECT_NE(a.BodyText().find("أعلنت البلدية"), std::string::npos) << a.BodyText();
  };
  const int n = 60000;
  std::string h = "<html><head><title>خبر</title></head><body>" + para;
  for (int i = 0; i < n; ++i) h += "<div>";
  for (int i = 0; i < n; ++i) h += "</i>";
  check(h, "open divs + stray end tags");
  h = "<html><head><title>خبر</title></head><body>" + para;
  for (int i = 0; i < n; ++i) h += "<div></span>";
  check(h, "interleaved div and stray end tag");
  h = "<html><head><title>خبر</title></head><body>" + para + "</body>";
  for (int i = 0; i < n; ++i) h += "<div>";
  for (int i = 0; i < n; ++i) h += "<body>";
  check(h, "misplaced body tags");
  h = "<html><head><title>خبر</title></head><body>" + para + "<div";
  for (int i = 0; i < n; ++i) h += " data-x" + std::to_string(i) + "=\"1\"";
  h += ">نص</div>";
  check(h, "one tag with many attributes");
  h = "<html><head><title>خبر</title></head><body>" + para + "<span";
  for (int i = 0; i < n; ++i) h += " v" + std::to_string(i) + "='>' ";
  h += ">نص</span>";
  check(h, "attributes with quoted >");
}

// The page is UTF-8 whatever its <meta charset> says (the decoder already
// converted it), and character references are decoded.
TEST(CleanHtmlRobustness, MetaCharsetIgnoredAndEntities) {
  std::string html =
      "<html><head><meta charset=\"windows-1256\"><title>خبر &amp; تعليق</title></head><body><article>"
      "<p>قال وزير الصحة إن المستشفى الجديد سيفتح أبوابه &laquo;خلال شهرين&raquo;، بطاقة مئتي سرير.</p>"
      "</article></body></html>";
  Article a = CleanHtml(html, PageMeta{}, CleanOptions{});
  EXPECT_EQ(a.title, "خبر & تعليق");
  EXPECT_NE(a.BodyText().find("سيفتح أبوابه «خلال شهرين»"), std::string::npos) << a.BodyText();
}

TEST(CleanHtmlRobustness, TwentyMegabytePage) {
  std::string para =
      "<p>وأضاف المتحدث، في مؤتمر صحفي عقده مساء الأحد، أن الحكومة ستواصل العمل على تنفيذ المشروع وفق الجدول "
      "الزمني المعلن، مشيرا إلى أن المرحلة الثانية ستبدأ العام المقبل.</p>\n";
  std::string small = "<html><head><title>خبر طويل</title></head><body><article><div class=\"article-body\">";
  std::string big = small;
  while (big.size() < (1u << 20)) big += para;
  std::string huge = small;
  while (huge.size() < (20u << 20)) huge += para;
  auto time = [](const std::string& h) {
    auto t0 = std::chrono::steady_clock::now();
    Article a = CleanHtml(h, PageMeta{}, CleanOptions{});
    EXPECT_FALSE(a.body.empty());
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  double t1 = time(big), t20 = time(huge);
  std::printf("[html 20MB] 1 MB: %.3f s, 20 MB: %.3f s\n", t1, t20);
  // No timing assertion here (speed is checked by bench/, not by unit tests);
  // a quadratic extractor would blow the test's time limit on the 20 MB page.
}

}  // namespace
}  // namespace akhbar
