// Reporting verbs and their speakers; direct quotations. See
// akhbar/extract.h for the rules.
#include <array>
#include <unordered_set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "extract/internal.h"

namespace akhbar::extract_internal {

namespace {

WordSet LightSet(std::initializer_list<std::string_view> words) {
  WordSet out;
  for (std::string_view w : words) {
    std::string k;
    LightWord(w, false, &k);
    out.insert(std::move(k));
  }
  return out;
}

// Verbs of saying: a quotation may hang on them.
const WordSet& QuoteVerbs() {
  static const auto s = LightSet(
      {"قال", "قالت", "أضاف", "أضافت", "أكد", "أكدت", "أوضح", "أوضحت", "صرح", "صرحت", "أشار", "أشارت", "تابع",
       "تابعت", "ندد", "نددت", "شدد", "شددت", "اعتبر", "اعتبرت", "لفت", "لفتت", "استطرد", "ختم", "ختمت", "كتب",
       "كتبت", "غرد", "غردت", "ذكر", "ذكرت", "أعلن", "أعلنت", "يقول", "تقول", "مضيفا", "مضيفة", "قائلا", "قائلة",
       "قوله", "قولها", "مؤكدا", "مؤكدة", "موضحا", "موضحة", "مشيرا", "مشيرة", "متابعا", "مشددا", "معتبرا",
       "أردف", "أردفت", "حذر", "حذرت", "رد", "ردت"});
  return s;
}
// Verbs whose subject was named before them (`X ... قائلا`, `عن X قوله`).
const WordSet& Participles() {
  static const auto s = LightSet({"مضيفا", "مضيفة", "قائلا", "قائلة", "قوله", "قولها", "مؤكدا", "مؤكدة",
                                  "موضحا", "موضحة", "مشيرا", "مشيرة", "متابعا", "مشددا", "معتبرا"});
  return s;
}
// Verbs that attribute a figure but do not introduce quotations.
const WordSet& ReportVerbs() {
  static const auto s = LightSet({"أفاد", "أفادت", "قدر", "قدرت", "كشف", "كشفت", "نقل", "نقلت", "أعلن", "أعلنت",
                                  "رجح", "رجحت", "تقدر", "يقدر", "زعم", "زعمت"});
  return s;
}
const WordSet& Complementizers() {
  static const auto s =
      LightSet({"أن", "إن", "بأن", "وأن", "لأن", "أنه", "أنها", "أنهم", "أنهما", "أننا", "أنني", "إنه", "إنها",
                "إنهم", "إننا", "إنني", "بأنه", "بأنها", "بأنهم", "بأننا", "إنّ", "أنّ"});
  return s;
}
const WordSet& FunctionWords() {
  static const auto s = LightSet({"في", "خلال", "أمام", "عن", "من", "على", "إلى", "بعد", "قبل", "أيضا", "مجددا",
                                  "اليوم", "أمس", "لوسائل", "للصحفيين", "لـ", "حينها", "كذلك", "إنه", "بدوره",
                                  "بدورها", "عبر", "ل", "له", "لها", "لهم", "مساء", "صباح", "يوم"});
  return s;
}

// Words after which an unnamed source's phrase does not go on: the
// addressee, the channel, the time (`قال أحد السكان لـ"الوادي اليوم"`).
const WordSet& PhraseEnds() {
  static const auto s = LightSet({"لـ", "ل", "لوسائل", "للصحفيين", "للصحافة", "عبر", "خلال", "أمام", "بعد",
                                  "قبل", "أيضا", "مجددا", "اليوم", "أمس", "حينها", "مساء", "صباح", "يوم",
                                  "لقناة", "لصحيفة", "لوكالة", "له", "لها"});
  return s;
}

bool IsComma(const Doc& doc, const Tok& t) {
  std::string_view p = doc.text.substr(t.begin, t.end - t.begin);
  return t.type == arabic::TokenType::kPunct && (p == "," || p == "\xD8\x8C");
}

// The person named at token k after optional titles (`المقدم`), or -1.
int TitledPerson(const Doc& doc, uint32_t k, uint32_t sentence) {
  const auto& toks = doc.toks;
  while (k < toks.size() && toks[k].mention < 0 && IsTitle(toks[k])) ++k;
  if (k >= toks.size() || toks[k].sentence != sentence || toks[k].mention < 0) return -1;
  int e = doc.mentions[toks[k].mention].entity;
  return doc.entities[e].type == "PER" ? e : -1;
}

// The token's bare light form with one و/ف proclitic removed, if that is in `set`.
bool InSet(const Tok& t, const WordSet& set, std::string* form) {
  if (!t.word) return false;
  if (set.count(t.bare)) {
    if (form) *form = t.bare;
    return true;
  }
  if (t.bare.size() > 4 && (t.bare.rfind("\xD9\x88", 0) == 0 || t.bare.rfind("\xD9\x81", 0) == 0)) {
    std::string_view rest = std::string_view(t.bare).substr(2);
    if (set.count(rest)) {
      if (form) *form = std::string(rest);
      return true;
    }
  }
  return false;
}

}  // namespace

uint8_t SpeechVerbsOf(std::string_view bare) {
  // InSet's test, with each key hashed once for both sets.
  const uint64_t h = KeyHash(bare);
  const bool has_rest = bare.size() > 4 && (bare.rfind("\xD9\x88", 0) == 0 || bare.rfind("\xD9\x81", 0) == 0);
  const uint64_t hr = has_rest ? KeyHash(bare.substr(2)) : 0;
  auto in = [&](const WordSet& set) { return set.count(bare, h) || (has_rest && set.count(bare.substr(2), hr)); };
  return static_cast<uint8_t>((in(QuoteVerbs()) ? kSpeechQuote : 0) | (in(ReportVerbs()) ? kSpeechReport : 0));
}

void FindSpeeches(const ExtractOptions& options, Doc* doc) {
  const auto& toks = doc->toks;
  int last_speaker = -1;
  doc->speeches.clear();
  for (uint32_t i = 0; i < toks.size(); ++i) {
    const Tok& t = toks[i];
    if (!t.word || t.mention >= 0) continue;
    const bool quote_verb = t.speech_verbs & kSpeechQuote;
    if (!quote_verb && !(t.speech_verbs & kSpeechReport)) continue;
    Speech sp;
    sp.tok = i;
    sp.quote_verb = quote_verb;
    // The verb as written, without a و/ف proclitic.
    uint32_t vb = t.begin;
    if (!QuoteVerbs().count(t.bare) && !ReportVerbs().count(t.bare) && t.readings.size() > 1)
      vb += t.readings[1].strip;
    sp.verb = std::string(doc->text.substr(vb, t.end - vb));
    bool participle = InSet(t, Participles(), nullptr);
    uint32_t n = static_cast<uint32_t>(toks.size());
    uint32_t j = i + 1;
    if (!participle && j < n && toks[j].word && toks[j].sentence == t.sentence) {
      const Tok& s = toks[j];
      if (s.mention >= 0) {
        sp.entity = doc->mentions[s.mention].entity;
      } else if (IsRoleHead(s) || (IsTitle(s) && TitledPerson(*doc, j, t.sentence) >= 0)) {
        // Role phrase, then an optional comma and titles; a person named
        // there is the speaker (`وقال المتحدث باسم اللجنة، المقدم X`).
        bool role = IsRoleHead(s);
        uint32_t e = j + 1;
        if (role)
          while (e < n && e - j <= options.max_role_words + 2 && toks[e].word && toks[e].sentence == t.sentence &&
                 IsRoleModifier(*doc, toks[e]) && !InSet(toks[e], Complementizers(), nullptr))
            ++e;
        uint32_t k = role ? e : j;
        if (role && k < n && IsComma(*doc, toks[k])) ++k;
        int person = TitledPerson(*doc, k, t.sentence);
        if (person < 0 && role && k == e) {
          // The person after more of the complement: places, organisations
          // and nouns (`رئيس جمعية مزارعي واحات درعة الحسين أوبلا`).
          uint32_t m = e;
          while (m < n && m - e < 6 && toks[m].word && toks[m].sentence == t.sentence &&
                 (toks[m].mention >= 0 ? doc->entities[doc->mentions[toks[m].mention].entity].type != "PER"
                                       : !InSet(toks[m], Complementizers(), nullptr) &&
                                             !InSet(toks[m], FunctionWords(), nullptr)))
            ++m;
          person = TitledPerson(*doc, m, t.sentence);
        }
        if (person >= 0) {
          sp.entity = person;
        } else {
          sp.entity = ResolveRole(*doc, j, e, i);
          if (sp.entity < 0) {
            uint32_t b = s.begin;
            sp.phrase = std::string(doc->text.substr(b, toks[e - 1].end - b));
          }
        }
      } else if (!InSet(s, Complementizers(), nullptr) && !InSet(s, FunctionWords(), nullptr)) {
        // An unnamed source (`مصادر في الوزارة`, `تقييمات استخباراتية في سيول`).
        uint32_t e = j;
        while (e < n && e - j < 6 && toks[e].word && toks[e].sentence == t.sentence &&
               !InSet(toks[e], Complementizers(), nullptr) && !(e > j && InSet(toks[e], PhraseEnds(), nullptr))) {
          if (toks[e].mention >= 0 && e == j) break;
          ++e;
        }
        if (e > j) sp.phrase = std::string(doc->text.substr(s.begin, toks[e - 1].end - s.begin));
      }
    }
    if (sp.entity < 0 && sp.phrase.empty()) {
      // Subject named earlier in the sentence: a person first, else any entity.
      int any = -1;
      for (uint32_t k = i; k > 0 && i - k < options.max_verb_distance; --k) {
        const Tok& b = toks[k - 1];
        if (b.sentence != t.sentence) break;
        if (b.mention < 0) continue;
        int e = doc->mentions[b.mention].entity;
        if (doc->entities[e].type == "PER") {
          sp.entity = e;
          break;
        }
        if (any < 0) any = e;
      }
      if (sp.entity < 0 && !participle) sp.entity = any;
      if (sp.entity < 0 && quote_verb) sp.entity = last_speaker;
    }
    if (quote_verb && sp.entity >= 0 && doc->entities[sp.entity].type == "PER") last_speaker = sp.entity;
    doc->speeches.push_back(std::move(sp));
  }
}

namespace {

enum class Mark { kNone, kOpenGuillemet, kCloseGuillemet, kDouble };

// The quotation mark at text[i] and its byte length.
Mark MarkAt(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == '"') {
    *len = 1;
    return Mark::kDouble;
  }
  if (c == 0xC2 && i + 1 < s.size()) {
    unsigned char d = static_cast<unsigned char>(s[i + 1]);
    *len = 2;
    if (d == 0xAB) return Mark::kOpenGuillemet;
    if (d == 0xBB) return Mark::kCloseGuillemet;
  }
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char d = static_cast<unsigned char>(s[i + 2]);
    *len = 3;
    if (d == 0x9C || d == 0x9D || d == 0x9E) return Mark::kDouble;  // “ ” „
  }
  return Mark::kNone;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The first i' >= i with s[i'] a byte that can start a quotation mark or a
