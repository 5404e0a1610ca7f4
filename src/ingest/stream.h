// Internal to ingest: byte streams (file descriptor, memory, gzip) and a
// buffered reader that remembers where stream errors happened.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/status.h"

namespace akhbar::ingest_internal {

// A source of bytes. Read returns the count read (0 at the end) or a data
// error. After an error the stream goes on where it can (a gzip stream
// resumes at the next member) or reports the end.
class ByteStream {
 public:
  virtual ~ByteStream() = default;
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
};

// Reads a file descriptor (owned when `owned`). Retries EINTR.
class FdStream final : public ByteStream {
 public:
  FdStream(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FdStream() override;
  FdStream(const FdStream&) = delete;
  FdStream& operator=(const FdStream&) = delete;
  Result<size_t> Read(char* buf, size_t n) override;

 private:
  int fd_;
  bool owned_;
  bool failed_ = false;
};

class MemoryStream final : public ByteStream {
 public:
  explicit MemoryStream(std::string_view data) : data_(data) {}
  Result<size_t> Read(char* buf, size_t n) override;

 private:
  std::string_view data_;
};

// Decompresses gzip (RFC 1952), any number of concatenated members. A corrupt
// member yields one error ("corrupt gzip member 3: invalid distance too far
// back"), then decompression resumes at the next gzip header found in the
// compressed bytes. A truncated stream yields "truncated gzip data (member
// N)". Memory: one 256 KiB input buffer and zlib's 32 KiB window.
class GzipStream final : public ByteStream {
 public:
  explicit GzipStream(std::unique_ptr<ByteStream> inner);
  ~GzipStream() override;
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;
  Result<size_t> Read(char* buf, size_t n) override;

 private:
  bool FillInput();           // false at the end of the inner stream
  bool ResyncToNextMember();  // skips to the next 1f 8b 08; false at end
  std::unique_ptr<ByteStream> inner_;
  z_stream zs_{};
  std::string in_;
  size_t in_pos_ = 0, in_end_ = 0;
  bool inner_eof_ = false;
  bool done_ = false;
  bool member_started_ = false;  // output or input consumed in this member
  int member_ = 1;
  std::optional<Status> pending_inner_error_;
};

// Buffered reading with lookahead. Offsets are absolute (bytes consumed from
// the start of the stream). Stream errors are kept with the offset at which
// they happened so that the record covering that offset can be failed.
class Reader {
 public:
  explicit Reader(ByteStream* s) : s_(s) {}

  // Tries to make at least `n` bytes available; returns how many are.
  size_t Fill(size_t n);
  // Reads one more chunk; false at the end of the stream.
  bool FillMore();
  std::string_view Avail() const { return std::string_view(buf_).substr(pos_); }
  void Consume(size_t n) { pos_ += n; }
  uint64_t Offset() const { return base_ + pos_; }
  bool Eof() const { return eof_; }

  // Removes and returns the first error at an offset in [begin, end].
  std::optional<Status> TakeErrorIn(uint64_t begin, uint64_t end);
  // Removes and returns every remaining error.
  std::vector<Status> TakeAllErrors();
  bool HasErrors() const { return !errors_.empty(); }
  // Offset of the earliest pending error, if any.
  std::optional<uint64_t> NextErrorOffset() const {
    if (errors_.empty()) return std::nullopt;
    return errors_.front().first;
  }

 private:
  ByteStream* s_;
  std::string buf_;
  size_t pos_ = 0;
  uint64_t base_ = 0;  // absolute offset of buf_[0]
  bool eof_ = false;
  std::deque<std::pair<uint64_t, Status>> errors_;
};

}  // namespace akhbar::ingest_internal
