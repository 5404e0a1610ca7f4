#include "ingest/http.h"

#include <zlib.h>

#include <cstring>

namespace akhbar::ingest_internal {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

bool LooksLikeMarkup(std::string_view s) {
  s = Trim(s.substr(0, 512));
  return !s.empty() && s.front() == '<';
}

}  // namespace

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

std::string_view HeaderList::Get(std::string_view lower_name) const {
  for (const auto& f : fields)
    if (f.first == lower_name) return f.second;
  return {};
}

size_t FindHeaderEnd(std::string_view s) {
  size_t pos = 0;
  for (;;) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) return std::string_view::npos;
    if (nl + 1 < s.size() && s[nl + 1] == '\n') return nl + 2;
    if (nl + 2 < s.size() && s[nl + 1] == '\r' && s[nl + 2] == '\n') return nl + 3;
    pos = nl + 1;
  }
}

HeaderList ParseHeaders(std::string_view block) {
  HeaderList h;
  size_t pos = block.find('\n');
  if (pos == std::string_view::npos) return h;
  ++pos;
  while (pos < block.size()) {
    size_t nl = block.find('\n', pos);
    std::string_view line = block.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? block.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    if ((line[0] == ' ' || line[0] == '\t') && !h.fields.empty()) {
      h.fields.back().second += ' ';
      h.fields.back().second += Trim(line);
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    h.fields.emplace_back(LowerCopy(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1))));
  }
  return h;
}

std::string MimeType(std::string_view content_type) {
  return LowerCopy(Trim(content_type.substr(0, content_type.find(';'))));
}

std::string CharsetParam(std::string_view ct) {
  std::string lower = LowerCopy(ct);
  size_t at = lower.find("charset");
  while (at != std::string::npos) {
    size_t i = at + 7;
    while (i < lower.size() && (lower[i] == ' ' || lower[i] == '\t')) ++i;
    if (i < lower.size() && lower[i] == '=') {
      ++i;
      while (i < lower.size() && (lower[i] == ' ' || lower[i] == '"' || lower[i] == '\'')) ++i;
      size_t j = i;
      while (j < lower.size() && lower[j] != ';' && lower[j] != '"' && lower[j] != '\'' && lower[j] != ' ' &&
             lower[j] != ',')
        ++j;
      return lower.substr(i, j - i);
    }
    at = lower.find("charset", at + 7);
  }
  return {};
}

Result<std::string> Dechunk(std::string_view body, size_t max_bytes) {
  std::string out;
  size_t pos = 0;
  for (int chunk = 1;; ++chunk) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) return Status::Invalid("bad chunked encoding: truncated at chunk " + std::to_string(chunk));
    std::string_view line = body.substr(pos, nl - pos);
    line = Trim(line.substr(0, line.find(';')));  // chunk extensions
    if (line.empty() || line.size() > 15) return Status::Invalid("bad chunked encoding: bad size line at chunk " + std::to_string(chunk));
    uint64_t size = 0;
    for (char c : line) {
      int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (d < 0) return Status::Invalid("bad chunked encoding: bad size line at chunk " + std::to_string(chunk));
      size = size * 16 + static_cast<uint64_t>(d);
    }
    pos = nl + 1;
    if (size == 0) return out;  // trailers, if any, are ignored
    if (size > body.size() - pos) return Status::Invalid("bad chunked encoding: chunk " + std::to_string(chunk) + " is truncated");
    if (out.size() + size > max_bytes) return Status::TooLarge("payload larger than max_document_bytes");
    out.append(body.substr(pos, static_cast<size_t>(size)));
    pos += static_cast<size_t>(size);
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size() && body[pos] == '\n') ++pos;
  }
}

namespace {
Result<std::string> InflateWith(std::string_view data, size_t max_bytes, int window_bits) {
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) return Status::Invalid("zlib init failed");
  std::string out;
  char buf[64 * 1024];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    size_t produced = sizeof buf - zs.avail_out;
    if (out.size() + produced > max_bytes) {
      inflateEnd(&zs);
      return Status::TooLarge("decompressed payload larger than max_document_bytes");
    }
    out.append(buf, produced);
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK) {
      std::string msg = zs.msg ? zs.msg : "truncated data";
      inflateEnd(&zs);
      return Status::Invalid("cannot decompress payload: " + msg);
    }
    if (zs.avail_in == 0 && produced == 0) {
      inflateEnd(&zs);
      return Status::Invalid("cannot decompress payload: truncated data");
    }
  }
  inflateEnd(&zs);
  return out;
}
}  // namespace

