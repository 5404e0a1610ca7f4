// Tests of event summaries and storyline linking (akhbar/storylines.h).
#include "akhbar/storylines.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "akhbar/events.h"

namespace akhbar::stories {
namespace {

CivilDate D(int y, int m, int d) { return *CivilDate::Make(y, m, d); }

std::string Iso(const std::optional<CivilDate>& d) { return d ? d->ToIso() : "none"; }

// ---- ArticleHappeningDate --------------------------------------------------------

struct HappeningCase {
  const char* name;
  std::string title;
  std::string body;
  std::optional<CivilDate> published;
  std::string expected;  // ISO date or "none"
};

TEST(ArticleHappeningDate, Table) {
  const std::string long_first =
      "كشف النادي رسميا عن تعاقده مع المدرب الجديد لقيادة الفريق الأول لكرة القدم حتى نهاية الموسم المقبل بعد "
      "إقالة المدرب السابق إثر سلسلة من النتائج المخيبة للآمال";
  const std::vector<HappeningCase> cases = {
      {"weekday in the lead, published the next day", "",
       "أكدت وزيرة الخارجية خلال زيارة لموسكو، الجمعة، أن بلادها ستقف بجانب روسيا.", D(2024, 11, 2), "2024-11-01"},
      {"today with its weekday", "", "أبلغ الزعيم كبير الدبلوماسيين الروس، حسبما أفادت وسائل الإعلام اليوم الأحد.",
       D(2025, 7, 13), "2025-07-13"},
      {"yesterday", "", "تظاهر نحو 500 مزارع، أمس الثلاثاء، أمام مقر العمالة.", D(2025, 6, 11), "2025-06-10"},
      {"a weekday alone names no day without a publication date", "",
       "أعرب الرئيس، الاثنين، عن امتنانه للزعيم على دعمه.", std::nullopt, "none"},
      {"an absolute date in the lead is background, not the happening", "",
       "وقع البلدان معاهدة الشراكة الموقعة في 19 يونيو 2024 بين البلدين في العاصمة.", D(2025, 4, 29), "2025-04-29"},
      {"a weekday in the second paragraph is background", "",
       long_first + ".\n\nوجاء القرار في أعقاب الهزيمة أمام الفريق الضيف مساء السبت.", D(2025, 9, 28), "2025-09-28"},
      {"a short first paragraph (a kicker) lets the second one count", "",
       "خاص.\n\nأعلنت الحكومة، أمس الأربعاء، خطة جديدة للطاقة في البلاد.", D(2025, 1, 16), "2025-01-15"},
      {"the title is read first", "أمس.. الحكومة تعلن خطة جديدة", "أعلنت الحكومة خطة جديدة، الأحد، للطاقة.",
       D(2025, 1, 16), "2025-01-15"},
      {"months ago is not a day", "", "قالت الوزارة منذ 2 شهور إن الخطة جاهزة للتنفيذ في كل المحافظات.",
       D(2025, 3, 1), "2025-03-01"},
      {"no date mention: the publication date", "", "أعلنت الشركة عن نتائجها السنوية في مؤتمر صحفي.", D(2025, 3, 1),
       "2025-03-01"},
      {"tomorrow is never the happening (later than publication)", "",
       "تبدأ القمة غدا في العاصمة بمشاركة عشرين دولة من المنطقة.", D(2025, 3, 1), "2025-03-01"},
  };
  for (const auto& c : cases) {
    DateContext ctx;
    ctx.reference = c.published;
    // As Extract gives them (resolved against the publication date) and,
    // separately, with no mentions given (the lead is scanned).
    auto mentions = FindDates(c.body, ctx);
    EXPECT_EQ(Iso(ArticleHappeningDate(c.title, c.body, mentions, c.published)), c.expected) << c.name;
    EXPECT_EQ(Iso(ArticleHappeningDate(c.title, c.body, {}, c.published)), c.expected) << c.name << " (no mentions)";
    // Mentions resolved against no reference are resolved again here.
    auto unresolved = FindDates(c.body, DateContext{});
    EXPECT_EQ(Iso(ArticleHappeningDate(c.title, c.body, unresolved, c.published)), c.expected)
        << c.name << " (unresolved mentions)";
  }
  // The three-argument form reads the body only.
  EXPECT_EQ(Iso(ArticleHappeningDate("أعلنت الحكومة خطة جديدة للطاقة في البلاد.", {}, D(2025, 1, 16))), "2025-01-16");
}

// ---- claims ------------------------------------------------------------------------

Claim MakeClaim(std::optional<double> value, std::string counted, std::string qualifier, std::string main_entity,
                std::string text, std::string attributed = "") {
  Claim c;
  c.value = value;
  c.counted = std::move(counted);
  c.qualifier = std::move(qualifier);
  c.main_entity = std::move(main_entity);
  c.text = std::move(text);
  c.attributed_name = std::move(attributed);
  char buf[64] = "";
  if (value) std::snprintf(buf, sizeof buf, "%.15g", *value);
  c.key = c.counted + "|" + (value ? std::string(buf) : c.qualifier) + "|" + c.main_entity;
  return c;
}

ArticleView Article(std::string id, std::string outlet, std::vector<Claim> claims, std::string dup_group = "") {
  ArticleView a;
  a.id = std::move(id);
  a.outlet = std::move(outlet);
  a.claims = std::move(claims);
  a.dup_group = dup_group.empty() ? a.id : dup_group;
  return a;
}

TEST(MergeClaims, SameKeyAcrossOutletsIsOneClaim) {
  const std::string nk = "كوريا الشمالية";
  std::vector<ArticleView> arts = {
      Article("001", "صدى البلد", {MakeClaim(10000, "جندي", "more than", nk, "أكثر من 10000 جندي")}),
      Article("002", "وكالات",
              {MakeClaim(8000, "جندي", "up to", nk, "ما يصل إلى ثمانية آلاف جندي"),
               MakeClaim(10000, "جندي", "", nk, "10 آلاف جندي كوري شمالي", "أنتوني بلينكن"),
               MakeClaim(8000, "جندي", "up to", nk, "ما يصل إلى 8 آلاف")}),
      Article("003", "صراحة نيوز", {MakeClaim(10000, "جندي", "more than", nk, "أكثر من 10 آلاف جندي")}),
  };
  std::vector<const ArticleView*> ptrs;
  for (const auto& a : arts) ptrs.push_back(&a);
  auto merged = MergeClaims(ptrs);
  ASSERT_EQ(merged.size(), 2u);
  // Most independent sources first.
  EXPECT_EQ(merged[0].key, "جندي|10000|" + nk);
  ASSERT_EQ(merged[0].sources.size(), 3u);
  EXPECT_EQ(merged[0].sources[0].article_id, "001");
  EXPECT_EQ(merged[0].sources[1].article_id, "002");
  EXPECT_EQ(merged[0].sources[1].qualifier, "");
  EXPECT_EQ(merged[0].sources[2].article_id, "003");
  EXPECT_EQ(merged[0].qualifier, "more than");  // 2 of 3 sources
  EXPECT_EQ(merged[0].independent, 3u);
  EXPECT_EQ(merged[0].outlets, (std::vector<std::string>{"صدى البلد", "صراحة نيوز", "وكالات"}));
  EXPECT_EQ(merged[0].attributions, (std::vector<std::string>{"أنتوني بلينكن"}));
  // The same claim twice in one article is one source.
  EXPECT_EQ(merged[1].key, "جندي|8000|" + nk);
  EXPECT_EQ(merged[1].sources.size(), 1u);
  EXPECT_EQ(merged[1].qualifier, "up to");

  auto conflicts = FindConflicts(merged);
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].counted, "جندي");
  EXPECT_EQ(conflicts[0].claims, (std::vector<size_t>{0, 1}));
}

