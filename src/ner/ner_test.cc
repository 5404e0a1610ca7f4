// Tests of the named-entity tagger: model file, tagging examples, the
// conlleval-style scorer, the CoNLL reader, the lexicon and clitic
// segmentation, and (when ../shared is present) the held-out figure.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <limits>
#include <algorithm>
#include <string>
#include <vector>

#include "akhbar/ner.h"
#include "akhbar/normalize.h"
#include "ner/internal.h"
#include "ner/train.h"
#include "testing.h"

namespace akhbar::ner {
namespace {

// ---- model file -------------------------------------------------------

TEST(NerModel, EmbeddedModelLoads) {
  std::string_view bytes = data::NerModel();
  ASSERT_GT(bytes.size(), 16u);
  EXPECT_EQ(bytes.substr(0, 8), std::string_view("AKHNER\r\n", 8));
  auto m = Model::Parse(bytes);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_GE(m->hash_bits(), 10u);
  EXPECT_GT(m->weight_rows(), 1000u);
  EXPECT_GT(m->cluster_words(), 1000u);
  EXPECT_LT(bytes.size(), 3u << 20) << "the shipped model should stay under 3 MB";
}

TEST(NerModel, RejectsBadMagicVersionChecksumAndTruncation) {
  std::string good(data::NerModel());
  std::string bad = good;
  bad[0] = 'X';
  EXPECT_FALSE(Model::Parse(bad).ok());
  bad = good;
  bad[8] = 99;  // version
  auto r = Model::Parse(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  bad = good;
  bad[good.size() / 2] ^= 0x01;
  r = Model::Parse(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("checksum"), std::string::npos);
  for (size_t len : {size_t(0), size_t(7), size_t(16), good.size() / 3, good.size() - 1})
    EXPECT_FALSE(Model::Parse(std::string_view(good).substr(0, len)).ok()) << len;
}

TEST(NerModel, SerializeRoundTrip) {
  Model m;
  Model::Impl& im = m.mutable_impl();
  im.hash_bits = 10;
  im.clusters.Add("موسكو", 3, 17);
  std::vector<float> dense((1u << 10) * kNumTags, 0.0f);
  dense[5 * kNumTags + 3] = 2.5f;
  dense[700 * kNumTags + 0] = -1.25f;
  im.SetDense(dense);
  im.trans[4] = 0.5f;
  std::string bytes = im.Serialize(0.0f);
  auto r = Model::Parse(bytes);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->weight_rows(), 2u);
  uint16_t c = 0, f = 0;
  ASSERT_TRUE(r->Cluster("موسكو", &c, &f));
  EXPECT_EQ(c, 3);
  EXPECT_EQ(f, 17);
  EXPECT_FALSE(r->Cluster("باريس", &c, &f));
  EXPECT_EQ(r->impl().trans[4], 0.5f);
  const auto& ri = r->impl();
  ASSERT_NE(ri.row_of[5], 0u);
  EXPECT_NEAR(ri.rows[(ri.row_of[5] - 1) * kNumTags + 3], 2.5f, 1e-3);
  EXPECT_NEAR(ri.rows[(ri.row_of[700] - 1) * kNumTags + 0], -1.25f, 1e-3);
}

// ---- tagging ----------------------------------------------------------

struct MentionCase {
  std::string text;
  std::string mention;  // expected mention text
  EntityType type;
};

TEST(NerTagging, TitledNamesPlacesAndOrganisations) {
  const MentionCase cases[] = {
      {"قال الرئيس الروسي فلاديمير بوتين إن بلاده مستعدة للحوار.", "فلاديمير بوتين", EntityType::kPerson},
      {"التقى وزير الخارجية الأمريكي أنتوني بلينكن نظيره في الرياض أمس.", "أنتوني بلينكن", EntityType::kPerson},
      {"وصل الوفد إلى موسكو صباح اليوم في زيارة رسمية.", "موسكو", EntityType::kLocation},
      {"وأكد الأمين العام للأمم المتحدة أن الوضع في غزة خطير.", "غزة", EntityType::kLocation},
      {"وقالت منظمة الصحة العالمية في تقرير إن عدد الإصابات ارتفع.", "منظمة الصحة العالمية",
       EntityType::kOrganization},
      {"ونقلت وكالة رويترز عن مصادر مطلعة أن الاجتماع تأجل.", "رويترز", EntityType::kOrganization},
      {"وقال الشيخ محمد بن زايد في كلمة أمام الحضور إن التعاون مستمر.", "محمد بن زايد", EntityType::kPerson},
      {"وأعلن الاتحاد الأوروبي فرض عقوبات جديدة على روسيا.", "روسيا", EntityType::kLocation},
  };
  for (const auto& c : cases) {
    std::vector<EntityMention> got = TagEntities(c.text);
    bool found = false;
    std::string all;
    for (const auto& m : got) {
      EXPECT_EQ(c.text.substr(m.begin, m.end - m.begin), m.text);
      all += m.text + "/" + EntityTypeName(m.type) + " ";
      found = found || (m.text == c.mention && m.type == c.type);
    }
    EXPECT_TRUE(found) << c.text << "\n  want " << c.mention << "/" << EntityTypeName(c.type) << "\n  got " << all;
  }
}

TEST(NerTagging, PreTokenizedTextGivesTheSameSpans) {
  std::string text =
      "قال الرئيس الروسي فلاديمير بوتين إن بلاده مستعدة للحوار. ونقلت وكالة رويترز عن مصادر في موسكو أن "
      "الاجتماع تأجل.\n";
  for (int i = 0; i < 60; ++i) text += "زار الرئيس مدينة حلب ";  // one long piece without punctuation
  std::vector<akhbar::arabic::Token> tokens;
  akhbar::arabic::Tokenize(text, &tokens);
  const std::vector<EntityMention> want = TagEntities(text);
  for (bool with_text : {true, false}) {
    const std::vector<EntityMention> got = TagEntities(text, tokens, with_text);
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].begin, want[i].begin);
      EXPECT_EQ(got[i].end, want[i].end);
      EXPECT_EQ(got[i].type, want[i].type);
      EXPECT_EQ(got[i].text, with_text ? want[i].text : "");
    }
  }
  EXPECT_FALSE(want.empty());
}

