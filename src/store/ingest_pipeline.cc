// IngestIntoStore: ReadInputs on a reader thread, AnalyzeDocument on worker
// threads, batched PutBatch on the calling thread in reading order, then
// UpdateClusters.
#include <condition_variable>
#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <mutex>
#include <thread>

#include <time.h>

#include "akhbar/store.h"
#include "store/cluster_input.h"

namespace akhbar {
namespace {

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

struct Item {
  StoredDocument doc;      // empty for a failure
  std::vector<store::ClusterInput> cluster;  // of each article of doc (when clustering)
  std::string where, why;  // a failure
  size_t teasers = 0;
};

// Documents flow reader -> analysis workers -> writer. The reader numbers
// what it reads; workers analyze in any order; the writer takes results in
// reading order (a reorder window bounded by `depth`), so batches, outcomes
// and failure reports come in input order whatever the number of threads.
//
// The reader and the writer are faster than the analysis, so they wait
// often, and each wake-up is a context switch that preempts an analysis
// worker (three busy threads on two cores; on a VM, an inter-processor
// interrupt as well). So they are woken a step at a time, not a document at
// a time: the writer once `step` results are ready in order (or the input
// has ended and all of it is ready), the reader once `step` places are
// free. Dev ingest, 2 cores: 33,900 context switches before, with the
// writer sleeping 8,900 times and the reader 6,900 (perf stat, perf record
// -e sched:sched_switch).
class Pipeline {
 public:
  explicit Pipeline(size_t depth)
      : depth_(depth == 0 ? 1 : depth), step_(std::clamp<size_t>(depth_ / 4, 1, kMaxStep)) {}

  // Reader: waits while `depth` documents are in flight. False when stopped.
  bool PushInput(IngestItem&& in) {
    std::unique_lock lock(mu_);
    if (next_in_ - next_out_ >= depth_)
      room_.wait(lock, [&] { return next_in_ - next_out_ + step_ <= depth_ || stopped_; });
    if (stopped_) return false;
    inputs_.emplace_back(next_in_++, std::move(in));
    work_.notify_one();
    return true;
  }
  void CloseInput() {
    std::lock_guard lock(mu_);
    input_closed_ = true;
    work_.notify_all();
    ready_.notify_one();
  }
  // Worker: the next document to analyze; false when there is no more.
  std::optional<std::pair<size_t, IngestItem>> PopInput() {
    std::unique_lock lock(mu_);
    work_.wait(lock, [&] { return !inputs_.empty() || input_closed_ || stopped_; });
    if (stopped_ || inputs_.empty()) return std::nullopt;
    std::optional<std::pair<size_t, IngestItem>> out(std::move(inputs_.front()));
    inputs_.pop_front();
    return out;
  }
  void PushResult(size_t n, Item&& item) {
    std::lock_guard lock(mu_);
    results_.emplace(n, std::move(item));
    if (n != next_out_ + ready_run_) return;
    do ++ready_run_;
    while (results_.count(next_out_ + ready_run_));
    if (WriterMayGo()) ready_.notify_one();
  }
  void WorkerDone() {
    std::lock_guard lock(mu_);
    ++workers_done_;
    ready_.notify_all();
  }
  // Writer: up to `max` results in reading order, waiting for a step of
  // them (or the rest of the input); false when everything has been taken.
  bool PopResults(std::vector<Item>* out, size_t max, size_t workers) {
    out->clear();
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] {
      return WriterMayGo() || (input_closed_ && workers_done_ == workers && next_out_ == next_in_) || stopped_;
    });
    while (out->size() < max && ready_run_ > 0) {
      auto it = results_.find(next_out_);
      out->push_back(std::move(it->second));
      results_.erase(it);
      ++next_out_;
      --ready_run_;
    }
    if (next_in_ - next_out_ + step_ <= depth_) room_.notify_one();
    return !out->empty();
  }
  // Stops reader and workers (writer side, on a store failure).
  void Stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    inputs_.clear();
    room_.notify_all();
    work_.notify_all();
  }
  bool stopped() {
    std::lock_guard lock(mu_);
    return stopped_;
  }

 private:
  // A step of a quarter of the depth, at most 64 documents: the writer
  // still takes them in batches far smaller than its transactions.
  static constexpr size_t kMaxStep = 64;
  // The writer may take results: a step of them is ready in order, or
  // the input has ended and all that is left of it is ready.
  bool WriterMayGo() const {
    return ready_run_ >= step_ || (input_closed_ && ready_run_ > 0 && ready_run_ == next_in_ - next_out_);
  }

  const size_t depth_, step_;
  std::mutex mu_;
  std::condition_variable room_, work_, ready_;
  std::deque<std::pair<size_t, IngestItem>> inputs_;
  std::map<size_t, Item> results_;
  size_t next_in_ = 0, next_out_ = 0, workers_done_ = 0;
  size_t ready_run_ = 0;  // results ready in order from next_out_
  bool input_closed_ = false, stopped_ = false;
};

