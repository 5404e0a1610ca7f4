// One document through the stateless stages: decode -> (HTML to text) ->
// Arabic text layer.
#include "akhbar/analyze.h"

#include <cstdio>

#include "akhbar/decode.h"
#include "akhbar/language.h"
#include "akhbar/tokenize.h"

namespace akhbar {

namespace {

// First non-empty line, whitespace-trimmed, at most 300 bytes (cut at a
// character boundary).
std::string FirstLine(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '\r'))
      line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
      line.remove_suffix(1);
    if (!line.empty()) {
      if (line.size() > 300) {
        size_t cut = 300;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        line = line.substr(0, cut);
      }
      return std::string(line);
    }
    pos = nl + 1;
  }
  return {};
}

bool IsBlank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  return true;
}

}  // namespace

Result<AnalyzedDocument> AnalyzeDocument(RawDocument doc, const AnalyzeOptions& options) {
  AnalyzedDocument out;
  out.id = std::move(doc.id);
  out.input = std::move(doc.input);
  out.locator = std::move(doc.locator);
  out.url = std::move(doc.url);
  out.fetched_at = std::move(doc.fetched_at);
  out.format = doc.format;
  out.warnings = std::move(doc.warnings);

  std::string hint = doc.charset_hint;
  if (hint.empty() && doc.format == ContentFormat::kHtml) hint = PrescanHtmlCharset(doc.content.data);
  auto decoded = DecodeToUtf8(doc.content.data, hint);
  if (!decoded.ok()) return decoded.status();
  out.charset = decoded->charset;
  if (decoded->replaced > 0)
    out.warnings.push_back(std::to_string(decoded->replaced) + " invalid byte sequence(s) replaced by U+FFFD (" +
                           decoded->charset + ")");

  PageMeta meta;
  meta.title = std::move(doc.title);
  meta.outlet = std::move(doc.outlet);
  meta.url = out.url;
  meta.published = std::move(doc.published);
  meta.fetched_at = out.fetched_at;
  if (doc.format == ContentFormat::kHtml) {
    out.article = CleanHtml(decoded->text.view(), meta, options.clean);
  } else {
    out.article = CleanText(decoded->text.view(), meta, options.clean);
  }
  out.text = Utf8Text::TrustValid(out.article.BodyText());
  if (IsBlank(out.text.view())) {
    // A record with a headline but an empty body (a photo story) is kept,
    // with a warning; with neither, there is no document.
    if (out.article.title.empty()) {
      return Status::Invalid(doc.format == ContentFormat::kHtml ? "HTML page has no article text"
                                                               : "empty document: no text");
    }
    out.warnings.push_back("no body text: only a title");
  }
  if (out.article.title.empty()) out.article.title = FirstLine(out.text.view());

  arabic::ScriptShare share = arabic::MeasureScript(out.text.view());
  out.arabic_share = share.arabic_share;
  bool is_arabic = share.arabic_share >= options.min_arabic_share;
  out.language = is_arabic ? "ar" : "und";
  if (!is_arabic) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "not Arabic: %.0f%% of letters are Arabic", share.arabic_share * 100);
    out.warnings.push_back(buf);
  }

  if (options.extract) {
    ExtractOptions xo = options.extraction;
    if (!xo.reference) xo.reference = out.article.published.date ? out.article.published.date : options.clean.ref_date;
    out.extraction = ExtractText(out.text.view(), xo);
  }

  if (options.count_tokens) {
    std::vector<arabic::Token> tokens;
    arabic::Tokenize(out.text.view(), &tokens);
    for (const auto& t : tokens) out.tokens += t.type != arabic::TokenType::kPunct;
  }
  return out;
}

}  // namespace akhbar
