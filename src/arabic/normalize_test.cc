// Tests of akhbar/normalize.h: a hand-written table, a slow reference
// implementation (ICU NFC over the whole string, then a char-by-char map)
// cross-checked against the fast table-driven one on random and hand-written
// inputs, and properties of the offset map.
#include "akhbar/normalize.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <map>
#include <random>
#include <string>

#include "akhbar/text.h"
#include "akhbar/tokenize.h"

namespace akhbar::arabic {
namespace {

std::string U8(char32_t c) {
  std::string s;
  icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(s);
  return s;
}

// ---- Slow reference --------------------------------------------------------

// The table of normalize.h, written independently of normalize.cc as
// (from, to) pairs. Empty `to` means removed.
struct RefTable {
  std::map<char32_t, std::u32string> both;
  std::map<char32_t, std::u32string> match_only;
  RefTable() {
    for (char32_t c = 0x064B; c <= 0x065F; ++c) both[c] = U"";
    both[0x0670] = U"";
    both[0x0640] = U"";
    for (char32_t c : {0x06A9, 0x06AB, 0x06AF}) both[c] = U"\u0643";
    for (char32_t c : {0x06CC, 0x06D0, 0x06CD}) both[c] = U"\u064A";
    for (char32_t c : {0x06D5, 0x06C0}) both[c] = U"\u0647";
    both[0x067E] = U"\u0628";
    both[0x0686] = U"\u062C";
    both[0x0698] = U"\u0632";
    both[0x06A4] = U"\u0641";
    for (int d = 0; d < 10; ++d) {
      both[char32_t(0x0660 + d)] = std::u32string(1, char32_t('0' + d));
      both[char32_t(0x06F0 + d)] = std::u32string(1, char32_t('0' + d));
    }
    both[0x060C] = U",";
    both[0x061B] = U";";
    both[0x061F] = U"?";
    for (char32_t c : {0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB}) both[c] = U"\"";
    for (char32_t c : {0x2018, 0x2019, 0x201A, 0x201B, 0x2039, 0x203A}) both[c] = U"'";
    for (char32_t c = 0x200B; c <= 0x200F; ++c) both[c] = U"";
    for (char32_t c = 0x202A; c <= 0x202E; ++c) both[c] = U"";
    for (char32_t c = 0x2066; c <= 0x2069; ++c) both[c] = U"";
    both[0xFEFF] = U"";
    for (char32_t c : {0x0623, 0x0625, 0x0622, 0x0671}) match_only[c] = U"\u0627";
    match_only[0x0624] = U"\u0648";
    match_only[0x0626] = U"\u064A";
    match_only[0x0649] = U"\u064A";
    match_only[0x0629] = U"\u0647";
    for (char32_t c = 'A'; c <= 'Z'; ++c) match_only[c] = std::u32string(1, c + 32);
  }
};

void RefMapOne(char32_t c, Form form, icu::UnicodeString* out) {
  static const RefTable table;
  auto it = table.both.find(c);
  if (it != table.both.end()) {
    for (char32_t d : it->second) out->append(static_cast<UChar32>(d));
    return;
  }
  if (form == Form::kMatch) {
    auto m = table.match_only.find(c);
    if (m != table.match_only.end()) {
      for (char32_t d : m->second) out->append(static_cast<UChar32>(d));
      return;
    }
  }
  out->append(static_cast<UChar32>(c));
}

std::string RefNormalize(std::string_view src, Form form) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(src.data(), static_cast<int32_t>(src.size())));
  icu::UnicodeString composed = nfc->normalize(in, err);
  icu::UnicodeString out;
  for (int32_t i = 0; i < composed.length();) {
    UChar32 c = composed.char32At(i);
    i += U16_LENGTH(c);
    bool presentation = (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE);
    if (presentation) {
      icu::UnicodeString k = nfkc->normalize(icu::UnicodeString(c), err);
      for (int32_t j = 0; j < k.length();) {
        UChar32 d = k.char32At(j);
        j += U16_LENGTH(d);
        RefMapOne(char32_t(d), form, &out);
      }
    } else {
      RefMapOne(char32_t(c), form, &out);
    }
  }
  EXPECT_TRUE(U_SUCCESS(err));
  std::string s;
  out.toUTF8String(s);
  return s;
}

// ---- Offset-map properties ---------------------------------------------------

