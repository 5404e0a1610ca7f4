// Tests of the near-duplicate index against a brute-force reference: on a
// few hundred synthetic articles with edited copies, every pair at Jaccard
// >= threshold (all pairs compared exactly) must be what the index reports,
// and the groups must be the connected components of those pairs.
#include "akhbar/neardup.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "akhbar/decode.h"
#include "akhbar/ingest.h"
#include "akhbar/signature.h"
#include "testing.h"

namespace akhbar {
namespace {

const std::vector<std::string>& Vocabulary() {
  static const std::vector<std::string> v = {
      "أعلنت", "وزارة", "الداخلية", "السعودية", "اليوم", "عن", "القبض", "على", "خلية", "إرهابية", "في",
      "الرياض", "والقصيم", "وقال", "المتحدث", "الأمني", "اللواء", "منصور", "التركي", "إن", "الأجهزة",
      "الأمنية", "تمكنت", "من", "إحباط", "مخطط", "لاستهداف", "مساجد", "ومنشآت", "أمنية", "وأضاف", "أن",
      "المقبوض", "عليهم", "ينتمون", "إلى", "تنظيم", "داعش", "وعددهم", "431", "شخصا", "من", "جنسيات",
      "مختلفة", "الهلال", "النصر", "الدوري", "مباراة", "الملعب", "هدف", "الأهلي", "الاتحاد", "سوق",
      "الأسهم", "المؤشر", "العام", "نقطة", "ارتفع", "انخفض", "النفط", "برميل", "دولار", "أوبك", "الإنتاج",
      "الطقس", "أمطار", "رياح", "غبار", "درجات", "الحرارة", "جازان", "نجران", "عسير", "الباحة", "تبوك"};
  return v;
}

std::vector<std::string> RandomWords(std::mt19937_64& rng, size_t n) {
  const auto& v = Vocabulary();
  std::vector<std::string> w(n);
  for (auto& x : w) x = v[rng() % v.size()];
  return w;
}

std::vector<std::string> EditWords(std::mt19937_64& rng, std::vector<std::string> w, size_t edits) {
  const auto& v = Vocabulary();
  for (size_t e = 0; e < edits && !w.empty(); ++e) {
    const size_t at = rng() % w.size();
    switch (rng() % 3) {
      case 0: w[at] = v[rng() % v.size()]; break;
      case 1: w.erase(w.begin() + static_cast<long>(at)); break;
      default: w.insert(w.begin() + static_cast<long>(at), v[rng() % v.size()]); break;
    }
  }
  return w;
}

std::string Join(const std::vector<std::string>& w) {
  std::string s;
  for (size_t i = 0; i < w.size(); ++i) s += w[i] + (i % 17 == 16 ? "،\n" : " ");
  return s;
}

struct Corpus {
  std::vector<std::string> ids;
  std::vector<Signature> sigs;
};

// Families of one original and copies with 0..40 word edits (Jaccard from 1
// down to well below 0.8), exact copies, unrelated articles, short and
// empty ones.
Corpus MakeCorpus(uint64_t seed, size_t families, const SignatureOptions& opt) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> texts;
  for (size_t f = 0; f < families; ++f) {
    const auto base = RandomWords(rng, 40 + rng() % 300);
    texts.push_back(Join(base));
    const size_t copies = rng() % 5;
    for (size_t c = 0; c < copies; ++c) {
      const size_t edits = rng() % 4 == 0 ? 0 : rng() % 41;
      texts.push_back(Join(EditWords(rng, base, edits)));
    }
    if (f % 25 == 0) texts.push_back(Join(RandomWords(rng, rng() % 5)));  // fewer than 5 words
    if (f % 40 == 0) texts.push_back("");
  }
  std::shuffle(texts.begin(), texts.end(), rng);
  Corpus c;
  for (size_t i = 0; i < texts.size(); ++i) {
    c.ids.push_back("doc-" + std::to_string(i));
    c.sigs.push_back(ComputeSignature(texts[i], opt));
  }
  return c;
}

using PairSet = std::map<std::pair<std::string, std::string>, double>;

std::pair<std::string, std::string> Ordered(const std::string& a, const std::string& b) {
  return a < b ? std::make_pair(a, b) : std::make_pair(b, a);
}

// The reference: every pair compared exactly.
PairSet BruteForcePairs(const Corpus& c, double threshold) {
  PairSet out;
  for (size_t i = 0; i < c.ids.size(); ++i) {
    for (size_t j = i + 1; j < c.ids.size(); ++j) {
      const double jac = ExactJaccard(c.sigs[i].shingles, c.sigs[j].shingles);
      if (jac >= threshold) out.emplace(Ordered(c.ids[i], c.ids[j]), jac);
    }
  }
  return out;
}

PairSet IndexPairs(NearDupIndex* index, const Corpus& c, const std::vector<size_t>& order) {
  PairSet out;
  for (size_t i : order) {
    auto r = index->Add(DocId(c.ids[i]), c.sigs[i]);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) continue;
    for (const auto& m : r->matches) out.emplace(Ordered(c.ids[i], m.id.str()), m.jaccard);
  }
  return out;
}

