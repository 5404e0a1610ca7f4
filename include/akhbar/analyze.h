// akhbar/analyze.h: the stateless analysis of one document (ingest ..
// signature), as printed by `akhbar analyze`.
//
// AnalyzeDocument is a pure function of a RawDocument and the options: no
// store, no I/O, no globals. It fails only when the document has no text at
// all (binary data, nothing decodable); every lesser problem is a warning in
// the result.
//
// Thread-safety: reentrant; documents may be analyzed in parallel.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/article.h"
#include "akhbar/document.h"
#include "akhbar/extract.h"
#include "akhbar/status.h"
#include "akhbar/text.h"

namespace akhbar {

struct AnalyzeOptions {
  // Documents whose share of Arabic letters (among all letters) is below this
  // are flagged `language: "und"` and warned about; they are still processed.
  double min_arabic_share = 0.5;  // default 0.5
  CleanOptions clean;             // default: no reference date
  bool extract = true;            // default true: entities, quotes, claims, numbers, dates
  ExtractOptions extraction;      // default: see akhbar/extract.h (reference: the published date)
  bool count_tokens = true;       // default true: AnalyzedDocument::tokens (left 0 when false)
};

struct AnalyzedDocument {
  DocId id;
  std::string input;          // the INPUT it came from
  std::string locator;        // line / record / path inside the input
  std::string url;
  std::string fetched_at;
  ContentFormat format = ContentFormat::kText;
  std::string charset;        // detected source charset
  Article article;            // title, flags, body, teasers, metadata, removed lines
  Utf8Text text;              // the article's body, paragraphs joined by blank lines
  std::string language;       // "ar" or "und" (see AnalyzeOptions::min_arabic_share)
  double arabic_share = 0.0;  // Arabic letters / all letters
  size_t tokens = 0;          // tokens other than punctuation
  std::vector<std::string> warnings;
  // Entities, quotes, claims, numbers and dates of the body (byte offsets
  // into `text`); empty when AnalyzeOptions::extract is false.
  Extraction extraction;
};

Result<AnalyzedDocument> AnalyzeDocument(RawDocument doc, const AnalyzeOptions& options);

// One JSON object (no trailing newline) in the schema documented in the
// README under "akhbar analyze output". Field order is stable.
// With `explain`, adds `removed: [{text, why}]`.
std::string AnalyzedToJson(const AnalyzedDocument& doc, bool explain = false);

// The record printed for a document that could not be read or analyzed:
// {"id": ..., "input": ..., "errors": ["..."]} with the other fields null.
std::string FailureToJson(const std::string& id, const std::string& input,
                          const std::string& locator, const std::string& error);

// The entities, quotes and claims of an extraction as the three JSON array
// texts `akhbar analyze` prints (offsets in code points of `text`, the body
// the extraction was run on). The store keeps them in this form.
struct ExtractionJson {
  std::string entities = "[]", quotes = "[]", claims = "[]";
};
ExtractionJson ExtractionArraysToJson(const Extraction& x, std::string_view text);
// The inverse (numbers and dates are not part of it): offsets back to bytes
// of `text`. Malformed JSON is kInvalidInput; unknown fields are ignored.
Result<Extraction> ExtractionFromJson(const ExtractionJson& arrays, std::string_view text);

}  // namespace akhbar