Result<std::string> Inflate(std::string_view data, size_t max_bytes) {
  if (data.size() > UINT32_MAX) return Status::TooLarge("compressed payload too large");
  auto r = InflateWith(data, max_bytes, 15 + 32);  // gzip or zlib, auto-detected
  if (r.ok() || r.status().code() == StatusCode::kTooLarge) return r;
  auto raw = InflateWith(data, max_bytes, -15);    // raw deflate, as some servers send
  if (raw.ok()) return raw;
  return r;
}

Result<HttpPayload> ParseHttpResponse(std::string_view block, size_t max_bytes) {
  HttpPayload p;
  size_t hend = FindHeaderEnd(block.substr(0, 64 * 1024));
  if (hend == std::string_view::npos) return Status::Invalid("HTTP header not terminated by an empty line");
  std::string_view status_line = block.substr(0, block.find('\n'));
  // "HTTP/1.1 200 OK"
  size_t sp = status_line.find(' ');
  if (sp == std::string_view::npos || sp + 4 > status_line.size()) return Status::Invalid("bad HTTP status line");
  int code = 0;
  for (size_t i = sp + 1; i < sp + 4; ++i) {
    char c = status_line[i];
    if (c < '0' || c > '9') return Status::Invalid("bad HTTP status line");
    code = code * 10 + (c - '0');
  }
  if (code < 200 || code > 299) {
    p.skip = true;
    return p;
  }
  HeaderList h = ParseHeaders(block.substr(0, hend));
  std::string_view ct = h.Get("content-type");
  std::string mime = MimeType(ct);
  std::string_view body = block.substr(hend);
  if (mime == "text/html" || mime == "application/xhtml+xml") {
    p.format = ContentFormat::kHtml;
  } else if (mime == "text/plain") {
    p.format = ContentFormat::kText;
  } else if (mime.empty()) {
    p.format = LooksLikeMarkup(body) ? ContentFormat::kHtml : ContentFormat::kText;
  } else {
    p.skip = true;
    return p;
  }
  p.charset = CharsetParam(ct);
  std::string te = LowerCopy(h.Get("transfer-encoding"));
  std::string ce = LowerCopy(Trim(h.Get("content-encoding")));
  std::string decoded;
  bool have_decoded = false;
  if (te.find("chunked") != std::string::npos) {
    auto d = Dechunk(body, max_bytes);
    if (d.ok()) {
      decoded = std::move(d.value());
      have_decoded = true;
    } else if (d.status().code() == StatusCode::kTooLarge) {
      return d.status();
    } else {
      // Many WARC writers store the payload already de-chunked but keep the header.
      p.warnings.push_back("Transfer-Encoding: chunked, but the payload is not chunked; kept as is");
    }
  }
  std::string_view payload = have_decoded ? std::string_view(decoded) : body;
  if (ce == "gzip" || ce == "x-gzip" || ce == "deflate") {
    bool gz_magic = payload.size() >= 2 && payload[0] == '\x1F' && payload[1] == '\x8B';
    bool zlib_magic = payload.size() >= 2 && (static_cast<unsigned char>(payload[0]) & 0x0F) == 8 &&
                      ((static_cast<unsigned char>(payload[0]) << 8) | static_cast<unsigned char>(payload[1])) % 31 == 0;
    if (gz_magic || zlib_magic || (ce == "deflate" && !LooksLikeMarkup(payload))) {
      auto d = Inflate(payload, max_bytes);
      if (!d.ok()) return d.status();
      p.body = std::move(d.value());
    } else {
      p.warnings.push_back("Content-Encoding: " + ce + ", but the payload is not compressed; kept as is");
      p.body.assign(payload);
    }
  } else {
    if (!ce.empty() && ce != "identity") return Status::Unsupported("unsupported Content-Encoding '" + ce + "'");
    if (payload.size() > max_bytes) return Status::TooLarge("payload larger than max_document_bytes");
    p.body = have_decoded ? std::move(decoded) : std::string(payload);
  }
  return p;
}

}  // namespace akhbar::ingest_internal