TEST(NerTagging, EmptyAndNonArabicInput) {
  EXPECT_TRUE(TagEntities("").empty());
  EXPECT_TRUE(TagEntities("   \n\t ").empty());
  EXPECT_TRUE(TagEntities("... !!! ؟؟").empty());
  // Long input without sentence punctuation is decoded in pieces.
  std::string longtext;
  for (int i = 0; i < 700; ++i) longtext += "زار الرئيس مدينة حلب ";
  auto got = TagEntities(longtext);
  for (const auto& m : got) EXPECT_EQ(longtext.substr(m.begin, m.end - m.begin), m.text);
}

TEST(NerTagging, TagTokensGivesOneTagPerTokenAndValidBio) {
  Tagger tagger(Model::Default());
  std::vector<std::string_view> toks = {"وقال", "رئيس", "الوزراء", "البريطاني", "كير", "ستارمر", "في", "لندن", "."};
  std::vector<Tag> tags;
  tagger.TagTokens(toks, &tags);
  ASSERT_EQ(tags.size(), toks.size());
  for (size_t i = 0; i < tags.size(); ++i)
    EXPECT_TRUE(Allowed(i == 0 ? kNumTags : int(tags[i - 1]), int(tags[i]))) << i;
  EXPECT_EQ(tags[7], Tag::kBLoc);
  tagger.TagTokens({}, &tags);
  EXPECT_TRUE(tags.empty());
}

