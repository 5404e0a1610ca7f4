#include "akhbar/stopwords.h"

#include <string>
#include <unordered_set>

#include "akhbar/normalize.h"

namespace akhbar::arabic {
namespace {

// Written in ordinary spelling; normalized to kMatch when the set is built.
// Words that also take the conjunctions و and ف (وفي, فإن).
constexpr std::string_view kPrefixable[] = {
    // prepositions and their common pronoun-suffixed forms
    "في", "فيه", "فيها", "فيهم", "فيما", "من", "منه", "منها", "منهم", "منهما", "مما", "ممن",
    "إلى", "إليه", "إليها", "إليهم", "على", "عليه", "عليها", "عليهم", "عن", "عنه", "عنها",
    "عنهم", "عما", "مع", "معه", "معها", "معهم", "حتى", "منذ", "لدى", "لديه", "لديها",
    "لديهم", "عند", "عنده", "عندها", "عندما", "بين", "بينما", "بينهم", "بينهما", "خلال",
    "ضد", "نحو", "حول", "عبر", "دون", "تحت", "فوق", "أمام", "بعد", "قبل", "ضمن", "لها",
    "لهم", "له", "لنا", "لهما", "به", "بها", "بهم", "بما", "كما", "لما",
    // particles and conjunctions
    "ثم", "أو", "أم", "بل", "لكن", "إلا", "لا", "لم", "لن", "ما", "ليس", "ليست", "قد",
    "لقد", "سوف", "إن", "أن", "إنه", "أنه", "إنها", "أنها", "أنهم", "إنهم", "كأن", "لأن",
    "لكي", "كي", "حيث", "إذ", "إذا", "إذن", "لو", "لولا", "كلما", "حين", "حينما", "إما",
    "أي", "أية", "كل", "كلا", "بعض", "جميع", "غير", "سوى", "مثل", "نفس", "ذات", "أيضا",
    "كذلك", "فقط", "جدا", "حاليا", "هكذا", "ولا", "يا",
    // pronouns
    "هو", "هي", "هم", "هن", "هما", "أنا", "نحن", "أنت", "أنتم",
    // demonstratives and relatives
    "هذا", "هذه", "هذان", "هاتان", "هذين", "هاتين", "هؤلاء", "ذلك", "تلك", "أولئك", "ذاك",
    "هنا", "هناك", "الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان",
    "اللاتي", "اللواتي",
    // kana and its sisters
    "كان", "كانت", "كانوا", "يكون", "تكون", "يكن", "تكن", "أصبح", "أصبحت", "ظل", "ظلت",
    "يزال", "تزال", "مازال", "زال", "بات", "باتت",
    // attribution verbs
    "قال", "قالت", "قالوا", "يقول", "تقول", "أضاف", "أضافت", "يضيف", "تضيف", "أكد", "أكدت",
    "يؤكد", "تؤكد", "أشار", "أشارت", "يشير", "تشير", "أوضح", "أوضحت", "يوضح", "توضح",
    "تابع", "تابعت", "لفت", "لفتت", "ذكر", "ذكرت", "يذكر", "مضيفا", "مشيرا", "مؤكدا",
    "موضحا",
};

// Words listed as they are, without conjunction forms.
constexpr std::string_view kPlain[] = {
    "و", "ف", "ب", "ك", "ل", "أ", "إياه", "إياها", "إياهم", "الآن", "اليوم", "أمس", "عدة",
    "وفق", "وفقا", "بسبب", "بشأن", "إثر", "عقب", "لدي", "بالتالي", "بينهن", "إنما", "أما",
};

struct Set {
  std::unordered_set<std::string> words;
  // Views into `words` (node-based: stable), for look-ups without building a
  // std::string (an Arabic word of 8 letters no longer fits in SSO).
  std::unordered_set<std::string_view> views;
  Set() {
    for (std::string_view w : kPrefixable) {
      std::string key = MatchKey(w);
      words.insert("\u0648" + key);  // و
      words.insert("\u0641" + key);  // ف
      words.insert(std::move(key));
    }
    for (std::string_view w : kPlain) words.insert(MatchKey(w));
    // وله is a stop word but ولي (guardian, ولي العهد) is not.
    words.erase(MatchKey("ولي"));
    for (const auto& w : words) views.insert(w);
  }
};

const Set& TheSet() {
  static const Set set;
  return set;
}

}  // namespace

bool IsStopword(std::string_view w) {
  if (w.empty() || w.size() > 24) return false;
  return TheSet().views.count(w) != 0;
}

size_t StopwordCount() { return TheSet().words.size(); }

}  // namespace akhbar::arabic
