// The tagger's lexicon: gazetteer entries, agencies, cue words and ICU's
// Arabic country and city names, matched as sequences of kMatch words.
#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>

#include <memory>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "akhbar/normalize.h"
#include "akhbar/tokenize.h"
#include "ner/internal.h"

namespace akhbar::ner {

uint64_t HashBytes(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

namespace {

constexpr std::string_view kWaw = "\xD9\x88";     // و
constexpr std::string_view kFa = "\xD9\x81";      // ف
constexpr std::string_view kBa = "\xD8\xA8";      // ب
constexpr std::string_view kKaf = "\xD9\x83";     // ك
constexpr std::string_view kLam = "\xD9\x84";     // ل
constexpr std::string_view kAl = "\xD8\xA7\xD9\x84";  // ال

// Arabic letters are two bytes in UTF-8; "two letters remain" is >= 4 bytes.
constexpr size_t kMinRest = 4;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

uint64_t SeqStart(uint64_t token_hash) { return Mix(0x51ED270B27A3F1C5ull, token_hash); }

// Words of a phrase: its kMatch key split into word and number tokens.
std::vector<std::string> PhraseWords(std::string_view phrase) {
  std::string key = arabic::MatchKey(phrase);
  std::vector<arabic::Token> tokens;
  arabic::Tokenize(key, &tokens);
  std::vector<std::string> words;
  for (const auto& t : tokens) {
    if (t.type == arabic::TokenType::kEmoji) continue;
    words.emplace_back(key.substr(t.begin, t.end - t.begin));
  }
  return words;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t e = s.find(sep, pos);
    if (e == std::string_view::npos) e = s.size();
    out.push_back(s.substr(pos, e - pos));
    pos = e + 1;
  }
  return out;
}

template <typename F>
void ForEachDataLine(std::string_view text, F&& f) {
  for (std::string_view line : Split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    f(Split(line, '\t'));
  }
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string s;
  u.toUTF8String(s);
  return s;
}

bool HasArabic(std::string_view s) {
  for (unsigned char c : s)
    if (c == 0xD8 || c == 0xD9 || c == 0xDA || c == 0xDB) return true;
  return false;
}

}  // namespace

Segmentation SegmentClitics(std::string_view w) {
  size_t pos = 0;
  auto rest = [&] { return w.substr(pos); };
  if ((StartsWith(rest(), kWaw) || StartsWith(rest(), kFa)) && w.size() - pos - 2 >= kMinRest + 2) pos += 2;
  // لل: ل + ال with the alef dropped.
  if (StartsWith(rest(), kLam) && StartsWith(rest().substr(2), kLam) && w.size() - pos - 4 >= kMinRest) {
    pos += 4;
    return {w.substr(0, pos), rest()};
  }
  if ((StartsWith(rest(), kBa) || StartsWith(rest(), kKaf) || StartsWith(rest(), kLam)) &&
      StartsWith(rest().substr(2), kAl) && w.size() - pos - 6 >= kMinRest) {
    pos += 6;
    return {w.substr(0, pos), rest()};
  }
  if (StartsWith(rest(), kAl) && w.size() - pos - 4 >= kMinRest) {
    pos += 4;
    return {w.substr(0, pos), rest()};
  }
  if ((StartsWith(rest(), kBa) || StartsWith(rest(), kKaf) || StartsWith(rest(), kLam)) &&
      w.size() - pos - 2 >= kMinRest + 2) {
    pos += 2;
  }
  return {w.substr(0, pos), rest()};
}

void Lexicon::Add(LexKind kind, std::string_view phrase) {
  std::vector<std::string> words = PhraseWords(phrase);
  if (words.empty() || words.size() > 8) return;
  uint64_t h = SeqStart(HashBytes(words[0]));
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) h = Lexicon::SeqNext(h, HashBytes(words[i]));
    uint32_t& v = table_[h];
    if (i + 1 < words.size()) v |= kPrefixFlag;
    else v |= 1u << kind;
  }
  ++entries_;
}

