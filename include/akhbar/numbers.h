// akhbar/numbers.h: numbers (counts, amounts, percentages) in Arabic news text.
//
// FindNumbers finds every number mention in a text and gives its value, the
// qualifier the text puts on it and its byte span. It understands:
//  - digits in ASCII, Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹),
//    with `,` `.` `٫` `٬` separators: `٫` is always decimal and `٬` always a
//    thousands separator; `,` and `.` are thousands separators when every
//    group after the first has exactly three digits and (for a single `.`) no
//    scale word follows and the integer part is not 0 (`10,000`, `1.234.567`,
//    `10.000 جندي`), else decimal separators (`10.5`, `2.5 مليار`, `1.500 مليون`,
//    `0.125`, `3,5`); mixed `1,234.5` / `1.234,5` use the last one as decimal;
//  - number words from zero up, masculine/feminine, in any case, with
//    tanween, diacritics, tatweel, hamza and ى/ة variants, with one-letter
//    proclitics (`بألف`, `لثلاثة`, `وخمسة`) and `و` joins (`ثلاثة وعشرون`,
//    `مائة وخمسون ألفا`, `مليون و200 ألف`): units, `أحد عشر`..`تسعة عشر`, tens,
//    hundreds (`مئة`/`مائة`, `مئتان`, `ثلاثمائة`, `ثلاث مئة`), and the scale words
//    `ألف`, `مليون`, `مليار`/`بليون`, `تريليون` in singular, accusative (`ألفا`),
//    dual (`ألفان`, `ألفين`, `ألفي`, `مليونا`...) and plural (`آلاف`, `ملايين`...);
//  - mixed forms: digits followed by a scale word (`10 آلاف`, `2.5 مليار`);
//  - fractions: `نصف` (0.5), `ربع` (0.25), `ثلث` (1/3), `ثلثا`/`ثلثي` (2/3),
//    `ثلاثة أرباع` (0.75), alone or scaling (`نصف مليون`) or joined
//    (`مليون ونصف` = 1,500,000, `ثلاثة ونصف` = 3.5);
//  - percentages: `%` or `٪` after (or, written in logical order, directly
//    before) the digits, `في المئة`, `في المائة`, `بالمئة`, `بالمائة`. The value is
//    the number of percent (`10%` has value 10 and percent = true), and the
//    marker is part of the span;
//  - negative digits (`-5`, a minus sign glued to the digits after a space).
//
// Qualifier: one of the following fixed strings.
//  ""                      exact (as far as the text says)
//  "about"                 نحو، حوالي، حوالى، قرابة، زهاء، ما يقارب، ما يناهز،
//                          تقريبا (before or after), ...
//  "more than"             أكثر من، أزيد من، ما يزيد على/عن، ما يربو على، ما يفوق
//  "less than"             أقل من، ما يقل عن، دون، ما دون
//  "up to"                 ما يصل إلى، يصل إلى، حتى (directly before the number)
//  "at least"              على الأقل (after the number or its noun), ما لا يقل عن
//  "at most"               على الأكثر، ما لا يزيد على/عن
// and for vague amounts (value is nullopt):
//  "tens"                  عشرات (`عشرات الجنود`)
//  "hundreds"              مئات
//  "thousands"             آلاف/ألوف alone (`آلاف الجنود`, `عدة آلاف`)
//  "millions"              ملايين alone
//  "billions"              مليارات/بلايين alone
//  "tens of thousands"     عشرات الآلاف / عشرات آلاف
//  "hundreds of thousands" مئات الآلاف
//  "tens of millions", "hundreds of millions", "tens of billions",
//  "hundreds of billions"
//  "a few tens", "a few hundreds", "a few thousands", "a few millions"
//                          بضع عشرات، بضعة آلاف... (بضعة alone is not a mention)
// A vague amount may also carry no precise qualifier: `أكثر من عشرات` keeps
// "tens" (the vague magnitude wins).
//
// Not numbers (deliberately left out):
//  - ordinals (`الثاني`, `الأول`, `ثالث`) and definite tens/scale words
//    (`العشرين` is usually "the twentieth", `الألف`), while definite units
//    that count (`الدول الثلاث`, `الخمسة`) are kept; `الاثنين` (Monday) and
//    `أحد` alone (`أحد الجنود`: "one of", also Sunday) are not numbers;
//    digits after an ordinal-like noun are numbers (`الدقيقة 6`, `رقم 10`);
//  - phone numbers and identifiers: a digit string of 7+ digits starting with
//    0, a `+` before digits, or three or more digit groups joined by spaces or
//    hyphens (`+966 11 234 5678`, `011-234-5678`);
//  - clock times `10:30` (both parts), model names glued to a word by a
//    hyphen or letters (`F-16`, `إس-400`, `كوفيد-19`, `5G`);
//  - `نصف النهائي`/`ربع النهائي` (semi/quarter final), `شهر صفر` (a month),
//    `الثانية عشرة` (an ordinal), definite fractions (`النصف الأول`);
//  - dual nouns that imply two (`صاروخين`, `عامين`): no number word is written.
// `2-1` (a score or range) gives two numbers, 2 and 1. Years and dates are
// reported like any number here; callers that also run FindDates drop the
// numbers inside date spans (`akhbar extract` does).
//
// Span: [begin, end) covers the number itself (digits or words, scale words,
// fraction words, the percent marker); it excludes the qualifier, a leading
// proclitic letter (`بألف` spans `ألف`), quotes and the unit.
// Unit: a currency written right after the number (`140 مليار يورو`, `$`
// before or after digits): "dollar", "euro", "riyal", "pound", "dirham",
// "dinar", "lira", "ruble", "yen", "yuan", "franc", "rupee", "shekel"; "%"
// for percentages; else "".
//
// Cost: one pass over the text (the project tokenizer, then a scanner over
// the tokens with a bounded look-ahead/look-behind of a few tokens; no regex,
// no recursion), O(n) time and O(n) scratch memory. Thread-safety: pure
// function; the word tables are immutable after first use (thread-safe lazy
// init).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace akhbar {

struct NumberMention {
  uint32_t begin = 0;  // byte offsets [begin, end) into the text given
  uint32_t end = 0;
  std::optional<double> value;  // nullopt for vague amounts (`آلاف الجنود`)
  std::string qualifier;        // one of the strings listed above
  bool percent = false;         // a percentage; value is in percent
  std::string unit;             // "dollar", "euro", ..., "%" or ""
};

// All number mentions in `text`, ordered by begin, non-overlapping, each a
// non-empty span on code point boundaries. `text` must be valid UTF-8; for
// invalid UTF-8 (or texts of 4 GiB or more) the result is empty.
std::vector<NumberMention> FindNumbers(std::string_view text);

}  // namespace akhbar
