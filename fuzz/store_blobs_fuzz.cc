// Fuzzes the decoders of what the store reads back from its own file (a file
// may be damaged or crafted): the event clusterer's state blob, the idf
// table, event summary JSON and the extraction JSON arrays. The first byte
// picks the decoder; a state that decodes must resume a clusterer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "akhbar/analyze.h"
#include "akhbar/events.h"
#include "store/cluster_state.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {
      auto s = akhbar::store::DecodeEventState(in);
      if (s.ok()) {
        auto c = akhbar::events::EventClusterer::FromState(std::move(s).value());
        (void)c.MemoryBytes();
      }
      break;
    }
    case 1:
      (void)akhbar::events::DecodeDocumentFrequencies(in);
      break;
    case 2: {
      auto s = akhbar::store::DecodeSummary(in);
      if (s.ok()) (void)akhbar::store::EncodeSummary(*s);
      break;
    }
    default: {
      size_t nul = in.find('\0');
      std::string_view json = nul == std::string_view::npos ? in : in.substr(0, nul);
      std::string_view body = nul == std::string_view::npos ? std::string_view() : in.substr(nul + 1);
      akhbar::ExtractionJson arrays;
      arrays.entities = std::string(json);
      arrays.quotes = std::string(json);
      arrays.claims = std::string(json);
      (void)akhbar::ExtractionFromJson(arrays, body);
      break;
    }
  }
  return 0;
}
