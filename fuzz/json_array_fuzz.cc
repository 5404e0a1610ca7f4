// libFuzzer target: the json_array reader of ingest (ReadBuffer as "f.json";
// gzip input is detected by magic bytes, so compressed inputs are covered too).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "akhbar/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  akhbar::IngestOptions opt;
  opt.max_document_bytes = 1 << 20;  // keep the too-large paths reachable
  size_t n = 0;
  akhbar::ReadBuffer("f.json", std::string_view(reinterpret_cast<const char*>(data), size), opt,
                     [&](akhbar::IngestItem&& item) {
                       if (item.where.empty()) __builtin_trap();  // every item names its source
                       if (item.doc.ok() && item.doc->id.empty()) __builtin_trap();
                       ++n;
                     });
  return 0;
}
