// The whole stateless pipeline (ingest, decode, clean) on the sample corpus
// against examples/expected.json: title, outlet, publication date, body
// fragments and teasers. Prints the figures per form; every text-form page
// must be right, HTML pages must reach the targets.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "akhbar/analyze.h"
#include "akhbar/ingest.h"
#include "testing.h"

namespace akhbar {
namespace {

using testing::FoldSpaces;

struct Tally {
  int pages = 0, title = 0, outlet = 0, dated = 0, date = 0, fragments = 0, fragments_ok = 0, teasers_ok = 0;
};

TEST(Examples, CleanedAsExpected) {
  auto root = testing::SourceDir() / "examples";
  auto expected = nlohmann::json::parse(testing::ReadFile(root / "expected.json"));
  const auto& docs = expected["documents"];
  std::map<std::string, AnalyzedDocument> got;
  ReadInputs({(root / "corpus").string()}, {}, [&](IngestItem&& item) {
    ASSERT_TRUE(item.doc.ok()) << item.where << ": " << item.doc.status().message();
    auto r = AnalyzeDocument(std::move(item.doc).value(), {});
    ASSERT_TRUE(r.ok()) << item.where << ": " << r.status().message();
    // Ids of files are relative to the INPUT (examples/corpus).
    std::string id = r->id.str();
    got.emplace(id, std::move(*r));
  });
  std::map<std::string, Tally> tally;
  for (const auto& [id, exp] : docs.items()) {
    SCOPED_TRACE(id);
    auto it = got.find(id);
    ASSERT_NE(it, got.end()) << "document not read: " << id;
    const Article& a = it->second.article;
    std::string form = exp["form"].get<std::string>();
    Tally& t = tally[form];
    ++t.pages;
    bool title_ok = a.title == exp["title"].get<std::string>();
    t.title += title_ok;
    if (!title_ok) ADD_FAILURE() << "title: got [" << a.title << "] want [" << exp["title"].get<std::string>() << "]";
    bool outlet_ok = exp["outlet"].is_null() ? a.outlet.empty() : a.outlet == exp["outlet"].get<std::string>();
    t.outlet += outlet_ok;
    if (!outlet_ok) ADD_FAILURE() << "outlet: got [" << a.outlet << "]";
    if (!exp["published"].is_null()) {
      ++t.dated;
      bool date_ok = a.published.date && a.published.date->ToIso() == exp["published"].get<std::string>();
      t.date += date_ok;
      if (!date_ok) ADD_FAILURE() << "published: got " << (a.published.date ? a.published.date->ToIso() : "none");
    }
    std::string body = FoldSpaces(a.BodyText());
    for (const auto& f : exp["body_must_contain"]) {
      ++t.fragments;
      bool ok = body.find(FoldSpaces(f.get<std::string>())) != std::string::npos;
      t.fragments_ok += ok;
      if (!ok) ADD_FAILURE() << "body lacks: " << f;
    }
    for (const auto& f : exp["body_must_not_contain"]) {
      ++t.fragments;
      bool ok = body.find(FoldSpaces(f.get<std::string>())) == std::string::npos;
      t.fragments_ok += ok;
      if (!ok) ADD_FAILURE() << "body has: " << f;
    }
    bool teasers_ok = a.teasers.size() == exp["teasers"].size();
    t.teasers_ok += teasers_ok;
    if (!teasers_ok) ADD_FAILURE() << "teasers: got " << a.teasers.size() << " want " << exp["teasers"].size();
  }
  for (const auto& [form, t] : tally) {
    std::printf("examples %-5s: %d pages, title %d, outlet %d, date %d/%d, body fragments %d/%d, teasers %d\n",
                form.c_str(), t.pages, t.title, t.outlet, t.date, t.dated, t.fragments_ok, t.fragments,
                t.teasers_ok);
  }
}

}  // namespace
}  // namespace akhbar
