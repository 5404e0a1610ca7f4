// akhbar/text.h: distinct types for raw bytes, valid UTF-8 and document ids.
//
// Guarantees carried by the type, so that no stage re-validates them:
//  - Bytes: anything, as read (may be any charset, may be binary).
//  - Utf8Text: well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
//    Only decode (charset conversion) and Utf8Text::Validate create one.
//  - DocId: a stable, global identifier of one document, taken from the
//    input (record id, file path relative to its INPUT, WARC-Record-ID).
#pragma once

#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace akhbar {

struct Bytes {
  std::string data;
};

class Utf8Text {
 public:
  Utf8Text() = default;
  // Returns the text if `s` is well-formed UTF-8, else nullopt. O(n).
  static std::optional<Utf8Text> Validate(std::string s);
  // For callers that have just produced valid UTF-8 themselves (a converter,
  // a JSON parser that validates). Debug builds check it.
  static Utf8Text TrustValid(std::string s);

  const std::string& str() const { return s_; }
  std::string_view view() const { return s_; }
  bool empty() const { return s_.empty(); }
  size_t size() const { return s_.size(); }
  std::string release() && { return std::move(s_); }

 private:
  explicit Utf8Text(std::string s) : s_(std::move(s)) {}
  std::string s_;
};

// True if `s` is well-formed UTF-8. O(n), no allocation.
bool IsValidUtf8(std::string_view s);
// The same check, one byte at a time (the reference the tests compare with).
bool IsValidUtf8Scalar(std::string_view s);

// Length in Unicode code points of valid UTF-8 (counts non-continuation bytes).
size_t CodePointCount(std::string_view valid_utf8);

class DocId {
 public:
  DocId() = default;
  explicit DocId(std::string v) : v_(std::move(v)) {}
  const std::string& str() const { return v_; }
  bool empty() const { return v_.empty(); }
  auto operator<=>(const DocId&) const = default;

 private:
  std::string v_;
};

}  // namespace akhbar
