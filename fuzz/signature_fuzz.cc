// Fuzz target: word shingles, MinHash and the near-duplicate index on
// arbitrary text. The input is cut in two at its first 0xff byte (or the
// middle); each valid UTF-8 part is signed and added to an index. Checks:
// shingle sets sorted and unique, MinHash sized, Jaccard in [0, 1] and
// symmetric, the index reports a match exactly when the exact Jaccard of the
// two parts is >= the threshold (with 32 x 4 bands the miss chance is
// negligible only statistically, so only "no false match" is asserted), and
// an index that reads the shingle sets from a ShingleSource finds the same.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "akhbar/neardup.h"
#include "akhbar/signature.h"
#include "akhbar/text.h"

namespace {

// The shingle set of "a", as a store would read it back.
class OneSet : public akhbar::ShingleSource {
 public:
  explicit OneSet(const akhbar::Signature& a) : a_(a) {}
  akhbar::Status Load(const akhbar::DocId& id, std::vector<uint32_t>* out) const override {
    if (id.str() != "a") return akhbar::Status::Invalid("unknown document");
    *out = a_.shingles;
    return akhbar::Status::Ok();
  }

 private:
  const akhbar::Signature& a_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  akhbar::SignatureOptions opt;
  if (!in.empty()) {
    opt.shingle_words = 1 + static_cast<uint8_t>(in[0]) % 6;
    in.remove_prefix(1);
  }
  size_t cut = in.find('\xff');
  if (cut == std::string_view::npos) cut = in.size() / 2;
  const std::string_view a = in.substr(0, cut), b = in.substr(std::min(in.size(), cut + 1));
  if (!akhbar::IsValidUtf8(a) || !akhbar::IsValidUtf8(b)) return 0;
  const akhbar::Signature sa = akhbar::ComputeSignature(a, opt), sb = akhbar::ComputeSignature(b, opt);
  for (const auto* s : {&sa, &sb}) {
    if (!std::is_sorted(s->shingles.begin(), s->shingles.end())) std::abort();
    if (std::adjacent_find(s->shingles.begin(), s->shingles.end()) != s->shingles.end()) std::abort();
    if (s->minhash.size() != (s->shingles.empty() ? 0 : opt.num_hashes)) std::abort();
  }
  const double j = akhbar::ExactJaccard(sa.shingles, sb.shingles);
  if (j < 0 || j > 1 || j != akhbar::ExactJaccard(sb.shingles, sa.shingles)) std::abort();
  akhbar::NearDupIndex index;
  if (!index.Add(akhbar::DocId("a"), sa).ok()) std::abort();
  auto r = index.Add(akhbar::DocId("b"), sb);
  if (!r.ok()) std::abort();
  if (!r->matches.empty() && (j < index.options().threshold || r->matches[0].jaccard != j)) std::abort();
  if (index.size() != 2 || index.group_count() != (r->matches.empty() ? 2u : 1u)) std::abort();
  const OneSet source(sa);
  akhbar::NearDupIndex reading(akhbar::NearDupOptions{}, &source);
  if (!reading.Add(akhbar::DocId("a"), sa).ok()) std::abort();
  auto rr = reading.Add(akhbar::DocId("b"), sb);
  if (!rr.ok() || rr->matches.size() != r->matches.size() || rr->exact_copy != r->exact_copy) std::abort();
  if (!rr->matches.empty() && rr->matches[0].jaccard != r->matches[0].jaccard) std::abort();
  return 0;
}
