// Helpers shared by the ingest tests (not part of the library).
#pragma once

#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/ingest.h"

namespace akhbar::testutil {

// One gzip member holding `s`.
inline std::string Gzip(std::string_view s) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, static_cast<uLong>(s.size())) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  zs.avail_in = static_cast<uInt>(s.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

struct Collected {
  std::vector<RawDocument> docs;
  std::vector<std::string> errors;  // status messages, in order
  std::vector<std::string> order;   // ids of documents and "!" + message for failures
};

inline IngestSink CollectInto(Collected& c) {
  return [&c](IngestItem&& item) {
    if (item.doc.ok()) {
      c.order.push_back(item.doc->id.str());
      c.docs.push_back(std::move(item.doc).value());
    } else {
      c.order.push_back("!" + item.doc.status().message());
      c.errors.push_back(item.doc.status().message());
    }
  };
}

inline Collected Read(std::string_view name, std::string_view bytes, const IngestOptions& opt = {}) {
  Collected c;
  ReadBuffer(name, bytes, opt, CollectInto(c));
  return c;
}

inline void WriteFile(const std::filesystem::path& p, std::string_view bytes) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A WARC record with a correct Content-Length.
inline std::string WarcRecord(std::string_view type, std::string_view id, std::string_view uri,
                              std::string_view content_type, std::string_view block) {
  std::string r = "WARC/1.1\r\nWARC-Type: " + std::string(type) + "\r\nWARC-Record-ID: <" + std::string(id) +
                  ">\r\nWARC-Date: 2025-03-25T10:15:00Z\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + std::string(uri) + "\r\n";
  r += "Content-Type: " + std::string(content_type) + "\r\nContent-Length: " + std::to_string(block.size()) +
       "\r\n\r\n";
  r += block;
  r += "\r\n\r\n";
  return r;
}

// A unique empty temporary directory, removed by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    path_ = std::filesystem::temp_directory_path() /
            ("akhbar-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  static inline int counter_ = 0;
};

}  // namespace akhbar::testutil
