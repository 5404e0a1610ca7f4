#include "akhbar/html_text.h"

#include <gtest/gtest.h>

#include <string>

namespace akhbar {
namespace {

Utf8Text U(std::string s) { return *Utf8Text::Validate(std::move(s)); }

struct Case {
  const char* name;
  std::string html;
  std::string text;
  std::string title;
  std::string charset;
};

TEST(HtmlToText, Table) {
  const Case cases[] = {
      {"news page",
       "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"UTF-8\"><title>  روسيا\n وكوريا "
       "</title><style>.a{color:red}</style><script>var s = '<p>لا</p>';</script></head>"
       "<body><nav><ul><li><a href=\"/\">الرئيسية</a></li><li>سياسة</li></ul></nav>"
       "<article><h1>بيونغ يانغ تدعم موسكو</h1><p>أكدت الوزيرة&nbsp;أن بلادها <b>ستقف</b> إلى جانب روسيا.</p>"
       "<p>وقال &quot;المتحدث&quot;:<br>نعم &amp; لا</p></article>"
       "<noscript>فعّل جافاسكربت</noscript><template><p>قالب</p></template>"
       "<footer>&copy; 2025</footer></body></html>",
       "الرئيسية\nسياسة\nبيونغ يانغ تدعم موسكو\nأكدت الوزيرة أن بلادها ستقف إلى جانب روسيا.\n"
       "وقال \"المتحدث\":\nنعم & لا\n© 2025",
       "روسيا وكوريا", "utf-8"},
      {"no body", "<html><head><title>عنوان فقط</title></head></html>", "", "عنوان فقط", ""},
      {"empty", "", "", "", ""},
      {"garbage", "<<<>>><!-- <p> &#xD800; &bogus; </", ">>>", "", ""},
      {"unclosed and mismatched", "<h2>عنوان<p>فقرة أولى<p>فقرة <i>ثانية</h3><li>بند</div>نهاية",
       "عنوان\nفقرة أولى\nفقرة ثانية\nبندنهاية", "", ""},  // a stray </div> is ignored, as browsers do
      {"http-equiv charset",
       "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"><p>نص</p>", "نص", "",
       "windows-1256"},
      {"table cells", "<table><tr><td>الدولة</td><td>العدد</td></tr><tr><td>روسيا</td><td>١٠</td></tr></table>",
       "الدولة العدد\nروسيا ١٠", "", ""},
      {"pre keeps lines", "<pre>سطر أول\nسطر   ثان</pre><p>بعد</p>", "سطر أول\nسطر ثان\nبعد", "", ""},
      {"entities", "<p>&#1585;&#1608;&#1587;&#1610;&#1575; &lt;تقرير&gt; &#x645;</p>", "روسيا <تقرير> م", "", ""},
  };
  for (const auto& c : cases) {
    auto r = HtmlToText(U(c.html));
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.status().ToString();
    EXPECT_EQ(r->text.str(), c.text) << c.name;
    EXPECT_EQ(r->title.str(), c.title) << c.name;
    EXPECT_EQ(r->meta_charset, c.charset) << c.name;
  }
}

TEST(HtmlToText, DeepNestingIsLinearAndKeepsText) {
  std::string s = "<html><body>";
  for (int i = 0; i < 100000; ++i) s += "<div>";
  s += "نص عميق";
  auto r = HtmlToText(U(s));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text.str(), "نص عميق");
}

TEST(HtmlToText, ManyUnclosedFormattingTags) {
  std::string s;
  for (int i = 0; i < 20000; ++i) s += "<p><font><b>كلمة";
  auto r = HtmlToText(U(s));
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->text.str().find("كلمة"), std::string::npos);
}

}  // namespace
}  // namespace akhbar