// Ids a caller keeps per word form (WordId) tag as the tokens' own look-ups
// do, stay the same while the generation does, and are renewed after the
// cache is emptied.
TEST(NerTagging, WordIdsGiveTheSameTagsUntilTheCacheIsEmptied) {
  const std::vector<std::string_view> toks = {"وقال", "رئيس", "الوزراء", "البريطاني", "كير", "ستارمر", "في",
                                              "لندن", "إن", "ستارمر", "زار", "باريس", "."};
  std::vector<Tag> want;
  Tagger(Model::Default()).TagTokens(toks, &want);

  Tagger tagger(Model::Default());
  EXPECT_TRUE(tagger.Reserve(toks.size()));
  const uint32_t gen = tagger.generation();
  std::vector<uint32_t> ids(toks.size(), Tagger::kNoId);
  for (size_t i = 0; i < toks.size(); i += 2) ids[i] = tagger.WordId(toks[i]);  // the others looked up
  EXPECT_EQ(tagger.WordId(toks[5]), tagger.WordId(toks[9]));  // ستارمر twice: one entry
  EXPECT_NE(ids[0], ids[2]);
  std::vector<Tag> got;
  tagger.TagTokens(toks, ids.data(), &got);
  EXPECT_EQ(got, want);
  EXPECT_TRUE(tagger.Reserve(toks.size()));  // room enough: nothing emptied
  EXPECT_EQ(tagger.generation(), gen);
  EXPECT_EQ(tagger.WordId(toks[0]), ids[0]);

  EXPECT_FALSE(tagger.Reserve(size_t{1} << 20));  // more than the cache ever holds: refused
  EXPECT_EQ(tagger.generation(), gen);
  EXPECT_TRUE(tagger.Reserve(size_t{1} << 18));  // the whole cache: emptied
  EXPECT_NE(tagger.generation(), gen);
  for (size_t i = 0; i < toks.size(); ++i) ids[i] = tagger.WordId(toks[i]);
  tagger.TagTokens(toks, ids.data(), &got);
  EXPECT_EQ(got, want);

  // TagEntities with ids gives the spans it gives without.
  const std::string text = "قال الرئيس الروسي فلاديمير بوتين إن بلاده مستعدة للحوار. ونقلت وكالة رويترز عن مصادر.";
  std::vector<akhbar::arabic::Token> tokens;
  akhbar::arabic::Tokenize(text, &tokens);
  const std::vector<EntityMention> plain = tagger.TagEntities(text, tokens, false);
  ASSERT_TRUE(tagger.Reserve(tokens.size()));
  std::vector<uint32_t> token_ids;
  for (const auto& t : tokens)
    token_ids.push_back(t.type == akhbar::arabic::TokenType::kArabicWord
                            ? tagger.WordId(std::string_view(text).substr(t.begin, t.end - t.begin))
                            : Tagger::kNoId);
  const std::vector<EntityMention> with_ids = tagger.TagEntities(text, tokens, false, token_ids.data());
  ASSERT_EQ(with_ids.size(), plain.size());
  for (size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(with_ids[i].begin, plain[i].begin);
    EXPECT_EQ(with_ids[i].end, plain[i].end);
    EXPECT_EQ(with_ids[i].type, plain[i].type);
  }
  EXPECT_FALSE(plain.empty());
}

// ---- scorer -----------------------------------------------------------

std::vector<Tag> Tags(std::initializer_list<const char*> names) {
  std::vector<Tag> out;
  for (const char* n : names) {
    Tag t;
    EXPECT_TRUE(ParseTag(n, &t)) << n;
    out.push_back(t);
  }
  return out;
}

TEST(NerScorer, ChunksAsConlleval) {
  // I- after O starts a chunk; I- of another type starts a new one; B- splits.
  auto c = ChunksOf(Tags({"I-PERS", "I-PERS", "O", "B-LOC", "I-ORG", "B-ORG", "B-ORG", "I-ORG"}));
  std::vector<Chunk> want = {{0, 2, EntityType::kPerson},
                             {3, 4, EntityType::kLocation},
                             {4, 5, EntityType::kOrganization},
                             {5, 6, EntityType::kOrganization},
                             {6, 8, EntityType::kOrganization}};
  EXPECT_EQ(c, want);
  EXPECT_TRUE(ChunksOf({}).empty());
  EXPECT_EQ(ChunksOf(Tags({"B-MISC"})).size(), 1u);
}