Lexicon::Lexicon(std::string_view gazetteer, std::string_view agencies, std::string_view lexicon,
                 bool with_icu) {
  // gazetteer.tsv: type, canonical, latin, role, variants.
  ForEachDataLine(gazetteer, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 2) return;
    LexKind kind = f[0] == "PER" ? kLexPer : f[0] == "LOC" ? kLexLoc : f[0] == "ORG" ? kLexOrg : kNumLexKinds;
    if (kind == kNumLexKinds) return;
    std::vector<std::string_view> names{f[1]};
    if (f.size() >= 5)
      for (std::string_view v : Split(f[4], '|')) names.push_back(v);
    for (std::string_view name : names) {
      if (name.empty()) continue;
      Add(kind, name);
      if (kind == kLexPer) {
        std::vector<std::string> words = PhraseWords(name);
        for (const std::string& w : words)
          if (w.size() >= 6) Add(kLexPerPart, w);
      }
    }
    if (f.size() >= 4 && !f[3].empty()) Add(kLexTitle, f[3]);
  });
  // agencies.tsv: canonical, latin, variants (~ marks ambiguous words).
  ForEachDataLine(agencies, [&](const std::vector<std::string_view>& f) {
    if (f.empty()) return;
    Add(kLexOrg, f[0]);
    if (f.size() >= 3)
      for (std::string_view v : Split(f[2], '|'))
        if (!v.empty() && v[0] != '~') Add(kLexOrg, v);
  });
  ForEachDataLine(lexicon, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 2) return;
    LexKind kind = f[0] == "TITLE"    ? kLexTitle
                   : f[0] == "FIRST"  ? kLexFirst
                   : f[0] == "ORGCUE" ? kLexOrgCue
                   : f[0] == "LOCCUE" ? kLexLocCue
                   : f[0] == "NISBA"  ? kLexNisba
                   : f[0] == "MISC"   ? kLexMisc
                   : f[0] == "PER"    ? kLexPer
                   : f[0] == "LOC"    ? kLexLoc
                   : f[0] == "ORG"    ? kLexOrg
                                      : kNumLexKinds;
    if (kind == kNumLexKinds) return;
    for (std::string_view v : Split(f[1], '|')) {
      if (v.empty()) continue;
      Add(kind, v);
      if (kind == kLexPer)  // as for the gazetteer: each longer word alone
        for (const std::string& w : PhraseWords(v))
          if (w.size() >= 6) Add(kLexPerPart, w);
    }
  });
  if (!with_icu) return;
  // ICU's Arabic display names of ISO countries and of the exemplar cities of
  // time zones (CLDR data).
  icu::Locale ar("ar");
  for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) {
    icu::UnicodeString name;
    icu::Locale("", *c).getDisplayCountry(ar, name);
    std::string s = ToUtf8(name);
    if (HasArabic(s)) Add(kLexLoc, s);
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZoneNames> tzn(icu::TimeZoneNames::createInstance(ar, status));
  std::unique_ptr<icu::StringEnumeration> zones(icu::TimeZone::createEnumeration(status));
  if (U_FAILURE(status) || !tzn || !zones) return;
  while (const icu::UnicodeString* id = zones->snext(status)) {
    if (U_FAILURE(status)) break;
    icu::UnicodeString city;
    tzn->getExemplarLocationName(*id, city);
    std::string s = ToUtf8(city);
    if (HasArabic(s)) Add(kLexLoc, s);
  }
}

namespace {
const Lexicon* g_override = nullptr;
}  // namespace

const Lexicon& Lexicon::Default() {
  if (g_override != nullptr) return *g_override;
  static const Lexicon* lexicon =
      new Lexicon(data::NerGazetteer(), data::NerAgencies(), data::NerLexicon(), /*with_icu=*/true);
  return *lexicon;
}

void Lexicon::OverrideDefault(const Lexicon* lexicon) { g_override = lexicon; }

int Lexicon::Starts(std::string_view w, uint64_t out[4]) const {
  // Candidate forms of a first word: as written, without و/ف, without
  // و/ف + ب/ك/ل before ال, and لل -> ال.
  std::string alt;
  std::string_view cands[4];
  int nc = 0;
  cands[nc++] = w;
  std::string_view r = w;
  if ((StartsWith(r, kWaw) || StartsWith(r, kFa)) && r.size() >= 6) cands[nc++] = r = r.substr(2);
  if ((StartsWith(r, kBa) || StartsWith(r, kKaf) || StartsWith(r, kLam)) && StartsWith(r.substr(2), kAl) &&
      r.size() >= 8) {
    cands[nc++] = r.substr(2);
  } else if (StartsWith(r, kLam) && StartsWith(r.substr(2), kLam) && r.size() >= 8) {
    alt.assign(kAl);
    alt.append(r.substr(4));
    cands[nc++] = alt;
  } else if ((StartsWith(r, kBa) || StartsWith(r, kKaf) || StartsWith(r, kLam)) && r.size() >= 8) {
    cands[nc++] = r.substr(2);
  }
  int found = 0;
  for (int c = 0; c < nc; ++c) {
    uint64_t h = SeqStart(HashBytes(cands[c]));
    if (table_.find(h)) out[found++] = h;
  }
  return found;
}

void Lexicon::MarkInfos(const WordInfo* const* words, size_t n, uint32_t* bits) const {
  MarkWith(
      n, [words](size_t i) { return LexWord{words[i]->word, words[i]->lex_start, words[i]->num_lex_start}; }, bits);
}

void Lexicon::Mark(const std::vector<std::string_view>& words, std::vector<uint32_t>* bits) const {
  const size_t n = words.size();
  std::vector<WordInfo> infos(n);
  std::vector<const WordInfo*> ptrs(n);
  for (size_t i = 0; i < n; ++i) {
    infos[i].word = HashBytes(words[i]);
    infos[i].num_lex_start = uint8_t(Starts(words[i], infos[i].lex_start));
    ptrs[i] = &infos[i];
  }
  bits->assign(n, 0);
  MarkInfos(ptrs.data(), n, bits->data());
}

void ClusterTable::Add(std::string_view w, uint16_t coarse, uint16_t fine) {
  if (index_.emplace(HashBytes(w), uint32_t(coarse) << 16 | fine)) words_.push_back({std::string(w), coarse, fine});
}

bool ClusterTable::FindHash(uint64_t h, uint16_t* coarse, uint16_t* fine) const {
  const uint32_t* v = index_.find(h);
  if (!v) return false;
  *coarse = uint16_t(*v >> 16);
  *fine = uint16_t(*v & 0xFFFF);
  return true;
}

bool ClusterTable::Find(std::string_view w, uint16_t* coarse, uint16_t* fine) const {
  return FindHash(HashBytes(w), coarse, fine);
}

}  // namespace akhbar::ner
