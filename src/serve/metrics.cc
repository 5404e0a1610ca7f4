// Prometheus text format: https://prometheus.io/docs/instrumenting/exposition_formats/
// (a histogram is cumulative `_bucket{le=...}` series plus `_sum` and `_count`).
#include "serve/metrics.h"

#include <cstdio>

namespace akhbar::serve {

namespace {

// Route templates are fixed strings of the server, but escape anyway
// (label values escape backslash, double quote and newline).
std::string Label(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

void Metrics::Record(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  if (i < kBuckets.size()) ++h.counts[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render(const std::optional<std::pair<size_t, size_t>>& articles) const {
  std::string out;
  std::lock_guard<std::mutex> lock(mu_);
  out += "# HELP akhbar_http_requests_total HTTP requests answered, by route template and status code.\n";
  out += "# TYPE akhbar_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out += "akhbar_http_requests_total{route=\"" + Label(key.first) + "\",status=\"" + std::to_string(key.second) +
           "\"} " + std::to_string(n) + "\n";
  out += "# HELP akhbar_http_request_duration_seconds Time from routing a request to its response, by route template.\n";
  out += "# TYPE akhbar_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    const std::string r = Label(route);
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.counts[i];
      out += "akhbar_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"" + Number(kBuckets[i]) + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out += "akhbar_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"+Inf\"} " + std::to_string(h.count) +
           "\n";
    out += "akhbar_http_request_duration_seconds_sum{route=\"" + r + "\"} " + Number(h.sum) + "\n";
    out += "akhbar_http_request_duration_seconds_count{route=\"" + r + "\"} " + std::to_string(h.count) + "\n";
  }
  if (articles) {
    out += "# HELP akhbar_articles_stored Articles in the store, by kind.\n";
    out += "# TYPE akhbar_articles_stored gauge\n";
    out += "akhbar_articles_stored{kind=\"page\"} " + std::to_string(articles->first) + "\n";
    out += "akhbar_articles_stored{kind=\"teaser\"} " + std::to_string(articles->second) + "\n";
  }
  return out;
}

}  // namespace akhbar::serve
