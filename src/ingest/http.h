// Internal to ingest: header blocks (WARC and HTTP), HTTP responses as stored
// in WARC response records, chunked transfer-coding and gzip/deflate
// content-coding. All functions are linear in their input and bounded in
// output by `max_bytes`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "akhbar/document.h"
#include "akhbar/status.h"

namespace akhbar::ingest_internal {

std::string LowerCopy(std::string_view s);

// "Name: value" lines; names lower-cased, values trimmed. Folded
// continuation lines (starting with a space or tab) join the previous value.
struct HeaderList {
  std::vector<std::pair<std::string, std::string>> fields;
  // The first value of `lower_name`, or empty.
  std::string_view Get(std::string_view lower_name) const;
};

// Offset just past the empty line that ends a header block (CRLF CRLF, or
// LF LF), or npos.
size_t FindHeaderEnd(std::string_view s);

// Parses the lines after the first (the version or status line).
HeaderList ParseHeaders(std::string_view block);

// "text/html; charset=windows-1256" -> "text/html" and "windows-1256".
std::string MimeType(std::string_view content_type);
std::string CharsetParam(std::string_view content_type);

struct HttpPayload {
  bool skip = false;  // not a document: non-2xx status, or not HTML/text
  ContentFormat format = ContentFormat::kHtml;
  std::string charset;  // from Content-Type, or empty
  std::string body;     // de-chunked, decompressed
  std::vector<std::string> warnings;
};

// Parses an HTTP/1.x response (status line, headers, body). Non-2xx
// responses and payloads that are not HTML or plain text are skipped
// (skip = true), not failures.
Result<HttpPayload> ParseHttpResponse(std::string_view block, size_t max_bytes);

// Chunked transfer-coding (RFC 9112, 7.1). Fails on a malformed chunk.
Result<std::string> Dechunk(std::string_view body, size_t max_bytes);

// gzip, zlib or raw deflate data (zlib auto-detection, then raw deflate).
Result<std::string> Inflate(std::string_view data, size_t max_bytes);

}  // namespace akhbar::ingest_internal
