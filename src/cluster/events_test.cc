#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "akhbar/events.h"

namespace akhbar::events {
namespace {

CivilDate D(int y, int m, int d) { return *CivilDate::Make(y, m, d); }

bool HasTerm(const std::vector<Term>& v, TermId id) {
  return std::any_of(v.begin(), v.end(), [&](const Term& t) { return t.id == id; });
}

TEST(Features, StemsStopwordsNumbersAndEntities) {
  ArticleFeatures f = ExtractFeatures("a1", "وزير الخارجية يصل إلى موسكو",
                                      "وقال الوزير إن الصواريخ وصلت، وبالصواريخ نحو 10,000 جندي &quot;هناك&quot;.",
                                      D(2024, 11, 1), {EntityId("سيرغي لافروف")});
  EXPECT_EQ(f.id, "a1");
  ASSERT_TRUE(f.date.has_value());
  TermId rockets = MakeTermId(TermKind::kWord, "صواريخ");
  TermId moscow = MakeTermId(TermKind::kWord, "موسكو");
  EXPECT_TRUE(HasTerm(f.text, rockets));
  EXPECT_TRUE(HasTerm(f.title, moscow));
  EXPECT_FALSE(HasTerm(f.title, rockets));
  EXPECT_FALSE(HasTerm(f.text, MakeTermId(TermKind::kWord, "الي")));    // stop word (إلى)
  EXPECT_FALSE(HasTerm(f.text, MakeTermId(TermKind::kWord, "quot")));   // HTML reference
  // والصواريخ and الصواريخ are one term counted twice; the title counts twice.
  for (const auto& t : f.text) {
    if (t.id == rockets) { EXPECT_EQ(t.weight, 2.0f); }
    if (t.id == moscow) { EXPECT_EQ(t.weight, 2.0f); }
  }
  EXPECT_TRUE(std::binary_search(f.numbers.begin(), f.numbers.end(), MakeTermId(TermKind::kNumber, "10000")));
  EXPECT_EQ(f.entities, std::vector<TermId>{EntityId("سيرغي لافروف")});
  EXPECT_TRUE(std::is_sorted(f.text.begin(), f.text.end(), [](const Term& a, const Term& b) { return a.id < b.id; }));
}

TEST(Features, EmptyAndEasternDigits) {
  ArticleFeatures f = ExtractFeatures("x", "", "", std::nullopt);
  EXPECT_TRUE(f.text.empty());
  EXPECT_TRUE(f.title.empty());
  ArticleFeatures g = ExtractFeatures("y", "مقتل ٢٧ شخصا", "", std::nullopt);
  EXPECT_EQ(g.numbers, std::vector<TermId>{MakeTermId(TermKind::kNumber, "27")});
}

// TextTerms is ExtractFeatures' `text` of a passage with no title, terms
// and weights alike: lines, numbers, diacritics, Latin, a passage longer
// than the lead, and more distinct words than max_text_terms.
TEST(Features, TextTermsAreTheTextOfAnUntitledArticle) {
  // 200 distinct made-up words (two letters of a list of 15, then a fixed
  // ending), about 1,800 bytes.
  const std::vector<std::string> letters = {"ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض", "ط"};
  std::string many;
  for (size_t i = 0; i < 200; ++i) many += letters[i % 15] + letters[i / 15] + "رمك ";
  const std::vector<std::string> passages = {
      "",
      "وقال الوزير إن الصواريخ وصلت، وبالصواريخ نحو 10,000 جندي &quot;هناك&quot;.",
      "سطر أول عن الاقتصاد\nوسطر ثان عن الاقتصادِ والنفطِ في OPEC+ اليوم ٢٧",
      "الرئيسُ الأمريكي   يلتقي\u200fنظيره الروسي في جنيف. Talks on NATO expansion ended.",
      many,
  };
  for (const std::string& p : passages) {
    const std::vector<Term> got = TextTerms(p);
    const std::vector<Term> want = ExtractFeatures("", "", p, std::nullopt).text;
    ASSERT_EQ(got.size(), want.size()) << p.substr(0, 40);
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].id, want[i].id);
      EXPECT_EQ(got[i].weight, want[i].weight);
    }
  }
  EXPECT_EQ(TextTerms(many).size(), FeatureOptions{}.max_text_terms);
  EXPECT_FALSE(TextTerms(passages[1]).empty());
}