// Reference groups: components of the pairs, as id -> smallest position in `order`.
std::map<std::string, std::string> ReferenceReps(const Corpus& c, const PairSet& pairs,
                                                 const std::vector<size_t>& order) {
  std::map<std::string, std::string> parent;
  std::map<std::string, size_t> pos;
  for (size_t k = 0; k < order.size(); ++k) {
    parent[c.ids[order[k]]] = c.ids[order[k]];
    pos[c.ids[order[k]]] = k;
  }
  std::function<std::string(const std::string&)> find = [&](const std::string& x) {
    return parent[x] == x ? x : parent[x] = find(parent[x]);
  };
  for (const auto& [p, j] : pairs) {
    std::string a = find(p.first), b = find(p.second);
    if (a == b) continue;
    if (pos[b] < pos[a]) std::swap(a, b);
    parent[b] = a;  // root = earliest added
  }
  std::map<std::string, std::string> rep;
  for (const auto& id : c.ids) rep[id] = find(id);
  return rep;
}

TEST(NearDupIndex, SamePairsAsBruteForce) {
  const SignatureOptions sopt;
  const Corpus c = MakeCorpus(1, 150, sopt);
  ASSERT_GT(c.ids.size(), 300u);
  const PairSet ref = BruteForcePairs(c, 0.8);
  ASSERT_GT(ref.size(), 100u);
  std::vector<size_t> order(c.ids.size());
  std::iota(order.begin(), order.end(), 0);

  // Near-certain banding (miss probability 5e-8 per pair at J = 0.8, with
  // 32 x 4 of 128 hashes): exactly the reference pairs and Jaccard values.
  SignatureOptions s128 = sopt;
  s128.num_hashes = 128;
  const Corpus c128 = MakeCorpus(1, 150, s128);
  NearDupIndex strict({.bands = 32, .rows = 4, .threshold = 0.8});
  const PairSet got = IndexPairs(&strict, c128, order);
  EXPECT_EQ(got.size(), ref.size());
  for (const auto& [p, j] : ref) {
    auto it = got.find(p);
    ASSERT_NE(it, got.end()) << p.first << " " << p.second << " J=" << j;
    EXPECT_DOUBLE_EQ(it->second, j);
  }

  // Defaults: no false pairs ever, recall >= 0.99.
  NearDupIndex index;
  const PairSet def = IndexPairs(&index, c, order);
  size_t hit = 0;
  for (const auto& [p, j] : def) {
    EXPECT_TRUE(ref.count(p)) << p.first << " " << p.second;
    hit += ref.count(p);
  }
  EXPECT_GE(static_cast<double>(hit), 0.99 * static_cast<double>(ref.size()));

  // Groups and representatives equal the components of the reference pairs.
  const auto reps = ReferenceReps(c128, ref, order);
  std::set<std::string> distinct;
  for (const auto& id : c128.ids) {
    EXPECT_EQ(strict.Representative(DocId(id))->str(), reps.at(id)) << id;
    distinct.insert(reps.at(id));
  }
  EXPECT_EQ(strict.group_count(), distinct.size());
  EXPECT_EQ(strict.size(), c128.ids.size());
}

