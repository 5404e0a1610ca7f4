// Internal: request counters and latency histograms of `akhbar serve`, in
// the Prometheus text exposition format (version 0.0.4).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace akhbar::serve {

class Metrics {
 public:
  // Upper bounds (seconds) of the latency buckets; +Inf is implicit.
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5,   5.0};

  // One answered request: its route template ("/api/events/{id}", or
  // "unmatched"), status code and time from routing to the response.
  void Record(const std::string& route, int status, double seconds);

  // The exposition text; `articles` = (pages, teasers) when known.
  std::string Render(const std::optional<std::pair<size_t, size_t>>& articles) const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};  // per bucket (not cumulative)
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace akhbar::serve
