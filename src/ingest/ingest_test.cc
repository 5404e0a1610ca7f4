#include "akhbar/ingest.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "ingest/test_util.h"
#include "testing.h"

namespace akhbar {
namespace {

using testutil::Collected;
using testutil::Gzip;
using testutil::Read;
using testutil::WarcRecord;

const std::string kBody =
    "أكدت وزيرة الخارجية الكورية الشمالية خلال زيارتها إلى موسكو أن بلادها ستقف إلى جانب روسيا.\n"
    "وقالت الوكالة المركزية الكورية إن المحادثات تناولت التعاون العسكري.\n";

TEST(Ingest, PlainTextFile) {
  Collected c = Read("news/kcna-moscow.txt", kBody);
  ASSERT_EQ(c.errors.size(), 0u);
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].id.str(), "kcna-moscow.txt");
  EXPECT_EQ(c.docs[0].format, ContentFormat::kText);
  EXPECT_EQ(c.docs[0].content.data, kBody);
  EXPECT_EQ(c.docs[0].Where(), "news/kcna-moscow.txt");
}

TEST(Ingest, HtmlByExtensionAndBySniffing) {
  const std::string html =
      "<!DOCTYPE html><html><head><meta charset=\"windows-1256\"><title>خبر</title></head>"
      "<body><p>نص</p></body></html>";
  for (const char* name : {"page.html", "page.htm", "page.txt", "page", "page.dat"}) {
    Collected c = Read(name, html);
    ASSERT_EQ(c.docs.size(), 1u) << name;
    EXPECT_EQ(c.docs[0].format, ContentFormat::kHtml) << name;
    EXPECT_EQ(c.docs[0].charset_hint, "windows-1256") << name;
  }
  // Text that merely mentions a tag is not HTML.
  Collected t = Read("note.txt", "قال المتحدث إن <العملية> مستمرة");
  ASSERT_EQ(t.docs.size(), 1u);
  EXPECT_EQ(t.docs[0].format, ContentFormat::kText);
}

TEST(Ingest, JsonLinesFieldsAndIds) {
  const std::string jsonl =
      "{\"id\": \"aawsat-1\", \"source\": \"aawsat\", \"url\": \"http://aawsat.com/a/1\", "
      "\"date_extracted\": \"2015-07-21 02:51:32\", \"title\": \"بريطانيا تعلن استراتيجية\", "
      "\"author\": \"لندن\", \"content\": \"حدد رئيس الوزراء البريطاني ملامح الاستراتيجية.\"}\r\n"
      "\n"
      "{\"text\": \"خبر بلا معرف\", \"outlet\": \"okaz\", \"published\": \"2015-07-22\"}\n"
      "   \n"
      "{\"id\": 42, \"html\": \"<p>نص الخبر</p>\", \"site_name\": \"sabq\", \"date_publish\": 1437523200}\n"
      "{\"id\": \"b\", \"body\": [\"الفقرة الأولى\", \"الفقرة الثانية\"], \"fetched_at\": \"2015-07-23\"}\n"
      "{\"id\": \"c\", \"maintext\": \"النص الرئيسي\", \"date\": \"2015-07-24\"}";  // no final newline
  Collected c = Read("day.jsonl", jsonl);
  ASSERT_EQ(c.errors.size(), 0u) << c.errors[0];
  ASSERT_EQ(c.docs.size(), 5u);
  const RawDocument& a = c.docs[0];
  EXPECT_EQ(a.id.str(), "aawsat-1");
  EXPECT_EQ(a.outlet, "aawsat");
  EXPECT_EQ(a.url, "http://aawsat.com/a/1");
  EXPECT_EQ(a.fetched_at, "2015-07-21 02:51:32");
  EXPECT_EQ(a.title, "بريطانيا تعلن استراتيجية");
  EXPECT_EQ(a.content.data, "حدد رئيس الوزراء البريطاني ملامح الاستراتيجية.");
  EXPECT_EQ(a.locator, "line 1");
  EXPECT_EQ(c.docs[1].id.str(), "day.jsonl:3");
  EXPECT_EQ(c.docs[1].outlet, "okaz");
  EXPECT_EQ(c.docs[1].published, "2015-07-22");
  EXPECT_EQ(c.docs[2].id.str(), "42");
  EXPECT_EQ(c.docs[2].format, ContentFormat::kHtml);
  EXPECT_EQ(c.docs[2].outlet, "sabq");
  EXPECT_EQ(c.docs[2].published, "1437523200");
  EXPECT_EQ(c.docs[3].content.data, "الفقرة الأولى\n\nالفقرة الثانية");
  EXPECT_EQ(c.docs[3].fetched_at, "2015-07-23");
  EXPECT_EQ(c.docs[4].id.str(), "c");
  EXPECT_EQ(c.docs[4].published, "2015-07-24");
  EXPECT_EQ(c.docs[4].locator, "line 7");
}