bool IsCodePointStart(std::string_view s, uint32_t off) {
  return off == s.size() || (static_cast<unsigned char>(s[off]) & 0xC0) != 0x80;
}

void CheckOffsets(std::string_view src, const Normalized& n) {
  ASSERT_EQ(n.offsets.size(), n.text.size() + 1);
  ASSERT_EQ(n.offsets.back(), src.size());
  ASSERT_TRUE(IsValidUtf8(n.text));
  for (size_t i = 0; i < n.text.size(); ++i) {
    ASSERT_LE(n.offsets[i], n.offsets[i + 1]) << "at byte " << i;
    ASSERT_LT(n.offsets[i], src.size());
    ASSERT_TRUE(IsCodePointStart(src, n.offsets[i]));
  }
}

// Every token of the normalized text maps back to a span of the source that
// normalizes to exactly that token.
void CheckTokensMapBack(std::string_view src, Form form) {
  Normalized n = Normalize(src, form);
  std::vector<Token> tokens;
  Tokenize(n.text, &tokens);
  for (const Token& t : tokens) {
    uint32_t b = n.offsets[t.begin], e = n.offsets[t.end];
    std::string_view piece = src.substr(b, e - b);
    EXPECT_EQ(Normalize(piece, form).text, n.text.substr(t.begin, t.end - t.begin))
        << "source " << src << " piece " << piece;
  }
}

// ---- Hand-written table ------------------------------------------------------

struct Case {
  const char* name;
  std::string in;
  std::string display;
  std::string match;
};

std::vector<Case> Cases() {
  return {
      {"plain", "روسيا وكوريا", "روسيا وكوريا", "روسيا وكوريا"},
      {"diacritics", "المُقَدَّسِ", "المقدس", "المقدس"},
      {"tanwin", "انتصاراً عظيماً", "انتصارا عظيما", "انتصارا عظيما"},
      {"superscript alef", "هٰذا", "هذا", "هذا"},
      {"tatweel", "كـــوريا", "كوريا", "كوريا"},
      {"hamza forms", "أكدت إيران آلاف ٱلله", "أكدت إيران آلاف ٱلله",
       "اكدت ايران الاف الله"},
      {"waw yeh hamza", "مؤتمر رئيس", "مؤتمر رئيس", "موتمر رييس"},
      {"maqsura", "إلى مصطفى", "إلى مصطفى", "الي مصطفي"},
      {"ta marbuta", "الشمالية", "الشمالية", "الشماليه"},
      {"persian korea", "کوریا الشمالیة", "كوريا الشمالية", "كوريا الشماليه"},
      {"persian gaf", "گزارش ګ", "كزارش ك", "كزارش ك"},
      {"persian yeh forms", "ی ې ۍ", "ي ي ي", "ي ي ي"},
      {"persian heh forms", "ە ۀ", "ه ه", "ه ه"},
      {"peh cheh jeh veh", "پوتین چین ژ ڤ", "بوتين جين ز ف", "بوتين جين ز ف"},
      {"arabic indic digits", "١٩ يونيو ٢٠٢٤", "19 يونيو 2024", "19 يونيو 2024"},
      {"extended digits", "۱۴۰ مليار", "140 مليار", "140 مليار"},
      {"decimal sep kept", "١٩٫٥", "19\u066B5", "19\u066B5"},
      {"arabic punctuation", "لماذا؟ نعم، لا؛", "لماذا? نعم, لا;", "لماذا? نعم, لا;"},
      {"curly quotes", "“النصر” ‘نعم’", "\"النصر\" 'نعم'", "\"النصر\" 'نعم'"},
      {"guillemets", "«امتنان» ‹x› „y", "\"امتنان\" 'x' \"y", "\"امتنان\" 'x' \"y"},
      {"zero width", "كو\u200Bريا\u200C\u200D", "كوريا", "كوريا"},
      {"bidi", "\u202Bموسكو\u202C \u2067KCNA\u2069 \u200Fx\u200E", "موسكو KCNA x",
       "موسكو kcna x"},
      {"bom", "\uFEFFصراحة", "صراحة", "صراحه"},
      {"lam alef ligature", "\uFEFB\uFEF5", "لالآ", "لالا"},
      {"presentation letters", "\uFE8E\uFEE0\uFE91", "الب", "الب"},
      {"allah ligature", "\uFDF2", "الله", "الله"},
      {"shadda ligature", "\uFC60", " ", " "},
      {"composition alef hamza", "ا\u0654كد", "أكد", "اكد"},
      {"composition with diacritic between", "ا\u064E\u0654", "أ", "ا"},
      {"composition madda", "ا\u0653", "آ", "ا"},
      {"composition hamza below", "ا\u0655", "إ", "ا"},
      {"composition waw", "و\u0654", "ؤ", "و"},
      {"composition yeh", "ي\u0654", "ئ", "ي"},
      {"composition farsi heh", "ە\u0654", "ه", "ه"},
      {"latin lowercase", "KCNA Yonhap AFP", "KCNA Yonhap AFP", "kcna yonhap afp"},
      {"latin accents kept", "Caf\u00E9 Cafe\u0301", "Caf\u00E9 Caf\u00E9", "caf\u00E9 caf\u00E9"},
      {"emoji kept", "\U0001F1F7\U0001F1FA 👍🏽", "\U0001F1F7\U0001F1FA 👍🏽", "\U0001F1F7\U0001F1FA 👍🏽"},
      {"ascii untouched", "pic.twitter.com/Ab — March 25, 2025",
       "pic.twitter.com/Ab — March 25, 2025", "pic.twitter.com/ab — march 25, 2025"},
      {"empty", "", "", ""},
      {"only marks", "\u064E\u0651", "", ""},
      {"singleton decomposition", "\u2126 \u212B", "\u03A9 \u00C5", "\u03A9 \u00C5"},
  };
}

