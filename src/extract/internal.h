// Internal to src/extract: the tokenized body shared by the entity, quote and
// claim passes. Not a public header.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/extract.h"
#include "akhbar/tokenize.h"

namespace akhbar::extract_internal {

// Letter folding used by every key (see PhoneticKey in akhbar/extract.h).
// LightWord: diacritics/tatweel/ZWNJ dropped, hamza carriers, ى, ة and
// Persian letters folded, ASCII lower-cased, the article ال dropped when
// `drop_al` and at least two letters remain. PhoneticWord: LightWord plus the
// consonant and long-vowel folding. Both append to *out.
void LightWord(std::string_view word, bool drop_al, std::string* out);
void PhoneticFromLight(std::string_view light, std::string* out);
size_t CodePoints(std::string_view s);

// One reading of a token with its one-letter proclitics (و ف, then ب ل ك)
// removed: `strip` bytes skipped at the token's start.
struct Reading {
  uint32_t strip = 0;
  std::string light;     // LightWord(rest, drop_al = true)
  std::string phonetic;  // PhoneticFromLight(light)
};

struct Tok {
  uint32_t begin = 0, end = 0;
  arabic::TokenType type = arabic::TokenType::kOther;
  bool word = false;        // an Arabic or Latin word
  bool newline_before = false;
  uint32_t sentence = 0;    // sentences end at . ! ? ؟ … and line breaks
  std::string bare;         // LightWord(token, drop_al = false), proclitics kept
  std::vector<Reading> readings;  // [0] is the whole token; then proclitic-stripped ones
  int mention = -1;         // index into Doc::mentions covering this token, or -1
};

struct DocMention {
  uint32_t tok_begin = 0, tok_end = 0;  // token range [tok_begin, tok_end)
  uint32_t begin = 0, end = 0;          // byte span in the body
  int entity = -1;
};

struct DocEntity {
  std::string type;  // "PER", ...
  std::string canonical, latin, gaz_role;
  int gaz = -1;      // gazetteer row, or -1
  std::string key;   // PhoneticKey of the grouping form
  std::vector<int> mentions;  // indices into Doc::mentions
  std::vector<std::string> roles;
};

// A reporting or announcing verb with its resolved subject.
struct Speech {
  uint32_t tok = 0;       // the verb's token
  std::string verb;       // as written, proclitics removed
  int entity = -1;        // resolved speaker entity, or -1
  std::string phrase;     // unresolved speaker phrase (`مصدر في الوزارة`), or ""
  bool quote_verb = false;  // a verb of saying (quotes use only these)
};

struct Doc {
  std::string_view text;
  std::vector<Tok> toks;
  std::vector<DocMention> mentions;  // sorted by begin, non-overlapping
  std::vector<DocEntity> entities;
  std::vector<Speech> speeches;      // in text order
  // Index of the first token with begin >= byte, or toks.size().
  uint32_t TokenAt(uint32_t byte) const;
};

void BuildDoc(std::string_view text, Doc* doc);
void FindEntities(const ExtractOptions& options, Doc* doc);
void FindSpeeches(const ExtractOptions& options, Doc* doc);
std::vector<Quote> FindQuotes(const ExtractOptions& options, const Doc& doc);
std::vector<Claim> FindClaims(const ExtractOptions& options, const Doc& doc,
                              const std::vector<NumberMention>& numbers);

// Role-phrase helpers shared by entities and quotes.
bool IsRoleHead(const Tok& t);
// A word of a role phrase after its head; `t` must be an element of doc.toks.
bool IsRoleModifier(const Doc& doc, const Tok& t);
// A title or rank written before a name (`المقدم`, `السيدة`, `الدكتور`).
bool IsTitle(const Tok& t);
// Entity whose role matches the role phrase in tokens [b, e), most recently
// mentioned before token `before`; -1 if none.
int ResolveRole(const Doc& doc, uint32_t b, uint32_t e, uint32_t before);

std::string Hex64(uint64_t v);

}  // namespace akhbar::extract_internal