TEST(Ingest, FieldMapping) {
  IngestOptions opt;
  opt.field_map = {{"content", "article_body"}, {"title", "headline"}, {"id", "uuid"}, {"outlet", "publisher"}};
  const std::string jsonl =
      "{\"uuid\": \"u1\", \"headline\": \"عنوان\", \"article_body\": \"نص المقال\", \"text\": \"ملخص\", "
      "\"publisher\": \"الرياض\", \"source\": \"other\"}\n"
      "{\"uuid\": \"u2\", \"text\": \"بلا حقل مخصص\"}\n";
  Collected c = Read("m.ndjson", jsonl, opt);
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.docs[0].id.str(), "u1");
  EXPECT_EQ(c.docs[0].title, "عنوان");
  EXPECT_EQ(c.docs[0].content.data, "نص المقال");
  EXPECT_EQ(c.docs[0].outlet, "الرياض");
  EXPECT_EQ(c.docs[1].content.data, "بلا حقل مخصص");  // built-in names still apply
}

TEST(Ingest, JsonArrayStreamed) {
  const std::string json =
      "\xEF\xBB\xBF[\n"
      "  {\"id\": \"e1\", \"content\": \"قال \\\"المسؤول\\\" إن [الاتفاق] {نهائي}, وانتهى\", \"meta\": {\"tags\": [1, [2, 3]]}},\n"
      "  {\"content\": \"بلا معرف\"},\n"
      "  7,\n"
      "  {\"id\": \"e4\", \"content\": \"آخر\\\\\"}\n"
      "]\n";
  Collected c = Read("2015-07-21.json", json);
  ASSERT_EQ(c.docs.size(), 3u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.docs[0].id.str(), "e1");
  EXPECT_EQ(c.docs[0].content.data, "قال \"المسؤول\" إن [الاتفاق] {نهائي}, وانتهى");
  EXPECT_EQ(c.docs[1].id.str(), "2015-07-21.json:2");
  EXPECT_EQ(c.docs[1].locator, "element 2, line 3");
  EXPECT_EQ(c.docs[2].content.data, "آخر\\");
  EXPECT_NE(c.errors[0].find("element 3, line 4"), std::string::npos) << c.errors[0];
  EXPECT_NE(c.errors[0].find("not a JSON object"), std::string::npos) << c.errors[0];
}

