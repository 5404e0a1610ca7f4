// Helpers shared by the store tests.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

#include "akhbar/store.h"

namespace akhbar::testing {

// A fresh temporary directory, removed at destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "akhbar-store-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::filesystem::path path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline StoredArticle MakePage(const std::string& id, const std::string& title, const std::string& body,
                              const std::string& outlet = "", const std::string& date = "") {
  StoredArticle a;
  a.id = id;
  a.kind = "page";
  a.input = "test";
  a.locator = id;
  a.outlet = outlet;
  a.title = title;
  a.body = body;
  a.published_date = date;
  a.published_kind = date.empty() ? "unknown" : "absolute";
  a.date = date;
  a.flags_json = a.keywords_json = a.agencies_json = a.warnings_json = "[]";
  a.language = "ar";
  a.content_hash = ContentHash(a);
  return a;
}

}  // namespace akhbar::testing