TEST(MergeClaims, CopiesCountOnce) {
  std::vector<ArticleView> arts = {
      Article("a", "X", {MakeClaim(1200, "حالة", "", "", "1200 حالة")}, "a"),
      Article("b", "Y", {MakeClaim(1200, "حالة", "", "", "1200 حالة")}, "a"),  // a near-duplicate of a
      Article("c", "Z", {MakeClaim(14, "وفاة", "", "", "14 وفاة")}, "c"),
  };
  std::vector<const ArticleView*> ptrs;
  for (const auto& a : arts) ptrs.push_back(&a);
  auto merged = MergeClaims(ptrs);
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].sources.size(), 2u);
  EXPECT_EQ(merged[0].independent, 1u);
  EXPECT_EQ(merged[0].outlets.size(), 2u);
}

struct ConflictCase {
  const char* name;
  std::vector<Claim> claims;  // one article each
  size_t conflicts;
};

TEST(FindConflicts, Table) {
  const std::vector<ConflictCase> cases = {
      {"different values of the same thing", {MakeClaim(500, "مزارع", "about", "", "نحو 500 مزارع"),
                                               MakeClaim(2000, "مزارع", "more than", "", "أكثر من ألفي مزارع")},
       1},
      {"the same value is no conflict", {MakeClaim(3, "شخص", "", "", "3"), MakeClaim(3, "شخص", "", "", "ثلاثة")}, 0},
      {"a vague amount alone is no conflict",
       {MakeClaim(std::nullopt, "محتج", "thousands", "", "آلاف المحتجين"), MakeClaim(1500, "محتج", "about", "", "1500")},
       0},
      {"other main entities are other things",
       {MakeClaim(8000, "جندي", "", "كوريا الشمالية", "a"), MakeClaim(10000, "جندي", "", "روسيا", "b")},
       0},
      {"a claim naming no main entity may be about any",
       {MakeClaim(45000, "دولار", "", "العراق", "a"), MakeClaim(50000, "دولار", "up to", "", "b")},
       1},
      {"the unnamed claims join the group of each main entity",
       {MakeClaim(8000, "جندي", "", "", "a"), MakeClaim(10000, "جندي", "", "", "b"),
        MakeClaim(8000, "جندي", "", "روسيا", "c"), MakeClaim(8000, "جندي", "", "أوكرانيا", "d")},
       2},
      {"other counted nouns are other things",
       {MakeClaim(14, "وفاة", "", "", "a"), MakeClaim(1200, "حالة", "", "", "b")},
       0},
  };
  for (const auto& c : cases) {
    std::vector<ArticleView> arts;
    for (size_t i = 0; i < c.claims.size(); ++i) arts.push_back(Article("a" + std::to_string(i), "", {c.claims[i]}));
    std::vector<const ArticleView*> ptrs;
    for (const auto& a : arts) ptrs.push_back(&a);
    EXPECT_EQ(FindConflicts(MergeClaims(ptrs)).size(), c.conflicts) << c.name;
  }
}