TEST(Ingest, JsonObjectsAndEdgeCases) {
  Collected one = Read("single.json", "{\n  \"id\": \"s\",\n  \"content\": \"خبر واحد\"\n}\n{\"id\": \"t\", \"text\": \"ثان\"}");
  ASSERT_EQ(one.docs.size(), 2u);
  EXPECT_EQ(one.docs[1].id.str(), "t");
  EXPECT_EQ(Read("empty.json", "[]").order.size(), 0u);
  Collected trunc = Read("t.json", "[{\"id\": \"a\", \"content\": \"x\"}, {\"id\": \"b\", \"content\": \"قطع");
  ASSERT_EQ(trunc.docs.size(), 1u);
  ASSERT_EQ(trunc.errors.size(), 1u);
  EXPECT_NE(trunc.errors[0].find("truncated JSON"), std::string::npos);
  Collected after = Read("a.json", "[{\"content\": \"x\"}] junk");
  EXPECT_EQ(after.docs.size(), 1u);
  ASSERT_EQ(after.errors.size(), 1u);
  EXPECT_NE(after.errors[0].find("after the end"), std::string::npos);
  Collected unb = Read("u.json", "[{\"content\": \"x\"} }");
  ASSERT_EQ(unb.errors.size(), 1u);
  EXPECT_NE(unb.errors[0].find("unbalanced"), std::string::npos);
  // From stdin-like names, JSON is recognised by its opening.
  EXPECT_EQ(Read("", "[{\"content\": \"x\"}]").docs.size(), 1u);
  EXPECT_EQ(Read("", "{\"content\": \"x\"}\n{\"content\": \"y\"}\n").docs.size(), 2u);
}

TEST(Ingest, JsonValueOverLimitIsSkipped) {
  IngestOptions opt;
  opt.max_document_bytes = 1000;
  std::string big(5000, 'x');
  std::string json = "[{\"id\": \"a\", \"content\": \"" + big + "\"}, {\"id\": \"b\", \"content\": \"صغير\"}]";
  Collected c = Read("big.json", json, opt);
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].id.str(), "b");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].find("max_document_bytes"), std::string::npos);
  Collected l = Read("big.jsonl", "{\"content\": \"" + big + "\"}\n{\"id\": \"b\", \"content\": \"صغير\"}\n", opt);
  ASSERT_EQ(l.docs.size(), 1u);
  ASSERT_EQ(l.errors.size(), 1u);
  EXPECT_NE(l.errors[0].find("big.jsonl (line 1)"), std::string::npos) << l.errors[0];
}

TEST(Ingest, GzipDetectedByMagicAndMultiMember) {
  const std::string l1 = "{\"id\": \"g1\", \"content\": \"الأول\"}\n";
  const std::string l2 = "{\"id\": \"g2\", \"content\": \"الثاني\"}\n";
  Collected c = Read("x.jsonl.gz", Gzip(l1) + Gzip(l2));
  ASSERT_EQ(c.errors.size(), 0u);
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.docs[1].id.str(), "g2");
  // A .txt that is really gzip, and a page.html.gz.
  Collected t = Read("really.txt", Gzip(kBody));
  ASSERT_EQ(t.docs.size(), 1u);
  EXPECT_EQ(t.docs[0].content.data, kBody);
  Collected h = Read("page.html.gz", Gzip("<html><body><p>نص</p></body></html>"));
  ASSERT_EQ(h.docs.size(), 1u);
  EXPECT_EQ(h.docs[0].format, ContentFormat::kHtml);
  EXPECT_EQ(h.docs[0].id.str(), "page.html.gz");
}

TEST(Ingest, CorruptGzipMemberIsReportedAndReadingResumes) {
  std::string m1 = Gzip("{\"id\": \"a\", \"content\": \"أ\"}\n");
  std::string m2 = Gzip("{\"id\": \"b\", \"content\": \"" + std::string(3000, 'b') + "\"}\n");
  std::string m3 = Gzip("{\"id\": \"c\", \"content\": \"ج\"}\n");
  for (size_t i = 12; i < m2.size() - 8; ++i) m2[i] = static_cast<char>(m2[i] ^ 0x5A);  // corrupt deflate data
  Collected c = Read("y.jsonl.gz", m1 + m2 + m3);
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.docs[0].id.str(), "a");
  EXPECT_EQ(c.docs[1].id.str(), "c");
  ASSERT_GE(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].find("corrupt gzip member 2"), std::string::npos) << c.errors[0];
}