TEST(NerScorer, ExactSpanAndType) {
  Evaluation ev;
  // gold: PER[0,2) LOC[3,4) ORG[5,7); predicted: PER[0,2) right, LOC as ORG
  // wrong, ORG cut short wrong, and an extra MISC.
  ev.Add(Tags({"B-PERS", "I-PERS", "O", "B-LOC", "O", "B-ORG", "I-ORG", "O"}),
         Tags({"B-PERS", "I-PERS", "O", "B-ORG", "O", "B-ORG", "O", "B-MISC"}));
  TypeScore micro = ev.Micro();
  EXPECT_EQ(micro.gold, 3u);
  EXPECT_EQ(micro.predicted, 4u);
  EXPECT_EQ(micro.correct, 1u);
  EXPECT_NEAR(micro.Precision(), 0.25, 1e-9);
  EXPECT_NEAR(micro.Recall(), 1.0 / 3, 1e-9);
  EXPECT_NEAR(micro.F1(), 2 * 0.25 * (1.0 / 3) / (0.25 + 1.0 / 3), 1e-9);
  TypeScore no_misc = ev.Micro(false);
  EXPECT_EQ(no_misc.predicted, 3u);
  EXPECT_EQ(ev.by_type[int(EntityType::kPerson)].correct, 1u);
  EXPECT_EQ(ev.tokens, 8u);
  EXPECT_EQ(ev.tokens_correct, 5u);
  EXPECT_NE(ev.Report().find("micro"), std::string::npos);
}

TEST(NerScorer, PerfectAndEmpty) {
  Evaluation ev;
  auto g = Tags({"B-LOC", "I-LOC", "O", "B-ORG"});
  ev.Add(g, g);
  EXPECT_DOUBLE_EQ(ev.Micro().F1(), 1.0);
  Evaluation none;
  none.Add(Tags({"O", "O"}), Tags({"O", "O"}));
  EXPECT_DOUBLE_EQ(none.Micro().F1(), 0.0);  // no chunks: conlleval prints 0
}

// ---- CoNLL reader -----------------------------------------------------

TEST(NerConll, SentencesTagsAndEdgeCases) {
  std::string in =
      "قال O\r\n"
      "بوتين B-PERS\n"
      ". O\n"                // "." ends a sentence
      "في\tO\n"              // tab separated
      "  O\n"                // blank word with a tag (ANERcorp has these)
      "موسكو   B-LOC  \n"    // several spaces, trailing blanks
      "\n"                   // empty line ends a sentence
      "\n"
      "كلمة\n"              // no tag column
      "رويترز B-ORG";        // no final newline
  auto r = ReadConll(in);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const auto& s = r.value();
  ASSERT_EQ(s.size(), 3u);
  ASSERT_EQ(s[0].size(), 3u);
  EXPECT_EQ(s[0][0].word, "قال");
  EXPECT_EQ(s[0][1].gold, Tag::kBPers);
  EXPECT_EQ(s[0][2].word, ".");
  ASSERT_EQ(s[1].size(), 3u);
  EXPECT_EQ(s[1][0].word, "في");
  EXPECT_EQ(s[1][1].word, "");
  EXPECT_TRUE(s[1][1].has_gold);
  EXPECT_EQ(s[1][2].word, "موسكو");
  EXPECT_EQ(s[1][2].gold, Tag::kBLoc);
  EXPECT_EQ(s[1][2].blank_lines_after, 2u);
  ASSERT_EQ(s[2].size(), 2u);
  EXPECT_FALSE(s[2][0].has_gold);
  EXPECT_EQ(s[2][1].gold, Tag::kBOrg);
}

TEST(NerConll, UnknownTagsAndBadBytes) {
  auto r = ReadConll("كلمة X-FOO\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value()[0][0].word, "كلمة X-FOO");  // a word with a space, no tag
  ConllOptions strict;
  strict.strict_tags = true;
  auto s = ReadConll("كلمة O\nكلمة X-FOO\n", strict);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("line 2"), std::string::npos);
  EXPECT_FALSE(ReadConll("ok O\n\xff\xfe O\n").ok());
  auto e = ReadConll("");
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e.value().empty());
  ConllOptions no_period;
  no_period.period_ends_sentence = false;
  auto p = ReadConll("أ O\n. O\nب O\n", no_period);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.value().size(), 1u);
}

// ---- lexicon and segmentation -----------------------------------------

