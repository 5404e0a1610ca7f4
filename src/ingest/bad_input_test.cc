// The bad-input table: every kind of broken input gives a clear failure that
// names it, and every other document still comes through. Each row runs the
// pipeline up to text: ingest -> decode -> (HTML) html_text.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "akhbar/decode.h"
#include "akhbar/html_text.h"
#include "akhbar/ingest.h"
#include "ingest/test_util.h"

namespace akhbar {
namespace {

namespace fs = std::filesystem;
using testutil::Gzip;
using testutil::WarcRecord;
using testutil::WriteFile;

const std::string kArabic =
    "أعلنت وزارة الدفاع الروسية أن قوات كورية شمالية شاركت في العمليات في منطقة كورسك، "
    "وقال المتحدث إن التعاون العسكري بين البلدين سيستمر.\n";

struct Outcome {
  int docs = 0;
  int failures = 0;
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};

// ingest -> decode -> html_text, as `akhbar analyze` does before clean.
Outcome RunPipeline(const std::vector<std::string>& inputs, const IngestOptions& opt) {
  Outcome o;
  ReadInputs(inputs, opt, [&](IngestItem&& item) {
    if (!item.doc.ok()) {
      ++o.failures;
      o.errors.push_back(item.doc.status().message());
      return;
    }
    RawDocument& d = item.doc.value();
    auto text = DecodeDocument(d);
    for (auto& w : d.warnings) o.warnings.push_back(w);
    if (!text.ok()) {
      ++o.failures;
      o.errors.push_back(text.status().message());
      return;
    }
    if (d.format == ContentFormat::kHtml) {
      auto h = HtmlToText(*text);
      if (!h.ok() || h->text.empty()) {
        ++o.failures;
        o.errors.push_back(d.Where() + ": " + (h.ok() ? "no visible text in the HTML" : h.status().message()));
        return;
      }
    }
    ++o.docs;
  });
  return o;
}

struct Row {
  const char* name;
  // Creates the input under `dir` and returns the INPUT path(s).
  std::function<std::vector<std::string>(const fs::path& dir)> setup;
  int docs;
  int failures;
  const char* error;    // fragment of the first error ("" when failures == 0)
  const char* warning;  // fragment of some warning, or ""
  size_t max_document_bytes = 64u << 20;
};

std::vector<std::string> One(const fs::path& p, std::string_view bytes) {
  WriteFile(p, bytes);
  return {p.string()};
}

TEST(BadInput, Table) {
  // windows-1256 bytes of "قالت الوكالة الروسية إن القوات الكورية الشمالية وصلت" (written out by hand
  // from the code page: ق=DE ا=C7 ل=E1 ت=CA و=E6 ك=DF ة=C9 ر=D1 س=D3 ي=ED إ=C5 ن=E4 ش=D4 م=E3 ص=D5).
  const std::string cp1256 =
      "\xDE\xC7\xE1\xCA \xC7\xE1\xE6\xDF\xC7\xE1\xC9 \xC7\xE1\xD1\xE6\xD3\xED\xC9 \xC5\xE4 \xC7\xE1\xDE\xE6\xC7\xCA "
      "\xC7\xE1\xDF\xE6\xD1\xED\xC9 \xC7\xE1\xD4\xE3\xC7\xE1\xED\xC9 \xE6\xD5\xE1\xCA";
  std::string png = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", 20);
  for (int i = 0; i < 2000; ++i) png += static_cast<char>((i * 37) & 0xFF);
  std::string gz = Gzip(kArabic + kArabic + kArabic);
  std::string truncated_gz = gz.substr(0, gz.size() / 2);
  std::string warc_good = WarcRecord("response", "urn:uuid:ok", "https://example.sa/ok", "application/http; msgtype=response",
                                     "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>" + kArabic + "</p>");
  std::string warc_bad = warc_good;
  size_t at = warc_bad.find("Content-Length: ");
  warc_bad.replace(at, warc_bad.find("\r\n", at) - at, "Content-Length: 40");
  std::string big_line(50u << 20, 'x');  // 50 MB, no line break

  const bool root = ::geteuid() == 0;
  std::vector<Row> rows = {
      {"empty file", [](const fs::path& d) { return One(d / "empty.txt", ""); }, 0, 1, "empty.txt: empty file", ""},
      {"binary file (PNG)", [&](const fs::path& d) { return One(d / "logo.png", png); }, 0, 1,
       "logo.png: binary data, not text (PNG image)", ""},
      {"invalid UTF-8", [](const fs::path& d) { return One(d / "bad.txt", kArabic + "\xFF\xC0\xFE" + kArabic); }, 1, 0,
       "", "3 invalid bytes replaced by U+FFFD"},
      {"UTF-16 with BOM",
       [](const fs::path& d) {
         // U+0631 U+0648 U+0633 U+064A U+0627 (روسيا) and a newline, UTF-16LE.
         return One(d / "u16.txt", std::string("\xFF\xFE\x31\x06\x48\x06\x33\x06\x4A\x06\x27\x06\x0A\x00", 14));
       },
       1, 0, "", ""},
      {"windows-1256 file", [&](const fs::path& d) { return One(d / "legacy.txt", cp1256); }, 1, 0, "",
       "decoded from windows-1256"},
      {"windows-1256 HTML, charset in <meta>",
       [&](const fs::path& d) {
         return One(d / "legacy.html", "<html><head><meta charset=\"windows-1256\"></head><body><p>" + cp1256 + "</p></body></html>");
       },
       1, 0, "", "decoded from windows-1256"},
      {"50 MB text file with no line break", [&](const fs::path& d) { return One(d / "big.txt", big_line); }, 1, 0, "", ""},
      {"50 MB JSONL line over max_document_bytes",
       [&](const fs::path& d) {
         return One(d / "big.jsonl", "{\"id\": \"a\", \"content\": \"" + big_line + "\"}");
       },
       0, 1, "big.jsonl (line 1): line longer than max_document_bytes", "", 8u << 20},
      {"truncated gzip", [&](const fs::path& d) { return One(d / "t.txt.gz", truncated_gz); }, 0, 1,
       "t.txt.gz: truncated gzip data", ""},
      {"JSONL line that is not JSON",
       [](const fs::path& d) {
         return One(d / "mixed.jsonl", "{\"id\": \"1\", \"content\": \"خبر أول\"}\n{\"id\": \"2\", \"content\": \"مقطوع\n"
                                       "{\"id\": \"3\", \"content\": \"خبر ثالث\"}\n");
       },
       2, 1, "mixed.jsonl (line 2): not valid JSON", ""},
      {"JSON object with no text field",
       [](const fs::path& d) { return One(d / "meta.json", "[{\"id\": \"x\", \"title\": \"عنوان بلا نص\"}]"); }, 0, 1,
       "meta.json (element 1, line 1): no text field", ""},
      {"HTML with no body",
       [](const fs::path& d) { return One(d / "nobody.html", "<html><head><title>عنوان</title></head></html>"); }, 0, 1,
       "nobody.html: no visible text", ""},
      {"WARC record with a bad Content-Length",
       [&](const fs::path& d) { return One(d / "crawl.warc", warc_bad + warc_good); }, 1, 1,
       "crawl.warc (record 1): Content-Length 40 does not match", ""},
      {"path that does not exist", [](const fs::path& d) { return std::vector<std::string>{(d / "nope.jsonl").string()}; },
       0, 1, "nope.jsonl: no such file or directory", ""},
      {"dangling symlink and FIFO inside a directory",
       [](const fs::path& d) {
         WriteFile(d / "in" / "a.txt", kArabic);
         fs::create_symlink(d / "gone.txt", d / "in" / "b.txt");
         ::mkfifo((d / "in" / "c.fifo").c_str(), 0600);
         return std::vector<std::string>{(d / "in").string()};
       },
       1, 2, "(b.txt): dangling symbolic link", ""},
  };
  if (!root) {
    rows.push_back({"unreadable file inside a directory (chmod 000)",
                    [](const fs::path& d) {
                      WriteFile(d / "in" / "a.txt", kArabic);
                      WriteFile(d / "in" / "secret.txt", kArabic);
                      fs::permissions(d / "in" / "secret.txt", fs::perms::none);
                      return std::vector<std::string>{(d / "in").string()};
                    },
                    1, 1, "(secret.txt): cannot open: Permission denied", ""});
  } else {
    std::printf("running as root: chmod 000 does not stop reading, so the unreadable-file row is covered by the "
                "dangling-symlink/FIFO row instead\n");
  }

  for (const Row& row : rows) {
    testutil::TempDir dir("bad");
    IngestOptions opt;
    opt.max_document_bytes = row.max_document_bytes;
    Outcome o = RunPipeline(row.setup(dir.path()), opt);
    EXPECT_EQ(o.docs, row.docs) << row.name;
    EXPECT_EQ(o.failures, row.failures) << row.name;
    if (row.failures > 0) {
      ASSERT_FALSE(o.errors.empty()) << row.name;
      EXPECT_NE(o.errors[0].find(row.error), std::string::npos) << row.name << ": " << o.errors[0];
    }
    if (*row.warning) {
      bool found = false;
      for (const auto& w : o.warnings) found |= w.find(row.warning) != std::string::npos;
      EXPECT_TRUE(found) << row.name << ": no warning containing '" << row.warning << "'";
    }
  }
}

}  // namespace
}  // namespace akhbar