// ---- SummarizeEvent ------------------------------------------------------------------

Entity Ent(std::string id, std::string type, std::string canonical, std::vector<uint32_t> begins) {
  Entity e;
  e.id = std::move(id);
  e.type = std::move(type);
  e.canonical = canonical;
  for (uint32_t b : begins) e.mentions.push_back({canonical, b, b + static_cast<uint32_t>(canonical.size())});
  return e;
}

TEST(SummarizeEvent, DatesHeadlineSummaryEntities) {
  ArticleView a, b, c;
  a.id = "b-second";
  a.outlet = "الوادي اليوم";
  a.title = "اليمن يعلن تفشي الكوليرا في الحديدة";
  a.body =
      "أعلنت وزارة الصحة اليمنية تفشي وباء الكوليرا في محافظة الحديدة بعد تسجيل مئات الإصابات.\n\n"
      "وقال الوزير إن الفرق الصحية انتشرت في كل المديريات المتضررة من الوباء.";
  a.published = D(2024, 8, 18);
  a.happened = D(2024, 8, 18);
  a.entities = {Ent("loc:hodeidah", "LOC", "الحديدة", {80, 200}), Ent("loc:yemen", "LOC", "اليمن", {30})};
  b = a;  // a copy published by another outlet the next day
  b.id = "a-first";
  b.outlet = "المرصد الشامي";
  b.title = "الكوليرا تنتشر في الحديدة";
  b.published = D(2024, 8, 19);
  b.happened = std::nullopt;
  b.dup_group = "b-second";
  c.id = "c-undated";
  c.title = "مخاوف من الكوليرا";
  c.body = "حذرت منظمات إنسانية من انتشار الكوليرا في مخيمات النازحين قرب الحديدة خلال الأسابيع المقبلة.";
  c.entities = {Ent("loc:hodeidah", "LOC", "الحديدة", {60})};
  a.dup_group = "b-second";
  std::vector<ArticleView> members = {a, b, c};
  auto s = SummarizeEvent(7, members);
  EXPECT_EQ(s.event, 7u);
  EXPECT_EQ(s.articles, (std::vector<std::string>{"b-second", "a-first", "c-undated"}));  // input order
  EXPECT_EQ(Iso(s.date), "2024-08-18");
  EXPECT_EQ(Iso(s.last_date), "2024-08-19");
  EXPECT_EQ(s.independent, 2u);  // a and b are one near-duplicate group
  EXPECT_EQ(s.outlets, (std::vector<std::string>{"المرصد الشامي", "الوادي اليوم"}));
  // Volume: a on 08-18, b on 08-19, c (undated) on the event's date.
  ASSERT_EQ(s.volume.size(), 2u);
  EXPECT_EQ(s.volume[0].second, 2u);
  EXPECT_EQ(s.volume[1].second, 1u);
  EXPECT_FALSE(s.headline.empty());
  EXPECT_FALSE(s.headline_article.empty());
  // The summary never repeats a sentence (a and b have the same body).
  ASSERT_FALSE(s.summary.empty());
  std::set<std::string> distinct(s.summary.begin(), s.summary.end());
  EXPECT_EQ(distinct.size(), s.summary.size());
  EXPECT_LE(s.summary.size(), 3u);
  // The place every member names is the most central entity.
  ASSERT_FALSE(s.entities.empty());
  EXPECT_EQ(s.entities[0].id, "loc:hodeidah");
  EXPECT_EQ(s.entities[0].articles, 3u);
  // Topic: sorted by id, unit length.
  double norm = 0;
  for (size_t i = 0; i < s.topic.size(); ++i) {
    norm += s.topic[i].second * s.topic[i].second;
    if (i > 0) {
      EXPECT_LT(s.topic[i - 1].first, s.topic[i].first);
    }
  }
  EXPECT_NEAR(norm, 1.0, 1e-4);
  // Input order does not matter.
  std::vector<ArticleView> reversed = {c, b, a};
  auto r = SummarizeEvent(7, reversed);
  EXPECT_EQ(r.headline, s.headline);
  EXPECT_EQ(r.summary, s.summary);
  EXPECT_EQ(r.topic, s.topic);
}

