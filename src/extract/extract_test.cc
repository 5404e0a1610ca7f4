// Unit tests for entities, quotes and claims, on sentences written for
// akhbar (not taken from any corpus). The NER tagger is off where a test
// checks a gazetteer or linking rule alone, so that the rule is tested, not
// the model.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "akhbar/extract.h"

namespace akhbar {
namespace {

ExtractOptions NoNer() {
  ExtractOptions o;
  o.use_ner = false;
  return o;
}

const Entity* Find(const Extraction& x, const std::string& canonical) {
  for (const auto& e : x.entities)
    if (e.canonical == canonical) return &e;
  return nullptr;
}

TEST(PhoneticKey, TransliterationVariantsAgree) {
  struct Case {
    const char* a;
    const char* b;
  } cases[] = {
      {"كيم جونغ أون", "كيم جونج اون"}, {"سيرغي لافروف", "سيرجي لافروف"}, {"بيونغ يانغ", "بيونج يانج"},
      {"أنتوني بلينكن", "انتوني بلينكين"}, {"زيلينسكي", "زيلنسكي"}, {"كوريا الشمالية", "کوریا الشمالیة"},
      {"تشوي سون هوي", "شوي سون هوي"}, {"البنتاغون", "البنتاجون"}, {"الكرملين", "كرملين"},
      {"بوتين", "بوتن"}, {"مسعود پزشکیان", "مسعود بزشكيان"}, {"غوتيريش", "جوتيريش"},
      {"ماكرون", "ماكرُون"}, {"إيمانويل", "ايمانويل"}, {"دميتري", "ديمتري"}, {"قطاع غزة", "قطاع غزه"},
      // name particles written apart or joined
      {"كريم بن سالم", "كريم بنسالم"}, {"ليلى با عباد", "ليلى باعباد"}, {"عبد الرحمن", "عبدالرحمن"},
      {"محمد ابن سلمان", "محمد بن سلمان"}, {"أبو ظبي", "أبوظبي"},
  };
  for (const auto& c : cases) EXPECT_EQ(PhoneticKey(c.a), PhoneticKey(c.b)) << c.a << " / " << c.b;
}

TEST(PhoneticKey, DistinctNamesStayDistinct) {
  struct Case {
    const char* a;
    const char* b;
  } cases[] = {
      {"كوريا", "الكورية"}, {"روسيا", "الروسي"}, {"وزير", "وزارة"}, {"بوتين", "بيتن كوم"},
      {"كيم جونغ أون", "كيم يونغ هيون"}, {"أوكرانيا", "الأوكراني"},
  };
  for (const auto& c : cases) EXPECT_NE(PhoneticKey(c.a), PhoneticKey(c.b)) << c.a << " / " << c.b;
}

TEST(EntityId, StableAndTyped) {
  EXPECT_EQ(EntityId("PER", "كيم جونغ أون"), EntityId("PER", "كيم جونج أون"));
  EXPECT_EQ(EntityId("PER", "كيم جونغ أون").substr(0, 4), "per:");
  EXPECT_EQ(EntityId("PER", "كيم جونغ أون").size(), 4u + 16u);
  EXPECT_NE(EntityId("PER", "روسيا"), EntityId("LOC", "روسيا"));
  EXPECT_EQ(GazetteerId("كيم جونج أون"), EntityId("PER", "كيم جونغ أون"));
  EXPECT_EQ(GazetteerId("بيونج يانج"), EntityId("LOC", "بيونغ يانغ"));
  EXPECT_EQ(GazetteerId("کوریا الشمالیة"), EntityId("LOC", "كوريا الشمالية"));
  EXPECT_EQ(GazetteerId("رجل عادي"), "");
}

TEST(Entities, GazetteerVariantsMergeUnderOneId) {
  struct Case {
    const char* text;
    const char* canonical;
    size_t mentions;
  } cases[] = {
      {"استقبل كيم جونغ أون الوفد، ثم تحدث كيم جونج أون للصحفيين.", "كيم جونغ أون", 2},
      {"وصل سيرغي لافروف إلى بيونغ يانغ. وقال سيرجي لافروف إن الزيارة مهمة.", "سيرغي لافروف", 2},
      {"زار الوفد بيونغ يانغ ثم غادر بيونج يانج مساء.", "بيونغ يانغ", 2},
      {"تحدث بوتين عن كوريا الشمالية. وأشار إلى کوریا الشمالیة مجددا.", "كوريا الشمالية", 2},
      {"وصل الوزير إلى بيونغيانغ صباحا.", "بيونغ يانغ", 1},
      {"وقالت وكالة الأنباء المركزية الكورية الشمالية إن الاجتماع انتهى.", "وكالة الأنباء المركزية الكورية", 1},
      {"وأعلن البنتاجون أمس وصول التعزيزات.", "البنتاغون", 1},
      {"وتوجه الوفد إلى الولايات المتحدة الأمريكية ثم إلى موسكو.", "الولايات المتحدة", 1},
      {"ودعت للولايات المتحدة إلى التهدئة.", "الولايات المتحدة", 1},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    Extraction x = ExtractText(c.text, NoNer());
    const Entity* e = Find(x, c.canonical);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->mentions.size(), c.mentions);
    EXPECT_FALSE(e->latin.empty());
    for (const auto& m : e->mentions) EXPECT_EQ(std::string(c.text).substr(m.begin, m.end - m.begin), m.text);
  }
}

TEST(Entities, ProcliticsAreNotPartOfTheMention) {
  std::string text = "وأكدت روسيا دعمها، وقال مسؤول في موسكو إن بروسيا قوات كافية.";
  Extraction x = ExtractText(text, NoNer());
  const Entity* e = Find(x, "روسيا");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->mentions.size(), 2u);
  EXPECT_EQ(e->mentions[1].text, "روسيا");  // بروسيا
}