constexpr char kGazetteer[] =
    "# type\tcanonical\tlatin\trole\tvariants\n"
    "PER\tفلاديمير بوتين\tVladimir Putin\tالرئيس الروسي\tفلاديمير بوتين|فلاديمير بوتن\n"
    "LOC\tبيونغ يانغ\tPyongyang\t\tبيونغ يانغ|بيونج يانج\n"
    "PER\tكيم جونغ أون\tKim Jong Un\t\tكيم جونغ أون|كيم جونج أون\n";

TEST(Gazetteer, FindsVariantsWithProclitics) {
  auto g = Gazetteer::Parse(kGazetteer);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->size(), 3u);
  struct Case {
    const char* text;
    std::vector<TermId> want;
  } cases[] = {
      {"التقى الرئيس فلاديمير بوتين نظيره", {EntityId("فلاديمير بوتين")}},
      {"وفلاديمير بوتن في بيونج يانج", {EntityId("فلاديمير بوتين"), EntityId("بيونغ يانغ")}},
      {"رسالة إلى كيم جونج أون", {EntityId("كيم جونغ أون")}},
      {"بوتين وحده لا يكفي", {}},
      {"", {}},
  };
  for (const auto& c : cases) {
    std::vector<TermId> got;
    g->Find(c.text, &got);
    EXPECT_EQ(got, c.want) << c.text;
  }
}

TEST(Gazetteer, RejectsBadLines) {
  EXPECT_FALSE(Gazetteer::Parse("PER\n").ok());
  EXPECT_FALSE(Gazetteer::Parse("PER\t\n").ok());
  EXPECT_FALSE(Gazetteer::Parse(std::string("PER\t\xff\xfe\n")).ok());
  EXPECT_TRUE(Gazetteer::Parse("# only a comment\n\n").ok());
}

// Three happenings, two reports each, written for this test.
struct Story {
  const char* id;
  const char* title;
  const char* body;
  int event;  // expected group
};
const Story kStories[] = {
    {"s1", "انهيار مبنى سكني في حي الشاطئ بجدة ومقتل خمسة",
     "انهار مبنى سكني من أربعة طوابق في حي الشاطئ بمدينة جدة فجر اليوم، ما أدى إلى مقتل خمسة أشخاص وإصابة "
     "12 آخرين، وباشرت فرق الدفاع المدني البحث عن ناجين تحت الأنقاض.",
     0},
    {"s2", "الأمم المتحدة: سفينة مساعدات ترسو في ميناء عدن",
     "رست أول سفينة تابعة لبرنامج الأغذية العالمي في ميناء عدن محملة بالقمح والوقود، وقال متحدث باسم البرنامج "
     "إن السفينة تحمل ما يكفي لإطعام 180 ألف شخص لمدة شهر.",
     1},
    {"s3", "الدفاع المدني: خمسة قتلى في انهيار مبنى بجدة",
     "أعلن الدفاع المدني مقتل خمسة أشخاص وإصابة 12 في انهيار مبنى سكني بحي الشاطئ في جدة، وما زالت عمليات "
     "البحث تحت الأنقاض مستمرة.",
     0},
    {"s4", "منتخب الشباب يفوز على نظيره العماني بهدفين",
     "حقق المنتخب السعودي للشباب فوزا مستحقا على نظيره العماني بهدفين دون رد في المباراة الودية التي أقيمت "
     "على ملعب الأمير فيصل بن فهد بالرياض.",
     2},
    {"s5", "وصول أول سفينة إغاثة أممية إلى ميناء عدن",
     "وصلت إلى ميناء عدن أول سفينة إغاثة لبرنامج الأغذية العالمي تحمل القمح والوقود لنحو 180 ألف شخص، وفق "
     "ما أعلنت الأمم المتحدة.",
     1},
    {"s6", "المنتخب السعودي للشباب يتغلب على عمان",
     "تغلب المنتخب السعودي للشباب على منتخب عمان بهدفين نظيفين في مباراة ودية على ملعب الأمير فيصل بن فهد "
     "في الرياض استعدادا للبطولة الآسيوية.",
     2},
};

std::vector<ArticleFeatures> StoryFeatures(std::optional<CivilDate> date) {
  std::vector<ArticleFeatures> out;
  for (const auto& s : kStories) out.push_back(ExtractFeatures(s.id, s.title, s.body, date));
  return out;
}