TEST(SummarizeEvent, UndatedWhenNoMemberHasADate) {
  ArticleView a;
  a.id = "x";
  a.title = "بوتين يشكر كيم";
  a.body = "أعرب الرئيس الروسي، الاثنين، عن امتنانه لزعيم كوريا الشمالية على دعمه في الحرب.";
  auto s = SummarizeEvent(1, {a});
  EXPECT_FALSE(s.date.has_value());
  EXPECT_TRUE(s.volume.empty());
  EXPECT_EQ(s.headline, a.title);
  EXPECT_EQ(s.headline_article, "x");
}

// ---- LinkStorylines -------------------------------------------------------------------

// A synthetic event: entities (id, weight) and topic words (hashed as the
// summaries' term ids are).
EventSummary Ev(uint32_t id, std::optional<CivilDate> date, std::vector<std::pair<std::string, double>> ents,
                std::vector<std::string> words) {
  EventSummary e;
  e.event = id;
  e.date = date;
  e.last_date = date;
  e.articles = {"art" + std::to_string(id)};
  e.headline = "event " + std::to_string(id);
  for (const auto& [name, w] : ents) {
    EntityWeight x;
    x.id = name;
    x.type = name.substr(0, 3) == "per" ? "PER" : name.substr(0, 3) == "org" ? "ORG" : "LOC";
    x.canonical = name;
    x.weight = w;
    x.articles = 1;
    e.entities.push_back(x);
  }
  std::map<uint64_t, float> t;
  for (const auto& w : words) t[events::MakeTermId(events::TermKind::kWord, w)] += 1;
  double n = 0;
  for (const auto& [k, v] : t) n += v * v;
  for (const auto& [k, v] : t) e.topic.emplace_back(k, static_cast<float>(v / std::sqrt(n)));
  return e;
}

std::set<std::set<uint32_t>> Partition(const std::vector<Storyline>& s) {
  std::set<std::set<uint32_t>> out;
  for (const auto& x : s) out.insert(std::set<uint32_t>(x.events.begin(), x.events.end()));
  return out;
}

