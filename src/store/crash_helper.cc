// Test helper for the kill -9 test (crash_test.cc):
//   store_crash_helper DB BATCH INPUT...
// Ingests INPUTs into DB in batches of BATCH documents and prints
// "committed N" on stdout (flushed) after each committed batch: the first N
// documents of the input are then durable. Ends with "done A U S F"
// (added, updated, skipped, failed). Exit 0, or 1 on a store error.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "akhbar/store.h"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: store_crash_helper DB BATCH INPUT...\n");
    return 1;
  }
  auto store = akhbar::OpenSqliteStore(argv[1]);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  akhbar::StoreIngestOptions options;
  options.batch_size = static_cast<size_t>(std::atoi(argv[2]));
  // The test is about durability of the writes (batches, then clustering):
  // extraction adds CPU time, not writes, so it is left out to keep the 24
  // runs short.
  options.analyze.extract = false;
  options.on_commit = [](const akhbar::IngestCounts& c) {
    std::printf("committed %zu\n", c.read);
    std::fflush(stdout);
  };
  std::vector<std::string> inputs(argv + 3, argv + argc);
  akhbar::IngestCounts counts;
  akhbar::Status s = akhbar::IngestIntoStore(**store, inputs, options, &counts);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("done %zu %zu %zu %zu\n", counts.added, counts.updated, counts.skipped, counts.failed);
  return 0;
}
