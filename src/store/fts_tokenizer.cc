// The Arabic FTS5 tokenizer (contract in fts_tokenizer.h). FTS5's custom
// tokenizer interface: https://www.sqlite.org/fts5.html#custom_tokenizers
#include "store/fts_tokenizer.h"

#include <cstring>
#include <string>
#include <vector>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "akhbar/normalize.h"
#include "akhbar/stem.h"
#include "akhbar/stopwords.h"
#include "akhbar/text.h"
#include "akhbar/tokenize.h"

namespace akhbar::store {
namespace {

using arabic::Token;
using arabic::TokenType;

// Scratch buffers reused across calls by one tokenizer instance.
struct Scratch {
  arabic::Normalized norm;
  std::string key;  // the kMatch text of a line, without offsets (documents)
  std::vector<Token> tokens;
  std::vector<Token> inner;
  std::string term;
};

// Emits the term of one word token `w` (in the normalized text) through
// fn(term, begin, end) with source offsets; returns false to stop.
// With `aux` (FTS5_TOKENIZE_AUX: an auxiliary function such as highlight()
// or akhbar_snippet, which use the offsets only), an Arabic word is emitted
// unstemmed when that cannot change whether it is emitted: a light stem is
// never empty and never longer than its word. Token positions stay those of
// the index.
// `offsets`: the normalizer's map from `text` to the source, or null where
// no offsets are wanted (0, 0 reported).
template <typename F>
bool EmitWord(std::string_view text, const uint32_t* offsets, TokenType type, uint32_t b, uint32_t e, bool prefix,
              bool aux, std::string* term, F& fn) {
  std::string_view word(text.data() + b, e - b);
  std::string_view out;
  switch (type) {
    case TokenType::kArabicWord: {
      if (!prefix && arabic::IsStopword(word)) return true;
      const bool zwnj = word.find("\u200C") != std::string_view::npos;
      if (aux && !zwnj && !word.empty() && word.size() <= kMaxTermBytes) {
        out = word;
      } else if (zwnj) {  // ZWNJ inside a word: drop it
        term->clear();
        for (size_t i = 0; i < word.size();) {
          if (word.compare(i, 3, "\u200C") == 0) {
            i += 3;
          } else {
            term->push_back(word[i++]);
          }
        }
        out = arabic::LightStem(*term);
      } else {
        out = arabic::LightStem(word);
      }
      break;
    }
    case TokenType::kLatinWord:
      out = word;
      break;
    case TokenType::kNumber: {
      term->clear();
      for (size_t i = 0; i < word.size();) {
        if (word[i] == ',') {
          ++i;
        } else if (word.compare(i, 2, "\u066C") == 0) {  // ٬ thousands separator
          i += 2;
        } else if (word.compare(i, 2, "\u066B") == 0) {  // ٫ decimal separator
          term->push_back('.');
          i += 2;
        } else {
          term->push_back(word[i++]);
        }
      }
      out = *term;
      break;
    }
    default:
      return true;
  }
  if (out.empty() || out.size() > kMaxTermBytes) return true;
  return offsets ? fn(out, offsets[b], offsets[e]) : fn(out, 0u, 0u);
}

// The terms of one line (no '\n' inside); offsets are relative to it.
// Without `offsets` they are all 0: for a document being indexed, as FTS5
// keeps the positions of its tokens and never their offsets (its insert
// callback leaves them unused, fts5_storage.c), the normalizer without an
// offset map (the same text, faster) gives the same index. False when fn
// asked to stop.
template <typename F>
bool LineTerms(std::string_view line, bool prefix, bool aux, bool offsets, Scratch* s, F& fn) {
  const uint32_t* map = nullptr;
  std::string_view text;
  if (offsets) {
    arabic::Normalize(line, arabic::Form::kMatch, &s->norm);
    map = s->norm.offsets.data();
    text = s->norm.text;
    arabic::Tokenize(text, &s->tokens);
  } else {
    // A stored line was keyed and tokenized by the cleaner already, on
    // this thread: found in the cache, and copied (fn may key other text).
    const arabic::KeyedText& keyed = arabic::MatchKeyTokens(line);
    s->key = keyed.key;
    s->tokens = keyed.tokens;
    text = s->key;
  }
  for (const Token& t : s->tokens) {
    if (t.type == TokenType::kHashtag || t.type == TokenType::kMention) {
      // The words inside: one level, no recursion (inner tags are skipped).
      std::string_view body(text.data() + t.begin + 1, t.end - t.begin - 1);
      arabic::Tokenize(body, &s->inner);
      for (const Token& u : s->inner) {
        if (u.type == TokenType::kHashtag || u.type == TokenType::kMention) continue;
        if (!EmitWord(text, map, u.type, t.begin + 1 + u.begin, t.begin + 1 + u.end, prefix, aux, &s->term, fn))
          return false;
      }
      continue;
    }
    if (!EmitWord(text, map, t.type, t.begin, t.end, prefix, aux, &s->term, fn)) return false;
  }
  return true;
}

// Line by line: no token spans a line break, and a caller that stops early
// (akhbar_snippet stops at the end of its window) leaves the rest of the
// text unread, not merely untokenized.
//
// With `aux`, a line is further cut into pieces of about kAuxPiece bytes,
// each ending with an ASCII space: an auxiliary function stops early (a
// snippet's window ends some 800 bytes into a news body, often inside its
// first line), and the rest of the line is then neither normalized nor
// tokenized. The terms are those of the whole line, because no token spans
// an ASCII space, normalization starts a new segment at every ASCII
// character, and the tokenizer's look-behind (is a word character just
// before '#', '@' or a host name?) sees the same "not a word character" at
// a piece's start as after the space. (A line that is not valid UTF-8 past
// its first piece then has its first pieces' terms here and none in the
// index; the store writes valid UTF-8 only.)
inline constexpr size_t kAuxPiece = 384;

template <typename F>
void ForEachTermImpl(std::string_view text, bool prefix, bool aux, bool offsets, Scratch* s, F& fn) {
  size_t base = 0;
  while (base < text.size()) {
    size_t nl = text.find('\n', base);
    if (nl == std::string_view::npos) nl = text.size();
    while (nl > base) {
      size_t end = nl;
      if (aux && nl - base > 2 * kAuxPiece) {
        const size_t space = text.find(' ', base + kAuxPiece);
        if (space < nl) end = space + 1;
      }
      if (!IsValidUtf8(text.substr(base, end - base))) return;
      const uint32_t at = offsets ? static_cast<uint32_t>(base) : 0;
      auto shifted = [&](std::string_view term, uint32_t b, uint32_t e) { return fn(term, at + b, at + e); };
      if (!LineTerms(text.substr(base, end - base), prefix, aux, offsets, s, shifted)) return;
      base = end;
    }
    base = nl + 1;
  }
}

// ---- FTS5 glue -------------------------------------------------------------

struct Instance {
  Scratch scratch;
  PreparedTerms* prepared = nullptr;  // of the registration (may be null)
  bool busy = false;  // guards against a nested call on the same instance
};

int Create(void* context, const char**, int, Fts5Tokenizer** out) {
  auto* inst = new (std::nothrow) Instance();
  if (inst != nullptr) inst->prepared = static_cast<PreparedTerms*>(context);
  *out = reinterpret_cast<Fts5Tokenizer*>(inst);
  return *out ? SQLITE_OK : SQLITE_NOMEM;
}

void Delete(Fts5Tokenizer* t) { delete reinterpret_cast<Instance*>(t); }

int Tokenize(Fts5Tokenizer* t, void* ctx, int flags, const char* text, int n,
             int (*token)(void*, int, const char*, int, int, int)) {
  if (n <= 0 || text == nullptr) return SQLITE_OK;
  std::string_view src(text, static_cast<size_t>(n));
  // The store writes valid UTF-8 only and queries are validated before they
  // reach FTS5; text from elsewhere (another tool writing the file) is
  // indexed up to its first line that is not UTF-8 (ForEachTermImpl).
  auto* inst = reinterpret_cast<Instance*>(t);
  Scratch local;
  Scratch* s = inst->busy ? &local : &inst->scratch;
  bool was_busy = inst->busy;
  inst->busy = true;
  bool prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0;
  int rc = SQLITE_OK;
  auto fn = [&](std::string_view term, uint32_t b, uint32_t e) {
    rc = token(ctx, 0, term.data(), static_cast<int>(term.size()), static_cast<int>(b), static_cast<int>(e));
    return rc == SQLITE_OK;
  };
  try {
    // A document to index: no offsets (see LineTerms), its terms perhaps
    // prepared on another thread.
    const bool document = flags == FTS5_TOKENIZE_DOCUMENT;
    if (document && inst->prepared != nullptr &&
        inst->prepared->Take(src, [&](std::string_view term) { return fn(term, 0, 0); })) {
      inst->busy = was_busy;
      return rc;
    }
    ForEachTermImpl(src, prefix, (flags & FTS5_TOKENIZE_AUX) != 0, !document, s, fn);
  } catch (const std::bad_alloc&) {
    rc = SQLITE_NOMEM;
  }
  inst->busy = was_busy;
  return rc;
}

fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  return api;
}

}  // namespace

