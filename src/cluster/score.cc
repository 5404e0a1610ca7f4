// BCubed and pairwise scores of a clustering against gold labels.
//
// BCubed (Bagga and Baldwin, "Entity-based cross-document coreferencing
// using the vector space model", 1998; Amigo et al., "A comparison of
// extrinsic clustering evaluation metrics", 2009): for each item, precision
// is the share of its predicted cluster that shares its gold label, recall
// the share of its gold cluster that shares its predicted label; both are
// averaged over items. Pairwise: precision and recall over the unordered
// pairs of items put together. Cost: O(n) with hash maps of cell counts.
#include <unordered_map>

#include "akhbar/events.h"

namespace akhbar::events {

ClusterScores ScoreClustering(const std::vector<uint32_t>& predicted, const std::vector<uint32_t>& gold) {
  ClusterScores s;
  size_t n = std::min(predicted.size(), gold.size());
  s.items = n;
  if (n == 0) return s;
  std::unordered_map<uint32_t, double> pred_size, gold_size;
  std::unordered_map<uint64_t, double> cell;  // (pred, gold) -> count
  auto key = [](uint32_t p, uint32_t g) { return (static_cast<uint64_t>(p) << 32) | g; };
  for (size_t i = 0; i < n; ++i) {
    ++pred_size[predicted[i]];
    ++gold_size[gold[i]];
    ++cell[key(predicted[i], gold[i])];
  }
  double p = 0, r = 0;
  for (size_t i = 0; i < n; ++i) {
    double c = cell[key(predicted[i], gold[i])];
    p += c / pred_size[predicted[i]];
    r += c / gold_size[gold[i]];
  }
  s.bcubed_precision = p / n;
  s.bcubed_recall = r / n;
  s.bcubed_f1 = s.bcubed_precision + s.bcubed_recall > 0
                    ? 2 * s.bcubed_precision * s.bcubed_recall / (s.bcubed_precision + s.bcubed_recall)
                    : 0;
  auto pairs = [](double k) { return k * (k - 1) / 2; };
  double tp = 0, pp = 0, gp = 0;
  for (const auto& [k, c] : cell) tp += pairs(c);
  for (const auto& [k, c] : pred_size) pp += pairs(c);
  for (const auto& [k, c] : gold_size) gp += pairs(c);
  s.pair_precision = pp > 0 ? tp / pp : 1.0;
  s.pair_recall = gp > 0 ? tp / gp : 1.0;
  s.pair_f1 = s.pair_precision + s.pair_recall > 0 ? 2 * s.pair_precision * s.pair_recall / (s.pair_precision + s.pair_recall) : 0;
  return s;
}

}  // namespace akhbar::events
