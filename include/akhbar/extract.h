// akhbar/extract.h: who is involved, who said what, what numbers are claimed.
//
// Extract runs on an Article's body (Article::BodyText(): the paragraphs
// joined by "\n\n"), never on its teasers (other stories). It returns:
//  - entities: NER mentions (akhbar/ner.h) extended and merged with
//    gazetteer matches (data/gazetteer.tsv, data/agencies.tsv; the longest
//    match wins, so `كيم جونغ أون` is whole), grouped into canonical entities:
//    transliteration variants (غ/ج/ق/ك, ط/ت, ص/س..., long vowels inside
//    words, hamza, ة/ه, ى/ي, Persian letters, the article ال, one-letter
//    proclitics) share one PhoneticKey; a surname alone (`لافروف`, `بوتين`) or
//    a family name written first (`كيم`) links to the full name mentioned in
//    the same article. A person the tagger missed or cut short right after
//    a role phrase is recovered from the given names of the tagger's lexicon
//    (`رئيس النادي حيدر الساعدي`, `الرئيس التنفيذي للشركة رائد الزهراني`).
//    Each entity keeps the role phrases written just before its mentions
//    (`الرئيس الروسي`, `وزيرة الخارجية الكورية الشمالية`), across a comma and
//    titles (`المتحدث باسم اللجنة، المقدم X`), or in apposition after them
//    (`X، الرئيس التنفيذي للشركة،`); titles (`المقدم`) are roles too. A
//    person's canonical spells given names as the lexicon does (`سلمي` ->
//    `سلمى`) and a final ى of a family name with the article as ي
//    (`الغزوانى` -> `الغزواني`).
//  - quotes: direct quotations in “ ” « » or ASCII " with a reporting verb
//    (`قال`, `أضافت`, `مضيفا`, `قوله`...) before the quote in its sentence or
//    right after it (`"..." قال X`); the speaker is the person named after
//    the verb (after titles, a role phrase and a comma: `قال المتحدث باسم
//    اللجنة، المقدم X`), else a role noun (`الوزيرة`, `الرئيس الروسي`)
//    resolved to the person of the article with that role (head noun and
//    its complement words; else at least half the complement; else the
//    other gender; the most recent such person), else the person named
//    before the verb in the sentence (`X ... قائلا: "..."`), else the last
//    speaker. An unnamed source's phrase stops before the addressee or time
//    (`أحد السكان` in `قال أحد السكان لـ"..."`).
//  - claims: numbers (akhbar/numbers.h) that count something: the noun right
//    after (lemmatized to its singular, `جنود` -> `جندي`) or, when the noun
//    is elided (`ما يصل إلى 8 آلاف يتمركزون`), the noun of the previous claim
//    in the sentence; with who the text attributes it to and a key for
//    matching the same claim across outlets.
//  - numbers and dates: FindNumbers (numbers inside dates dropped) and
//    FindDates on the body.
//
// Offsets everywhere in this header are BYTE offsets into the body text
// (`akhbar analyze` prints them as code points of its `text` field).
//
// Cost: linear in the body (the NER tagger dominates; the gazetteer matcher
// is a hash look-up per token and n-gram length up to the longest variant).
// Thread-safety: Extract is reentrant; the tables are built once (thread-safe
// lazy init) and immutable afterwards.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/article.h"
#include "akhbar/dates.h"
#include "akhbar/numbers.h"

