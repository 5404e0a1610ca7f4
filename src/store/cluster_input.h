// Internal: what clustering needs of one article (features for the event
// clusterer, its MinHash signature, its time-order key), computed the same
// way by the ingest workers (in parallel, from the analysis) and by
// Store::UpdateClusters (from the stored row, for articles no worker saw).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "akhbar/events.h"
#include "akhbar/extract.h"
#include "akhbar/signature.h"

namespace akhbar::store {

struct ClusterInput {
  events::ArticleFeatures features;
  Signature signature;
  events::OrderKey key;
  // The article's entities, quotes and claims as the analysis found them
  // (what its stored JSON arrays hold), for the event summaries; when
  // has_extraction is false they are read back from the stored JSON.
  bool has_extraction = false;
  std::vector<Entity> entities;
  std::vector<Quote> quotes;
  std::vector<Claim> claims;
};

// `date`: the stored `date` column (published, else fetch day; "" none).
ClusterInput MakeClusterInput(const std::string& id, std::string_view title, std::string_view body,
                              const std::string& date, const std::string& fetched_at,
                              const std::vector<Entity>& entities);

}  // namespace akhbar::store

namespace akhbar {
// Inputs computed ahead of UpdateClusters, by article id.
struct PrecomputedClusterInputs {
  std::unordered_map<std::string, store::ClusterInput> by_id;
};
}  // namespace akhbar