std::string HttpResponse(std::string_view head, std::string_view body) {
  return std::string(head) + "\r\n\r\n" + std::string(body);
}

TEST(Ingest, WarcResponses) {
  const std::string page = "<html><head><title>روسيا</title></head><body><p>" + kBody + "</p></body></html>";
  std::string chunked;
  {
    std::string gz = Gzip(page);
    std::string half1 = gz.substr(0, gz.size() / 2), half2 = gz.substr(gz.size() / 2);
    char hex[32];
    snprintf(hex, sizeof hex, "%zx", half1.size());
    chunked = std::string(hex) + "\r\n" + half1 + "\r\n";
    snprintf(hex, sizeof hex, "%zx;ext=1", half2.size());
    chunked += std::string(hex) + "\r\n" + half2 + "\r\n0\r\n\r\n";
  }
  std::string warc =
      WarcRecord("warcinfo", "urn:uuid:0", "", "application/warc-fields", "software: test\r\n") +
      WarcRecord("request", "urn:uuid:1", "https://example.sa/a", "application/http; msgtype=request",
                 "GET /a HTTP/1.1\r\nHost: example.sa\r\n\r\n") +
      WarcRecord("response", "urn:uuid:2", "https://example.sa/a", "application/http; msgtype=response",
                 HttpResponse("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1256", page)) +
      WarcRecord("response", "urn:uuid:3", "https://example.sa/b", "application/http; msgtype=response",
                 HttpResponse("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
                              "Content-Encoding: gzip",
                              chunked)) +
      WarcRecord("response", "urn:uuid:4", "https://example.sa/missing", "application/http; msgtype=response",
                 HttpResponse("HTTP/1.1 404 Not Found\r\nContent-Type: text/html", "<p>not found</p>")) +
      WarcRecord("response", "urn:uuid:5", "https://example.sa/logo.png", "application/http; msgtype=response",
                 HttpResponse("HTTP/1.1 200 OK\r\nContent-Type: image/png", "\x89PNG")) +
      WarcRecord("metadata", "urn:uuid:6", "https://example.sa/a", "application/warc-fields", "via: x\r\n") +
      WarcRecord("response", "urn:uuid:7", "https://example.sa/c", "application/http; msgtype=response",
                 HttpResponse("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked",
                              page));  // already de-chunked by the crawler
  Collected c = Read("crawl.warc", warc);
  ASSERT_EQ(c.errors.size(), 0u) << c.errors[0];
  ASSERT_EQ(c.docs.size(), 3u);
  EXPECT_EQ(c.docs[0].id.str(), "urn:uuid:2");
  EXPECT_EQ(c.docs[0].url, "https://example.sa/a");
  EXPECT_EQ(c.docs[0].fetched_at, "2025-03-25T10:15:00Z");
  EXPECT_EQ(c.docs[0].charset_hint, "windows-1256");
  EXPECT_EQ(c.docs[0].format, ContentFormat::kHtml);
  EXPECT_EQ(c.docs[0].content.data, page);
  EXPECT_EQ(c.docs[0].locator, "record 3");
  EXPECT_EQ(c.docs[1].id.str(), "urn:uuid:3");
  EXPECT_EQ(c.docs[1].content.data, page);
  EXPECT_EQ(c.docs[2].id.str(), "urn:uuid:7");
  EXPECT_EQ(c.docs[2].content.data, page);
  ASSERT_EQ(c.docs[2].warnings.size(), 1u);

  // The same records, one gzip member each, one member corrupt.
  std::string r1 = WarcRecord("response", "urn:uuid:a", "https://example.sa/1", "application/http; msgtype=response",
                              HttpResponse("HTTP/1.1 200 OK\r\nContent-Type: text/html", page));
  std::string r2 = WarcRecord("response", "urn:uuid:b", "https://example.sa/2", "application/http; msgtype=response",
                              HttpResponse("HTTP/1.1 200 OK\r\nContent-Type: text/html", page + std::string(2000, ' ')));
  std::string g2 = Gzip(r2);
  for (size_t i = 20; i < g2.size() - 8; i += 3) g2[i] = static_cast<char>(g2[i] ^ 0x33);
  Collected z = Read("crawl.warc.gz", Gzip(r1) + g2 + Gzip(r1));
  ASSERT_EQ(z.docs.size(), 2u);
  EXPECT_EQ(z.docs[0].id.str(), "urn:uuid:a");
  ASSERT_GE(z.errors.size(), 1u);
  EXPECT_NE(z.errors[0].find("gzip"), std::string::npos) << z.errors[0];
}