namespace akhbar {

struct Mention {
  std::string text;    // the body's bytes [begin, end) (a leading proclitic و ب ل ف ك excluded)
  uint32_t begin = 0;  // byte offsets into the body text
  uint32_t end = 0;
};

struct Entity {
  // Stable across articles and runs: lower-case type, ':', and the 16 hex
  // digits of xxh64 (seed 0) of PhoneticKey(canonical), e.g. "per:1f0c...".
  std::string id;
  std::string type;       // "PER", "LOC", "ORG", "MISC"
  std::string canonical;  // gazetteer canonical, else the longest surface form in the article
  std::string latin;      // from the gazetteer/agency table, else ""
  std::vector<std::string> roles;  // role phrases before mentions, then the gazetteer's role
  std::vector<Mention> mentions;   // in text order
};

struct Quote {
  std::string speaker_id;  // an Entity::id, or "" when unresolved
  std::string speaker;     // the speaker's canonical name, or "" when unresolved
  std::string text;        // inside the quotation marks, trimmed
  uint32_t begin = 0;      // byte span of `text` in the body
  uint32_t end = 0;
  std::string verb;        // the reporting verb as written, proclitics removed (`قالت`)
};

struct Claim {
  std::optional<double> value;  // nullopt for vague amounts (`آلاف الجنود`)
  std::string counted;          // singular lemma of the counted noun (`جندي`, `يورو`)
  std::string qualifier;        // NumberMention::qualifier ("", "about", "up to", "thousands", ...)
  std::string text;             // the body's bytes [begin, end): qualifier, number, noun, nationality
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string attributed_to;    // an Entity::id when the source is an entity, else ""
  std::string attributed_name;  // the source's canonical name or phrase (`تقييمات استخباراتية`), else ""
  std::string main_entity;      // canonical of the country the counted things belong to, else ""
  // counted + '|' + value ("%.15g", or the vague qualifier) + '|' + main_entity:
  // equal keys are the same claim in other words or from another outlet.
  std::string key;
};

struct Extraction {
  std::vector<Entity> entities;  // in order of first mention
  std::vector<Quote> quotes;     // in text order
  std::vector<Claim> claims;     // in text order
  std::vector<NumberMention> numbers;  // FindNumbers minus numbers inside dates
  std::vector<DateMention> dates;      // FindDates
};

struct ExtractOptions {
  // Reference for relative dates; default: none (then the article's
  // published date is used when it has one).
  std::optional<CivilDate> reference;
  bool use_ner = true;           // default true: run the statistical tagger (else gazetteer only)
  uint32_t max_role_words = 6;   // default 6: words of a role phrase before a name
  uint32_t min_quote_words = 2;  // default 2: shorter quoted text is a scare quote, not a quotation
  uint32_t max_verb_distance = 30;  // default 30: tokens from the reporting verb to the quote/number
};

// Extracts from article.BodyText(). Never reads teasers.
Extraction Extract(const Article& article, const ExtractOptions& options = {});
// Extracts from a body text (valid UTF-8; anything else gives an empty result).
Extraction ExtractText(std::string_view body, const ExtractOptions& options = {});

// The matching key of a name: kMatch form, one-letter proclitics kept,
// the article ال dropped from each word, then folded per word: غ ج ق ك -> ك,
// ط -> ت, ص ث -> س, ض -> د, ظ ذ -> ز, word-initial تش -> ش, ا و ي dropped
// after the first letter (long vowels) except a final nisba ي/ية, doubled
// letters single. Words joined by one space, except that the name particles
// بن (ابن), با, أبو, بو and عبد are joined to the next word. `كيم جونج أون`
// and `كيم جونغ اون` have the same key, so do `كريم بن سالم` and
// `كريم بنسالم`; `كوريا` and `الكورية` do not.
std::string PhoneticKey(std::string_view name);

// The stable id an entity of `type` ("PER"...) named `canonical` gets.
std::string EntityId(std::string_view type, std::string_view canonical);

// The gazetteer entity a name (a variant as written) resolves to, as its
// id, or "" when the gazetteer does not know it.
std::string GazetteerId(std::string_view name);

// Singular lemma of a counted noun as written (`الجنود` -> `جندي`,
// `صواريخ` -> `صاروخ`, `مهندسين` -> `مهندس`); "" when it is not a noun of the
// countable table.
std::string CountedLemma(std::string_view word);

}  // namespace akhbar