TEST(NormalizeTest, Table) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    Normalized d = Normalize(c.in, Form::kDisplay);
    Normalized m = Normalize(c.in, Form::kMatch);
    EXPECT_EQ(d.text, c.display);
    EXPECT_EQ(m.text, c.match);
    EXPECT_EQ(MatchKey(c.in), c.match);
    EXPECT_EQ(RefNormalize(c.in, Form::kDisplay), c.display);
    EXPECT_EQ(RefNormalize(c.in, Form::kMatch), c.match);
    CheckOffsets(c.in, d);
    CheckOffsets(c.in, m);
    CheckTokensMapBack(c.in, Form::kDisplay);
    CheckTokensMapBack(c.in, Form::kMatch);
  }
}

TEST(NormalizeTest, PersianAndArabicKoreaShareKey) {
  EXPECT_EQ(MatchKey("کوریا الشمالیة"), MatchKey("كوريا الشمالية"));
  EXPECT_EQ(MatchKey("كـوريَا الشَّماليّة"), MatchKey("كوريا الشمالية"));
  EXPECT_EQ(MatchKey("\u202Bکوریا\u202C"), MatchKey("كوريا"));
  EXPECT_NE(MatchKey("كوريا الجنوبية"), MatchKey("كوريا الشمالية"));
}

TEST(NormalizeTest, OffsetsPointAtProducingCodePoint) {
  std::string src = "أكّد «لافروف»";
  Normalized n = Normalize(src, Form::kMatch);
  ASSERT_EQ(n.text, "اكد \"لافروف\"");
  // ا comes from أ at 0; ك from byte 2; د from byte 6 (after ك and shadda).
  EXPECT_EQ(n.offsets[0], 0u);
  EXPECT_EQ(n.offsets[2], 2u);
  EXPECT_EQ(n.offsets[4], 6u);
  // The quote comes from « at byte 9.
  EXPECT_EQ(n.text[7], '"');
  EXPECT_EQ(n.offsets[7], 9u);
}

TEST(NormalizeTest, ReusesBuffersAndAppends) {
  Normalized n;
  Normalize("كوريا", Form::kMatch, &n);
  Normalize("ب", Form::kMatch, &n);
  EXPECT_EQ(n.text, "ب");
  EXPECT_EQ(n.offsets.size(), 3u);
  std::string key = "x ";
  AppendMatchKey("ة\u0654", &key);  // a slow segment must not rewind into "x "
  EXPECT_EQ(key, "x ه");
}

