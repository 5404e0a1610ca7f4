// akhbar/document.h: one document as it comes out of ingest.
//
// A RawDocument is what a reader found: the bytes of the page or article and
// whatever metadata its container carried (JSONL fields, WARC headers). It is
// not decoded and not cleaned. Every RawDocument names where it came from, so
// that any later error can name the document.
#pragma once

#include <string>
#include <vector>

#include "akhbar/text.h"

namespace akhbar {

enum class ContentFormat {
  kText,  // scraped text, one article per document
  kHtml,  // an HTML page (from a .html file, a JSON `html` field, a WARC record)
};

const char* ContentFormatName(ContentFormat f);

struct RawDocument {
  DocId id;                 // stable id (see text.h)
  std::string input;        // the INPUT it came from as given ("-" for stdin)
  std::string locator;      // inside the input: "line 12", "record 3", "path/in/dir.txt"
  ContentFormat format = ContentFormat::kText;
  Bytes content;            // the page or article bytes, undecoded

  // Metadata from the container, as given (UTF-8 where the container is JSON
  // or WARC headers; empty when absent).
  std::string title;
  std::string url;
  std::string outlet;       // source / outlet / site_name
  std::string published;    // date / published / date_publish
  std::string fetched_at;   // date_extracted / fetched_at / WARC-Date
  std::string charset_hint; // from HTTP Content-Type or <meta charset>, if any

  std::vector<std::string> warnings;  // non-fatal problems found while reading

  // "INPUT (LOCATOR)" or "INPUT": how diagnostics name this document.
  std::string Where() const;
};

}  // namespace akhbar