TEST(NearDupIndex, IncrementalOrderDoesNotChangePairsOrGroups) {
  SignatureOptions sopt;
  sopt.num_hashes = 128;
  const Corpus c = MakeCorpus(2, 120, sopt);
  const NearDupOptions nopt{.bands = 32, .rows = 4, .threshold = 0.8};
  std::vector<size_t> forward(c.ids.size()), backward;
  std::iota(forward.begin(), forward.end(), 0);
  backward.assign(forward.rbegin(), forward.rend());
  NearDupIndex a(nopt), b(nopt);
  const PairSet pa = IndexPairs(&a, c, forward);
  const PairSet pb = IndexPairs(&b, c, backward);
  EXPECT_EQ(pa, pb);
  EXPECT_EQ(a.group_count(), b.group_count());
  // Same partition: the members of each group agree.
  for (const auto& id : c.ids) {
    auto ga = a.Group(DocId(id)), gb = b.Group(DocId(id));
    std::sort(ga.begin(), ga.end());
    std::sort(gb.begin(), gb.end());
    EXPECT_EQ(ga, gb) << id;
  }
  // Two halves, the second added later, give the same as all at once.
  NearDupIndex halves(nopt);
  std::vector<size_t> first(forward.begin(), forward.begin() + static_cast<long>(forward.size() / 2));
  std::vector<size_t> second(forward.begin() + static_cast<long>(forward.size() / 2), forward.end());
  PairSet ph = IndexPairs(&halves, c, first);
  const PairSet ph2 = IndexPairs(&halves, c, second);
  ph.insert(ph2.begin(), ph2.end());
  EXPECT_EQ(ph, pa);
}

const char* kWire =
    "الرياض - واس: أعلنت وزارة الداخلية اليوم القبض على خلية إرهابية مكونة من 431 شخصا في عدة مناطق "
    "من المملكة، وقال المتحدث الأمني إن الأجهزة الأمنية تمكنت من إحباط مخططات لاستهداف مساجد ومنشآت أمنية.";
const char* kWireEdited =
    "أعلنت وزارة الداخلية اليوم القبض على خلية إرهابية مكونة من 431 شخصا في عدة مناطق "
    "من المملكة، وقال المتحدث الأمني إن الأجهزة الأمنية تمكنت من إحباط مخططات لاستهداف مساجد ومنشآت أمنية.";
const char* kOther =
    "فاز فريق الهلال على النصر بهدفين مقابل هدف في المباراة التي جمعتهما مساء أمس على ملعب الملك فهد الدولي "
    "بالرياض ضمن منافسات الجولة الأولى من الدوري السعودي للمحترفين.";

