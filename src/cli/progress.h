// Progress line for long runs: drawn on stderr only when stderr is a
// terminal, at most 5 times a second; silent when piped or redirected.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace akhbar::cli {

class Progress {
 public:
  // `what` names the unit ("docs"). `total` is 0 when unknown (no ETA).
  explicit Progress(std::string what, size_t total = 0);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Add(size_t n = 1, size_t failed = 0);
  void SetTotal(size_t total) { total_ = total; }
  // Clears the line (call before printing a summary).
  void Finish();
  bool enabled() const { return enabled_; }

 private:
  void Draw();
  std::string what_;
  size_t total_;
  size_t done_ = 0, failed_ = 0;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace akhbar::cli
