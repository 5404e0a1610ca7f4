// Numeric claims: a number, what it counts, who says so, and a matching key.
// See akhbar/extract.h.
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

#include "akhbar/text.h"
#include "extract/internal.h"

namespace akhbar {
namespace extract_internal {

namespace {

std::string Light(std::string_view w, bool drop_al = true) {
  std::string k;
  LightWord(w, drop_al, &k);
  return k;
}

struct Lexicon {
  std::unordered_map<std::string, std::string> lemma;  // light form (singular or plural) -> singular
  std::unordered_map<std::string, std::string> compound;  // "singular-light second-light" -> display
};

// Counted nouns: singular, then its broken plural(s). Sound plurals
// (-ون/-ين/-ات) and the accusative -ا are handled by suffix stripping.
const Lexicon& Lex() {
  static const Lexicon lex = [] {
    Lexicon l;
    struct Row {
      const char* singular;
      std::initializer_list<const char*> plurals;
    };
    static const Row kRows[] = {
        {"جندي", {"جنود"}}, {"صاروخ", {"صواريخ"}}, {"مهندس", {}}, {"قتيل", {"قتلى"}}, {"جريح", {"جرحى"}},
        {"نازح", {}}, {"لاجئ", {}}, {"شخص", {"أشخاص"}}, {"مدني", {}}, {"طفل", {"أطفال"}},
        {"امرأة", {"نساء"}}, {"قذيفة", {"قذائف"}}, {"طائرة", {"طائرات"}}, {"مسيرة", {"مسيرات"}},
        {"دبابة", {"دبابات"}}, {"عسكري", {}}, {"مقاتل", {}}, {"أسير", {"أسرى"}}, {"معتقل", {}},
        {"منزل", {"منازل"}}, {"شهيد", {"شهداء"}}, {"ضحية", {"ضحايا"}}, {"مصاب", {}}, {"مواطن", {}},
        {"عامل", {"عمال"}}, {"موظف", {}}, {"طالب", {"طلاب"}}, {"حالة", {"حالات"}}, {"إصابة", {"إصابات"}},
        {"وفاة", {"وفيات"}}, {"دولار", {"دولارات"}}, {"يورو", {}}, {"ريال", {"ريالات"}}, {"جنيه", {"جنيهات"}},
        {"درهم", {"دراهم"}}, {"دينار", {"دنانير"}}, {"ليرة", {"ليرات"}}, {"روبل", {}}, {"يوان", {}},
        {"شيكل", {}}, {"طن", {"أطنان"}}, {"برميل", {"براميل"}}, {"كيلومتر", {"كيلومترات", "كلم"}},
        {"متر", {"أمتار"}}, {"هكتار", {"هكتارات"}}, {"ميغاواط", {"ميجاواط"}}, {"وظيفة", {"وظائف"}},
        {"فرصة", {"فرص"}}, {"منصب", {"مناصب"}}, {"مسكن", {"مساكن"}}, {"بيت", {"بيوت"}},
        {"سيارة", {"سيارات"}}, {"مهاجر", {}}, {"ناخب", {}}, {"مستوطن", {}}, {"رهينة", {"رهائن"}},
        {"جثة", {"جثث"}}, {"مدفع", {"مدافع"}}, {"قنبلة", {"قنابل"}}, {"ذخيرة", {"ذخائر"}}, {"سفينة", {"سفن"}},
        {"زورق", {"زوارق"}}, {"شاحنة", {"شاحنات"}}, {"مسافر", {}}, {"حاج", {"حجاج"}}, {"زائر", {"زوار"}},
        {"معتمر", {}}, {"مريض", {"مرضى"}}, {"مصنع", {"مصانع"}}, {"مدرسة", {"مدارس"}}, {"مستشفى", {"مستشفيات"}},
        {"شركة", {"شركات"}}, {"عائلة", {"عائلات"}}, {"أسرة", {"أسر"}}, {"دولة", {"دول"}}, {"مشروع", {"مشاريع"}},
        {"وحدة", {"وحدات"}}, {"صحفي", {}}, {"ضابط", {"ضباط"}}, {"عنصر", {"عناصر"}}, {"مسلح", {}},
        {"متظاهر", {}}, {"مهاجم", {}}, {"باني", {"بناة"}}, {"خبير", {"خبراء"}}, {"مستشار", {}},
        {"مركبة", {"مركبات"}}, {"مقعد", {"مقاعد"}}, {"صوت", {"أصوات"}}, {"نسمة", {}}, {"لتر", {"لترات"}},
        {"رأس", {"رؤوس"}}, {"قطعة", {"قطع"}}, {"نقطة", {"نقاط"}}, {"يوم", {"أيام"}}, {"عام", {"أعوام"}},
        {"سنة", {"سنوات"}}, {"شهر", {"أشهر", "شهور"}}, {"ساعة", {"ساعات"}}, {"لوح", {"ألواح"}},
        {"فريق", {"فرق"}}, {"بلاغ", {"بلاغات"}}, {"مشاهدة", {"مشاهدات"}}, {"نائب", {"نواب"}},
        {"محتج", {}}, {"متفرج", {}}, {"مشجع", {}}, {"مزارع", {}}, {"معالج", {}}, {"ساكن", {"سكان"}},
        {"جرعة", {"جرعات"}}, {"سرير", {"أسرة"}}, {"مقاتلة", {"مقاتلات"}}, {"هجوم", {"هجمات"}},
        {"غارة", {"غارات"}}, {"مسيّرة", {}}, {"كيلوغرام", {"كيلوغرامات", "كغ"}}};
    for (const Row& r : kRows) {
      std::string s = Light(r.singular);
      l.lemma.emplace(s, r.singular);
      for (const char* p : r.plurals) l.lemma.emplace(Light(p), r.singular);
    }
    struct Pair {
      const char* first;
      const char* second;
      const char* display;
    };
    static const Pair kPairs[] = {{"فرصة", "عمل", "فرصة عمل"}, {"منصب", "شغل", "منصب شغل"},
                                  {"وحدة", "سكنية", "وحدة سكنية"}, {"فرصة", "شغل", "فرصة شغل"}};
    for (const Pair& p : kPairs) l.compound.emplace(Light(p.first) + " " + Light(p.second), p.display);
    return l;
  }();
  return lex;
}

// Singular of a light form, trying sound-plural and case suffixes.
const std::string* LemmaOfLight(const std::string& light) {
  const auto& m = Lex().lemma;
  auto it = m.find(light);
  if (it != m.end()) return &it->second;
  static constexpr std::string_view kSuffixes[] = {"\xD9\x8A\xD9\x86", "\xD9\x88\xD9\x86", "\xD8\xA7\xD8\xAA",
                                                   "\xD8\xA7"};  // ين ون ات ا
  for (std::string_view suf : kSuffixes) {
    if (light.size() > suf.size() + 4 && light.compare(light.size() - suf.size(), suf.size(), suf) == 0) {
      std::string base = light.substr(0, light.size() - suf.size());
      it = m.find(base);
      if (it == m.end() && suf == "\xD8\xA7\xD8\xAA") it = m.find(base + "\xD9\x87");  // طائرات -> طائره
      if (it != m.end()) return &it->second;
    }
  }
  return nullptr;
}

// Lemma of a token with its readings (proclitics and ال).
const std::string* TokenLemma(const Tok& t) {
  if (!t.word) return nullptr;
  for (const Reading& r : t.readings)
    if (const std::string* l = LemmaOfLight(r.light)) return l;
  return nullptr;
}

// A nisba adjective's base: كوريين/كوريون/كورية -> كوري.
std::string NisbaBase(const Tok& t) {
  if (!t.word) return {};
  std::string l = t.readings[0].light;
  auto ends = [&](std::string_view s) { return l.size() > s.size() && l.compare(l.size() - s.size(), s.size(), s) == 0; };
  if (ends("\xD9\x8A\xD9\x8A\xD9\x86") || ends("\xD9\x8A\xD9\x88\xD9\x86")) l.resize(l.size() - 4);  // يين يون
  else if (ends("\xD9\x8A\xD9\x87")) l.resize(l.size() - 2);                                        // ية
  return l;
}

const std::unordered_map<std::string, std::string>& Nationalities() {
  static const std::unordered_map<std::string, std::string> m = [] {
    std::unordered_map<std::string, std::string> out;
    static const std::pair<const char*, const char*> kRows[] = {
        {"روسي", "روسيا"}, {"روس", "روسيا"}, {"أوكراني", "أوكرانيا"}, {"أمريكي", "الولايات المتحدة"},
        {"أميركي", "الولايات المتحدة"}, {"صيني", "الصين"}, {"إيراني", "إيران"}, {"إسرائيلي", "إسرائيل"},
        {"سوري", "سوريا"}, {"فلسطيني", "فلسطين"}, {"مصري", "مصر"}, {"سعودي", "المملكة العربية السعودية"},
        {"تركي", "تركيا"}, {"فرنسي", "فرنسا"}, {"بريطاني", "المملكة المتحدة"}, {"ألماني", "ألمانيا"},
        {"يمني", "اليمن"}, {"عراقي", "العراق"}, {"لبناني", "لبنان"}, {"أردني", "الأردن"}, {"ياباني", "اليابان"},
        {"هندي", "الهند"}, {"مغربي", "المغرب"}, {"جزائري", "الجزائر"}, {"تونسي", "تونس"}, {"ليبي", "ليبيا"},
        {"سوداني", "السودان"}, {"قطري", "قطر"}, {"إماراتي", "الإمارات العربية المتحدة"}, {"كويتي", "الكويت"}};
    for (const auto& [adj, country] : kRows) out.emplace(Light(adj), country);
    return out;
  }();
  return m;
}

// Capitals and seats of government that stand for their country.
const std::unordered_map<std::string, std::string>& Metonyms() {
  static const std::unordered_map<std::string, std::string> m = {
      {"بيونغ يانغ", "كوريا الشمالية"}, {"موسكو", "روسيا"}, {"الكرملين", "روسيا"},
      {"سيول", "كوريا الجنوبية"}, {"واشنطن", "الولايات المتحدة"}, {"البيت الأبيض", "الولايات المتحدة"},
      {"البنتاغون", "الولايات المتحدة"}, {"كييف", "أوكرانيا"}};
  return m;
}

const WordSet& QualifierWords() {
  static const WordSet s = [] {
    WordSet out;
    for (std::string_view w : {"نحو", "حوالي", "حوالى", "قرابة", "زهاء", "أكثر", "أزيد", "ما", "يزيد", "على", "عن",
                               "من", "أقل", "يصل", "إلى", "حتى", "يقارب", "يناهز", "يربو", "يفوق", "دون", "لا", "يقل"})
      out.insert(Light(w, false));
    return out;
  }();
  return s;
}

const WordSet& Cues() {
  static const WordSet s = [] {
    WordSet out;
    for (std::string_view w : {"بحسب", "حسب", "وحسب", "وبحسب", "وفقا", "ووفقا", "طبقا", "نقلا", "حسبما"})
      out.insert(Light(w, false));
    return out;
  }();
  return s;
}

const char* UnitLemma(const std::string& unit) {
  static const std::unordered_map<std::string, const char*> m = {
      {"dollar", "دولار"}, {"euro", "يورو"}, {"riyal", "ريال"}, {"pound", "جنيه"}, {"dirham", "درهم"},
      {"dinar", "دينار"}, {"lira", "ليرة"}, {"ruble", "روبل"}, {"yen", "ين"}, {"yuan", "يوان"},
      {"franc", "فرنك"}, {"rupee", "روبية"}, {"shekel", "شيكل"}, {"%", "%"}};
  auto it = m.find(unit);
  return it == m.end() ? nullptr : it->second;
}

bool ElidedNounFollows(const Tok* t) {
  if (t == nullptr || !t->word) return true;  // punctuation, a number, the end
  static const WordSet kParticles = [] {
    WordSet out;
    for (std::string_view w : {"في", "من", "إلى", "على", "عن", "منهم", "منها", "آخرين", "أخرى", "فقط", "بينهم"})
      out.insert(Light(w, false));
    return out;
  }();
  if (kParticles.count(t->bare)) return true;
  // An imperfect verb (`يتمركزون`, `تقاتل`).
  std::string_view b = t->bare;
  return b.size() >= 8 && (b.rfind("\xD9\x8A", 0) == 0 || b.rfind("\xD8\xAA", 0) == 0) &&
         (b.substr(b.size() - 4) == "\xD9\x88\xD9\x86" || b.substr(b.size() - 4) == "\xD9\x88\xD8\xA7");
}

bool IsCurrency(const std::string& lemma) {
  static const std::unordered_set<std::string> s = {"دولار", "ريال", "دينار", "جنيه", "درهم", "ليرة", "روبية"};
  return s.count(lemma) > 0;
}

// An indefinite nisba adjective (`عماني`, `كويتي`): no article, ends in ي.
bool IsNisbaWord(const Tok& t) {
  std::string_view b = t.bare;
  return b.size() >= 8 && b.compare(0, 4, "\xD8\xA7\xD9\x84") != 0 && b.substr(b.size() - 2) == "\xD9\x8A";
}

std::string FormatValue(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

}  // namespace

std::vector<Claim> FindClaims(const ExtractOptions& options, const Doc& doc,
                              const std::vector<NumberMention>& numbers) {
  std::vector<Claim> out;
  const auto& toks = doc.toks;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  uint32_t prev_sentence = UINT32_MAX;
  std::string prev_counted, prev_main;
  for (const NumberMention& num : numbers) {
    uint32_t nb = doc.TokenAt(num.begin);
    uint32_t after = doc.TokenAt(num.end);
    if (nb >= n) continue;
    if (toks[nb].mention >= 0) continue;  // `مجموعة السبع`
    uint32_t sentence = toks[nb].sentence;
    Claim c;
    c.value = num.value;
    c.qualifier = num.qualifier;
    uint32_t end = num.end;
    uint32_t next = after;
    // Skip a closing quotation mark between the number and its noun? No:
    // `ألف صاروخ”`: the noun comes first. Look at the word right after.
    const Tok* t = next < n ? &toks[next] : nullptr;
    if (t != nullptr && t->sentence != sentence) t = nullptr;
    const std::string* lemma = t ? TokenLemma(*t) : nullptr;
    if (lemma != nullptr) {
      c.counted = *lemma;
      end = t->end;
      ++next;
      if (next < n && toks[next].word) {
        auto it = Lex().compound.find(Light(*lemma) + " " + toks[next].readings[0].light);
        if (it != Lex().compound.end()) {
          c.counted = it->second;
          end = toks[next].end;
          ++next;
        }
      }
    } else if (num.percent) {
      c.counted = "percent";
    } else if (const char* u = UnitLemma(num.unit)) {
      c.counted = u;
    } else if (prev_sentence == sentence && !prev_counted.empty() && ElidedNounFollows(t)) {
      c.counted = prev_counted;
      c.main_entity = prev_main;
    } else {
      continue;
    }
    // A currency with its country (`ريال عماني`, `دولار أمريكي`).
    if (lemma != nullptr && IsCurrency(*lemma) && next < n && toks[next].word && toks[next].sentence == sentence) {
      const Tok& adj = toks[next];
      if (Nationalities().count(NisbaBase(adj)) || IsNisbaWord(adj)) {
        c.counted += " " + std::string(doc.text.substr(adj.begin, adj.end - adj.begin));
        end = adj.end;
        ++next;
      }
    }
    // Nationality after the noun: `جندي كوري شمالي`, `الجنود الكوريين الشماليين`.
    if (lemma != nullptr && next < n && toks[next].word && toks[next].sentence == sentence) {
      std::string base = NisbaBase(toks[next]);
      if (base == Light("كوري") && next + 1 < n) {
        std::string second = NisbaBase(toks[next + 1]);
        if (second == Light("شمالي")) c.main_entity = "كوريا الشمالية";
        if (second == Light("جنوبي")) c.main_entity = "كوريا الجنوبية";
        if (!c.main_entity.empty()) end = toks[next + 1].end;
      } else {
        auto it = Nationalities().find(base);
        if (it != Nationalities().end()) {
          c.main_entity = it->second;
          end = toks[next].end;
        }
      }
    }
    // Else the place named last before the number in its sentence.
    if (c.main_entity.empty()) {
      for (uint32_t k = nb; k > 0 && nb - k < 15; --k) {
        const Tok& b = toks[k - 1];
        if (b.sentence != sentence) break;
        if (b.mention < 0) continue;
        const DocEntity& e = doc.entities[doc.mentions[b.mention].entity];
        if (e.type != "LOC") continue;
        auto it = Metonyms().find(e.canonical);
        c.main_entity = it != Metonyms().end() ? it->second : e.canonical;
        break;
      }
    }
    // The qualifier's words before the number.
    uint32_t begin = num.begin;
    bool vague = !num.value.has_value();
    if (!num.qualifier.empty() && !vague) {
      uint32_t k = nb;
      uint32_t words = 0;
      while (k > 0 && words < 4) {
        const Tok& b = toks[k - 1];
        if (b.sentence != sentence) break;
        if (b.type == arabic::TokenType::kPunct) {
          std::string_view p = doc.text.substr(b.begin, b.end - b.begin);
          if (p == "\"" || p == "\xE2\x80\x9C" || p == "\xE2\x80\x9D" || p == "\xC2\xAB") {
            --k;
            continue;
          }
          break;
        }
        bool q = false;
        for (const Reading& r : b.readings) q = q || QualifierWords().count(r.light) > 0;
        q = q || QualifierWords().count(b.bare) > 0;
        if (!q) break;
        begin = b.begin;
        --k;
        ++words;
      }
    }
    c.begin = begin;
    c.end = end;
    c.text = std::string(doc.text.substr(begin, end - begin));
    // Attribution: the nearest reporting verb before it in the sentence.
    const Speech* src = nullptr;
    for (const Speech& s : doc.speeches) {
      if (s.tok >= nb) break;
      if (toks[s.tok].sentence == sentence && nb - s.tok <= options.max_verb_distance) src = &s;
    }
    int ent = -1;
    std::string phrase;
    if (src != nullptr) {
      ent = src->entity;
      phrase = src->phrase;
    } else {
      // `بحسب X`, `وفقا لـ X`, `نقلا عن X` anywhere in the sentence.
      uint32_t s0 = nb;
      while (s0 > 0 && toks[s0 - 1].sentence == sentence) --s0;
      for (uint32_t k = s0; k < n && toks[k].sentence == sentence && ent < 0 && phrase.empty(); ++k) {
        if (!toks[k].word || !Cues().count(toks[k].bare)) continue;
        uint32_t words = 0;
        for (uint32_t j = k + 1; j < n && words < 5 && toks[j].sentence == sentence; ++j) {
          if (toks[j].mention >= 0) {
            ent = doc.mentions[toks[j].mention].entity;
            break;
          }
          words += toks[j].word;
        }
      }
    }
    if (ent >= 0) {
      const DocEntity& e = doc.entities[ent];
      c.attributed_to = EntityId(e.type, e.canonical);
      c.attributed_name = e.canonical;
    } else {
      c.attributed_name = phrase;
    }
    c.key = c.counted + "|" + (c.value ? FormatValue(*c.value) : c.qualifier) + "|" + c.main_entity;
    prev_sentence = sentence;
    prev_counted = c.counted;
    prev_main = c.main_entity;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace extract_internal

std::string CountedLemma(std::string_view word) {
  if (!IsValidUtf8(word)) return {};
  std::string light;
  extract_internal::LightWord(word, true, &light);
  const std::string* l = extract_internal::LemmaOfLight(light);
  return l ? *l : std::string();
}

}  // namespace akhbar
