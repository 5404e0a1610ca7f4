// Table-driven tests of the scraped-text cleaning rules, on snippets written
// for these tests.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "akhbar/article.h"
#include "clean/agencies.h"
#include "clean/lines.h"

namespace akhbar {
namespace {

const char kBody1[] = "أعلن وزير النقل سالم الحربي اليوم افتتاح الطريق الساحلي الجديد بطول 120 كيلومترا.";
const char kBody2[] = "وقال الحربي في مؤتمر صحفي إن المشروع كلف نحو 300 مليون ريال.";

std::string Page(std::initializer_list<std::string_view> lines) {
  std::string out;
  for (auto l : lines) {
    out.append(l);
    out.push_back('\n');
  }
  return out;
}

bool Removed(const Article& a, std::string_view text, std::string_view why) {
  for (const auto& r : a.removed)
    if (r.text == text && r.why == why) return true;
  return false;
}

struct RuleCase {
  const char* name;
  std::string line;        // a line placed between the title and the body
  const char* why;         // expected reason, or nullptr if the line stays in the body
};

TEST(TextClean, LineRules) {
  const RuleCase cases[] = {
      {"close", "close", why::kChrome},
      {"share", "شارك", why::kChrome},
      {"share with tanween", "مشاركة", why::kChrome},
      {"print", "طباعة", why::kChrome},
      {"comments header", "تعليقات", why::kChrome},
      {"follow line", "تابعونا على فيسبوك وتويتر", why::kChrome},
      {"share line", "شارك على واتساب", why::kChrome},
      {"copyright", "جميع الحقوق محفوظة لموقع الأفق 2025", why::kChrome},
      {"comment form", "اترك تعليقاً", why::kCommentForm},
      {"comment form alt", "أضف تعليقك", why::kChrome},
      {"email notice", "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *", why::kCommentForm},
      {"required fields", "الحقول الإلزامية مشار إليها بـ *", why::kCommentForm},
      {"relative months", "منذ 2 شهور", why::kRelativeDate},
      {"relative hours", "منذ ساعتين", why::kRelativeDate},
      {"relative days", "قبل 3 أيام", why::kRelativeDate},
      {"date line", "تاريخ النشر: 2nd, March 2025 GMT", why::kDateLine},
      {"published on", "نشر في 12 يونيو 2025", why::kDateLine},
      {"levantine date", "الأحد 19 كانون الثاني 2025", why::kDateLine},
      {"numeric date", "14/03/2025", why::kDateLine},
      {"iso date with time", "2025-03-14 10:30", why::kDateLine},
      {"tweet picture", "نهاية السباق، بطلنا يفوز #الأفق pic.twitter.com/Ab12Cd", why::kSocialEmbed},
      {"tweet attribution", "— نادي الواحة (@WahaClub) March 5, 2025", why::kSocialEmbed},
      {"hashtags", "#الواحة #سوق_التمور #الزراعة", why::kHashtags},
      {"source", "المصدر: بوابة النيل", why::kSourceLine},
      {"source spaced", "المصدر : وكالات", why::kSourceLine},
      {"keywords", "كلمات دلالية: التمور الواحة", why::kKeywordsLine},
      {"tags", "الوسوم: زراعة، تمور", why::kKeywordsLine},
      {"byline", "بقلم: هدى السالم", why::kByline},
      {"site breadcrumb", "صوت الخليج | اقتصاد", why::kChrome},
      {"section trail", "الرئيسية » أخبار » العالم", why::kChrome},
      {"comment field", "الاسم *", why::kCommentForm},
      {"comment submit", "إرسال التعليق", why::kCommentForm},
      {"date with clock after bar", "2025-09-28 | 21:40", why::kDateLine},
      {"sentence with share inside", "وأكد أن مشاركة المزارعين كانت واسعة هذا العام.", nullptr},
      {"sentence with date", "وأشار إلى أن الطريق سيفتتح في 14 مارس 2025 رسميا بحضور الوزير.", nullptr},
      {"sentence starting with source word", "المصدر الذي تحدث للصحيفة رفض الكشف عن اسمه لكنه أكد الخبر.", nullptr},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::string page = Page({"افتتاح الطريق الساحلي الجديد", c.line, kBody1, kBody2});
    Article a = CleanText(page, PageMeta{}, CleanOptions{});
    EXPECT_EQ(a.title, "افتتاح الطريق الساحلي الجديد");
    bool in_body = false;
    for (const auto& p : a.body) in_body = in_body || p == c.line;
    if (c.why == nullptr) {
      EXPECT_TRUE(in_body);
      EXPECT_EQ(a.body.size(), 3u);
    } else {
      EXPECT_FALSE(in_body);
      EXPECT_TRUE(Removed(a, c.line, c.why)) << "not removed as " << c.why;
      ASSERT_EQ(a.body.size(), 2u);
      EXPECT_EQ(a.body[0], kBody1);
    }
  }
}

TEST(TextClean, TitleRepeatedAndUrgencyMarker) {
  struct Case {
    const char* name;
    std::string page;
    const char* title;
    std::vector<std::string> flags;
  };
  const Case cases[] = {
      {"repeated", Page({"الوزير يفتتح الطريق", "", "الوزير يفتتح الطريق", kBody1}), "الوزير يفتتح الطريق", {}},
      {"repeated after relative date", Page({"الوزير يفتتح الطريق", "منذ 3 أيام", "الوزير يفتتح الطريق", kBody1}),
       "الوزير يفتتح الطريق", {}},
      {"breaking dots", Page({"عاجل.. الوزير يفتتح الطريق", "عاجل.. الوزير يفتتح الطريق", kBody1}),
       "الوزير يفتتح الطريق", {"breaking"}},
      {"breaking colon", Page({"عاجل: الوزير يفتتح الطريق", kBody1}), "الوزير يفتتح الطريق", {"breaking"}},
      {"video", Page({"بالفيديو.. لحظة افتتاح الطريق", kBody1}), "لحظة افتتاح الطريق", {"video"}},
      {"photos", Page({"بالصور: الطريق الساحلي قبل الافتتاح", kBody1}), "الطريق الساحلي قبل الافتتاح", {"photos"}},
      {"exclusive", Page({"خاص: تفاصيل عقد الطريق", kBody1}), "تفاصيل عقد الطريق", {"exclusive"}},
      {"exclusive word in title", Page({"خاصية جديدة في تطبيق النقل", kBody1}), "خاصية جديدة في تطبيق النقل", {}},
      {"leading chrome", Page({"close", "شارك", "الوزير يفتتح الطريق", kBody1}), "الوزير يفتتح الطريق", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Article a = CleanText(c.page, PageMeta{}, CleanOptions{});
    EXPECT_EQ(a.title, c.title);
    EXPECT_EQ(a.flags, c.flags);
    ASSERT_EQ(a.body.size(), 1u);
    EXPECT_EQ(a.body[0], kBody1);
  }
}

TEST(TextClean, ContainerTitleIsNotRepeatedInBody) {
  PageMeta meta;
  meta.title = "الوزير يفتتح الطريق";
  Article a = CleanText(Page({"الوزير يفتتح الطريق", kBody1, kBody2}), meta, CleanOptions{});
  EXPECT_EQ(a.title, "الوزير يفتتح الطريق");
  EXPECT_EQ(a.body.size(), 2u);
  // Without the line repeated, the first line is body.
  Article b = CleanText(Page({kBody1, kBody2}), meta, CleanOptions{});
  EXPECT_EQ(b.body.size(), 2u);
}

TEST(TextClean, Teasers) {
  std::string page = Page({
      "الوزير يفتتح الطريق",
      kBody1,
      kBody2,
      "اقرأ أيضا:",
      "منتخب الواحة يفوز على ضيفه في الدوري",
      "منتخب الواحة يفوز على ضيفه في الدوري",
      "حقق منتخب الواحة فوزا ثمينا على ضيفه بهدفين نظيفين في الجولة الخامسة من الدوري.",
      "وسجل الهدفين المهاجم الشاب في الشوط الثاني.",
      "أسعار الذهب ترتفع في الأسواق المحلية",
      "المرصد الشامي /..",
      "ارتفعت أسعار الذهب اليوم بنسبة 2% مدفوعة بالطلب المحلي.",
  });
  Article a = CleanText(page, PageMeta{}, CleanOptions{});
  ASSERT_EQ(a.body.size(), 2u);
  ASSERT_EQ(a.teasers.size(), 2u);
  EXPECT_EQ(a.teasers[0].title, "منتخب الواحة يفوز على ضيفه في الدوري");
  EXPECT_NE(a.teasers[0].text.find("وسجل الهدفين"), std::string::npos);
  EXPECT_EQ(a.teasers[1].title, "أسعار الذهب ترتفع في الأسواق المحلية");
  EXPECT_EQ(a.teasers[1].outlet, "المرصد الشامي");
  EXPECT_EQ(a.BodyText().find("الذهب"), std::string::npos);
}

TEST(TextClean, TeaserMarkers) {
  for (const char* marker : {"إقرأ أيضاً:", "اقرأ أيضا", "قراءة المزيد", "اقرأ المزيد", "المزيد من الأخبار",
                             "أخبار ذات صلة", "مواضيع ذات صلة", "الأكثر قراءة"}) {
    SCOPED_TRACE(marker);
    Article a = CleanText(Page({"الوزير يفتتح الطريق", kBody1, marker, "قصة أخرى تماما عن الطقس", kBody2}),
                          PageMeta{}, CleanOptions{});
    EXPECT_EQ(a.body.size(), 1u);
    ASSERT_EQ(a.teasers.size(), 1u);
    EXPECT_EQ(a.teasers[0].title, "قصة أخرى تماما عن الطقس");
  }
}

TEST(TextClean, OutletSources) {
  struct Case {
    const char* name;
    std::string page;
    PageMeta meta;
    const char* outlet;
  };
  PageMeta with_source;
  with_source.outlet = "alwaha";
  PageMeta with_url;
  with_url.url = "https://www.alofoq-news.example/2025/03/road";
  const Case cases[] = {
      {"source line", Page({"عنوان", kBody1, "المصدر: بوابة النيل"}), {}, "بوابة النيل"},
      {"agencies kept as they are", Page({"عنوان", kBody1, "المصدر: وكالات"}), {}, "وكالات"},
      {"dateline dash", Page({"عنوان", std::string("الأفق نيوز- ") + kBody1}), {}, "الأفق نيوز"},
      {"dateline slash", Page({"عنوان", std::string("المرصد الشامي /.. ") + kBody1}), {}, "المرصد الشامي"},
      {"city dateline is not an outlet", Page({"عنوان", std::string("الرياض - ") + kBody1}), {}, ""},
      {"record field", Page({"عنوان", kBody1}), with_source, "alwaha"},
      {"url", Page({"عنوان", kBody1}), with_url, "alofoq-news.example"},
      {"city then outlet", Page({"عنوان", std::string("جدة - صوت الخليج: ") + kBody1}), {}, "صوت الخليج"},
      {"city then agency", Page({"عنوان", std::string("الرياض - واس: ") + kBody1}), {}, ""},
      {"first credit of several", Page({"عنوان", kBody1, "المصدر: الوادي اليوم + وكالات"}), {}, "الوادي اليوم"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Article a = CleanText(c.page, c.meta, CleanOptions{});
    EXPECT_EQ(a.outlet, c.outlet);
    ASSERT_FALSE(a.body.empty());
    EXPECT_NE(a.body[0].find("أعلن وزير النقل"), std::string::npos);
  }
}

TEST(TextClean, Keywords) {
  struct Case {
    const char* line;
    std::vector<std::string> tags;
  };
  const Case cases[] = {
      {"كلمات دلالية: الزراعة، التمور، الواحة", {"الزراعة", "التمور", "الواحة"}},
      {"كلمات دلالية: زراعة | تمور", {"زراعة", "تمور"}},
      {"كلمات دلالية: اقتصاد کوریا الشمالیة", {"اقتصاد", "كوريا الشمالية"}},
      {"كلمات دلالية: الوزير الكوري الجنوبي موسكو", {"الوزير الكوري الجنوبي", "موسكو"}},
      {"كلمات دلالية: كيم جونج أون بيونغ يانغ الحرب", {"كيم جونج أون", "بيونغ يانغ", "الحرب"}},
      {"الوسوم: #الطقس #الأمطار", {"الطقس", "الأمطار"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.line);
    Article a = CleanText(Page({"عنوان الخبر", kBody1, c.line}), PageMeta{}, CleanOptions{});
    EXPECT_EQ(a.keywords, c.tags);
    EXPECT_EQ(a.body.size(), 1u);
  }
}

TEST(TextClean, PublishedDate) {
  struct Case {
    const char* name;
    std::string line;
    PageMeta meta;
    std::optional<CivilDate> ref;
    DateKind kind;
    const char* date;  // nullptr: no date
  };
  PageMeta fetched;
  fetched.fetched_at = "2025-05-10 08:00:00";
  PageMeta record;
  record.published = "2025-01-02";
  const Case cases[] = {
      {"english in arabic", "تاريخ النشر: 2nd, November 2024 GMT", {}, {}, DateKind::kAbsolute, "2024-11-02"},
      {"arabic month", "نشر في 12 يونيو 2025", {}, {}, DateKind::kAbsolute, "2025-06-12"},
      {"levantine", "الأحد ١٩ كانون الثاني ٢٠٢٥", {}, {}, DateKind::kAbsolute, "2025-01-19"},
      {"numeric", "14/03/2025", {}, {}, DateKind::kAbsolute, "2025-03-14"},
      {"hijri", "15 رمضان 1446 هـ", {}, {}, DateKind::kAbsolute, "2025-03-15"},
      {"relative unresolved", "منذ 2 شهور", {}, {}, DateKind::kRelative, nullptr},
      {"relative with fetch time", "منذ 3 أيام", fetched, {}, DateKind::kRelative, "2025-05-07"},
      {"relative with ref date", "منذ يومين", {}, CivilDate{2025, 1, 10}, DateKind::kRelative, "2025-01-08"},
      {"no date line, record date", "", record, {}, DateKind::kAbsolute, "2025-01-02"},
      {"nothing", "", {}, {}, DateKind::kUnknown, nullptr},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    CleanOptions options;
    options.ref_date = c.ref;
    Article a = CleanText(Page({"عنوان الخبر", c.line, kBody1}), c.meta, options);
    EXPECT_EQ(a.published.kind, c.kind);
    if (c.date == nullptr) {
      EXPECT_FALSE(a.published.date.has_value());
    } else {
      ASSERT_TRUE(a.published.date.has_value());
      EXPECT_EQ(a.published.date->ToIso(), c.date);
    }
    EXPECT_EQ(a.body.size(), 1u);
  }
}

TEST(TextClean, Agencies) {
  struct Case {
    const char* text;
    std::vector<std::string> latin;
  };
  const Case cases[] = {
      {"وحسب وكالة الصحافة الفرنسية فإن الاجتماع انتهى.", {"AFP"}},
      {"ونقلت رويترز عن مصدر مطلع أن الصفقة أبرمت.", {"Reuters"}},
      {"الرياض (واس) - أعلنت الوزارة اليوم.", {"SPA"}},
      {"وقالت وكالة الأنباء المركزية الكورية الشمالية إن الزعيم زار المصنع.", {"KCNA"}},
      {"بحسب وكالة أنباء \"يونهاب\" الكورية الجنوبية.", {"Yonhap"}},
      {"وأضافت بنا أن الحضور كان كبيرا.", {}},  // بنا alone is a word, not BNA
      {"ذكرت وكالة بنا أن الحضور كان كبيرا.", {"BNA"}},
      {"زار الوفد مدينة قنا في صعيد مصر.", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto found = clean::AgencyIndex::Get().Find(c.text);
    std::vector<std::string> latin;
    for (const auto& f : found) latin.push_back(f.latin);
    EXPECT_EQ(latin, c.latin);
  }
}

TEST(TextClean, TweetAttributionGluedToText) {
  Article a = CleanText(Page({"عنوان الخبر", kBody1,
                              "— نادي الواحة (@WahaClub) March 5, 2025وسجل المهاجم هدفا ثانيا في الدقيقة 80."}),
                        PageMeta{}, CleanOptions{});
  ASSERT_EQ(a.body.size(), 2u);
  EXPECT_EQ(a.body[1], "وسجل المهاجم هدفا ثانيا في الدقيقة 80.");
}

TEST(TextClean, CharacterReferences) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"قال الوزير &quot;نعم&quot; للمشروع.", "قال الوزير \"نعم\" للمشروع."},
      {"الشركة &amp; شركاؤها", "الشركة & شركاؤها"},
      {"&laquo;نبراس&raquo; تطلق مركزا", "«نبراس» تطلق مركزا"},
      {"حرف &#1605; و&#x645;", "حرف م وم"},
      {"رمز &#0; و&#xD800; و&#99999999;", "رمز \xEF\xBF\xBD و\xEF\xBF\xBD و\xEF\xBF\xBD"},
      {"نص &unknown; و & وحدها و&amp", "نص &unknown; و & وحدها و&amp"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    Article a = CleanText(std::string("عنوان الخبر\n") + c.in + "\n", PageMeta{}, CleanOptions{});
    ASSERT_EQ(a.body.size(), 1u);
    EXPECT_EQ(a.body[0], c.out);
  }
}

TEST(TextClean, EmptyAndWhitespace) {
  Article a = CleanText("", PageMeta{}, CleanOptions{});
  EXPECT_TRUE(a.title.empty());
  EXPECT_TRUE(a.body.empty());
  Article b = CleanText(" \n\t\n \xC2\xA0\n", PageMeta{}, CleanOptions{});
  EXPECT_TRUE(b.body.empty());
}

}  // namespace
}  // namespace akhbar
