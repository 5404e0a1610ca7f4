// The stored form of a document-frequency table, and the prior the project
// ships (data/idf-prior.bin, built by scripts/build-idf-prior.sh from the
// unlabelled development corpus).
//
// Layout (little-endian): magic "AKDF", u32 version (1), u64 documents,
// u32 entries, then the entries sorted by id: u64 id, u32 df.
#include <algorithm>
#include <cstring>

#include "akhbar/events.h"
#include "core/embedded.h"

namespace akhbar::events {
namespace {

constexpr char kMagic[4] = {'A', 'K', 'D', 'F'};
constexpr uint32_t kVersion = 1;

template <typename T>
void Put(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <typename T>
bool Get(std::string_view in, size_t* pos, T* v) {
  if (in.size() - *pos < sizeof(T)) return false;
  std::memcpy(v, in.data() + *pos, sizeof(T));
  *pos += sizeof(T);
  return true;
}

}  // namespace

std::string EncodeDocumentFrequencies(const DocumentFrequencies& df, uint32_t min_df) {
  std::vector<std::pair<TermId, uint32_t>> entries;
  for (const auto& [id, n] : df.df)
    if (n >= min_df) entries.emplace_back(id, n);
  std::sort(entries.begin(), entries.end());
  std::string out(kMagic, 4);
  Put(&out, kVersion);
  Put<uint64_t>(&out, df.docs);
  Put<uint32_t>(&out, static_cast<uint32_t>(entries.size()));
  for (const auto& [id, n] : entries) {
    Put<uint64_t>(&out, id);
    Put<uint32_t>(&out, n);
  }
  return out;
}

Result<DocumentFrequencies> DecodeDocumentFrequencies(std::string_view in) {
  if (in.size() < 4 || std::memcmp(in.data(), kMagic, 4) != 0)
    return Status::Invalid("document frequencies: bad magic (not an akhbar idf table)");
  size_t pos = 4;
  uint32_t version = 0, n = 0;
  DocumentFrequencies df;
  if (!Get(in, &pos, &version) || version != kVersion)
    return Status::Unsupported("document frequencies: version " + std::to_string(version) + ", expected " +
                               std::to_string(kVersion));
  if (!Get(in, &pos, &df.docs) || !Get(in, &pos, &n) || (in.size() - pos) / 12 < n || (in.size() - pos) % 12 != 0 ||
      (in.size() - pos) / 12 != n)
    return Status::Invalid("document frequencies: truncated or corrupt");
  df.df.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t id = 0;
    uint32_t count = 0;
    Get(in, &pos, &id);
    Get(in, &pos, &count);
    df.df.emplace(id, count);
  }
  return df;
}

const DocumentFrequencies& ShippedIdfPrior() {
  static const DocumentFrequencies prior = [] {
    auto d = DecodeDocumentFrequencies(data::IdfPrior());
    return d.ok() ? std::move(d).value() : DocumentFrequencies{};
  }();
  return prior;
}

}  // namespace akhbar::events
