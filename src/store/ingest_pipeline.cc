// IngestIntoStore: ReadInputs + AnalyzeDocument on a worker thread, batched
// PutBatch on the calling thread, joined by a bounded queue.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "akhbar/store.h"

namespace akhbar {
namespace {

struct Item {
  StoredDocument doc;      // empty for a failure
  std::string where, why;  // a failure
  size_t teasers = 0;
};

// A bounded single-producer single-consumer queue.
class Queue {
 public:
  explicit Queue(size_t depth) : depth_(depth == 0 ? 1 : depth) {}

  // False when the consumer has stopped (the item is dropped).
  bool Push(Item&& item) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return q_.size() < depth_ || stopped_; });
    if (stopped_) return false;
    q_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }
  // Stops the producer (consumer side, on error).
  void Stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    q_.clear();
    not_full_.notify_all();
  }
  bool stopped() {
    std::lock_guard lock(mu_);
    return stopped_;
  }
  // Moves up to `max` items into *out, waiting for at least one; false when
  // the queue is closed and drained.
  bool PopSome(std::vector<Item>* out, size_t max) {
    out->clear();
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !q_.empty() || closed_; });
    if (q_.empty()) return false;
    while (!q_.empty() && out->size() < max) {
      out->push_back(std::move(q_.front()));
      q_.pop_front();
    }
    not_full_.notify_one();
    return true;
  }

 private:
  size_t depth_;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Item> q_;
  bool closed_ = false, stopped_ = false;
};

}  // namespace

Status IngestIntoStore(Store& store, const std::vector<std::string>& inputs, const StoreIngestOptions& options,
                       IngestCounts* counts) {
  *counts = IngestCounts{};
  const size_t batch_size = options.batch_size == 0 ? 1 : options.batch_size;
  Queue queue(options.queue_depth);
  std::thread producer([&] {
    ReadInputs(inputs, options.ingest, [&](IngestItem&& in) {
      if (queue.stopped()) return;
      Item item;
      if (!in.doc.ok()) {
        item.where = std::move(in.where);
        item.why = in.doc.status().message();
        queue.Push(std::move(item));
        return;
      }
      std::string where = in.doc->Where();
      auto analyzed = AnalyzeDocument(std::move(in.doc).value(), options.analyze);
      if (!analyzed.ok()) {
        item.where = std::move(where);
        item.why = analyzed.status().message();
      } else {
        item.doc = ToStoredArticles(*analyzed);
        item.teasers = item.doc.size() - 1;
      }
      queue.Push(std::move(item));
    });
    queue.Close();
  });

  Status status;
  std::vector<Item> items;
  std::vector<StoredDocument> batch;
  std::vector<size_t> batch_teasers;
  std::vector<PutOutcome> outcomes;
  size_t pending_failed = 0;  // failures read since the last commit
  auto flush = [&]() -> bool {
    if (batch.empty()) return true;
    status = store.PutBatch(batch, &outcomes);
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
  while (ok && queue.PopSome(&items, 256)) {
    for (Item& item : items) {
      ++counts->read;
      if (item.doc.empty()) {
        ++counts->failed;
        ++pending_failed;
        if (options.on_failure) options.on_failure(item.where, item.why);
      } else {
        batch.push_back(std::move(item.doc));
        batch_teasers.push_back(item.teasers);
      }
      if (options.on_document) options.on_document(*counts);
      if (batch.size() >= batch_size && !(ok = flush())) break;
    }
  }
  if (ok) ok = flush();
  if (ok && pending_failed > 0 && options.on_commit) options.on_commit(*counts);
  if (!ok) queue.Stop();
  producer.join();
  return status;
}

}  // namespace akhbar