TEST(Ingest, WarcResyncAfterBadContentLength) {
  std::string good = WarcRecord("resource", "urn:uuid:r1", "file:///a.html", "text/html", "<p>" + kBody + "</p>");
  std::string bad = good;
  size_t at = bad.find("Content-Length: ");
  bad.replace(at, bad.find("\r\n", at) - at, "Content-Length: 7");
  std::string nonnum = good;
  nonnum.replace(at, nonnum.find("\r\n", at) - at, "Content-Length: 12x");
  std::string huge = good;
  huge.replace(at, huge.find("\r\n", at) - at, "Content-Length: 999999");
  for (const std::string& broken : {bad, nonnum, huge}) {
    Collected c = Read("r.warc", broken + good);
    EXPECT_EQ(c.docs.size(), 1u) << broken.substr(0, 200);
    ASSERT_EQ(c.errors.size(), 1u);
    EXPECT_NE(c.errors[0].find("Content-Length"), std::string::npos) << c.errors[0];
    EXPECT_NE(c.errors[0].find("r.warc (record 1)"), std::string::npos) << c.errors[0];
  }
}

TEST(Ingest, DirectoriesSortedWithRelativeIds) {
  testutil::TempDir dir("dir");
  auto root = dir.path() / "in";
  testutil::WriteFile(root / "b.txt", kBody);
  testutil::WriteFile(root / "a" / "z.txt", kBody);
  testutil::WriteFile(root / "a" / "c.jsonl", "{\"content\": \"x\"}\n{\"id\": \"k\", \"content\": \"y\"}\n");
  testutil::WriteFile(root / "C.txt", kBody);
  testutil::WriteFile(root / ".hidden.txt", kBody);
  testutil::WriteFile(dir.path() / "direct.txt", kBody);
  Collected c;
  ReadInputs({root.string(), (dir.path() / "direct.txt").string()}, {}, testutil::CollectInto(c));
  std::vector<std::string> want = {"C.txt", "a/c.jsonl:1", "k", "a/z.txt", "b.txt", "direct.txt"};
  EXPECT_EQ(c.order, want);
  ASSERT_EQ(c.docs.size(), 6u);
  EXPECT_EQ(c.docs[1].Where(), root.string() + " (a/c.jsonl, line 1)");
  EXPECT_EQ(c.docs[5].Where(), (dir.path() / "direct.txt").string());
}

// The dev corpus reads completely; figures for the report.
TEST(Ingest, SaudiNewsNetDevCorpus) {
  AKHBAR_REQUIRE_SHARED(shared);
  auto path = shared / "corpus" / "saudinewsnet-dev.jsonl.gz";
  size_t docs = 0, failures = 0, bytes = 0;
  auto t0 = std::chrono::steady_clock::now();
  ReadInputs({path.string()}, {}, [&](IngestItem&& item) {
    if (!item.doc.ok()) { ++failures; ADD_FAILURE() << item.doc.status().message(); return; }
    ++docs;
    bytes += item.doc->content.data.size();
  });
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(docs, 20329u);
  EXPECT_EQ(failures, 0u);
  std::printf("read %zu documents (%.1f MB of content) in %.3f s\n", docs, bytes / 1e6, s);
}

}  // namespace
}  // namespace akhbar
