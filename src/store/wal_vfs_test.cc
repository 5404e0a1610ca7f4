// The WAL-buffering VFS (wal_vfs.cc): what a transaction committed through
// it is in the files at once, for another connection and after the writer
// dies without closing; checkpoints through it leave a sound database.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "store/sqlite_internal.h"
#include "store_test_util.h"

namespace akhbar {
namespace {

using testing::TempDir;

sqlite3* OpenWith(const std::string& path, const char* vfs) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs), SQLITE_OK);
  return db;
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "") << " in " << sql;
}

std::string One(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  std::string out = "(error)";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  else
    out = std::string("(error: ") + sqlite3_errmsg(db) + ")";
  sqlite3_finalize(st);
  return out;
}

// The integers a..b as rows of `value` (a recursive CTE: the library has
// no generate_series).
std::string Series(int a, int b) {
  return "WITH RECURSIVE s(value) AS (SELECT " + std::to_string(a) +
         " UNION ALL SELECT value + 1 FROM s WHERE value < " + std::to_string(b) + ") ";
}

// Transaction n: rows n*1000 .. n*1000+999 with 600-byte values, each row
// rewritten twice inside the transaction. The page cache is a few pages,
// so the transaction spills to the WAL before it commits and then writes
// the spilled pages again (frames overwritten in place, checksums
// rewritten at commit: the paths besides plain appends).
void WriteTransaction(sqlite3* db, int n) {
  Exec(db, "BEGIN");
  for (int pass = 0; pass < 3; ++pass)
    Exec(db, Series(n * 1000, n * 1000 + 999) +
                 "INSERT OR REPLACE INTO t(k, v) SELECT value, printf('%d-%d-', value, " + std::to_string(pass) +
                 ") || hex(zeroblob(300)) FROM s");
  Exec(db, "COMMIT");
}

const char* Vfs() {
  const char* vfs = store::WalBufferingVfs();
  EXPECT_NE(vfs, nullptr);
  return vfs;
}

// A new database in a temporary directory: a writer through the buffering
// VFS (`pragmas` and a table t(k, v)) and a reader with the default VFS, as
// another program would read.
struct WriterAndReader {
  TempDir dir;
  const std::string path = dir.File("t.db");
  sqlite3* w = nullptr;
  sqlite3* r = nullptr;
  explicit WriterAndReader(const std::string& pragmas) {
    w = OpenWith(path, Vfs());
    Exec(w, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0; " + pragmas);
    Exec(w, "CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    r = OpenWith(path, nullptr);
  }
  // A checkpoint through the buffering VFS; both closed; then the database
  // file alone, opened with the default VFS and checked whole.
  sqlite3* CheckpointCloseAndReopen() {
    EXPECT_EQ(sqlite3_wal_checkpoint_v2(w, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(r);
    sqlite3_close(w);
    sqlite3* db = OpenWith(path, nullptr);
    EXPECT_EQ(One(db, "PRAGMA integrity_check"), "ok");
    return db;
  }
};

TEST(WalBufferingVfs, CommitsAreInTheFileAtOnceAndCheckpointsStaySound) {
  WriterAndReader c("PRAGMA cache_size=8");
  sqlite3 *w = c.w, *r = c.r;
  for (int n = 0; n < 4; ++n) {
    WriteTransaction(w, n);
    // Visible to the other connection as soon as COMMIT returned.
    EXPECT_EQ(One(r, "SELECT count(*) FROM t"), std::to_string((n + 1) * 1000));
    EXPECT_EQ(One(r, "SELECT v LIKE '" + std::to_string(n * 1000 + 7) + "-2-%' FROM t WHERE k = " +
                         std::to_string(n * 1000 + 7)),
              "1");
    // A transaction of one page (its commit frame alone).
    Exec(w, "UPDATE t SET v = 'small' WHERE k = " + std::to_string(n * 1000 + 3));
    EXPECT_EQ(One(r, "SELECT v FROM t WHERE k = " + std::to_string(n * 1000 + 3)), "small");
  }
  sqlite3* db = c.CheckpointCloseAndReopen();
  EXPECT_EQ(One(db, "SELECT count(*) FROM t WHERE v LIKE k || '-2-%'"), "3996");
  EXPECT_EQ(One(db, "SELECT count(*) FROM t WHERE v = 'small'"), "4");
  sqlite3_close(db);
}

// The descriptors this process has open.
size_t OpenDescriptors() {
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) n += !e.path().empty();
  return n;
}

// A checkpoint that copies more than the VFS's write-back step (8 MiB)
// starts the database file's write-back through a descriptor the process
// has on it (another connection's here, or the writer's own): the database
// is sound, nothing the process had open is closed or left open, and the
// other connection still reads (its locks held).
TEST(WalBufferingVfs, ALargeCheckpointLeavesTheDescriptorsAsTheyWere) {
  WriterAndReader c("");
  sqlite3 *w = c.w, *r = c.r;
  EXPECT_EQ(One(r, "SELECT count(*) FROM t"), "0");
  Exec(w, Series(1, 16000) + "INSERT INTO t(k, v) SELECT value, hex(zeroblob(500)) FROM s");  // some 17 MB
  const size_t before = OpenDescriptors();
  ASSERT_EQ(sqlite3_wal_checkpoint_v2(w, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr), SQLITE_OK);
  EXPECT_EQ(OpenDescriptors(), before);
  EXPECT_EQ(One(r, "SELECT count(*) FROM t"), "16000");
  Exec(w, "UPDATE t SET v = 'after' WHERE k = 5");
  EXPECT_EQ(One(r, "SELECT v FROM t WHERE k = 5"), "after");
  sqlite3* db = c.CheckpointCloseAndReopen();
  EXPECT_EQ(One(db, "SELECT count(*) FROM t WHERE length(v) = 1000"), "15999");
  sqlite3_close(db);
}

TEST(WalBufferingVfs, AWriterKilledAfterCommitLosesNothingCommitted) {
  TempDir dir;
  const std::string path = dir.File("t.db");
  {
    sqlite3* w = OpenWith(path, Vfs());
    Exec(w, "PRAGMA journal_mode=WAL; CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    sqlite3_close(w);
  }
  // The child commits two transactions and dies without closing anything:
  // at once, or after a third transaction has spilled frames into the
  // buffer without committing.
  for (bool third : {false, true}) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      sqlite3* w = nullptr;
      if (sqlite3_open_v2(path.c_str(), &w, SQLITE_OPEN_READWRITE, store::WalBufferingVfs()) != SQLITE_OK) _exit(2);
      sqlite3_exec(w, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=8; PRAGMA wal_autocheckpoint=0", nullptr,
                   nullptr, nullptr);
      WriteTransaction(w, third ? 2 : 0);
      WriteTransaction(w, third ? 3 : 1);
      if (third) {
        sqlite3_exec(w, "BEGIN", nullptr, nullptr, nullptr);
        sqlite3_exec(w, (Series(5000, 5999) + "INSERT INTO t(k, v) SELECT value, hex(zeroblob(300)) FROM s").c_str(),
                     nullptr, nullptr, nullptr);
      }
      _exit(::testing::Test::HasFailure() ? 1 : 0);
    }
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0);
  }
  sqlite3* db = OpenWith(path, nullptr);
  EXPECT_EQ(One(db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(One(db, "SELECT count(*) FROM t"), "4000");
  EXPECT_EQ(One(db, "SELECT count(*) FROM t WHERE v LIKE k || '-2-%'"), "4000");
  sqlite3_close(db);
}

}  // namespace
}  // namespace akhbar