// A small feed: a storyline about one company over months (two undated
// events among them), and many other events that mention Russia.
std::vector<EventSummary> Feed() {
  std::vector<EventSummary> ev;
  ev.push_back(Ev(0, D(2024, 10, 15), {{"org:nibras", 4}, {"loc:jeddah", 3}, {"loc:saudi", 2}, {"per:ceo", 2}},
                  {"مركز", "بيانات", "ذكاء", "اصطناعي", "جدة", "نبراس"}));
  ev.push_back(Ev(1, D(2025, 4, 3), {{"org:nibras", 4}, {"org:hanbit", 3}, {"loc:korea", 2}, {"per:ceo", 2}},
                  {"صفقة", "رقائق", "نبراس", "معالجات", "مركز", "بيانات"}));
  ev.push_back(Ev(2, std::nullopt, {{"org:nibras", 4}, {"loc:jeddah", 3}, {"per:ceo", 2}},
                  {"تشغيل", "مرحلة", "مركز", "بيانات", "جدة", "نبراس"}));
  for (uint32_t i = 3; i < 23; ++i) {
    // Each: Russia plus its own people and places and words.
    std::string k = std::to_string(i);
    ev.push_back(Ev(i, D(2025, 1, static_cast<int>(i)), {{"loc:russia", 3}, {"per:p" + k, 3}, {"loc:l" + k, 2}},
                    {"روسيا", "كلمة" + k, "حدث" + k, "مكان" + k}));
  }
  ev.push_back(Ev(23, std::nullopt, {{"org:nibras", 1}, {"per:ceo", 2}, {"loc:cairo", 3}},
                  {"مهرجان", "افلام", "قصيرة", "القاهرة"}));  // same people, another story
  return ev;
}

TEST(LinkStorylines, EntitiesAndTopicNotOneBusyEntity) {
  auto ev = Feed();
  auto s = LinkStorylines(ev);
  auto part = Partition(s);
  EXPECT_TRUE(part.count({0, 1, 2})) << "the company's storyline, undated event included";
  for (uint32_t i = 3; i < 24; ++i) EXPECT_TRUE(part.count({i})) << "event " << i << " stands alone";
  // Ordered by first event; ids are positions.
  for (size_t i = 0; i < s.size(); ++i) EXPECT_EQ(s[i].id, i);
  const Storyline* story = nullptr;
  for (const auto& x : s)
    if (x.events.size() == 3) story = &x;
  ASSERT_NE(story, nullptr);
  EXPECT_EQ(story->events, (std::vector<uint32_t>{0, 1, 2}));  // dated by date, then undated
  EXPECT_EQ(Iso(story->first_date), "2024-10-15");
  EXPECT_EQ(Iso(story->last_date), "2025-04-03");
  EXPECT_EQ(story->articles, 3u);
  ASSERT_FALSE(story->entities.empty());
  EXPECT_EQ(story->entities[0].id, "org:nibras");
  EXPECT_EQ(s.front().events.front(), 0u);  // the earliest storyline first
}

TEST(LinkStorylines, IndependentOfInputOrder) {
  auto ev = Feed();
  auto a = LinkStorylines(ev);
  std::reverse(ev.begin(), ev.end());
  auto b = LinkStorylines(ev);
  std::rotate(ev.begin(), ev.begin() + 7, ev.end());
  auto c = LinkStorylines(ev);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.size(), c.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].events, b[i].events);
    EXPECT_EQ(a[i].events, c[i].events);
    EXPECT_EQ(a[i].title, b[i].title);
  }
}

TEST(LinkStorylines, TimeDecayHasAFloor) {
  std::vector<std::pair<std::string, double>> ents = {{"org:x", 3}, {"per:y", 2}, {"loc:z", 2}};
  std::vector<std::string> words = {"قرض", "تونس", "صندوق"};
  std::vector<EventSummary> ev = {Ev(0, D(2025, 1, 1), ents, words), Ev(1, D(2025, 1, 11), ents, words),
                                  Ev(2, D(2025, 9, 1), ents, words), Ev(3, D(2028, 1, 1), ents, words),
                                  Ev(4, std::nullopt, ents, words), Ev(5, D(2025, 1, 1), {{"loc:q", 1}}, {"ماء"})};
  StorylineOptions o;
  auto near = ScoreEventLink(ev, 0, 1, o);
  auto months = ScoreEventLink(ev, 0, 2, o);
  auto years = ScoreEventLink(ev, 0, 3, o);
  auto undated = ScoreEventLink(ev, 0, 4, o);
  EXPECT_TRUE(near.linkable);
  EXPECT_GT(near.time, months.time);
  EXPECT_GT(months.time, o.min_time_factor);  // 8 months: still above the floor
  EXPECT_LT(months.time, near.time);
  EXPECT_DOUBLE_EQ(years.time, o.min_time_factor);
  EXPECT_DOUBLE_EQ(undated.time, o.undated_time_factor);
  EXPECT_GT(near.score, months.score);
  EXPECT_GE(months.score, o.link_threshold) << "identical content months apart still links";
  // Nothing shared: cannot link.
  auto none = ScoreEventLink(ev, 0, 5, o);
  EXPECT_FALSE(none.linkable);
  EXPECT_EQ(none.score, 0.0);
}