// line break (\n " C2 E2; `interesting` is their table), or s.size():
// sixteen bytes a step where SSE2 is available.
size_t NextInteresting(std::string_view s, size_t i, const std::array<bool, 256>& interesting) {
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n'), dq = _mm_set1_epi8('"'), c2 = _mm_set1_epi8(static_cast<char>(0xC2)),
                e2 = _mm_set1_epi8(static_cast<char>(0xE2));
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, dq)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e2)));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  while (i < s.size() && !interesting[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

}  // namespace

std::vector<Quote> FindQuotes(const ExtractOptions& options, const Doc& doc) {
  std::vector<Quote> out;
  std::string_view s = doc.text;
  const auto& toks = doc.toks;
  // Pairs of marks within a line: « », or two double quotes of any glyph.
  size_t open_at = 0, open_len = 0;
  Mark open = Mark::kNone;
  // Bytes that can start a quotation mark or a line break; all others are skipped at once.
  static const std::array<bool, 256> kInteresting = [] {
    std::array<bool, 256> t{};
    t['\n'] = t['"'] = t[0xC2] = t[0xE2] = true;
    return t;
  }();
  for (size_t i = 0; i < s.size();) {
    i = NextInteresting(s, i, kInteresting);
    if (i >= s.size()) break;
    if (s[i] == '\n') {
      open = Mark::kNone;
      ++i;
      continue;
    }
    size_t len = 0;
    Mark m = MarkAt(s, i, &len);
    if (m == Mark::kNone) {
      ++i;
      continue;
    }
    bool closes = (open == Mark::kOpenGuillemet && m == Mark::kCloseGuillemet) ||
                  (open == Mark::kDouble && m == Mark::kDouble);
    if (open == Mark::kNone && m != Mark::kCloseGuillemet) {
      open = m;
      open_at = i;
      open_len = len;
    } else if (closes) {
      open = Mark::kNone;
      uint32_t b = static_cast<uint32_t>(open_at + open_len), e = static_cast<uint32_t>(i);
      while (b < e && IsSpace(s[b])) ++b;
      while (e > b && IsSpace(s[e - 1])) --e;
      uint32_t tb = doc.TokenAt(b), te = doc.TokenAt(e);
      uint32_t words = 0;
      for (uint32_t k = tb; k < te; ++k) words += toks[k].word || toks[k].type == arabic::TokenType::kNumber;
      if (words >= options.min_quote_words) {
        // The verb before the quote in its sentence, else right after it.
        uint32_t qtok = doc.TokenAt(static_cast<uint32_t>(open_at));
        const Speech* sp = nullptr;
        for (const Speech& c : doc.speeches) {
          if (c.tok >= qtok) break;
          if (c.quote_verb && qtok - c.tok <= options.max_verb_distance && qtok < toks.size() &&
              toks[c.tok].sentence == toks[qtok].sentence)
            sp = &c;
        }
        if (sp == nullptr) {
          uint32_t after = doc.TokenAt(static_cast<uint32_t>(i + len));
          uint32_t skipped = 0;
          while (after < toks.size() && toks[after].type == arabic::TokenType::kPunct && skipped < 2) {
            ++after;
            ++skipped;
          }
          for (const Speech& c : doc.speeches)
            if (c.tok == after && c.quote_verb) sp = &c;
        }
        if (sp != nullptr) {
          Quote q;
          if (sp->entity >= 0) {
            q.speaker = doc.entities[sp->entity].canonical;
            q.speaker_id = EntityId(doc.entities[sp->entity].type, doc.entities[sp->entity].canonical);
          } else {
            q.speaker = sp->phrase;
          }
          q.text = std::string(s.substr(b, e - b));
          q.begin = b;
          q.end = e;
          q.verb = sp->verb;
          out.push_back(std::move(q));
        }
      }
    }  // else: a double quote inside « », or a stray », is part of the text
    i += len;
  }
  return out;
}

}  // namespace akhbar::extract_internal
