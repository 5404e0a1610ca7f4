// Readers for every input form (see akhbar/ingest.h).
//
// Layout: a ByteStream (file, memory, gzip) feeds a Reader (buffer with
// lookahead); a format reader (whole file, JSON Lines, JSON values, WARC)
// turns the bytes into RawDocuments and hands them, or the failure to read
// one, to the sink. Every loop here is linear in its input and none recurses
// on nested input.
#include "akhbar/ingest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "akhbar/decode.h"
#include "ingest/http.h"
#include "ingest/stream.h"

namespace akhbar {
namespace {

using ingest_internal::ByteStream;
using ingest_internal::FdStream;
using ingest_internal::GzipStream;
using ingest_internal::MemoryStream;
using ingest_internal::Reader;
namespace fs = std::filesystem;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool IStartsWith(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (size_t i = 0; i < p.size(); ++i)
    if (Lower(s[i]) != Lower(p[i])) return false;
  return true;
}

// Where the current file came from, and where its documents go.
struct Ctx {
  const IngestOptions& opt;
  const IngestSink& sink;
  std::string input;    // the INPUT as given
  std::string rel;      // path below a directory INPUT, or empty
  std::string file_id;  // id of the file (and prefix of record ids)

  std::string Locator(std::string_view part) const {
    if (rel.empty()) return std::string(part);
    if (part.empty()) return rel;
    return rel + ", " + std::string(part);
  }
  std::string Where(std::string_view part) const {
    std::string loc = Locator(part);
    return loc.empty() ? input : input + " (" + loc + ")";
  }
  void Fail(std::string_view part, const Status& s) const {
    std::string where = Where(part);
    sink(IngestItem{Status(s.code(), where + ": " + s.message()), where});
  }
  RawDocument NewDoc(std::string_view part) const {
    RawDocument d;
    d.input = input;
    d.locator = Locator(part);
    return d;
  }
  void Emit(RawDocument&& d) const {
    std::string where = d.Where();
    sink(IngestItem{std::move(d), std::move(where)});
  }
};

enum class Format { kText, kHtml, kJsonl, kJson, kWarc };

// WHATWG MIME Sniffing, 7.1 "Identifying a resource with an unknown MIME
// type": the HTML patterns, after leading whitespace, each followed by a
// tag-terminating byte (space or '>').
bool LooksLikeHtml(std::string_view s) {
  if (StartsWith(s, "\xEF\xBB\xBF")) s.remove_prefix(3);
  size_t i = 0;
  while (i < s.size() && IsSpace(s[i])) ++i;
  s.remove_prefix(i);
  if (IStartsWith(s, "<?xml")) return true;
  static constexpr std::string_view kTags[] = {"<!doctype html", "<html", "<head", "<script", "<iframe", "<h1",
                                               "<div", "<font", "<table", "<a", "<style", "<title", "<b",
                                               "<body", "<br", "<p", "<!--", "<meta"};
  for (std::string_view t : kTags) {
    if (!IStartsWith(s, t)) continue;
    if (s.size() == t.size()) return true;
    char c = s[t.size()];
    if (c == ' ' || c == '>' || c == '\t' || c == '\n' || c == '\r' || (t == "<!--" && c == '-')) return true;
  }
  return false;
}

Format DetectFormat(std::string_view name, std::string_view head) {
  std::string base = fs::path(std::string(name)).filename().string();
  for (char& c : base) c = Lower(c);
  if (base.size() > 3 && base.ends_with(".gz")) base.resize(base.size() - 3);
  size_t dot = base.rfind('.');
  std::string ext = (dot == std::string::npos || dot == 0) ? "" : base.substr(dot + 1);
  if (ext == "jsonl" || ext == "ndjson") return Format::kJsonl;
  if (ext == "json") return Format::kJson;
  if (ext == "warc") return Format::kWarc;
  if (ext == "html" || ext == "htm" || ext == "xhtml") return Format::kHtml;
  if (StartsWith(head, "WARC/1.")) return Format::kWarc;
  if (LooksLikeHtml(head)) return Format::kHtml;
  if (ext == "txt" || (ext.empty() && !name.empty())) return Format::kText;
  // Unknown extension or stdin: JSON by its opening.
  size_t i = StartsWith(head, "\xEF\xBB\xBF") ? 3 : 0;
  while (i < head.size() && IsSpace(head[i])) ++i;
  if (i < head.size() && head[i] == '[') return Format::kJson;
  if (i < head.size() && head[i] == '{') return Format::kJsonl;
  return Format::kText;
}

// ---------------------------------------------------------------- whole file

void ReadWhole(Reader& r, const Ctx& c, Format f) {
  const size_t max = c.opt.max_document_bytes;
  size_t n = r.Fill(max + 1);
  if (n > max) {
    do { r.Consume(r.Avail().size()); } while (r.FillMore());
    c.Fail("", Status::TooLarge("document larger than max_document_bytes (" + std::to_string(max) + " bytes)"));
    r.TakeAllErrors();
    return;
  }
  if (auto err = r.TakeErrorIn(0, UINT64_MAX)) {
    c.Fail("", *err);
    return;
  }
  std::string_view a = r.Avail();
  if (a.empty()) {
    c.Fail("", Status::Invalid("empty file"));
    return;
  }
  if (std::all_of(a.begin(), a.end(), IsSpace)) {
    c.Fail("", Status::Invalid("no text (only whitespace)"));
    return;
  }
  RawDocument d = c.NewDoc("");
  d.id = DocId(c.file_id);
  d.content.data.assign(a);
  if (f == Format::kHtml) {
    d.format = ContentFormat::kHtml;
    d.charset_hint = PrescanHtmlCharset(a);
  } else {
    d.format = ContentFormat::kText;
  }
  r.Consume(a.size());
  c.Emit(std::move(d));
}

// ---------------------------------------------------------------- JSON records

// Text of a scalar field: strings as they are, numbers written out; nullopt
// for null, booleans, arrays and objects.
std::optional<std::string> ScalarText(simdjson::dom::element v) {
  switch (v.type()) {
    case simdjson::dom::element_type::STRING: return std::string(std::string_view(v.get_string().value_unsafe()));
    case simdjson::dom::element_type::INT64: return std::to_string(int64_t(v.get_int64().value_unsafe()));
    case simdjson::dom::element_type::UINT64: return std::to_string(uint64_t(v.get_uint64().value_unsafe()));
    case simdjson::dom::element_type::DOUBLE: return simdjson::minify(v);
    default: return std::nullopt;
  }
}

struct FieldHit {
  std::string name;
  std::string value;
};

std::optional<FieldHit> FindField(simdjson::dom::object obj, const IngestOptions& opt, const char* canonical,
                                  std::initializer_list<std::string_view> names) {
  auto try_name = [&](std::string_view name) -> std::optional<FieldHit> {
    simdjson::dom::element v;
    if (obj.at_key(name).get(v) != simdjson::SUCCESS) return std::nullopt;
    if (auto s = ScalarText(v)) return FieldHit{std::string(name), std::move(*s)};
    return std::nullopt;
  };
  if (auto it = opt.field_map.find(canonical); it != opt.field_map.end())
    if (auto h = try_name(it->second)) return h;
  for (std::string_view n : names)
    if (auto h = try_name(n)) return h;
  return std::nullopt;
}

// Content may also be an array of strings (paragraphs), joined by blank lines.
std::optional<FieldHit> FindContent(simdjson::dom::object obj, const IngestOptions& opt, const char* canonical,
                                    std::initializer_list<std::string_view> names) {
  auto try_name = [&](std::string_view name) -> std::optional<FieldHit> {
    simdjson::dom::element v;
    if (obj.at_key(name).get(v) != simdjson::SUCCESS) return std::nullopt;
    if (v.is_string()) return FieldHit{std::string(name), std::string(std::string_view(v.get_string().value_unsafe()))};
    simdjson::dom::array arr;
    if (v.get_array().get(arr) == simdjson::SUCCESS) {
      std::string joined;
      for (simdjson::dom::element p : arr) {
        if (!p.is_string()) continue;
        if (!joined.empty()) joined += "\n\n";
        joined += std::string_view(p.get_string().value_unsafe());
      }
      return FieldHit{std::string(name), std::move(joined)};
    }
    return std::nullopt;
  };
  if (auto it = opt.field_map.find(canonical); it != opt.field_map.end())
    if (auto h = try_name(it->second)) return h;
  for (std::string_view n : names)
    if (auto h = try_name(n)) return h;
  return std::nullopt;
}

// One JSON record -> one document or one failure.
void EmitRecord(const Ctx& c, simdjson::dom::element el, const std::string& part, const std::string& default_id,
                std::vector<std::string> warnings) {
  simdjson::dom::object obj;
  if (el.get_object().get(obj) != simdjson::SUCCESS) {
    c.Fail(part, Status::Invalid("not a JSON object"));
    return;
  }
  RawDocument d = c.NewDoc(part);
  ContentFormat fmt = ContentFormat::kText;
  auto content = FindContent(obj, c.opt, "content", {"content", "text", "body", "maintext"});
  if (!content) {
    content = FindContent(obj, c.opt, "html", {"html"});
    fmt = ContentFormat::kHtml;
  }
  if (!content) {
    c.Fail(part, Status::Invalid("no text field (looked for content, text, body, maintext, html" +
                                 std::string(c.opt.field_map.count("content") ? ", " + c.opt.field_map.at("content") : "") +
                                 ")"));
    return;
  }
  // An empty text is not a failure here: the record may still carry a title
  // (SaudiNewsNet has such records); later stages decide.
  if (std::all_of(content->value.begin(), content->value.end(), IsSpace))
    warnings.push_back("empty text in field '" + content->name + "'");
  if (content->value.size() > c.opt.max_document_bytes) {
    c.Fail(part, Status::TooLarge("text larger than max_document_bytes (" +
                                  std::to_string(c.opt.max_document_bytes) + " bytes)"));
    return;
  }
  d.format = fmt;
  d.content.data = std::move(content->value);
  auto id = FindField(obj, c.opt, "id", {"id"});
  d.id = DocId(id && !id->value.empty() ? std::move(id->value) : default_id);
  if (auto v = FindField(obj, c.opt, "title", {"title"})) d.title = std::move(v->value);
  if (auto v = FindField(obj, c.opt, "url", {"url"})) d.url = std::move(v->value);
  if (auto v = FindField(obj, c.opt, "outlet", {"source", "outlet", "site_name"})) d.outlet = std::move(v->value);
  if (auto v = FindField(obj, c.opt, "published", {"date", "published", "date_publish"})) d.published = std::move(v->value);
  if (auto v = FindField(obj, c.opt, "fetched_at", {"date_extracted", "fetched_at"})) d.fetched_at = std::move(v->value);
  if (fmt == ContentFormat::kHtml) d.charset_hint = PrescanHtmlCharset(d.content.data);
  d.warnings = std::move(warnings);
  c.Emit(std::move(d));
}

// Parses one JSON text. Input that is not UTF-8 (a record written in
// windows-1256, or with stray bytes) is decoded first, with a warning.
void ParseAndEmit(const Ctx& c, simdjson::dom::parser& parser, std::string_view json, const std::string& part,
                  const std::string& default_id) {
  std::vector<std::string> warnings;
  simdjson::dom::element el;
  auto err = parser.parse(json.data(), json.size()).get(el);
  std::string repaired;
  if (err == simdjson::UTF8_ERROR) {
    auto dec = DecodeToUtf8(json);
    if (dec.ok()) {
      if (dec->charset != "UTF-8") warnings.push_back("record decoded from " + dec->charset);
      if (dec->replaced)
        warnings.push_back(std::to_string(dec->replaced) + " invalid bytes replaced by U+FFFD (" + dec->charset + ")");
      repaired = std::move(dec->text).release();
      err = parser.parse(repaired.data(), repaired.size()).get(el);
    }
  }
  if (err != simdjson::SUCCESS) {
    c.Fail(part, Status::Invalid(std::string("not valid JSON: ") + simdjson::error_message(err)));
    return;
  }
  EmitRecord(c, el, part, default_id, std::move(warnings));
}

void ReadJsonl(Reader& r, const Ctx& c) {
  const size_t max = c.opt.max_document_bytes;
  simdjson::dom::parser parser;
  uint64_t line_no = 0;
  size_t scanned = 0;
  bool any = false;
  for (;;) {
    std::string_view a = r.Avail();
    const char* nl = scanned < a.size()
                         ? static_cast<const char*>(std::memchr(a.data() + scanned, '\n', a.size() - scanned))
                         : nullptr;
    uint64_t start = r.Offset();
    std::string_view line;
    size_t advance;
    if (nl) {
      line = a.substr(0, static_cast<size_t>(nl - a.data()));
      advance = line.size() + 1;
    } else if (a.size() > max) {
      // A line over the bound: skip to the next newline without keeping it.
      ++line_no;
      for (;;) {
        std::string_view b = r.Avail();
        const char* e = static_cast<const char*>(std::memchr(b.data(), '\n', b.size()));
        if (e) { r.Consume(static_cast<size_t>(e - b.data()) + 1); break; }
        r.Consume(b.size());
        if (!r.FillMore()) break;
      }
      scanned = 0;
      auto err = r.TakeErrorIn(start, r.Offset());
      c.Fail("line " + std::to_string(line_no),
             err ? *err : Status::TooLarge("line longer than max_document_bytes (" + std::to_string(max) + " bytes)"));
      any = true;
      continue;
    } else {
      scanned = a.size();
      if (r.FillMore()) continue;
      if (a.empty()) break;
      line = a;  // last line, no newline
      advance = a.size();
    }
    scanned = 0;
    ++line_no;
    any = true;
    std::string part = "line " + std::to_string(line_no);
    if (auto eo = r.NextErrorOffset(); eo && *eo >= start && *eo <= start + advance) {
      // Data was lost at *eo (a corrupt gzip member): the bytes before the gap
      // are failed; those after it start a new line (a new member usually
      // starts a new record).
      auto err = r.TakeErrorIn(*eo, *eo);
      c.Fail(part, *err);
      r.Consume(static_cast<size_t>(*eo - start));
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1 && StartsWith(line, "\xEF\xBB\xBF")) line.remove_prefix(3);
    if (!std::all_of(line.begin(), line.end(), IsSpace))
      ParseAndEmit(c, parser, line, part, c.file_id + ":" + std::to_string(line_no));
    r.Consume(advance);
  }
  for (auto& e : r.TakeAllErrors()) c.Fail("", e);
  if (!any) c.Fail("", Status::Invalid("empty file"));
}

// Streams the top-level values of a JSON text: the elements of one array
// ("[{...},{...}]", e.g. a SaudiNewsNet day file) or a sequence of objects
// ("{...}\n{...}", or one pretty-printed object). A hand-written scanner that
// knows strings, escapes and nesting depth (no recursion) finds where each
// value ends; each value is then parsed alone, so memory is bounded by one
// value. A structural error ends the input (there is no safe resync point).
void ReadJsonValues(Reader& r, const Ctx& c) {
  const size_t max = c.opt.max_document_bytes;
  simdjson::dom::parser parser;
  uint64_t line = 1;
  auto skip_space = [&]() {
    for (;;) {
      std::string_view a = r.Avail();
      size_t i = 0;
      while (i < a.size() && IsSpace(a[i])) line += a[i++] == '\n';
      r.Consume(i);
      if (i < a.size()) return true;
      if (!r.FillMore()) return false;
    }
  };
  if (r.Fill(3) >= 3 && StartsWith(r.Avail(), "\xEF\xBB\xBF")) r.Consume(3);
  if (!skip_space()) {
    auto err = r.TakeErrorIn(0, UINT64_MAX);
    c.Fail("", err ? *err : Status::Invalid("empty file"));
    return;
  }
  const bool array = r.Avail()[0] == '[';
  if (array) r.Consume(1);
  const char* unit = array ? "element " : "record ";
  uint64_t index = 0;
  for (;;) {
    if (!skip_space()) {
      if (array) c.Fail("", Status::Invalid("truncated JSON array (no closing ']') after " + std::to_string(index) + " elements"));
      break;
    }
    char first = r.Avail()[0];
    if (array && first == ']' && index == 0) {
      r.Consume(1);
      break;
    }
    ++index;
    std::string part = unit + std::to_string(index) + ", line " + std::to_string(line);
    if (!array && first != '{' && first != '[') {
      c.Fail(part, Status::Invalid(std::string("expected a JSON object, found '") + first + "'"));
      break;
    }
    // Scan one value.
    uint64_t start = r.Offset();
    uint64_t elem_line = line;
    size_t i = 0;
    uint64_t depth = 0;
    bool in_str = false, esc = false, skipping = false, ended = false;
    char term = 0;
    while (!ended) {
      std::string_view a = r.Avail();
      while (i < a.size()) {
        char ch = a[i];
        if (in_str) {
          if (esc) esc = false;
          else if (ch == '\\') esc = true;
          else if (ch == '"') in_str = false;
          else if (ch == '\n') ++line;
        } else if (ch == '"') {
          in_str = true;
        } else if (ch == '{' || ch == '[') {
          ++depth;
        } else if (ch == '}' || ch == ']') {
          if (depth == 0) { term = ch; ended = true; break; }
          if (--depth == 0 && !array) { ++i; ended = true; break; }
        } else if (ch == ',' && depth == 0) {
          term = ch; ended = true; break;
        } else if (ch == '\n') {
          ++line;
        }
        ++i;
      }
      if (ended) break;
      if (!skipping && i > max) skipping = true;
      if (skipping) { r.Consume(i); i = 0; }
      if (!r.FillMore()) break;
    }
    (void)elem_line;
    if (!ended) {
      auto err = r.TakeErrorIn(start, UINT64_MAX);
      c.Fail(part, err ? *err : Status::Invalid("truncated JSON (the input ends inside this value)"));
      for (auto& e : r.TakeAllErrors()) c.Fail("", e);
      return;
    }
    if (skipping) {
      r.Consume(i);
      c.Fail(part, Status::TooLarge("value larger than max_document_bytes (" + std::to_string(max) + " bytes)"));
    } else if (auto err = r.TakeErrorIn(start, start + i)) {
      c.Fail(part, *err);
      r.Consume(i);
    } else {
      std::string_view v = r.Avail().substr(0, i);
      while (!v.empty() && IsSpace(v.back())) v.remove_suffix(1);
      if (v.empty()) {
        c.Fail(part, Status::Invalid("empty array element"));
        break;
      }
      ParseAndEmit(c, parser, v, part, c.file_id + ":" + std::to_string(index));
      r.Consume(i);
    }
    if (!array) continue;
    if (term == ',') { r.Consume(1); continue; }
    if (term == ']') { r.Consume(1); break; }
    c.Fail(part, Status::Invalid(std::string("unbalanced '") + term + "' in JSON array"));
    return;
  }
  if (array && skip_space())
    c.Fail("", Status::Invalid("data after the end of the JSON array"));
  for (auto& e : r.TakeAllErrors()) c.Fail("", e);
}

// ---------------------------------------------------------------- WARC

constexpr size_t kMaxWarcHeader = 64 * 1024;

// Skips to the next line that starts with "WARC/", searching from `from`
// bytes into the buffered data. Linear; keeps at most one chunk buffered.
void ResyncWarc(Reader& r, size_t from) {
  for (;;) {
    std::string_view a = r.Avail();
    size_t at = from < a.size() ? a.find("\nWARC/", from) : std::string_view::npos;
    if (at != std::string_view::npos) {
      r.Consume(at + 1);
      return;
    }
    size_t keep = std::min<size_t>(a.size(), 5);
    r.Consume(a.size() - keep);
    from = 0;
    if (!r.FillMore()) {
      r.Consume(r.Avail().size());
      return;
    }
  }
}

bool ParseLength(std::string_view s, uint64_t* out) {
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  if (s.empty() || s.size() > 15) return false;
  uint64_t v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return false;
    v = v * 10 + static_cast<uint64_t>(ch - '0');
  }
  *out = v;
  return true;
}

std::string Utf8Header(std::string_view v) {
  if (IsValidUtf8(v)) return std::string(v);
  auto d = DecodeToUtf8(v);
  return d.ok() ? std::move(d->text).release() : std::string();
}

std::string StripAngles(std::string_view v) {
  if (v.size() >= 2 && v.front() == '<' && v.back() == '>') v = v.substr(1, v.size() - 2);
  return Utf8Header(v);
}

void EmitWarcRecord(const Ctx& c, const ingest_internal::HeaderList& h, std::string_view block,
                    const std::string& part, uint64_t recno) {
  std::string type = ingest_internal::LowerCopy(h.Get("warc-type"));
  ingest_internal::HttpPayload payload;
  if (type == "response") {
    if (!StartsWith(block, "HTTP/")) return;  // dns:, ftp and other non-HTTP responses
    auto p = ingest_internal::ParseHttpResponse(block, c.opt.max_document_bytes);
    if (!p.ok()) {
      c.Fail(part, p.status());
      return;
    }
    payload = std::move(p.value());
    if (payload.skip) return;
  } else if (type == "resource") {
    std::string mime = ingest_internal::MimeType(h.Get("content-type"));
    if (mime != "text/html" && mime != "application/xhtml+xml" && mime != "text/plain") return;
    payload.format = mime == "text/plain" ? ContentFormat::kText : ContentFormat::kHtml;
    payload.charset = ingest_internal::CharsetParam(h.Get("content-type"));
    payload.body.assign(block);
  } else {
    return;  // warcinfo, request, metadata, revisit, conversion, continuation
  }
  if (std::all_of(payload.body.begin(), payload.body.end(), IsSpace)) {
    c.Fail(part, Status::Invalid("empty HTTP payload"));
    return;
  }
  RawDocument d = c.NewDoc(part);
  std::string id = StripAngles(h.Get("warc-record-id"));
  d.id = DocId(id.empty() ? c.file_id + ":" + std::to_string(recno) : id);
  d.url = StripAngles(h.Get("warc-target-uri"));
  d.fetched_at = Utf8Header(h.Get("warc-date"));
  d.format = payload.format;
  d.charset_hint = payload.charset;
  if (d.charset_hint.empty() && d.format == ContentFormat::kHtml) d.charset_hint = PrescanHtmlCharset(payload.body);
  d.content.data = std::move(payload.body);
  d.warnings = std::move(payload.warnings);
  c.Emit(std::move(d));
}

// Gzip-compressed WARC files hold one record per gzip member (WARC 1.1,
// Annex D). When a member is lost, the stream has a gap; the record that
// overlaps the gap is failed with the gzip error and reading resumes at the
// gap, where the next member (and so the next record) starts.
void ReadWarc(Reader& r, const Ctx& c) {
  const size_t max = c.opt.max_document_bytes;
  uint64_t recno = 0;
  for (;;) {
    // Records are separated by CRLF CRLF; be lenient about extra blank lines.
    for (;;) {
      std::string_view a = r.Avail();
      size_t i = 0;
      while (i < a.size() && (a[i] == '\r' || a[i] == '\n')) ++i;
      r.Consume(i);
      if (i < a.size() || !r.FillMore()) break;
    }
    const uint64_t rec_start = r.Offset();
    // Records lost whole in a gap before this point.
    for (auto eo = r.NextErrorOffset(); eo && *eo <= rec_start; eo = r.NextErrorOffset())
      c.Fail("record " + std::to_string(++recno), *r.TakeErrorIn(*eo, *eo));
    if (r.Fill(1) == 0) break;
    ++recno;
    const std::string part = "record " + std::to_string(recno);
    r.Fill(kMaxWarcHeader);
    std::string_view a = r.Avail();
    // If a gap lies inside the first `rel_end` bytes of the record, fails
    // the record with the gap's error and skips to the gap.
    auto gap_within = [&](uint64_t rel_end) {
      auto eo = r.NextErrorOffset();
      if (!eo || *eo <= rec_start || *eo >= rec_start + rel_end) return false;
      c.Fail(part, *r.TakeErrorIn(*eo, *eo));
      r.Consume(static_cast<size_t>(*eo - rec_start));
      return true;
    };
    if (!StartsWith(a, "WARC/")) {
      if (gap_within(std::min<size_t>(a.size(), kMaxWarcHeader) + 1)) continue;
      c.Fail(part, Status::Invalid("not a WARC record (no WARC/1.x version line)"));
      ResyncWarc(r, 0);
      continue;
    }
    size_t hend = ingest_internal::FindHeaderEnd(a.substr(0, kMaxWarcHeader));
    if (hend == std::string_view::npos) {
      if (gap_within(std::min<size_t>(a.size(), kMaxWarcHeader) + 1)) continue;
      c.Fail(part, Status::Invalid(a.size() < kMaxWarcHeader ? "truncated WARC header"
                                                             : "WARC header longer than 64 KiB"));
      ResyncWarc(r, 0);
      continue;
    }
    if (gap_within(hend)) continue;
    ingest_internal::HeaderList h = ingest_internal::ParseHeaders(a.substr(0, hend));
    uint64_t len = 0;
    std::string_view cl = h.Get("content-length");
    if (!ParseLength(cl, &len)) {
      c.Fail(part, Status::Invalid(cl.empty() ? "WARC record without Content-Length"
                                              : "bad Content-Length '" + std::string(cl.substr(0, 40)) + "'"));
      r.Consume(hend);
      ResyncWarc(r, 0);
      continue;
    }
    if (len > max) {
      if (gap_within(hend + len)) continue;
      r.Consume(hend);
      uint64_t left = len;
      while (left > 0) {
        size_t k = static_cast<size_t>(std::min<uint64_t>(left, r.Avail().size()));
        r.Consume(k);
        left -= k;
        if (left > 0 && !r.FillMore()) break;
      }
      c.Fail(part, Status::TooLarge("record block of " + std::to_string(len) +
                                    " bytes is larger than max_document_bytes (" + std::to_string(max) + ")"));
      continue;
    }
    const size_t need = hend + static_cast<size_t>(len);
    size_t got = r.Fill(need + 16);
    a = r.Avail();
    if (got < need) {
      if (gap_within(got + 1)) continue;
      c.Fail(part, Status::Invalid("truncated record: Content-Length " + std::to_string(len) + " but only " +
                                   std::to_string(got - hend) + " bytes follow"));
      ResyncWarc(r, hend);
      continue;
    }
    size_t t = need;
    while (t < a.size() && t < need + 4 && (a[t] == '\r' || a[t] == '\n')) ++t;
    if (gap_within(t)) continue;
    bool good_end = t == a.size() || StartsWith(a.substr(t), "WARC/");
    if (!good_end) {
      c.Fail(part, Status::Invalid("Content-Length " + std::to_string(len) +
                                   " does not match the record (no record end after the block)"));
      ResyncWarc(r, hend);
      continue;
    }
    EmitWarcRecord(c, h, a.substr(hend, static_cast<size_t>(len)), part, recno);
    r.Consume(t);
  }
  for (auto& e : r.TakeAllErrors()) c.Fail("", e);
  if (recno == 0) c.Fail("", Status::Invalid("empty file"));
}

// ---------------------------------------------------------------- dispatch

// Replays bytes already read (the magic-number probe), then the inner stream.
class PrefixStream final : public ByteStream {
 public:
  PrefixStream(std::string prefix, std::unique_ptr<ByteStream> inner)
      : prefix_(std::move(prefix)), inner_(std::move(inner)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ < prefix_.size()) {
      size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return inner_->Read(buf, n);
  }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<ByteStream> inner_;
};

void ReadStream(std::unique_ptr<ByteStream> raw, const Ctx& c, std::string_view name) {
  // Probe for the gzip magic number (RFC 1952: 1f 8b).
  std::string probe(2, '\0');
  size_t got = 0;
  while (got < 2) {
    auto r = raw->Read(probe.data() + got, 2 - got);
    if (!r.ok()) {
      c.Fail("", r.status());
      return;
    }
    if (*r == 0) break;
    got += *r;
  }
  probe.resize(got);
  bool gz = got == 2 && probe[0] == '\x1F' && probe[1] == '\x8B';
  std::unique_ptr<ByteStream> s = std::make_unique<PrefixStream>(std::move(probe), std::move(raw));
  if (gz) s = std::make_unique<GzipStream>(std::move(s));
  Reader r(s.get());
  r.Fill(1024);
  Format f = DetectFormat(name, r.Avail().substr(0, 1024));
  switch (f) {
    case Format::kText:
    case Format::kHtml: ReadWhole(r, c, f); break;
    case Format::kJsonl: ReadJsonl(r, c); break;
    case Format::kJson: ReadJsonValues(r, c); break;
    case Format::kWarc: ReadWarc(r, c); break;
  }
}

void ReadFile(const fs::path& path, Ctx& c) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    c.Fail("", e == ENOENT ? Status::NotFound(std::string("cannot open: ") + std::strerror(e))
                           : Status::Io(std::string("cannot open: ") + std::strerror(e)));
    return;
  }
  ReadStream(std::make_unique<FdStream>(fd, true), c, path.filename().string());
}