TEST(NearDupIndex, WireCopiesFormOneGroupWithTheFirstAsRepresentative) {
  NearDupIndex index;
  auto r1 = index.Add(DocId("okaz-1"), ComputeSignature(kWire));
  ASSERT_TRUE(r1.ok());
  EXPECT_TRUE(r1->matches.empty());
  EXPECT_EQ(r1->representative.str(), "okaz-1");

  // The same text with other diacritics and punctuation: an exact copy.
  auto r2 = index.Add(DocId("riyadh-7"), ComputeSignature(std::string(kWire) + " ..."));
  ASSERT_TRUE(r2.ok());
  EXPECT_TRUE(r2->exact_copy);
  ASSERT_EQ(r2->matches.size(), 1u);
  EXPECT_EQ(r2->matches[0].id.str(), "okaz-1");
  EXPECT_DOUBLE_EQ(r2->matches[0].jaccard, 1.0);
  EXPECT_EQ(r2->representative.str(), "okaz-1");

  // Without the dateline: near, not exact; matches the original and its copy.
  auto r3 = index.Add(DocId("madina-3"), ComputeSignature(kWireEdited));
  ASSERT_TRUE(r3.ok());
  EXPECT_FALSE(r3->exact_copy);
  ASSERT_EQ(r3->matches.size(), 2u);
  EXPECT_EQ(r3->matches[0].id.str(), "okaz-1");
  EXPECT_EQ(r3->matches[1].id.str(), "riyadh-7");
  EXPECT_GE(r3->matches[0].jaccard, 0.8);
  EXPECT_LT(r3->matches[0].jaccard, 1.0);
  EXPECT_DOUBLE_EQ(r3->matches[0].jaccard, r3->matches[1].jaccard);

  auto r4 = index.Add(DocId("sport-1"), ComputeSignature(kOther));
  ASSERT_TRUE(r4.ok());
  EXPECT_TRUE(r4->matches.empty());
  EXPECT_EQ(r4->representative.str(), "sport-1");

  EXPECT_EQ(index.group_count(), 2u);  // two independent sources
  EXPECT_EQ(index.Representative(DocId("madina-3"))->str(), "okaz-1");
  EXPECT_EQ(index.Group(DocId("riyadh-7")),
            (std::vector<DocId>{DocId("okaz-1"), DocId("riyadh-7"), DocId("madina-3")}));
  EXPECT_FALSE(index.Representative(DocId("nope")).has_value());
  EXPECT_TRUE(index.Group(DocId("nope")).empty());

  // Query finds without adding.
  auto q = index.Query(ComputeSignature(kWireEdited));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->matches.size(), 3u);
  EXPECT_EQ(index.size(), 4u);
}

TEST(NearDupIndex, ALinkingDocumentMergesGroupsAndReportsTheFormerRepresentative) {
  // A and C share a middle that B spans: J(A,B), J(B,C) >= 0.8 > J(A,C).
  std::mt19937_64 rng(5);
  const auto core = RandomWords(rng, 200);
  auto a = core, c = core;
  const auto head = RandomWords(rng, 30), tail = RandomWords(rng, 30);
  a.insert(a.begin(), head.begin(), head.end());
  c.insert(c.end(), tail.begin(), tail.end());
  auto b = core;
  b.insert(b.begin(), head.begin() + 15, head.end());  // J(a, b) ~ 0.88, J(a, c) ~ 0.77
  b.insert(b.end(), tail.begin(), tail.begin() + 15);
  const Signature sa = ComputeSignature(Join(a)), sb = ComputeSignature(Join(b)), sc = ComputeSignature(Join(c));
  ASSERT_LT(ExactJaccard(sa.shingles, sc.shingles), 0.8);
  ASSERT_GE(ExactJaccard(sa.shingles, sb.shingles), 0.8);
  ASSERT_GE(ExactJaccard(sb.shingles, sc.shingles), 0.8);
  NearDupIndex index;
  ASSERT_TRUE(index.Add(DocId("a"), sa).ok());
  ASSERT_TRUE(index.Add(DocId("c"), sc).ok());
  EXPECT_EQ(index.group_count(), 2u);
  auto r = index.Add(DocId("b"), sb);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->matches.size(), 2u);
  EXPECT_EQ(r->representative.str(), "a");
  EXPECT_EQ(r->merged, std::vector<DocId>{DocId("c")});
  EXPECT_EQ(index.group_count(), 1u);
  EXPECT_EQ(index.Representative(DocId("c"))->str(), "a");
}

TEST(NearDupIndex, ShortAndEmptyDocumentsAreNobodysDuplicate) {
  NearDupIndex index;
  for (const char* id : {"v1", "v2"}) {
    auto r = index.Add(DocId(id), ComputeSignature("فيديو: لحظة وصول"));
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->matches.empty());
    EXPECT_EQ(r->candidates, 0u);
    EXPECT_EQ(r->representative.str(), id);
  }
  ASSERT_TRUE(index.Add(DocId("e1"), ComputeSignature("")).ok());
  ASSERT_TRUE(index.Add(DocId("e2"), ComputeSignature(" \n ")).ok());
  EXPECT_EQ(index.group_count(), 4u);
}