Item Analyze(IngestItem&& in, const AnalyzeOptions& options, bool cluster, Store& store) {
  Item item;
  if (!in.doc.ok()) {
    item.where = std::move(in.where);
    item.why = in.doc.status().message();
    return item;
  }
  std::string where = in.doc->Where();
  auto analyzed = AnalyzeDocument(std::move(in.doc).value(), options);
  if (!analyzed.ok()) {
    item.where = std::move(where);
    item.why = analyzed.status().message();
  } else {
    item.doc = ToStoredArticles(*analyzed);
    item.teasers = item.doc.size() - 1;
    store.Prepare(item.doc);
    if (cluster)
      for (const StoredArticle& a : item.doc) {
        const bool page = a.kind == "page";
        static const std::vector<Entity> kNone;  // (both arms lvalues: no copy of the page's entities)
        item.cluster.push_back(store::MakeClusterInput(a.id, a.title, a.body, a.date, a.fetched_at,
                                                       page ? analyzed->extraction.entities : kNone));
        // What the stored JSON arrays hold (a teaser's are empty), so that
        // the event summaries need not parse them back.
        store::ClusterInput& ci = item.cluster.back();
        ci.has_extraction = true;
        if (page) {  // the page comes first; the teasers need none of it
          ci.entities = std::move(analyzed->extraction.entities);
          ci.quotes = std::move(analyzed->extraction.quotes);
          ci.claims = std::move(analyzed->extraction.claims);
        }
      }
  }
  return item;
}

}  // namespace