const char* FileKind(fs::file_type t) {
  switch (t) {
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::block: return "a block device";
    case fs::file_type::character: return "a character device";
    default: return "not a regular file";
  }
}

// Depth-first over `root`, entries sorted byte-wise by name within each
// directory; hidden entries (name starting with '.') are skipped; symbolic
// links to files are followed, links to directories are not (no cycles).
void ReadDirectory(const fs::path& root, Ctx& c) {
  struct Frame {
    std::vector<fs::path> entries;  // relative to root, sorted
    size_t next = 0;
  };
  auto list = [&](const fs::path& rel, Frame& f) {
    std::error_code ec;
    fs::directory_iterator it(root / rel, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') continue;
      f.entries.push_back(rel.empty() ? fs::path(name) : rel / name);
    }
    if (ec) {
      c.rel = rel.generic_string();
      c.Fail("", Status::Io("cannot list directory: " + ec.message()));
    }
    std::sort(f.entries.begin(), f.entries.end(),
              [](const fs::path& x, const fs::path& y) { return x.generic_string() < y.generic_string(); });
  };
  std::vector<Frame> stack(1);
  list(fs::path(), stack.back());
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.entries.size()) {
      stack.pop_back();
      continue;
    }
    fs::path rel = top.entries[top.next++];
    c.rel = rel.generic_string();
    c.file_id = c.rel;
    std::error_code ec;
    fs::file_status ls = fs::symlink_status(root / rel, ec);
    if (ls.type() == fs::file_type::directory) {
      Frame f;
      list(rel, f);
      stack.push_back(std::move(f));  // `top` is invalid from here
      continue;
    }
    if (ls.type() == fs::file_type::symlink) {
      fs::file_status ts = fs::status(root / rel, ec);
      if (ts.type() == fs::file_type::directory) {
        c.Fail("", Status::Unsupported("symbolic link to a directory, not followed"));
        continue;
      }
      if (ts.type() == fs::file_type::not_found) {
        c.Fail("", Status::NotFound("dangling symbolic link, cannot read"));
        continue;
      }
      ls = ts;
    }
    if (ls.type() != fs::file_type::regular) {
      c.Fail("", Status::Unsupported(std::string(FileKind(ls.type())) + ", skipped"));
      continue;
    }
    ReadFile(root / rel, c);
  }
}

}  // namespace

void ReadInputs(const std::vector<std::string>& inputs, const IngestOptions& options, const IngestSink& sink) {
  for (const std::string& input : inputs) {
    Ctx c{options, sink, input, "", ""};
    if (input == "-") {
      c.file_id = "stdin";
      ReadStream(std::make_unique<FdStream>(0, false), c, "");
      continue;
    }
    std::error_code ec;
    fs::path p(input);
    fs::file_status st = fs::status(p, ec);
    if (st.type() == fs::file_type::not_found) {
      c.Fail("", Status::NotFound("no such file or directory"));
      continue;
    }
    if (st.type() == fs::file_type::directory) {
      ReadDirectory(p, c);
      continue;
    }
    c.file_id = p.filename().string();
    ReadFile(p, c);
  }
}

void ReadBuffer(std::string_view name, std::string_view bytes, const IngestOptions& options,
                const IngestSink& sink) {
  Ctx c{options, sink, std::string(name), "", fs::path(std::string(name)).filename().string()};
  if (c.file_id.empty()) c.file_id = name.empty() ? "buffer" : std::string(name);
  ReadStream(std::make_unique<MemoryStream>(bytes), c, name);
}

}  // namespace akhbar