TEST(NearDupIndex, RejectsBadInputWithoutChangingState) {
  NearDupIndex index;
  ASSERT_TRUE(index.Add(DocId("x"), ComputeSignature(kWire)).ok());
  auto dup = index.Add(DocId("x"), ComputeSignature(kOther));
  EXPECT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("added already"), std::string::npos);
  EXPECT_FALSE(index.Add(DocId(""), ComputeSignature(kOther)).ok());
  SignatureOptions few;
  few.num_hashes = 50;  // < 16 bands x 4 rows
  auto bad = index.Add(DocId("y"), ComputeSignature(kOther, few));
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidInput);
  EXPECT_FALSE(index.Query(ComputeSignature(kOther, few)).ok());
  EXPECT_FALSE(index.Contains(DocId("y")));
  EXPECT_EQ(index.size(), 1u);
  NearDupIndex zero({.bands = 0, .rows = 4, .threshold = 0.8});
  EXPECT_FALSE(zero.Add(DocId("z"), ComputeSignature(kOther)).ok());
}

TEST(NearDupIndex, MemoryUseIsReported) {
  const Corpus c = MakeCorpus(3, 100, {});
  NearDupIndex index;
  std::vector<size_t> order(c.ids.size());
  std::iota(order.begin(), order.end(), 0);
  IndexPairs(&index, c, order);
  const NearDupMemory m = index.MemoryUse();
  EXPECT_GT(m.shingles, 0u);
  EXPECT_GT(m.lsh, 0u);
  EXPECT_GT(m.groups, 0u);
  EXPECT_GT(m.ids, 0u);
  EXPECT_EQ(m.total(), m.shingles + m.lsh + m.groups + m.ids);
  NearDupIndex moved = std::move(index);
  EXPECT_EQ(moved.size(), c.ids.size());
}

// A ShingleSource over the corpus: the sets of the documents handed to the
// index so far (what a store writes as it adds them). `fail` makes every
// load fail; `corrupt` returns one shingle short.
class MapSource : public ShingleSource {
 public:
  Status Load(const DocId& id, std::vector<uint32_t>* out) const override {
    ++loads;
    if (fail) return Status::Invalid("disk error");
    auto it = sets.find(id.str());
    if (it == sets.end()) return Status::Invalid("no set for " + id.str());
    *out = it->second;
    if (corrupt && !out->empty()) out->pop_back();
    return Status::Ok();
  }
  std::map<std::string, std::vector<uint32_t>> sets;
  mutable size_t loads = 0;
  bool fail = false, corrupt = false;
};

TEST(NearDupIndex, AnIndexReadingItsSetsFromASourceFindsTheSame) {
  const Corpus c = MakeCorpus(5, 150, {});
  NearDupIndex kept;
  MapSource source;
  NearDupIndex read(NearDupOptions{}, &source);
  size_t checked = 0, copies = 0;
  for (size_t i = 0; i < c.ids.size(); ++i) {
    auto a = kept.Add(DocId(c.ids[i]), c.sigs[i]);
    auto b = read.Add(DocId(c.ids[i]), c.sigs[i]);
    source.sets[c.ids[i]] = c.sigs[i].shingles;
    ASSERT_TRUE(a.ok() && b.ok()) << c.ids[i];
    ASSERT_EQ(a->matches.size(), b->matches.size()) << c.ids[i];
    for (size_t k = 0; k < a->matches.size(); ++k) {
      EXPECT_EQ(a->matches[k].id, b->matches[k].id);
      EXPECT_EQ(a->matches[k].jaccard, b->matches[k].jaccard);
    }
    EXPECT_EQ(a->candidates, b->candidates);
    EXPECT_EQ(a->checked, b->checked);
    EXPECT_EQ(a->exact_copy, b->exact_copy);
    EXPECT_EQ(a->representative, b->representative);
    EXPECT_EQ(a->merged, b->merged);
    checked += a->checked;
    copies += a->exact_copy;
  }
  EXPECT_GT(copies, 0u);
  // Every exact check read one set (an exact copy's own check is free, its
  // content-hash match reads one).
  EXPECT_GT(source.loads, 0u);
  EXPECT_LE(source.loads, checked + copies);
  EXPECT_EQ(read.group_count(), kept.group_count());
  const NearDupMemory mk = kept.MemoryUse(), mr = read.MemoryUse();
  EXPECT_LT(mr.shingles * 20, mk.shingles);  // sizes only: 4 bytes a document, not a set
  EXPECT_EQ(mr.lsh, mk.lsh);
  // Query reads from the source too.
  auto qk = kept.Query(c.sigs[0]), qr = read.Query(c.sigs[0]);
  ASSERT_TRUE(qk.ok() && qr.ok());
  EXPECT_EQ(qk->matches.size(), qr->matches.size());
}

