// The persisted model: parsing (validated, bounded) and serialization.
//
// Layout, little-endian:
//   8 bytes  magic "AKHNER\r\n"
//   u32      version (kModelVersion)
//   u32      hash_bits (10..24)
//   u32      number of tags (9)
//   u32      cluster words C, then C times: u8 length, bytes (kMatch word),
//            u16 coarse id, u16 fine id
//   f32 x 90 transition scores (10 rows: 9 previous tags, then the start)
//   f32      weight scale
//   u32      rows R, then R times: varint (bucket - previous bucket, the
//            first relative to 0; buckets strictly increase), i16 x 9
//            (weight = value * scale)
//   u64      XXH64 (seed 0) of every byte before it
#include <algorithm>
#include <cmath>
#include <cstring>
#include <cstdlib>
#include <xxhash.h>

#include "akhbar/text.h"
#include "ner/internal.h"

namespace akhbar::ner {

namespace {

constexpr char kMagic[8] = {'A', 'K', 'H', 'N', 'E', 'R', '\r', '\n'};

class Writer {
 public:
  void Bytes(const void* p, size_t n) { out.append(static_cast<const char*>(p), n); }
  void U8(uint8_t v) { out.push_back(char(v)); }
  void U16(uint16_t v) { for (int i = 0; i < 2; ++i) U8(uint8_t(v >> (8 * i))); }
  void U32(uint32_t v) { for (int i = 0; i < 4; ++i) U8(uint8_t(v >> (8 * i))); }
  void U64(uint64_t v) { for (int i = 0; i < 8; ++i) U8(uint8_t(v >> (8 * i))); }
  void F32(float f) { uint32_t v; std::memcpy(&v, &f, 4); U32(v); }
  void Varint(uint32_t v) {
    while (v >= 0x80) { U8(uint8_t(v | 0x80)); v >>= 7; }
    U8(uint8_t(v));
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  bool Need(size_t n) const { return b_.size() - pos_ >= n; }
  bool U8(uint8_t* v) { if (!Need(1)) return false; *v = uint8_t(b_[pos_++]); return true; }
  bool U16(uint16_t* v) {
    if (!Need(2)) return false;
    *v = uint16_t(uint8_t(b_[pos_]) | uint8_t(b_[pos_ + 1]) << 8);
    pos_ += 2;
    return true;
  }
  bool U32(uint32_t* v) {
    if (!Need(4)) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i) *v |= uint32_t(uint8_t(b_[pos_ + size_t(i)])) << (8 * i);
    pos_ += 4;
    return true;
  }
  bool F32(float* f) {
    uint32_t v;
    if (!U32(&v)) return false;
    std::memcpy(f, &v, 4);
    return std::isfinite(*f);
  }
  bool Varint(uint32_t* v) {
    *v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      uint8_t c;
      if (!U8(&c)) return false;
      *v |= uint32_t(c & 0x7F) << shift;
      if (!(c & 0x80)) return true;
    }
    return false;
  }
  bool Str(size_t n, std::string_view* s) {
    if (!Need(n)) return false;
    *s = b_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  size_t pos() const { return pos_; }

 private:
  std::string_view b_;
  size_t pos_ = 0;
};

}  // namespace

Model::Model() : impl_(std::make_unique<Impl>()) {}
Model::~Model() = default;
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;

uint32_t Model::hash_bits() const { return impl_->hash_bits; }
size_t Model::weight_rows() const { return impl_->num_rows; }
size_t Model::cluster_words() const { return impl_->clusters.size(); }
bool Model::Cluster(std::string_view w, uint16_t* coarse, uint16_t* fine) const {
  return impl_->clusters.Find(w, coarse, fine);
}

void Model::Impl::SetDense(const std::vector<float>& dense) {
  row_of.assign(size_t(1) << hash_bits, 0);
  rows.clear();
  num_rows = 0;
  for (size_t b = 0; b < row_of.size(); ++b) {
    const float* w = &dense[b * kNumTags];
    bool any = false;
    for (int t = 0; t < kNumTags; ++t) any = any || w[t] != 0.0f;
    if (!any) continue;
    row_of[b] = uint32_t(++num_rows);
    rows.insert(rows.end(), w, w + kNumTags);
  }
  Quantize();
}

void Model::Impl::Quantize() {
  float max_abs = 0;
  for (float v : rows) max_abs = std::max(max_abs, std::fabs(v));
  scale = max_abs > 0 ? max_abs / float(kQuantMax) : 1.0f;
  present.assign((row_of.size() + 63) / 64, 0);
  rank.assign(present.size(), 0);
  uint32_t seen = 0;
  for (size_t b = 0; b < row_of.size(); ++b) {
    if ((b & 63) == 0) rank[b >> 6] = seen;
    if (!row_of[b]) continue;
    present[b >> 6] |= uint64_t(1) << (b & 63);
    if (row_of[b] != ++seen) std::abort();  // rows are stored in bucket order (SetDense, Parse)
  }
  qrows.resize(rows.size());
  for (size_t i = 0; i < rows.size(); ++i)
    qrows[i] = int16_t(std::clamp(std::lround(rows[i] / scale), -long(kQuantMax), long(kQuantMax)));
}

std::string Model::Impl::Serialize(float prune) const {
  Writer w;
  w.Bytes(kMagic, 8);
  w.U32(kModelVersion);
  w.U32(hash_bits);
  w.U32(kNumTags);
  size_t nc = 0;
  for (const auto& e : clusters.entries()) nc += e.word.size() <= 255;
  w.U32(uint32_t(nc));
  for (const auto& e : clusters.entries()) {
    if (e.word.size() > 255) continue;
    w.U8(uint8_t(e.word.size()));
    w.Bytes(e.word.data(), e.word.size());
    w.U16(e.coarse);
    w.U16(e.fine);
  }
  for (float t : trans) w.F32(t);
  float max_abs = 0;
  for (float v : rows) max_abs = std::max(max_abs, std::fabs(v));
  float qscale = max_abs > 0 ? max_abs / float(kQuantMax) : 1.0f;
  w.F32(qscale);
  std::vector<uint32_t> kept;
  for (size_t b = 0; b < row_of.size(); ++b) {
    if (!row_of[b]) continue;
    const float* r = &rows[(row_of[b] - 1) * kNumTags];
    bool keep = false;
    for (int t = 0; t < kNumTags; ++t) keep = keep || (std::fabs(r[t]) >= prune && std::lround(r[t] / qscale) != 0);
    if (keep) kept.push_back(uint32_t(b));
  }
  w.U32(uint32_t(kept.size()));
  uint32_t prev = 0;
  for (uint32_t b : kept) {
    w.Varint(b - prev);
    prev = b;
    const float* r = &rows[(row_of[b] - 1) * kNumTags];
    for (int t = 0; t < kNumTags; ++t) {
      long q = std::fabs(r[t]) >= prune ? std::lround(r[t] / qscale) : 0;
      q = std::clamp(q, -long(kQuantMax), long(kQuantMax));
      w.U16(uint16_t(int16_t(q)));
    }
  }
  w.U64(XXH64(w.out.data(), w.out.size(), 0));
  return std::move(w.out);
}

Result<Model> Model::Parse(std::string_view bytes) {
  if (bytes.size() < 8 + 8 || std::memcmp(bytes.data(), kMagic, 8) != 0)
    return Status::Invalid("ner model: bad magic (not an akhbar NER model)");
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  uint64_t sum = 0;
  for (int i = 0; i < 8; ++i) sum |= uint64_t(uint8_t(bytes[body.size() + size_t(i)])) << (8 * i);
  Reader r(body);
  std::string_view magic;
  r.Str(8, &magic);
  uint32_t version = 0, bits = 0, tags = 0, nc = 0;
  if (!r.U32(&version)) return Status::Invalid("ner model: truncated header");
  if (version != kModelVersion)
    return Status::Unsupported("ner model: version " + std::to_string(version) + ", this build reads " +
                               std::to_string(kModelVersion));
  if (XXH64(body.data(), body.size(), 0) != sum) return Status::Invalid("ner model: checksum mismatch");
  if (!r.U32(&bits) || !r.U32(&tags) || !r.U32(&nc)) return Status::Invalid("ner model: truncated header");
  if (bits < 10 || bits > 24) return Status::Invalid("ner model: hash_bits out of range");
  if (tags != uint32_t(kNumTags)) return Status::Invalid("ner model: wrong number of tags");
  if (nc > body.size() / 5) return Status::Invalid("ner model: cluster count exceeds the file");
  Model m;
  Impl& im = *m.impl_;
  im.hash_bits = bits;
  for (uint32_t i = 0; i < nc; ++i) {
    uint8_t len;
    std::string_view word;
    uint16_t c, f;
    if (!r.U8(&len) || !r.Str(len, &word) || !r.U16(&c) || !r.U16(&f))
      return Status::Invalid("ner model: truncated cluster table");
    if (!IsValidUtf8(word)) return Status::Invalid("ner model: cluster word is not UTF-8");
    im.clusters.Add(word, c, f);
  }
  for (float& t : im.trans)
    if (!r.F32(&t)) return Status::Invalid("ner model: bad transition table");
  float scale;
  uint32_t nrows;
  if (!r.F32(&scale) || !r.U32(&nrows)) return Status::Invalid("ner model: truncated weights header");
  if (nrows > (1u << bits) || nrows > body.size() / (1 + 2 * kNumTags))
    return Status::Invalid("ner model: row count exceeds the file");
  im.row_of.assign(size_t(1) << bits, 0);
  im.rows.resize(size_t(nrows) * kNumTags);
  uint64_t bucket = 0;
  for (uint32_t i = 0; i < nrows; ++i) {
    uint32_t delta;
    if (!r.Varint(&delta)) return Status::Invalid("ner model: truncated weights");
    if (i > 0 && delta == 0) return Status::Invalid("ner model: buckets not increasing");
    bucket += delta;
    if (bucket >= (uint64_t(1) << bits)) return Status::Invalid("ner model: bucket out of range");
    im.row_of[bucket] = i + 1;
    for (int t = 0; t < kNumTags; ++t) {
      uint16_t q;
      if (!r.U16(&q)) return Status::Invalid("ner model: truncated weights");
      im.rows[size_t(i) * kNumTags + size_t(t)] = float(int16_t(q)) * scale;
    }
  }
  im.num_rows = nrows;
  im.Quantize();
  if (r.pos() != body.size()) return Status::Invalid("ner model: trailing bytes");
  return m;
}

const Model& Model::Default() {
  static const Model* model = [] {
    Result<Model> r = Parse(data::NerModel());
    if (!r.ok()) std::abort();  // a corrupt embedded model is a build error (tests catch it)
    return new Model(std::move(r).value());
  }();
  return *model;
}

}  // namespace akhbar::ner