TEST(EventClusterer, GroupsReportsOfTheSameHappening) {
  for (bool exhaustive : {false, true}) {
    EventOptions o;
    o.exhaustive = exhaustive;
    EventClusterer c(o);
    std::vector<uint32_t> got;
    for (const auto& f : StoryFeatures(D(2015, 7, 21))) got.push_back(c.Add(f).event);
    for (size_t i = 0; i < got.size(); ++i)
      for (size_t j = 0; j < got.size(); ++j)
        EXPECT_EQ(got[i] == got[j], kStories[i].event == kStories[j].event)
            << kStories[i].id << " " << kStories[j].id << " exhaustive " << exhaustive;
    EXPECT_EQ(c.state().events.size(), 3u);
    EXPECT_EQ(c.state().article_ids.size(), 6u);
  }
}

TEST(EventClusterer, UndatedArticlesHaveNoTimePenalty) {
  auto dated = StoryFeatures(D(2015, 7, 21));
  auto undated = StoryFeatures(std::nullopt);
  EventClusterer c;
  uint32_t e = c.Add(dated[0]).event;
  ScoreParts s = c.Score(undated[2], e);
  EXPECT_EQ(s.time, EventOptions().undated_time_factor);
  EXPECT_EQ(c.Add(undated[2]).event, e);
}

TEST(EventClusterer, DistantDatesSplitAndWindowExpires) {
  EventOptions o;
  o.window_days = 7;
  EventClusterer c(o);
  auto early = StoryFeatures(D(2015, 7, 21));
  auto late = StoryFeatures(D(2015, 9, 1));
  uint32_t e = c.Add(early[0]).event;
  EXPECT_EQ(c.active_events(), 1u);
  ScoreParts s = c.Score(late[2], e);
  EXPECT_LT(s.time, 1e-6);
  Assignment a = c.Add(late[2]);
  EXPECT_TRUE(a.created);
  EXPECT_NE(a.event, e);
  EXPECT_EQ(c.active_events(), 1u);  // the July event left the pool
}

TEST(EventClusterer, ResumesFromStateExactly) {
  std::vector<ArticleFeatures> all;
  for (int day = 0; day < 12; ++day)
    for (const auto& f : StoryFeatures(D(2015, 7, 21).AddDays(day))) {
      all.push_back(f);
      all.back().id += "-" + std::to_string(day);
    }
  EventOptions o;
  o.window_days = 3;
  EventClusterer whole(o);
  std::vector<uint32_t> want;
  for (const auto& f : all) want.push_back(whole.Add(f).event);
  for (size_t cut : {size_t{1}, size_t{17}, all.size() / 2}) {
    EventClusterer first(o);
    for (size_t i = 0; i < cut; ++i) first.Add(all[i]);
    EventClusterer second = EventClusterer::FromState(first.state(), o);
    for (size_t i = cut; i < all.size(); ++i) EXPECT_EQ(second.Add(all[i]).event, want[i]) << cut << " " << i;
    EXPECT_EQ(second.state().article_event, whole.state().article_event);
  }
  EXPECT_GT(whole.MemoryBytes(), 0u);
}

// Second chance: with a join threshold no two different reports reach,
// copies start events of their own; once the second event has two members
// its centroid is compared with the other events and merged into the
// older one of the same happening (never into another happening's).
TEST(EventClusterer, SecondChanceMergesEventsOfOneHappening) {
  auto f = StoryFeatures(D(2015, 7, 21));
  auto copy = [&](size_t i, const char* suffix) {
    ArticleFeatures c = f[i];
    c.id += suffix;
    return c;
  };
  EventOptions o;
  o.join_threshold = 0.75;  // only exact copies join (score 0.8 and up)
  o.merge_threshold = 0.3;
  EventClusterer c(o);
  uint32_t building = c.Add(f[0]).event;   // s1
  EXPECT_TRUE(c.Add(copy(0, "b")).merged.empty());
  uint32_t football = c.Add(f[3]).event;   // s4, another happening
  EXPECT_TRUE(c.Add(copy(3, "b")).merged.empty()) << "the football event must not merge into the building one";
  Assignment first = c.Add(f[2]);          // s3: the building again, told differently
  ASSERT_TRUE(first.created);
  Assignment second = c.Add(copy(2, "b"));  // its event reaches 2 members: second chance
  ASSERT_EQ(second.merged.size(), 1u);
  EXPECT_EQ(second.merged[0], first.event);
  EXPECT_EQ(second.event, building);
  const EventState& st = c.state();
  for (size_t i = 0; i < st.article_ids.size(); ++i)
    EXPECT_EQ(st.article_event[i], st.article_ids[i].rfind("s4", 0) == 0 ? football : building) << st.article_ids[i];
  EXPECT_TRUE(st.events[first.event].members.empty());
  EXPECT_EQ(st.events[building].members.size(), 4u);
  EXPECT_TRUE(std::is_sorted(st.events[building].members.begin(), st.events[building].members.end()));
  // A resumed clusterer ignores the emptied event and goes on the same way.
  EventClusterer resumed = EventClusterer::FromState(c.state(), o);
  EXPECT_EQ(resumed.active_events(), c.active_events());
  EXPECT_EQ(resumed.Add(copy(2, "c")).event, c.Add(copy(2, "c")).event);

  o.merge_threshold = 0;  // off: the two reports stay apart
  EventClusterer off(o);
  for (const auto& a : {f[0], copy(0, "b"), f[3], copy(3, "b"), f[2], copy(2, "b")})
    EXPECT_TRUE(off.Add(a).merged.empty());
  EXPECT_EQ(off.state().events.size(), 3u);
}

