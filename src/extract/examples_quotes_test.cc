// Quotation speakers on the sample corpus (examples/, fictional): every gold
// quotation of examples/expected.json ("quotes": doc, speaker, starts) is
// matched to the extracted quotation whose text contains the first 20
// characters of `starts`, and its speaker compared with the gold speaker.
// Prints the counts (exact canonical, and same entity id) and asserts floors
// the extractor reaches. Set AKHBAR_DUMP=1 to print every miss.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "akhbar/analyze.h"
#include "akhbar/extract.h"
#include "akhbar/ingest.h"
#include "testing.h"

namespace akhbar {
namespace {

// The first n code points of s.
std::string Prefix(const std::string& s, size_t n) {
  size_t i = 0;
  for (size_t cps = 0; i < s.size() && cps < n; ++cps) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return s.substr(0, i);
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST(ExamplesQuotes, SpeakersOfGoldQuotations) {
  std::filesystem::path dir = testing::SourceDir() / "examples";
  nlohmann::json expected = nlohmann::json::parse(testing::ReadFile(dir / "expected.json"));
  // Every document of the corpus, by id, input path and locator.
  std::vector<AnalyzedDocument> docs;
  ReadInputs({(dir / "corpus").string()}, IngestOptions{}, [&](IngestItem&& item) {
    if (!item.doc.ok()) return;
    auto a = AnalyzeDocument(std::move(item.doc).value(), AnalyzeOptions{});
    if (a.ok()) docs.push_back(std::move(a).value());
  });
  ASSERT_GE(docs.size(), 40u);
  auto find = [&](const std::string& name) -> const AnalyzedDocument* {
    for (const auto& d : docs)
      if (d.id.str() == name || d.locator == name || EndsWith(d.input, "/" + name)) return &d;
    return nullptr;
  };
  bool dump = std::getenv("AKHBAR_DUMP") != nullptr;
  size_t total = 0, found = 0, exact = 0, same_id = 0;
  for (const auto& g : expected["quotes"]) {
    ++total;
    std::string name = g["doc"], speaker = g["speaker"];
    const AnalyzedDocument* d = find(name);
    ASSERT_NE(d, nullptr) << name;
    std::string start = Prefix(testing::NfcFold(g["starts"].get<std::string>()), 20);
    const Quote* q = nullptr;
    for (const auto& c : d->extraction.quotes)
      if (!q && testing::NfcFold(c.text).find(start) != std::string::npos) q = &c;
    if (q == nullptr) {
      if (dump) std::cout << "NOQUOTE " << name << ": " << start << "\n";
      continue;
    }
    ++found;
    exact += q->speaker == speaker;
    same_id += !q->speaker_id.empty() && q->speaker_id == EntityId("PER", speaker);
    if (dump && q->speaker != speaker)
      std::cout << "MISS " << name << ": gold [" << speaker << "] " << EntityId("PER", speaker) << " got [" << q->speaker
                << "] " << q->speaker_id << "\n";
  }
  std::cout << "examples quotes: " << total << " gold, " << found << " found, " << exact
            << " with the gold speaker's canonical, " << same_id << " with its entity id\n";
  EXPECT_EQ(found, total);
  // Floors reached (27 exact before role resolution, names after roles and
  // the spelling rules). The misses are spellings of another article
  // (`كريم بن سالم` for `كريم بنسالم`: same id) and shorter forms
  // (`خالد الراشدي` for `خالد بن سعيد الراشدي`); one correct speaker is an
  // unnamed source (`أحد السكان`) with no id. The NER model with corpus
  // labels (held-out F1 0.708 -> 0.728) tags two names of this corpus less
  // well than the one before it (52/54 then): `حيدر الساعدي` ends at `حيدر`,
  // and `بارك جي هون` is missed, so his quotation stays with his role.
  EXPECT_GE(exact, 50u);
  EXPECT_GE(same_id, 52u);
}

}  // namespace
}  // namespace akhbar
