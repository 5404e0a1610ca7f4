// tests/testing.h: helpers shared by the tests.
#pragma once

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace akhbar::testing {

// ../shared beside the project, or empty when it is absent (tests that read
// it call GTEST_SKIP() with a message then).
inline std::filesystem::path SharedDir() {
  std::filesystem::path p = AKHBAR_SHARED_DIR;
  std::error_code ec;
  if (std::filesystem::is_directory(p / "corpus", ec)) return p;
  return {};
}

#define AKHBAR_REQUIRE_SHARED(dir)                                             \
  const std::filesystem::path dir = ::akhbar::testing::SharedDir();            \
  if (dir.empty()) GTEST_SKIP() << "../shared is absent: skipping a test that reads the shared corpora"

// Folds runs of white space into one space and trims: how expected
// fragments are compared with cleaned text.
inline std::string FoldSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// NFC, then FoldSpaces: how expected.json says seed fragments are matched.
inline std::string NfcFold(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString n = nfc->normalize(u, err);
  std::string utf8;
  n.toUTF8String(utf8);
  return FoldSpaces(utf8);
}

inline std::filesystem::path SourceDir() { return AKHBAR_SOURCE_DIR; }

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace akhbar::testing