TEST(NerLexicon, SegmentsProclitics) {
  struct Case {
    const char* word;
    const char* clitics;
    const char* rest;
  } cases[] = {
      {"والرياض", "وال", "رياض"},  {"بالقاهره", "بال", "قاهره"}, {"للامم", "لل", "امم"},
      {"وموسكو", "و", "موسكو"},    {"الصين", "ال", "صين"},        {"ولي", "", "ولي"},
      {"كيم", "", "كيم"},          {"", "", ""},
  };
  for (const auto& c : cases) {
    Segmentation s = SegmentClitics(c.word);
    EXPECT_EQ(s.clitics, c.clitics) << c.word;
    EXPECT_EQ(s.rest, c.rest) << c.word;
  }
}

TEST(NerLexicon, MarksMultiWordEntriesWithClitics) {
  const Lexicon& lex = Lexicon::Default();
  EXPECT_GT(lex.size(), 500u);
  std::vector<std::string> keys;
  for (const char* w : {"زار", "الرئيس", "كوريا", "الشمالية", "وموسكو"}) keys.push_back(arabic::MatchKey(w));
  std::vector<std::string_view> words(keys.begin(), keys.end());
  std::vector<uint32_t> bits;
  lex.Mark(words, &bits);
  ASSERT_EQ(bits.size(), words.size());
  EXPECT_TRUE(bits[1] & (1u << (2 * kLexTitle)));
  EXPECT_TRUE(bits[2] & (1u << (2 * kLexLoc)));
  EXPECT_TRUE(bits[3] & (1u << (2 * kLexLoc + 1)));
  EXPECT_TRUE(bits[4] & (1u << (2 * kLexLoc)));
  EXPECT_FALSE(bits[0] & (1u << (2 * kLexLoc)));
}

TEST(NerLexicon, IcuCountryNamesAreIncluded) {
  Lexicon icu_only("", "", "", /*with_icu=*/true);
  std::vector<uint32_t> bits;
  // ICU's Arabic name of Japan and an exemplar city (Tokyo).
  icu_only.Mark({"اليابان"}, &bits);
  EXPECT_TRUE(bits[0] & (1u << (2 * kLexLoc)));
  icu_only.Mark({"طوكيو"}, &bits);
  EXPECT_TRUE(bits[0] & (1u << (2 * kLexLoc)));
}

