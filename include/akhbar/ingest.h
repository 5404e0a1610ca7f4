// akhbar/ingest.h: read documents from files, directories, stdin, gzip,
// JSON Lines, JSON arrays, HTML and WARC.
//
// Contract:
//  - Streaming: memory is bounded by the largest single document (capped by
//    IngestOptions::max_document_bytes), never by the size of an input.
//  - Every document, or every failure to read one, is handed to the sink in
//    input order. A failure names the input and the record (line, record
//    number or file) and the reason; reading goes on with the next record
//    whenever the container allows it.
//  - Formats are recognised by content (gzip magic, WARC header, JSON
//    opening, HTML markup) with the file name as a hint.
//  - Directories are recursed in sorted (byte-wise) path order.
//
// Thread-safety: ReadInputs is reentrant; the sink is called from the calling
// thread only.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "akhbar/document.h"
#include "akhbar/status.h"

namespace akhbar {

struct IngestOptions {
  // Extra JSON field mappings: canonical name -> field name in the records.
  // Canonical names: id, content, title, url, outlet, published, fetched_at.
  // Given mappings are tried before the built-in field names.
  std::map<std::string, std::string> field_map;  // default: empty
  // A single document (file, JSON record, WARC payload) larger than this is
  // rejected with kTooLarge; the batch goes on.
  size_t max_document_bytes = 64u << 20;  // 64 MiB
};

// One document, or the failure to read one. `where` names the input and the
// record for a failure ("data/x.jsonl (line 12)").
struct IngestItem {
  Result<RawDocument> doc;
  std::string where;  // always set
};

using IngestSink = std::function<void(IngestItem&&)>;

// Reads each INPUT (a file, a directory, or "-" for stdin) and calls `sink`
// once per document or failure. Returns nothing: every problem reaches the
// sink as an item.
void ReadInputs(const std::vector<std::string>& inputs, const IngestOptions& options,
                const IngestSink& sink);

// Reads documents from bytes already in memory, as if they were a file named
// `name` (the name is a hint for the format and gives ids). Used by tests,
// fuzzers and the HTTP ingest endpoint.
void ReadBuffer(std::string_view name, std::string_view bytes, const IngestOptions& options,
                const IngestSink& sink);

}  // namespace akhbar