void ForEachTerm(std::string_view text, bool prefix, const TermFn& fn, bool aux) {
  Scratch s;
  auto f = [&](std::string_view term, uint32_t b, uint32_t e) { return fn(term, b, e); };
  ForEachTermImpl(text, prefix, aux, true, &s, f);
}

PreparedTerms::Key PreparedTerms::KeyOf(std::string_view text) {
  const XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  return Key{h.low64, h.high64, text.size()};
}

void PreparedTerms::Add(std::string_view text) {
  if (text.empty()) return;
  {
    std::lock_guard lock(mu_);
    if (bytes_ >= max_bytes_) return;
  }
  thread_local Scratch s;
  // Packed into a buffer that keeps its capacity, then copied at its exact
  // size: a string grown term by term was reallocated several times per
  // text and kept its slack while held.
  thread_local std::string buf;
  buf.clear();
  auto add = [&](std::string_view term, uint32_t, uint32_t) {
    buf.push_back(static_cast<char>(term.size()));  // at most kMaxTermBytes
    buf.append(term);
    return true;
  };
  ForEachTermImpl(text, false, false, false, &s, add);
  std::string packed(buf);
  const Key key = KeyOf(text);
  std::lock_guard lock(mu_);
  if (bytes_ + packed.size() > max_bytes_) return;
  // Room for the texts of a large ingest at once: growing the table one
  // rehash after another, under the lock, held the other threads up.
  if (terms_.empty() && terms_.bucket_count() < kBuckets) terms_.reserve(kBuckets);
  auto [it, added] = terms_.try_emplace(key);
  if (!added) return;  // the same text prepared twice: taken once, then tokenized
  bytes_ += packed.size();
  it->second = std::move(packed);
}

