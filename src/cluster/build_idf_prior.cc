// Builds the idf prior the event clusterer starts from (data/idf-prior.bin):
// the document frequencies of the title and lead terms and numbers
// (ExtractFeatures, as the clusterer sees them) over an unlabelled corpus,
// keeping terms seen in at least --min-df documents.
//   akhbar_build_idf_prior --corpus FILE... --out data/idf-prior.bin [--min-df 2]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "akhbar/events.h"
#include "akhbar/ingest.h"

int main(int argc, char** argv) {
  std::vector<std::string> corpus;
  std::string out;
  uint32_t min_df = 2;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) {
      out = argv[++i];
    } else if (a == "--min-df" && i + 1 < argc) {
      min_df = static_cast<uint32_t>(std::atoi(argv[++i]));
    } else if (a == "--corpus" && i + 1 < argc) {
      corpus.push_back(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: akhbar_build_idf_prior --corpus FILE... --out FILE [--min-df N]\n");
      return 1;
    }
  }
  if (corpus.empty() || out.empty()) {
    std::fprintf(stderr, "usage: akhbar_build_idf_prior --corpus FILE... --out FILE [--min-df N]\n");
    return 1;
  }
  akhbar::events::DocumentFrequencies df;
  size_t failed = 0;
  akhbar::ReadInputs(corpus, {}, [&](akhbar::IngestItem&& it) {
    if (!it.doc.ok()) {
      ++failed;
      return;
    }
    df.Add(akhbar::events::ExtractFeatures("", it.doc->title, it.doc->content.data, std::nullopt));
  });
  std::string blob = akhbar::events::EncodeDocumentFrequencies(df, min_df);
  std::ofstream f(out, std::ios::binary);
  f.write(blob.data(), static_cast<std::streamsize>(blob.size()));
  if (!f) {
    std::fprintf(stderr, "akhbar_build_idf_prior: cannot write %s\n", out.c_str());
    return 1;
  }
  std::printf("idf prior: %llu documents (%zu unreadable), %zu terms, %zu kept (df >= %u), %zu bytes -> %s\n",
              static_cast<unsigned long long>(df.docs), failed, df.df.size(), (blob.size() - 20) / 12, min_df,
              blob.size(), out.c_str());
  return 0;
}