// Interesting code points for random strings.
std::vector<char32_t> Alphabet() {
  std::vector<char32_t> a = {
      ' ', 'a', 'Z', '0', '.', ',', '#', '@', '\n', 0x0627, 0x0623, 0x0625, 0x0622, 0x0671,
      0x0624, 0x0626, 0x0649, 0x0629, 0x0647, 0x0648, 0x064A, 0x0628, 0x0644, 0x0643, 0x06D5,
      0x06C1, 0x06D2, 0x0653, 0x0654, 0x0655, 0x064B, 0x064E, 0x0651, 0x0652, 0x0670, 0x0640,
      0x0610, 0x0618, 0x06D6, 0x06E1, 0x06ED, 0x06A9, 0x06CC, 0x067E, 0x0686, 0x0660, 0x0669,
      0x06F4, 0x066B, 0x066C, 0x060C, 0x061F, 0x201C, 0x201D, 0x00AB, 0x00BB, 0x2039, 0x200B,
      0x200C, 0x200D, 0x200F, 0x202B, 0x202C, 0x2067, 0xFEFF, 0xFB50, 0xFB8A, 0xFC5E, 0xFC60,
      0xFD3E, 0xFDF2, 0xFDFA, 0xFDFC, 0xFE70, 0xFE80, 0xFE8D, 0xFEF5, 0xFEFB, 0xFEFC, 0x0301,
      0x0316, 0x0327, 0x00E9, 0x0065, 0x1100, 0x1161, 0x11A8, 0xAC00, 0x2000, 0x2126, 0xF900,
      0x0958, 0x05B0, 0x05D0, 0x0915, 0x093C, 0x1F44D, 0x1F3FD, 0x1F1F7, 0x1D15E, 0x1D165,
      0x1D16E, 0x2F800, 0x0344, 0x0F73, 0x3099, 0x304B, 0x00A0, 0x0345, 0x03B1, 0x1FB3};
  return a;
}

TEST(NormalizeTest, FastMatchesReferenceOnRandomStrings) {
  std::mt19937 rng(20241102);
  std::vector<char32_t> alphabet = Alphabet();
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 24);
  Normalized n;
  for (int iter = 0; iter < 20000; ++iter) {
    std::string s;
    int len = length(rng);
    for (int k = 0; k < len; ++k) s += U8(alphabet[pick(rng)]);
    for (Form form : {Form::kDisplay, Form::kMatch}) {
      Normalize(s, form, &n);
      std::string ref = RefNormalize(s, form);
      ASSERT_EQ(n.text, ref) << "input " << s << " form " << int(form);
      CheckOffsets(s, n);
    }
    ASSERT_EQ(MatchKey(s), n.text);
  }
}

TEST(NormalizeTest, FastMatchesReferenceOnEveryBmpCodePoint) {
  // Each code point alone, after an alef and before hamza above: exercises
  // every table entry and its interaction with composition.
  for (char32_t c = 1; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string s = "ا" + U8(c) + "\u0654b" + U8(c);
    for (Form form : {Form::kDisplay, Form::kMatch}) {
      ASSERT_EQ(Normalize(s, form).text, RefNormalize(s, form)) << "U+" << std::hex << uint32_t(c);
    }
    // The match key alone (its own loop over runs of the Arabic block).
    ASSERT_EQ(MatchKey(s), RefNormalize(s, Form::kMatch)) << "U+" << std::hex << uint32_t(c);
    ASSERT_EQ(MatchKey("كتب" + U8(c) + "ة\u0654"), RefNormalize("كتب" + U8(c) + "ة\u0654", Form::kMatch))
        << "U+" << std::hex << uint32_t(c);
  }
}

TEST(NormalizeTest, TokensMapBackOnNewsLikeText) {
  const char* texts[] = {
      "وأكّدت وزيرة الخارجية الكورية الشمالية خلال زيارة لموسكو، الجمعة، أن بلادها ستقف "
      "بجانب روسيا حتى تحقيق «النصر».",
      "کوریا الشمالیة ترسل ١٠٬٠٠٠ جندي؟ — KCNA ‏(يونهاب)",
      "\uFEFB\uFEE0\uFE8E  ا\u0654علن #كوريا_الشمالية @Yonhap https://t.co/Ab12 ",
      "يبلغ ١٩٫٥ مليار يورو\u200F و140 مليار 👍🏽 Café",
  };
  for (const char* t : texts) {
    CheckTokensMapBack(t, Form::kDisplay);
    CheckTokensMapBack(t, Form::kMatch);
  }
}

}  // namespace
}  // namespace akhbar::arabic
