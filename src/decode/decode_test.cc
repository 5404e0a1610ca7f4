#include "akhbar/decode.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <string>

namespace akhbar {
namespace {

// Encodes UTF-8 `s` into charset `cs` with ICU (test helper).
std::string Encode(const std::string& s, const char* cs) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(s.size() * 4 + 8, '\0');
  int32_t n = ucnv_convert(cs, "UTF-8", out.data(), static_cast<int32_t>(out.size()), s.data(),
                           static_cast<int32_t>(s.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(static_cast<size_t>(n));
  return out;
}

const std::string kArabic =
    "أكدت وزيرة الخارجية الكورية الشمالية خلال زيارتها إلى موسكو أن بلادها ستقف إلى جانب "
    "روسيا، وقالت الوكالة المركزية إن المحادثات تناولت التعاون العسكري والاقتصادي بين البلدين.";

struct DecodeCase {
  const char* name;
  std::string bytes;
  std::string hint;
  bool ok;
  std::string charset;       // expected when ok
  std::string text;          // expected text when ok (empty: kArabic unless `any_text`)
  size_t replaced;
  std::string error;         // fragment when !ok
};

TEST(Decode, Table) {
  const std::string png = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(200, '\x01');
  const DecodeCase cases[] = {
      {"empty", "", "", true, "UTF-8", "", 0, ""},
      {"utf-8", kArabic, "", true, "UTF-8", kArabic, 0, ""},
      {"utf-8 with BOM", "\xEF\xBB\xBF" + kArabic, "", true, "UTF-8", kArabic, 0, ""},
      {"utf-8 declared windows-1256 wins over hint", kArabic, "windows-1256", true, "UTF-8", kArabic, 0, ""},
      {"utf-16le BOM", "\xFF\xFE" + Encode(kArabic, "UTF-16LE"), "", true, "UTF-16LE", kArabic, 0, ""},
      {"utf-16be BOM", "\xFE\xFF" + Encode(kArabic, "UTF-16BE"), "", true, "UTF-16BE", kArabic, 0, ""},
      {"windows-1256 no hint", Encode(kArabic, "windows-1256"), "", true, "windows-1256", kArabic, 0, ""},
      {"windows-1256 mislabelled latin-1", Encode(kArabic, "windows-1256"), "iso-8859-1", true,
       "windows-1256", kArabic, 0, ""},
      {"iso-8859-6 with hint", Encode("قالت الوكالة إن المحادثات تناولت التعاون", "ISO-8859-6"),
       "arabic", true, "ISO-8859-6", "قالت الوكالة إن المحادثات تناولت التعاون", 0, ""},
      {"mostly utf-8, 3 bad bytes", "روسيا وكوريا الشمالية \xFF\xFE\xFD تحالف عسكري", "", true, "UTF-8",
       "روسيا وكوريا الشمالية \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD تحالف عسكري", 3, ""},
      {"truncated sequence at end", "موسكو \xD9", "", true, "UTF-8", "موسكو \xEF\xBF\xBD", 1, ""},
      {"png", png, "", false, "", "", 0, "binary data, not text (PNG image)"},
      {"nul bytes", std::string("abc\0def", 7), "", false, "", "", 0, "NUL bytes"},
      {"gzip", "\x1F\x8B\x08\x00", "", false, "", "", 0, "gzip"},
  };
  for (const auto& c : cases) {
    auto r = DecodeToUtf8(c.bytes, c.hint);
    ASSERT_EQ(r.ok(), c.ok) << c.name << ": " << r.status().ToString();
    if (!c.ok) {
      EXPECT_NE(r.status().message().find(c.error), std::string::npos) << c.name << ": " << r.status().message();
      continue;
    }
    EXPECT_EQ(r->charset, c.charset) << c.name;
    EXPECT_EQ(r->text.str(), c.text) << c.name;
    EXPECT_EQ(r->replaced, c.replaced) << c.name;
    EXPECT_TRUE(IsValidUtf8(r->text.str())) << c.name;
  }
}

// The binary test counts control characters in the first 8 KiB (text when
// at most one byte in 50 is one; tab, line breaks, form feed and vertical
// tab are not) and refuses a NUL byte, wherever they fall among the eight
// bytes a step it reads text in, the sample's end included.
TEST(Decode, ControlCharactersAndNulAnywhere) {
  const std::string line = "Russia and North Korea sign a pact: روسيا\tتحالف\r\n";
  std::string text;
  while (text.size() < 2000) text += line;
  const size_t n = text.size();
  for (size_t at : std::vector<size_t>{0, 1, 7, 8, 13, 63, 64, 999, n - 9, n - 8, n - 1}) {
    std::string nul = text;
    nul[at] = '\0';
    auto r = DecodeToUtf8(nul);
    ASSERT_FALSE(r.ok()) << at;
    EXPECT_NE(r.status().message().find("NUL bytes"), std::string::npos) << at;
  }
  // n / 50 control characters are text, one more is binary (spread with
  // several strides); past 8 KiB (outside the sample) any number are text.
  auto with_controls = [&](size_t step, size_t count) {
    std::string ctl = text;
    for (size_t i = 0; i < n && count > 0; i += step) {
      const auto c = static_cast<unsigned char>(ctl[i]);
      if (c < 0x20 || c >= 0x80) continue;  // keep \t \r \n, and the UTF-8 valid
      ctl[i] = '\x01';
      --count;
    }
    EXPECT_EQ(count, 0u) << step;
    return ctl;
  };
  for (size_t step : {size_t{1}, size_t{3}, size_t{8}, size_t{13}}) {
    EXPECT_TRUE(DecodeToUtf8(with_controls(step, n / 50)).ok()) << step;
    EXPECT_FALSE(DecodeToUtf8(with_controls(step, n / 50 + 1)).ok()) << step;
  }
  std::string tail = text;
  while (tail.size() < 8192) tail += line;
  tail += std::string(1000, '\x01');
  EXPECT_TRUE(DecodeToUtf8(tail).ok());
  EXPECT_FALSE(DecodeToUtf8(std::string(200, 'a') + std::string(5, '\x02')).ok());
  EXPECT_TRUE(DecodeToUtf8(std::string(250, 'a') + std::string(5, '\x02')).ok());
}

TEST(Decode, Utf16LoneSurrogateIsReplaced) {
  std::string b = "\xFF\xFE";
  b += std::string("\x41\x00\x00\xD8\x42\x00", 6);  // A, lone high surrogate, B
  auto r = DecodeToUtf8(b);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->replaced, 2u);  // bytes
  EXPECT_EQ(r->text.str(), "A\xEF\xBF\xBD" "B");
}

TEST(Decode, LargeUtf16CrossesChunks) {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "كيم جونغ أون 😀 ";
  auto r = DecodeToUtf8("\xFF\xFE" + Encode(text, "UTF-16LE"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text.str(), text);
  EXPECT_EQ(r->replaced, 0u);
}

TEST(Decode, DocumentWarnings) {
  RawDocument doc;
  doc.input = "pages/alriyadh.html";
  doc.content.data = "النص \xFF\xFE\xFD مع بايتات خاطئة في وسط الخبر عن موسكو وبيونغ يانغ";
  auto r = DecodeDocument(doc);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_EQ(doc.warnings[0], "3 invalid bytes replaced by U+FFFD (UTF-8)");

  RawDocument bin;
  bin.input = "img/logo.png";
  bin.content.data = "\x89PNG\r\n\x1a\n";
  auto b = DecodeDocument(bin);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(), "img/logo.png: binary data, not text (PNG image)");
}

TEST(Decode, CanonicalNames) {
  EXPECT_EQ(CanonicalCharsetName("CP1256"), "windows-1256");
  EXPECT_EQ(CanonicalCharsetName("Windows-1256"), "windows-1256");
  EXPECT_EQ(CanonicalCharsetName("utf8"), "UTF-8");
  EXPECT_EQ(CanonicalCharsetName("\"ISO-8859-6\""), "ISO-8859-6");
  EXPECT_EQ(CanonicalCharsetName("asmo-708"), "ISO-8859-6");
  EXPECT_EQ(CanonicalCharsetName("no-such-charset"), "");
  EXPECT_EQ(CanonicalCharsetName(""), "");
}

TEST(Decode, PrescanHtmlCharset) {
  struct Case { const char* html; const char* want; };
  const Case cases[] = {
      {"<html><head><meta charset=\"windows-1256\"><title>x</title>", "windows-1256"},
      {"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-6\">", "iso-8859-6"},
      {"<meta charset=utf-8>", "utf-8"},
      {"<?xml version=\"1.0\" encoding='windows-1256'?><html>", "windows-1256"},
      {"<!-- <meta charset=\"koi8-r\"> --><meta charset='cp1256'/>", "cp1256"},
      {"<meta name=\"charset-note\" content=\"none\"><p>charset=x</p>", ""},
      {"<html><body>no meta</body></html>", ""},
      {"<meta", ""},
      {"<!-- unterminated", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(PrescanHtmlCharset(c.html), c.want) << c.html;
  std::string late = std::string(5000, ' ') + "<meta charset=cp1256>";
  EXPECT_EQ(PrescanHtmlCharset(late), "");
  EXPECT_EQ(PrescanHtmlCharset(late, 8000), "cp1256");
}

}  // namespace
}  // namespace akhbar