bool PreparedTerms::Take(std::string_view text, const std::function<bool(std::string_view term)>& fn) {
  std::string packed;
  {
    const Key key = KeyOf(text);
    std::lock_guard lock(mu_);
    if (terms_.empty()) return false;
    auto it = terms_.find(key);
    if (it == terms_.end()) return false;
    packed = std::move(it->second);
    bytes_ -= packed.size();
    terms_.erase(it);
  }
  for (size_t i = 0; i < packed.size();) {
    const size_t n = static_cast<unsigned char>(packed[i]);
    if (!fn(std::string_view(packed).substr(i + 1, n))) break;
    i += 1 + n;
  }
  return true;
}

void PreparedTerms::Clear() {
  std::lock_guard lock(mu_);
  terms_.clear();
  bytes_ = 0;
}

size_t PreparedTerms::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

Status RegisterArabicTokenizer(sqlite3* db, PreparedTerms* prepared) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr || api->iVersion < 2)
    return Status::Unsupported("this SQLite has no FTS5 (akhbar needs SQLite built with FTS5)");
  static fts5_tokenizer kTokenizer = {Create, Delete, Tokenize};
  int rc = api->xCreateTokenizer(api, kTokenizerName, prepared, &kTokenizer, nullptr);
  if (rc != SQLITE_OK) return Status::Io(std::string("cannot register the FTS5 tokenizer: ") + sqlite3_errstr(rc));
  if (Status s = RegisterSnippetFunction(api); !s.ok()) return s;
  return RegisterRankFunction(api, db);
}

}  // namespace akhbar::store
