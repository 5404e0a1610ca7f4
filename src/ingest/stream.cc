#include "ingest/stream.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace akhbar::ingest_internal {

constexpr size_t kChunk = 256 * 1024;

FdStream::~FdStream() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

Result<size_t> FdStream::Read(char* buf, size_t n) {
  if (failed_) return size_t{0};
  for (;;) {
    ssize_t r = ::read(fd_, buf, n);
    if (r >= 0) return static_cast<size_t>(r);
    if (errno == EINTR) continue;
    failed_ = true;
    return Status::Io(std::string("read error: ") + std::strerror(errno));
  }
}

Result<size_t> MemoryStream::Read(char* buf, size_t n) {
  size_t k = std::min(n, data_.size());
  if (k) std::memcpy(buf, data_.data(), k);
  data_.remove_prefix(k);
  return k;
}

GzipStream::GzipStream(std::unique_ptr<ByteStream> inner) : inner_(std::move(inner)), in_(kChunk, '\0') {
  // 16 + MAX_WBITS: gzip header and trailer only (zlib manual, inflateInit2).
  if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) done_ = true;
}

GzipStream::~GzipStream() { inflateEnd(&zs_); }

bool GzipStream::FillInput() {
  if (in_pos_ < in_end_) return true;
  if (inner_eof_) return false;
  auto r = inner_->Read(in_.data(), in_.size());
  if (!r.ok()) {
    pending_inner_error_ = r.status();
    inner_eof_ = true;
    return false;
  }
  if (*r == 0) {
    inner_eof_ = true;
    return false;
  }
  in_pos_ = 0;
  in_end_ = *r;
  return true;
}

bool GzipStream::ResyncToNextMember() {
  for (;;) {
    while (in_pos_ + 3 <= in_end_) {
      const char* p = static_cast<const char*>(std::memchr(in_.data() + in_pos_, 0x1F, in_end_ - in_pos_ - 2));
      if (!p) { in_pos_ = in_end_ - 2; break; }
      in_pos_ = static_cast<size_t>(p - in_.data());
      if (static_cast<unsigned char>(p[1]) == 0x8B && p[2] == 0x08) return true;
      ++in_pos_;
    }
    // Keep the last bytes, which may start a header split across reads.
    size_t keep = in_end_ - in_pos_;
    std::memmove(in_.data(), in_.data() + in_pos_, keep);
    in_pos_ = 0;
    in_end_ = keep;
    if (inner_eof_) return false;
    auto r = inner_->Read(in_.data() + keep, in_.size() - keep);
    if (!r.ok()) { pending_inner_error_ = r.status(); inner_eof_ = true; return false; }
    if (*r == 0) { inner_eof_ = true; return false; }
    in_end_ = keep + *r;
  }
}

Result<size_t> GzipStream::Read(char* buf, size_t n) {
  if (pending_inner_error_) {
    Status s = *pending_inner_error_;
    pending_inner_error_.reset();
    return s;
  }
  if (done_ || n == 0) return size_t{0};
  for (;;) {
    if (in_pos_ == in_end_ && !FillInput()) {
      done_ = true;
      if (pending_inner_error_) {
        Status s = *pending_inner_error_;
        pending_inner_error_.reset();
        return s;
      }
      if (member_started_) return Status::Invalid("truncated gzip data (member " + std::to_string(member_) + ")");
      return size_t{0};
    }
    zs_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
    zs_.avail_in = static_cast<uInt>(in_end_ - in_pos_);
    zs_.next_out = reinterpret_cast<Bytef*>(buf);
    zs_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    int rc = inflate(&zs_, Z_NO_FLUSH);
    size_t consumed = (in_end_ - in_pos_) - zs_.avail_in;
    size_t produced = static_cast<size_t>(reinterpret_cast<char*>(zs_.next_out) - buf);
    in_pos_ += consumed;
    if (consumed || produced) member_started_ = true;
    if (rc == Z_STREAM_END) {
      // Next member, trailing zero padding, or garbage.
      inflateReset(&zs_);
      member_started_ = false;
      ++member_;
      for (;;) {
        if (in_pos_ == in_end_ && !FillInput()) break;
        if (in_.data()[in_pos_] == '\0') { ++in_pos_; continue; }
        break;
      }
      if (in_pos_ < in_end_ && static_cast<unsigned char>(in_[in_pos_]) != 0x1F) {
        done_ = true;
        Status garbage = Status::Invalid("data after the end of gzip member " + std::to_string(member_ - 1) +
                                         " is not gzip");
        if (!produced) return garbage;
        pending_inner_error_ = std::move(garbage);  // reported on the next call
        return produced;
      }
      if (produced) return produced;
      continue;
    }
    if (rc == Z_OK || rc == Z_BUF_ERROR) {
      if (produced) return produced;
      if (rc == Z_BUF_ERROR && consumed == 0 && zs_.avail_in > 0) {
        // Cannot happen with output space available; treat as corruption.
        rc = Z_DATA_ERROR;
      } else {
        continue;
      }
    }
    // Z_DATA_ERROR, Z_NEED_DICT, Z_MEM_ERROR, Z_STREAM_ERROR: this member is lost.
    std::string msg = "corrupt gzip member " + std::to_string(member_) + ": " +
                      (zs_.msg ? zs_.msg : "inflate error " + std::to_string(rc));
    inflateReset(&zs_);
    member_started_ = false;
    ++member_;
    if (in_pos_ < in_end_) ++in_pos_;  // do not find this member's own header again
    if (!ResyncToNextMember()) done_ = true;
    if (produced) {
      // Deliver the bytes first; the error comes with the next call.
      pending_inner_error_ = Status::Invalid(msg);
      return produced;
    }
    return Status::Invalid(msg);
  }
}

size_t Reader::Fill(size_t n) {
  while (buf_.size() - pos_ < n && FillMore()) {
  }
  return buf_.size() - pos_;
}

bool Reader::FillMore() {
  if (eof_) return false;
  // Compact: drop consumed bytes when they are at least half of the buffer.
  if (pos_ > 0 && pos_ * 2 >= buf_.size()) {
    buf_.erase(0, pos_);
    base_ += pos_;
    pos_ = 0;
  }
  size_t old = buf_.size();
  size_t want = std::max(kChunk, old / 2);
  buf_.resize(old + want);
  for (;;) {
    auto r = s_->Read(buf_.data() + old, want);
    if (!r.ok()) {
      errors_.emplace_back(base_ + old, r.status());
      continue;  // the stream resumes after an error or reports the end
    }
    buf_.resize(old + *r);
    if (*r == 0) {
      eof_ = true;
      return false;
    }
    return true;
  }
}

std::optional<Status> Reader::TakeErrorIn(uint64_t begin, uint64_t end) {
  std::optional<Status> first;
  for (auto it = errors_.begin(); it != errors_.end();) {
    if (it->first >= begin && it->first <= end) {
      if (!first) first = it->second;
      it = errors_.erase(it);
    } else {
      ++it;
    }
  }
  return first;
}

std::vector<Status> Reader::TakeAllErrors() {
  std::vector<Status> out;
  for (auto& e : errors_) out.push_back(std::move(e.second));
  errors_.clear();
  return out;
}

}  // namespace akhbar::ingest_internal
