#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace akhbar::cli {

Progress::Progress(std::string what, size_t total)
    : what_(std::move(what)), total_(total), enabled_(isatty(STDERR_FILENO) != 0) {
  start_ = last_ = std::chrono::steady_clock::now();
}

Progress::~Progress() { Finish(); }

void Progress::Add(size_t n, size_t failed) {
  done_ += n;
  failed_ += failed;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  Draw();
}

void Progress::Draw() {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = secs > 0 ? done_ / secs : 0;
  char line[200];
  int len;
  if (total_ > 0 && done_ <= total_) {
    const int width = 24;
    int filled = static_cast<int>(width * (static_cast<double>(done_) / total_));
    std::string bar(filled, '#');
    bar.resize(width, '.');
    double eta = rate > 0 ? (total_ - done_) / rate : 0;
    len = std::snprintf(line, sizeof line, "\r[%s] %zu/%zu %s, %.0f/s, ETA %.0fs, %zu failed ",
                        bar.c_str(), done_, total_, what_.c_str(), rate, eta, failed_);
  } else {
    len = std::snprintf(line, sizeof line, "\r%zu %s, %.0f/s, %.1fs, %zu failed ", done_, what_.c_str(),
                        rate, secs, failed_);
  }
  if (len > 0) std::fwrite(line, 1, static_cast<size_t>(len), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Finish() {
  if (enabled_ && drawn_) {
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace akhbar::cli