TEST(EventClusterer, IndexAgreesWithExhaustiveScan) {
  // Many small synthetic articles over a shared vocabulary: the indexed
  // clusterer must find the same events as the scan of all active events
  // when the candidate limit is not binding.
  const char* words[] = {"مجلس", "الأمن", "إيران", "اتفاق", "نووي", "الفيفا", "بلاتر", "انتخابات", "جدة",
                         "كورنيش", "تحرش", "سفينة", "عدن", "ميناء", "قمح", "طائرة", "مطار", "هبوط",
                         "سمكة", "قرش", "راكب", "أمواج", "تركيا", "انفجار", "سوروتش"};
  std::vector<ArticleFeatures> docs;
  uint64_t x = 12345;
  for (int i = 0; i < 200; ++i) {
    std::string title, body;
    for (int k = 0; k < 12; ++k) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      int topic = i % 5;
      size_t w = static_cast<size_t>(topic * 5 + (x >> 33) % 5) % 25;
      if ((x >> 20) % 4 == 0) w = (x >> 40) % 25;
      (k < 4 ? title : body) += std::string(words[w]) + " ";
    }
    docs.push_back(ExtractFeatures("d" + std::to_string(i), title, body, D(2015, 7, 21).AddDays(i / 40)));
  }
  EventOptions indexed;
  indexed.max_candidates = 1000;
  indexed.query_terms = 100;
  indexed.index_terms = 100;
  EventOptions scan = indexed;
  scan.exhaustive = true;
  EventClusterer a(indexed), b(scan);
  for (const auto& d : docs) EXPECT_EQ(a.Add(d).event, b.Add(d).event) << d.id;
}

TEST(ScoreClustering, KnownValues) {
  struct Case {
    std::vector<uint32_t> pred, gold;
    double bp, br, pf1;
  } cases[] = {
      {{1, 1, 2}, {7, 7, 9}, 1.0, 1.0, 1.0},
      // One predicted cluster for gold {a,b},{c}: precision (2/3*2 + 1/3)/3 = 5/9.
      {{1, 1, 1}, {7, 7, 9}, 5.0 / 9, 1.0, 0.5},
      // All singletons: precision 1, recall (1/2 + 1/2 + 1)/3 = 2/3, no pairs.
      {{1, 2, 3}, {7, 7, 9}, 1.0, 2.0 / 3, 0.0},
  };
  for (const auto& c : cases) {
    ClusterScores s = ScoreClustering(c.pred, c.gold);
    EXPECT_NEAR(s.bcubed_precision, c.bp, 1e-9);
    EXPECT_NEAR(s.bcubed_recall, c.br, 1e-9);
    EXPECT_NEAR(s.pair_f1, c.pf1, 1e-9);
    EXPECT_EQ(s.items, c.pred.size());
  }
  EXPECT_EQ(ScoreClustering({}, {}).items, 0u);
}

TEST(OrderKey, UndatedLastThenTiebreakThenId) {
  std::vector<OrderKey> keys = {MakeOrderKey(std::nullopt, "", "a"), MakeOrderKey(D(2015, 7, 22), "", "b"),
                                MakeOrderKey(D(2015, 7, 21), "09:00", "c"), MakeOrderKey(D(2015, 7, 21), "08:00", "d")};
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys[0].id, "d");
  EXPECT_EQ(keys[1].id, "c");
  EXPECT_EQ(keys[2].id, "b");
  EXPECT_EQ(keys[3].id, "a");
}

}  // namespace
}  // namespace akhbar::events