// The tagger sums cached per-word weight vectors (tagger.cc); training sees
// explicit feature lists (FeatureExtractor). Both must give the same scores:
// decode the feature lists' scores here and compare with TagTokens.
TEST(NerTagging, CachedScoresMatchFeatureLists) {
  const Model& model = Model::Default();
  const Model::Impl& m = model.impl();
  FeatureExtractor fx(Lexicon::Default(), m.clusters, m.hash_bits);
  Tagger tagger(model);
  const std::vector<std::vector<std::string_view>> sentences = {
      {"قال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "في", "موسكو", "إن", "الأمم", "المتحدة", "تأخرت", "."},
      {"وأعلنت", "شركة", "أرامكو", "السعودية", "عن", "أرباح", "بلغت", "12", "مليار", "دولار"},
      {"بالقاهرة"},
      {"التقى", "وزير", "الخارجية", "أنتوني", "بلينكن", "نظيره", "في", "الرياض", "والدوحة", "،", "ثم", "بيروت"},
      {"Hello", "world", "2024", "!", "قال", "الرئيس", "الروسي"},
  };
  for (int round = 0; round < 2; ++round)  // the second round reads the tagger's cache
    for (const auto& words : sentences) {
      std::vector<Tag> tagged;
      tagger.TagTokens(words, &tagged);
      fx.Extract(words);
      const size_t n = words.size();
      std::vector<float> scores(n * kNumTags);
      for (size_t i = 0; i < n; ++i) {
        int32_t acc[kNumTags] = {};
        for (uint32_t k = fx.offsets()[i]; k < fx.offsets()[i + 1]; ++k)
          if (const int16_t* w = m.QRow(fx.feats()[k]))
            for (int t = 0; t < kNumTags; ++t) acc[t] += w[t];
        for (int t = 0; t < kNumTags; ++t) scores[i * kNumTags + size_t(t)] = float(acc[t]) * m.scale;
      }
      std::vector<float> delta;
      std::vector<Tag> expected;
      Viterbi(scores.data(), n, m.trans.data(), &delta, &expected);
      EXPECT_EQ(tagged, expected) << words[0];
    }
}

// Viterbi against the textbook recursion that keeps a back-pointer for
// every tag (first best previous tag on ties), on random scores drawn from
// a few values so that ties are frequent.
TEST(NerViterbi, MatchesTheRecursionWithBackPointers) {
  auto reference = [](const std::vector<float>& scores, size_t n, const float* trans) {
    const float kNeg = -std::numeric_limits<float>::infinity();
    std::vector<float> d(n * kNumTags);
    std::vector<int> bk(n * kNumTags, 0);
    for (int t = 0; t < kNumTags; ++t)
      d[size_t(t)] = Allowed(kNumTags, t) ? trans[kNumTags * kNumTags + t] + scores[size_t(t)] : kNeg;
    for (size_t i = 1; i < n; ++i)
      for (int t = 0; t < kNumTags; ++t) {
        float best = kNeg;
        int arg = -1;
        for (int p = 0; p < kNumTags; ++p) {
          if (!Allowed(p, t)) continue;
          float s = d[(i - 1) * kNumTags + size_t(p)] + trans[p * kNumTags + t];
          if (arg < 0 || s > best) {
            best = s;
            arg = p;
          }
        }
        d[i * kNumTags + size_t(t)] = best + scores[i * kNumTags + size_t(t)];
        bk[i * kNumTags + size_t(t)] = arg;
      }
    std::vector<Tag> path(n);
    const float* last = &d[(n - 1) * kNumTags];
    int t = int(std::max_element(last, last + kNumTags) - last);
    for (size_t i = n; i-- > 0;) {
      path[i] = Tag(t);
      t = bk[i * kNumTags + size_t(t)];
    }
    return path;
  };
  uint64_t state = 12345;
  auto next = [&state](int range) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return int((state >> 33) % uint64_t(range));
  };
  std::vector<float> delta;
  int differing = 0;
  for (int round = 0; round < 400; ++round) {
    const size_t n = 1 + size_t(next(40));
    std::vector<float> trans((kNumTags + 1) * kNumTags), scores(n * kNumTags);
    for (float& x : trans) x = float(next(5) - 2) * 0.5f;
    for (float& x : scores) x = float(next(7) - 3) * 0.25f;
    std::vector<Tag> got;
    Viterbi(scores.data(), n, trans.data(), &delta, &got);
    std::vector<Tag> want = reference(scores, n, trans.data());
    EXPECT_EQ(got, want) << "round " << round;
    differing += got != std::vector<Tag>(n, Tag::kO);
  }
  EXPECT_GT(differing, 100);  // the paths are not trivially all O
}

// ---- held-out figure (reads ../shared) --------------------------------

// Trains on the first nine tenths of ANERcorp's train.txt with the shipped
// model's clusters and scores the last tenth. One perceptron with the default
// options, to keep the test short: the README's figure (scripts/train-ner.sh)
// averages five and adds mention-replaced sentences, about 2 points higher.
TEST(NerHeldOut, LastTenthOfAnercorp) {
  AKHBAR_REQUIRE_SHARED(shared);
  std::string text = testing::ReadFile(shared / "anercorp" / "train.txt");
  if (text.empty()) GTEST_SKIP() << "../shared/anercorp/train.txt is absent";
  auto all = ReadConll(text);
  ASSERT_TRUE(all.ok());
  const auto& s = all.value();
  size_t cut = s.size() - s.size() / 10;
  std::vector<ConllSentence> train(s.begin(), s.begin() + long(cut)), test(s.begin() + long(cut), s.end());
  auto t0 = std::chrono::steady_clock::now();
  Model m = Train(train, Model::Default().impl().clusters, TrainOptions{});
  auto shipped = Model::Parse(m.impl().Serialize(1.0f));  // as scripts/train-ner.sh
  ASSERT_TRUE(shipped.ok());
  Evaluation ev = Evaluate(shipped.value(), test);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("held-out last tenth (%zu sentences), trained in %.1f s:\n%s", test.size(), secs, ev.Report().c_str());
  EXPECT_GT(ev.Micro().F1(), 0.60);
}

}  // namespace
}  // namespace akhbar::ner