TEST(NearDupIndex, ASetThatCannotBeReadFailsTheAddAndChangesNothing) {
  MapSource source;
  NearDupIndex index(NearDupOptions{}, &source);
  const Signature wire = ComputeSignature(kWire), edited = ComputeSignature(kWireEdited);
  ASSERT_TRUE(index.Add(DocId("wire"), wire).ok());
  source.sets["wire"] = wire.shingles;
  for (bool corrupt : {false, true}) {
    source.fail = !corrupt;
    source.corrupt = corrupt;
    auto r = index.Add(DocId("copy"), edited);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find(corrupt ? "'wire' has" : "disk error"), std::string::npos)
        << r.status().message();
    EXPECT_FALSE(index.Contains(DocId("copy")));
    EXPECT_EQ(index.size(), 1u);
    EXPECT_FALSE(index.Query(edited).ok());
  }
  source.fail = source.corrupt = false;
  auto r = index.Add(DocId("copy"), edited);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->matches.size(), 1u);
  EXPECT_EQ(r->matches[0].id.str(), "wire");
  EXPECT_EQ(index.group_count(), 1u);
}

// The dev gold's pairs were computed on the records' `content`: the exact
// Jaccard of our shingles agrees (our normalization also folds Eastern
// digits, ؤ/ئ and Latin case, so a few pairs differ by more).
TEST(NearDupGold, ExactJaccardAgreesWithTheDevGold) {
  AKHBAR_REQUIRE_SHARED(shared);
  std::ifstream in(shared / "corpus" / "neardup-dev-gold.tsv");
  std::vector<std::tuple<std::string, std::string, double>> gold;
  std::string line;
  while (std::getline(in, line) && gold.size() < 300) {
    std::istringstream ls(line);
    std::string a, b;
    double j;
    if (ls >> a >> b >> j) gold.emplace_back(a, b, j);
  }
  ASSERT_FALSE(gold.empty());
  std::set<std::string> want;
  for (const auto& [a, b, j] : gold) {
    want.insert(a);
    want.insert(b);
  }
  std::unordered_map<std::string, Signature> sigs;
  ReadInputs({(shared / "corpus" / "saudinewsnet-dev.jsonl.gz").string()}, {}, [&](IngestItem&& item) {
    if (!item.doc.ok() || !want.count(item.doc->id.str())) return;
    auto text = DecodeToUtf8(item.doc->content.data);
    if (text.ok()) sigs[item.doc->id.str()] = ComputeSignature(text->text.view());
  });
  size_t close = 0;
  for (const auto& [a, b, j] : gold) {
    ASSERT_TRUE(sigs.count(a) && sigs.count(b)) << a << " " << b;
    close += std::abs(ExactJaccard(sigs[a].shingles, sigs[b].shingles) - j) < 0.01;
  }
  EXPECT_GE(static_cast<double>(close), 0.98 * static_cast<double>(gold.size()));
}

}  // namespace
}  // namespace akhbar