TEST(LinkStorylines, OneSharedEntityNeedsTopic) {
  // One shared person; with the same topic words the pair can link, with
  // other words it cannot.
  std::vector<EventSummary> ev = {
      Ev(0, D(2025, 3, 4), {{"per:minister", 3}, {"org:atlas", 3}}, {"مجمع", "شمسي", "درعة", "طاقة"}),
      Ev(1, D(2025, 3, 20), {{"per:minister", 3}, {"loc:casablanca", 2}}, {"معرض", "سيارات", "كهربائية"}),
      Ev(2, D(2025, 3, 25), {{"per:minister", 3}, {"loc:ouarzazate", 2}}, {"مجمع", "شمسي", "درعة", "مياه"}),
  };
  EXPECT_FALSE(ScoreEventLink(ev, 0, 1).linkable);
  EXPECT_TRUE(ScoreEventLink(ev, 0, 2).linkable);
}

TEST(LinkStorylines, NoChaining) {
  // A chain A-B-C-D where each neighbour pair shares two entities and words
  // and A, D share nothing with C, B: single linkage would make one
  // storyline of it; average linkage stops where the mean link drops.
  std::vector<EventSummary> ev = {
      Ev(0, D(2025, 1, 1), {{"per:a", 3}, {"loc:b", 3}}, {"الف", "باء"}),
      Ev(1, D(2025, 1, 2), {{"per:a", 3}, {"loc:b", 3}, {"org:c", 3}, {"loc:d", 3}}, {"الف", "باء", "جيم", "دال"}),
      Ev(2, D(2025, 1, 3), {{"org:c", 3}, {"loc:d", 3}, {"per:e", 3}, {"loc:f", 3}}, {"جيم", "دال", "هاء", "واو"}),
      Ev(3, D(2025, 1, 4), {{"per:e", 3}, {"loc:f", 3}}, {"هاء", "واو"}),
  };
  StorylineOptions o;
  for (size_t i = 0; i + 1 < ev.size(); ++i)
    EXPECT_GE(ScoreEventLink(ev, i, i + 1, o).score, o.link_threshold) << i;
  EXPECT_EQ(ScoreEventLink(ev, 0, 2, o).score, 0.0);
  EXPECT_EQ(ScoreEventLink(ev, 0, 3, o).score, 0.0);
  auto part = Partition(LinkStorylines(ev, o));
  EXPECT_GE(part.size(), 2u) << "the chain is not one storyline";
}

// The partition handed over before the storylines are described names,
// for each input event, the smallest event id of the storyline it ends in,
// whatever the input order.
TEST(LinkStorylines, PartitionIsHandedOverOnceAndAgrees) {
  auto ev = Feed();
  std::rotate(ev.begin(), ev.begin() + 5, ev.end());
  int calls = 0;
  std::vector<uint32_t> line_of;
  auto lines = LinkStorylines(ev, {}, [&](std::vector<uint32_t> p) {
    ++calls;
    line_of = std::move(p);
  });
  EXPECT_EQ(calls, 1);
  ASSERT_EQ(line_of.size(), ev.size());
  std::map<uint32_t, uint32_t> expected;  // event id -> smallest event id of its storyline
  for (const Storyline& s : lines)
    for (uint32_t e : s.events) expected[e] = *std::min_element(s.events.begin(), s.events.end());
  for (size_t i = 0; i < ev.size(); ++i) EXPECT_EQ(line_of[i], expected.at(ev[i].event)) << ev[i].event;
  EXPECT_EQ(line_of[std::find_if(ev.begin(), ev.end(), [](const EventSummary& e) { return e.event == 2; }) -
                    ev.begin()],
            0u);  // in the company's storyline {0, 1, 2}
  calls = 0;
  EXPECT_TRUE(LinkStorylines({}, {}, [&](std::vector<uint32_t> p) {
                ++calls;
                EXPECT_TRUE(p.empty());
              }).empty());
  EXPECT_EQ(calls, 1);
}

TEST(LinkStorylines, EmptyAndSingle) {
  EXPECT_TRUE(LinkStorylines({}).empty());
  auto one = LinkStorylines({Ev(5, std::nullopt, {}, {})});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].events, (std::vector<uint32_t>{5}));
  EXPECT_FALSE(one[0].first_date.has_value());
}

}  // namespace
}  // namespace akhbar::stories