Status IngestIntoStore(Store& store, const std::vector<std::string>& inputs, const StoreIngestOptions& options,
                       IngestCounts* counts) {
  *counts = IngestCounts{};
  // While clustering, the batches leave their new rows for UpdateClusters
  // to index for search, on the core the event clusterer leaves idle. The
  // terms of the rows are prepared by the analysis threads (Store::Prepare),
  // so the indexing left to the clustering is the index's own writing.
  // (Before the terms were prepared, deferring every batch made the
  // clustering wait for the index; every other batch was deferred. Defer
  // all, 2 cores, 3 runs: wall 1.10 x half the CPU time, against 1.13 to
  // 1.14 deferring every other batch.) Whatever the analysis threads
  // prepared and PutBatch did not use is forgotten at the end, and the
  // deferring is turned off.
  struct DeferOff {
    Store& store;
    ~DeferOff() {
      store.DeferSearchIndex(false);
      store.DropPrepared();
    }
  } defer_off{store};
  store.DeferSearchIndex(options.cluster);
  const size_t batch_size = options.batch_size == 0 ? 1 : options.batch_size;
  Pipeline pipeline(options.queue_depth);
  size_t workers = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::thread reader([&] {
    ReadInputs(inputs, options.ingest, [&](IngestItem&& in) { pipeline.PushInput(std::move(in)); });
    pipeline.CloseInput();
  });
  // The store keeps no token count.
  AnalyzeOptions analyze = options.analyze;
  analyze.count_tokens = false;
  std::vector<std::thread> analysts;
  for (size_t w = 0; w < workers; ++w)
    analysts.emplace_back([&] {
      while (auto in = pipeline.PopInput())
        pipeline.PushResult(in->first, Analyze(std::move(in->second), analyze, options.cluster, store));
      pipeline.WorkerDone();
    });

  Status status;
  // Cluster inputs of the stored articles, computed by the workers; bounded
  // (about 1 KB each): beyond the bound UpdateClusters computes them itself.
  constexpr size_t kMaxPrecomputed = 1'000'000;
  constexpr size_t kMaxExtractionBytes = size_t{256} << 20;
  size_t extraction_bytes = 0;
  PrecomputedClusterInputs pre;
  std::vector<Item> items;
  std::vector<StoredDocument> batch;
  std::vector<size_t> batch_teasers;
  std::vector<PutOutcome> outcomes;
  size_t pending_failed = 0;  // failures read since the last commit
  auto flush = [&]() -> bool {
    if (batch.empty()) return true;
    const double cpu0 = ThreadCpuSeconds();
    status = store.PutBatch(batch, &outcomes);
    counts->write_cpu_seconds += ThreadCpuSeconds() - cpu0;
    if (!status.ok()) {
      counts->failed += batch.size();
      return false;
    }
    for (size_t i = 0; i < outcomes.size(); ++i) {
      switch (outcomes[i]) {
        case PutOutcome::kNew: ++counts->added; break;
        case PutOutcome::kUpdated: ++counts->updated; break;
        case PutOutcome::kSkipped: ++counts->skipped; break;
      }
      counts->teasers += batch_teasers[i];
    }
    batch.clear();
    batch_teasers.clear();
    pending_failed = 0;
    if (options.on_commit) options.on_commit(*counts);
    return true;
  };
  bool ok = true;
  while (ok && pipeline.PopResults(&items, 256, workers)) {
    for (Item& item : items) {
      ++counts->read;
      if (item.doc.empty()) {
        ++counts->failed;
        ++pending_failed;
        if (options.on_failure) options.on_failure(item.where, item.why);
      } else {
        for (size_t i = 0; i < item.cluster.size() && i < item.doc.size(); ++i) {
          if (pre.by_id.size() >= kMaxPrecomputed) break;
          store::ClusterInput& in = item.cluster[i];
          if (in.has_extraction) {
            // Bounded too (their JSON size is a fair estimate of their
            // memory): beyond it the summaries parse the stored JSON.
            const StoredArticle& a = item.doc[i];
            const size_t bytes = a.entities_json.size() + a.quotes_json.size() + a.claims_json.size();
            if (extraction_bytes + bytes > kMaxExtractionBytes) {
              in.has_extraction = false;
              in.entities.clear();
              in.quotes.clear();
              in.claims.clear();
            } else {
              extraction_bytes += bytes;
            }
          }
          pre.by_id.emplace(item.doc[i].id, std::move(in));
        }
        batch.push_back(std::move(item.doc));
        batch_teasers.push_back(item.teasers);
      }
      if (options.on_document) options.on_document(*counts);
      if (batch.size() >= batch_size && !(ok = flush())) break;
    }
  }
  if (ok) ok = flush();
  if (ok && pending_failed > 0 && options.on_commit) options.on_commit(*counts);
  if (!ok) pipeline.Stop();
  reader.join();
  for (auto& t : analysts) t.join();
  if (ok && options.cluster) {
    if (options.on_clustering) options.on_clustering();
    const double cpu0 = ThreadCpuSeconds();
    status = store.UpdateClusters(&counts->clusters, &pre);
    counts->cluster_cpu_seconds = ThreadCpuSeconds() - cpu0;
  }
  return status;
}

}  // namespace akhbar