TEST(Entities, SurnameAloneLinksToFullName) {
  struct Case {
    const char* text;
    const char* canonical;
    const char* alone;
  } cases[] = {
      {"التقى وزير الخارجية الروسي سيرغي لافروف نظيره. وقال لافروف إن المحادثات بناءة.", "سيرغي لافروف", "لافروف"},
      {"أشاد الرئيس الروسي فلاديمير بوتين بالعلاقات. وأضاف بوتين أن التعاون سيستمر.", "فلاديمير بوتين", "بوتين"},
      {"استقبل الزعيم الكوري الشمالي كيم جونغ أون الوفد. وأكد كيم استعداده للتعاون.", "كيم جونغ أون", "كيم"},
      {"وصل أنتوني بلينكن إلى سيول. ثم التقى بلينكن الرئيس.", "أنتوني بلينكن", "بلينكن"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    Extraction x = ExtractText(c.text, NoNer());
    const Entity* e = Find(x, c.canonical);
    ASSERT_NE(e, nullptr);
    bool alone = false;
    for (const auto& m : e->mentions) alone = alone || m.text == c.alone;
    EXPECT_TRUE(alone);
  }
  // A surname whose full name is not in the article links to nothing.
  Extraction x = ExtractText("وقال لافروف إن المحادثات بناءة.", NoNer());
  EXPECT_EQ(Find(x, "سيرغي لافروف"), nullptr);
}

TEST(Entities, RolesBeforeAPerson) {
  struct Case {
    const char* text;
    const char* canonical;
    const char* role;
  } cases[] = {
      {"أشاد الرئيس الروسي فلاديمير بوتين بالعلاقات.", "فلاديمير بوتين", "الرئيس الروسي"},
      {"وقال وزير الخارجية الأمريكي أنتوني بلينكن إن الوضع خطير.", "أنتوني بلينكن", "وزير الخارجية الأمريكي"},
      {"استقبل الزعيم الكوري الشمالي كيم جونغ أون الوفد.", "كيم جونغ أون", "الزعيم الكوري الشمالي"},
      {"وصلت وزيرة الخارجية الكورية الشمالية تشوي سون هوي إلى موسكو.", "تشوي سون هوي",
       "وزيرة الخارجية الكورية الشمالية"},
      {"والرئيس الأوكراني فولوديمير زيلينسكي في كييف.", "فولوديمير زيلينسكي", "الرئيس الأوكراني"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    Extraction x = ExtractText(c.text, NoNer());
    const Entity* e = Find(x, c.canonical);
    ASSERT_NE(e, nullptr);
    ASSERT_FALSE(e->roles.empty());
    EXPECT_EQ(e->roles[0], c.role);
  }
  // No role across other words: `مع نظيره الكوري الشمالي`.
  Extraction x = ExtractText("التقى بوتين مع نظيره الكوري الشمالي كيم جونغ أون.", NoNer());
  const Entity* kim = Find(x, "كيم جونغ أون");
  ASSERT_NE(kim, nullptr);
  ASSERT_EQ(kim->roles.size(), 1u);  // the gazetteer's only
  EXPECT_EQ(kim->roles[0], "الزعيم الكوري الشمالي");
}

TEST(Quotes, SpeakerAndPosition) {
  struct Case {
    const char* text;
    const char* starts;
    const char* speaker;
    const char* verb;
  } cases[] = {
      // verb + speaker before the quote, typographic marks
      {"وقال وزير الخارجية الروسي سيرغي لافروف “نحن ملتزمون بالاتفاق الموقع”.", "نحن ملتزمون", "سيرغي لافروف",
       "قال"},
      // guillemets
      {"وأكد الرئيس الروسي فلاديمير بوتين «العلاقات بين البلدين قوية جدا».", "العلاقات بين", "فلاديمير بوتين",
       "أكد"},
      // ASCII quotes, a colon
      {"وصرح أنتوني بلينكن: \"لن نسمح بتكرار ما حدث\".", "لن نسمح", "أنتوني بلينكن", "صرح"},
      // quote, then the verb
      {"\"الوضع على الجبهة مستقر تماما\" قال فولوديمير زيلينسكي للصحفيين.", "الوضع على", "فولوديمير زيلينسكي",
       "قال"},
      // a role resolved to the person named earlier
      {"وصلت وزيرة الخارجية الكورية الشمالية تشوي سون هوي إلى موسكو. وأضافت الوزيرة \"نقف مع أصدقائنا دائما\".",
       "نقف مع", "تشوي سون هوي", "أضافت"},
      {"وقع الرئيس الروسي فلاديمير بوتين الاتفاق. وقال الرئيس الروسي \"هذه خطوة تاريخية للبلدين\".", "هذه خطوة",
       "فلاديمير بوتين", "قال"},
      // a pronoun subject: the last speaker
      {"وقال لويد أوستن \"القوات جاهزة للرد\". وأضاف \"لن نتردد في الدفاع عن حلفائنا\".", "لن نتردد", "لويد أوستن",
       "أضاف"},
      // a participle: the person named before it in the sentence
      {"ندد فولوديمير زيلينسكي بالصمت الدولي، قائلا: \"العالم يتفرج على ما يحدث\".", "العالم يتفرج",
       "فولوديمير زيلينسكي", "قائلا"},
      // a surname alone
      {"التقى سيرغي لافروف نظيره. وقال لافروف: \"المحادثات كانت مثمرة جدا\".", "المحادثات كانت", "سيرغي لافروف",
       "قال"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    Extraction x = ExtractText(c.text, NoNer());
    const Quote* found = nullptr;
    for (const auto& q : x.quotes)
      if (q.text.rfind(c.starts, 0) == 0) found = &q;
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->speaker, c.speaker);
    EXPECT_EQ(found->speaker_id, EntityId("PER", c.speaker));
    EXPECT_EQ(found->verb, c.verb);
    EXPECT_EQ(std::string(c.text).substr(found->begin, found->end - found->begin), found->text);
  }
}

TEST(Quotes, SpeakersGivenByRoleTitleAndApposition) {
  struct Case {
    const char* text;
    const char* starts;
    const char* speaker;
  } cases[] = {
      // a person the tagger does not know, after a role phrase (given name of the lexicon)
      {"وقال رئيس النادي حيدر الساعدي في مؤتمر صحفي إن \"النتائج لم تعد مقبولة\".", "النتائج لم",
       "حيدر الساعدي"},
      // ... and the bare head later resolves to that person
      {"وأعلن رئيس النادي حيدر الساعدي صرف مكافأة، فيما أكد الرئيس أن \"العمل لن يتوقف هنا\".", "العمل لن",
       "حيدر الساعدي"},
      // role phrase, comma, title, then the person; the title is no part of the name
      {"وقال المتحدث باسم اللجنة الوطنية لإدارة الحالات الطارئة، المقدم سالم بن حمد الكلباني، إن \"فرق الإنقاذ "
       "تعمل بلا توقف\".",
       "فرق الإنقاذ", "سالم بن حمد الكلباني"},
      // a pronoun on the head (`مديرتها`), a conjoined complement (`والتخطيط`)
      {"وقالت مديرتها ليلى باعباد إن \"المستشفيات الميدانية ممتلئة\".", "المستشفيات الميدانية", "ليلى باعباد"},
      {"وقال وزير الإسكان والتخطيط العمراني خالد بن سعيد الراشدي إن \"الحصر الميداني انتهى\".", "الحصر الميداني",
       "خالد بن سعيد الراشدي"},
      // a role phrase with a complement the person does not carry in full: head and half the words
      {"وصرح وزير الإسكان والتخطيط العمراني خالد بن سعيد الراشدي بأن العمل بدأ. وأضاف وزير الإسكان العماني "
       "\"الأولوية للأسر المتضررة\".",
       "الأولوية للأسر", "خالد بن سعيد الراشدي"},
      // Egyptian typesetting: a final ى of a family name is ي in the canonical
      {"وقالت الوزيرة نادية الغزوانى إن \"المشروع يضع المغرب في قلب الخريطة\".", "المشروع يضع", "نادية الغزواني"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    Extraction x = ExtractText(c.text, NoNer());
    const Quote* found = nullptr;
    for (const auto& q : x.quotes)
      if (q.text.rfind(c.starts, 0) == 0) found = &q;
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->speaker, c.speaker);
    EXPECT_EQ(found->speaker_id, EntityId("PER", c.speaker));
  }
  // An unnamed source stops before the addressee.
  Extraction x = ExtractText("وقال أحد السكان لـ\"الوادي اليوم\" إن \"المياه دخلت البيوت فجأة\".", NoNer());
  ASSERT_FALSE(x.quotes.empty());
  EXPECT_EQ(x.quotes.back().speaker, "أحد السكان");
  EXPECT_EQ(x.quotes.back().speaker_id, "");
  // A family name is not the country whose adjective has the same consonants.
  for (const auto& e : ExtractText("وقال حيدر الساعدي إن الفريق جاهز.", NoNer()).entities)
    EXPECT_NE(e.canonical, "المملكة العربية السعودية");
}

TEST(Quotes, ScareQuotesAndUnclosedMarksAreNotQuotations) {
  const char* texts[] = {
      "أشاد الوزير بـ\"الصداقة\" بين البلدين.",                // one word, no verb of saying
      "وصف المسؤول الاتفاق بأنه \"خطوة إلى الأمام\" للمنطقة.",  // no verb of saying
      "وقال المتحدث \"إن الوضع مستقر\nثم غادر القاعة.",        // not closed on its line
  };
  for (const char* t : texts) {
    SCOPED_TRACE(t);
    EXPECT_TRUE(ExtractText(t, NoNer()).quotes.empty());
  }
}

TEST(Claims, CountedNounQualifierAndKey) {
  struct Case {
    const char* text;
    double value;  // -1: vague (null)
    const char* counted;
    const char* qualifier;
    const char* main_entity;
  } cases[] = {
      {"أرسلت بيونغ يانغ أكثر من 10 آلاف جندي إلى روسيا.", 10000, "جندي", "more than", "كوريا الشمالية"},
      {"قتل نحو ألفي جندي كوري شمالي في المعارك.", 2000, "جندي", "about", "كوريا الشمالية"},
      {"وصل آلاف الجنود الكوريين الشماليين إلى الحدود.", -1, "جندي", "thousands", "كوريا الشمالية"},
      {"زودت موسكو بأكثر من ألف صاروخ خلال عام.", 1000, "صاروخ", "more than", "روسيا"},
      {"تعهدت بإرسال نحو 6 آلاف مهندس للمساعدة.", 6000, "مهندس", "about", ""},
      {"أسفر القصف عن 12 قتيلا و30 جريحا في المدينة.", 12, "قتيل", "", ""},
      {"بلغ عدد النازحين 5000 نازح في المخيمات.", 5000, "نازح", "", ""},
      {"خصص الاتحاد 140 مليار يورو لدعم أوكرانيا.", 140e9, "يورو", "", ""},
      {"وأطلقت القوات مئات الصواريخ على المدن.", -1, "صاروخ", "hundreds", ""},
      {"وأعلن الجيش مقتل 3 جنود روس في الهجوم.", 3, "جندي", "", "روسيا"},
      {"يعمل في المصنع 250 مهندسا أجنبيا.", 250, "مهندس", "", ""},
      {"استمرت الزيارة ثلاثة أيام.", 3, "يوم", "", ""},
      {"ارتفعت الأسعار بنسبة 4% خلال أسبوع.", 4, "percent", "", ""},
      {"بلغت قيمة المنحة 12 مليون ريال عماني.", 12e6, "ريال عماني", "", ""},
      {"حضر المباراة نحو 35 ألف متفرج.", 35000, "متفرج", "about", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    Extraction x = ExtractText(c.text, NoNer());
    ASSERT_FALSE(x.claims.empty());
    const Claim& cl = x.claims[0];
    if (c.value < 0) {
      EXPECT_FALSE(cl.value.has_value());
    } else {
      ASSERT_TRUE(cl.value.has_value());
      EXPECT_DOUBLE_EQ(*cl.value, c.value);
    }
    EXPECT_EQ(cl.counted, c.counted);
    EXPECT_EQ(cl.qualifier, c.qualifier);
    EXPECT_EQ(cl.main_entity, c.main_entity);
    EXPECT_EQ(std::string(c.text).substr(cl.begin, cl.end - cl.begin), cl.text);
  }
}

TEST(Claims, ElidedNounIsInheritedInTheSentence) {
  Extraction x = ExtractText("من بين 10 آلاف جندي كوري شمالي دخلوا روسيا، هناك ما يصل إلى 8 آلاف يتمركزون قرب الحدود.",
                             NoNer());
  ASSERT_EQ(x.claims.size(), 2u);
  EXPECT_EQ(x.claims[1].counted, "جندي");
  EXPECT_EQ(x.claims[1].qualifier, "up to");
  EXPECT_EQ(x.claims[1].key, "جندي|8000|كوريا الشمالية");
}

TEST(Claims, SameClaimInOtherWordsHasTheSameKey) {
  const char* texts[] = {
      "نشرت بيونج يانج أكثر من 10000 جندي في روسيا.",
      "قدرت الاستخبارات أن بيونغ يانغ أرسلت أكثر من 10 آلاف جندي.",
      "من بين عشرة آلاف جندي كوري شمالي دخلوا الأراضي الروسية.",
  };
  for (const char* t : texts) {
    SCOPED_TRACE(t);
    Extraction x = ExtractText(t, NoNer());
    ASSERT_FALSE(x.claims.empty());
    EXPECT_EQ(x.claims[0].key, "جندي|10000|كوريا الشمالية");
  }
}

TEST(Claims, Attribution) {
  struct Case {
    const char* text;
    const char* name;
  } cases[] = {
      {"وقال أنتوني بلينكن نقلا عن معلومات مخابرات إن 8 آلاف جندي يتمركزون قرب الحدود.", "أنتوني بلينكن"},
      {"وأفادت تقييمات استخباراتية في سيول بأن نحو ألفي جندي قتلوا.", "تقييمات استخباراتية في سيول"},
      {"وصل آلاف الجنود إلى المنطقة، بحسب وكالة يونهاب.", "يونهاب"},
      {"وأشار لويد أوستن إلى أن 500 جندي أصيبوا.", "لويد أوستن"},
      {"وصل 300 لاجئ إلى الحدود أمس.", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    Extraction x = ExtractText(c.text, NoNer());
    ASSERT_FALSE(x.claims.empty());
    EXPECT_EQ(x.claims[0].attributed_name, c.name);
  }
}

TEST(Claims, NotClaims) {
  const char* texts[] = {
      "وقعت الاتفاقية في 19 يونيو 2024 في العاصمة.",  // a date
      "اجتمعت مجموعة السبع في روما.",                   // a number inside a name
  };
  for (const char* t : texts) {
    SCOPED_TRACE(t);
    EXPECT_TRUE(ExtractText(t, NoNer()).claims.empty());
  }
  // Numbers inside dates are not numbers either.
  Extraction x = ExtractText("وقعت الاتفاقية في 19 يونيو 2024.", NoNer());
  EXPECT_TRUE(x.numbers.empty());
  EXPECT_EQ(x.dates.size(), 1u);
}

TEST(CountedLemma, BrokenAndSoundPlurals) {
  struct Case {
    const char* word;
    const char* lemma;
  } cases[] = {
      {"جنود", "جندي"}, {"الجنود", "جندي"}, {"جندي", "جندي"}, {"صواريخ", "صاروخ"}, {"الصواريخ", "صاروخ"},
      {"مهندسين", "مهندس"}, {"مهندسون", "مهندس"}, {"قتلى", "قتيل"}, {"قتيلا", "قتيل"}, {"جرحى", "جريح"},
      {"نازحين", "نازح"}, {"لاجئين", "لاجئ"}, {"دولارات", "دولار"}, {"طائرات", "طائرة"}, {"أطفال", "طفل"},
      {"قذائف", "قذيفة"}, {"ضحايا", "ضحية"}, {"منازل", "منزل"}, {"كتاب", ""}, {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(CountedLemma(c.word), c.lemma) << c.word;
}

TEST(Extract, InvalidUtf8AndEmptyGiveNothing) {
  EXPECT_TRUE(ExtractText("").entities.empty());
  Extraction x = ExtractText(std::string("\xD9\x82\xD8\xA7\xD9\x84 \xFF\xFE 10 \xD8", 12));
  EXPECT_TRUE(x.entities.empty());
  EXPECT_TRUE(x.claims.empty());
  EXPECT_TRUE(x.numbers.empty());
}

TEST(Extract, ArticleBodyOnlyNeverTeasers) {
  Article a;
  a.body = {"أشاد الرئيس الروسي فلاديمير بوتين بالعلاقات مع كوريا الشمالية."};
  Teaser t;
  t.title = "ترامب يلتقي ماكرون";
  t.text = "وقال دونالد ترامب \"الاجتماع كان ممتازا\" وأضاف أن 500 جندي سيعودون.";
  a.teasers.push_back(t);
  Extraction x = Extract(a, NoNer());
  EXPECT_NE(Find(x, "فلاديمير بوتين"), nullptr);
  EXPECT_EQ(Find(x, "دونالد ترامب"), nullptr);
  EXPECT_TRUE(x.quotes.empty());
  EXPECT_TRUE(x.claims.empty());
}

// A text of more tokens than the NER tagger's cache holds (2^18) is tagged
// without the word ids kept with the word forms: its names are found as in
// a short text, every time they occur.
TEST(Entities, TextLongerThanTheTaggersCacheFindsTheSameNames) {
  const std::string sentence = "وقال الرئيس الروسي فلاديمير بوتين في موسكو إن بلاده مستعدة للحوار. ";
  const Extraction one = ExtractText(sentence, ExtractOptions{});
  ASSERT_FALSE(one.entities.empty());
  constexpr size_t kTimes = 24000;  // some 13 tokens a sentence: over 300,000 tokens
  std::string text;
  text.reserve(sentence.size() * kTimes);
  for (size_t i = 0; i < kTimes; ++i) text += sentence;
  const Extraction many = ExtractText(text, ExtractOptions{});
  ASSERT_EQ(many.entities.size(), one.entities.size());
  for (size_t e = 0; e < one.entities.size(); ++e) {
    EXPECT_EQ(many.entities[e].id, one.entities[e].id);
    EXPECT_EQ(many.entities[e].mentions.size(), one.entities[e].mentions.size() * kTimes) << one.entities[e].canonical;
  }
}

}  // namespace
}  // namespace akhbar
