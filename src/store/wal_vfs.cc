// A SQLite VFS that gathers the writes of the write-ahead log into larger
// ones (contract in sqlite_internal.h, WalBufferingVfs).
//
// SQLite appends each WAL frame with two pwrite calls, its 24-byte header
// and its page (wal.c, walWriteOneFrame), so an ingest of the dev corpus
// made some 280,000 pwrite calls. On this project's virtual machine a
// system call costs a few microseconds beyond its copy. This VFS wraps the
// default one; for WAL files it keeps contiguous writes in a buffer and
// hands them to the real file in one call:
//  - when the buffer is full (128 KiB);
//  - when a commit frame's header is written, and again when its page is:
//    the header of a commit frame has a non-zero "database size after
//    commit" field (https://www.sqlite.org/fileformat.html#the_write_ahead_log).
//    SQLite makes a commit visible to readers (in the wal-index) only after
//    sqlite3WalFrames returns, and with synchronous=NORMAL no sync or other
//    call on the WAL file comes in between: the flush in that write is what
//    puts the whole transaction in the file before it can be seen, in this
//    process or another;
//  - before any other operation on the file (a read, a write elsewhere, a
//    size, a truncation, a sync, a close, a file control): every caller
//    sees the file as if nothing had been held back.
// A process killed with frames in the buffer loses only frames of a
// transaction that had not committed, which SQLite discards on recovery as
// it does a torn write. A failed flush is reported by the call that made it.
//
// A checkpoint copies the WAL's pages into the database file one pwrite a
// page, in the order of their page numbers, so mostly in runs. The writes
// to a database file between SQLITE_FCNTL_CKPT_START and _CKPT_DONE (the
// copying, https://www.sqlite.org/c3ref/c_fcntl_begin_atomic_write.html)
// are gathered the same way, and flushed at CKPT_DONE, before the
// checkpoint syncs the file and records in the wal-index how far it got:
// no reader looks at those pages in the database file before then (the
// checkpoint holds the lock that readers of the file alone would take).
// Other files, and databases outside a checkpoint, are written at once.
//
// Early write-back of the WAL: a checkpoint first syncs the WAL, and that
// sync waited for everything written to it since the last one (some 150
// MB at the end of a dev ingest's clustering transaction). Every
// kKickBytes written to a WAL, the kernel is asked to start writing the
// file's dirty pages out (Linux sync_file_range with
// SYNC_FILE_RANGE_WRITE): it does not wait, and durability is what it was,
// the syncs SQLite asks for being unchanged. It goes through a descriptor
// of this VFS's own, opened on the WAL's path: closing a descriptor drops
// the process's POSIX locks on its file, and SQLite locks the database and
// the wal-index, never the WAL. (Not done for the database file, whose
// locks closing such a descriptor would drop: see below.) On the dev ingest the
// writer's fdatasync calls took 0.56 s instead of 0.88 s (strace -T), and
// the clustering transaction's commit with its checkpoint 0.39 to 0.45 s
// instead of 0.45 to 0.49 s (4 runs each).
//
// Early write-back of the database during a checkpoint: the checkpoint
// copies the WAL into the database and then syncs it, and that sync waited
// for all it had copied (0.13 s of the dev ingest's last commit, with
// both cores idle). Every kKickBytes of a checkpoint's writes, write-back
// of the database file is started the same way, through a descriptor the
// process already has on it: found at the checkpoint's start among
// /proc/self/fd by the file's device and inode, used only until its end and
// never closed here. It stays open meanwhile: the checkpoint holds locks on
// the file, and the unix VFS defers the close of any descriptor on a file
// the process holds locks on (os_unix.c, unixInodeInfo's pUnused list).
// On the dev ingest (strace -f -T, 3 runs each, alternated) the last
// commit's sync of the database took 0.08 to 0.13 s instead of 0.12 to
// 0.14 s, and the writer's fdatasync calls in all 0.40 to 0.49 s instead
// of 0.53 to 0.61 s.
#include <sqlite3.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "store/sqlite_internal.h"

namespace akhbar::store {
namespace {

constexpr int kFrameHeader = 24;               // WAL_FRAME_HDRSIZE
// The buffer: as large as one write of the default (unix) VFS may be: its
// seekAndWrite takes at most 0x1ffff bytes a call (os_unix.c). 31 frames of
// a 4 KiB page in one system call instead of 62.
constexpr sqlite3_int64 kFlushBytes = 0x1ffff;
constexpr sqlite3_int64 kKickBytes = sqlite3_int64{8} << 20;

sqlite3_vfs* g_base = nullptr;

struct File {
  sqlite3_file base;     // pMethods: ours
  sqlite3_file* real;    // the default VFS's file, right after this struct
  char* buf;             // writes held back (malloc'd, kFlushBytes), or null
  sqlite3_int64 buf_off;  // file offset of buf[0]
  sqlite3_int64 buf_len;
  int error;              // of a flush no caller could be told of yet
  bool wal;               // a WAL file: writes always gathered
  bool checkpoint;        // a database file in a checkpoint: writes gathered
  bool commit_page_next;  // the next write is the page of a commit frame
  int kick_fd;            // a WAL's own descriptor for early write-back (-1: none)
  int checkpoint_fd;      // a database's descriptor during a checkpoint, not ours (-1: none)
  sqlite3_int64 unkicked;  // bytes written since write-back was last started
  dev_t dev;              // a database file's device and inode (ino 0: unknown)
  ino_t ino;
};

File* Self(sqlite3_file* f) { return reinterpret_cast<File*>(f); }

// The checkpoint running on this thread, if any (between the database
// file's CKPT_START and CKPT_DONE), and what it read of its WAL ahead.
// A checkpoint reads the frames it copies one pread a page, in the order of
// their page numbers; a transaction's frames are in that order too (the
// pager writes its dirty pages sorted), so its reads mostly move forward
// through the file: they are served from 128 KiB read at a time. The
// frames a checkpoint copies were all committed before it started and stay
// as they are until it ends (no writer restarts the WAL before the
// checkpoint has recorded its progress), so what was read ahead stays true.
struct CheckpointReads {
  bool active = false;
  const File* wal = nullptr;  // the file `data` holds a piece of
  sqlite3_int64 size = -1;    // of the WAL, when the checkpoint began
  sqlite3_int64 off = 0, len = 0;
  char* data = nullptr;
  ~CheckpointReads() { std::free(data); }
  void Begin() {
    active = true;
    wal = nullptr;
    size = -1;
  }
  void End() {
    active = false;
    wal = nullptr;
  }
};
thread_local CheckpointReads t_checkpoint;

// The real write of the file, starting a WAL's write-back, or a database's
// in a checkpoint, every kKickBytes.
int WriteThrough(File* f, const void* data, int amt, sqlite3_int64 off) {
  const int rc = f->real->pMethods->xWrite(f->real, data, amt, off);
#if defined(__linux__)
  const int fd = f->kick_fd >= 0 ? f->kick_fd : f->checkpoint_fd;
  if (fd >= 0 && (f->unkicked += amt) >= kKickBytes) {
    f->unkicked = 0;
    sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);  // a hint: its failure changes nothing
  }
#endif
  return rc;
}

// A descriptor this process has on the file with this device and inode, or
// -1 (none, or no /proc).
int DescriptorOf(dev_t dev, ino_t ino) {
  int found = -1;
#if defined(__linux__)
  if (ino == 0) return -1;
  DIR* d = opendir("/proc/self/fd");
  if (d == nullptr) return -1;
  const int own = dirfd(d);
  while (const dirent* e = readdir(d)) {
    char* end = nullptr;
    const long fd = std::strtol(e->d_name, &end, 10);
    struct stat st;
    if (end == e->d_name || *end != '\0' || fd == own || fstat(static_cast<int>(fd), &st) != 0) continue;
    if (st.st_dev == dev && st.st_ino == ino) {
      found = static_cast<int>(fd);
      break;
    }
  }
  closedir(d);
#else
  (void)dev;
  (void)ino;
#endif
  return found;
}

int Flush(File* f) {
  if (f->error != SQLITE_OK) {
    const int rc = f->error;
    f->error = SQLITE_OK;
    return rc;
  }
  if (f->buf_len == 0) return SQLITE_OK;
  const int n = static_cast<int>(f->buf_len);
  f->buf_len = 0;
  return WriteThrough(f, f->buf, n, f->buf_off);
}

int Close(sqlite3_file* p) {
  File* f = Self(p);
  if (t_checkpoint.wal == f) t_checkpoint.wal = nullptr;
  int rc = Flush(f);
  std::free(f->buf);
  f->buf = nullptr;
  if (f->kick_fd >= 0) close(f->kick_fd);
  f->kick_fd = -1;
  int rc2 = f->real->pMethods ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
  return rc != SQLITE_OK ? rc : rc2;
}

int Read(sqlite3_file* p, void* out, int amt, sqlite3_int64 off) {
  File* f = Self(p);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  CheckpointReads& ck = t_checkpoint;
  if (f->wal && ck.active && amt > 0 && amt <= kFlushBytes / 2) {
    if (ck.wal != f || off < ck.off || off + amt > ck.off + ck.len) {
      ck.wal = nullptr;
      if (ck.size < 0 && f->real->pMethods->xFileSize(f->real, &ck.size) != SQLITE_OK) ck.size = 0;
      if (ck.data == nullptr) ck.data = static_cast<char*>(std::malloc(static_cast<size_t>(kFlushBytes)));
      const sqlite3_int64 len = std::min(kFlushBytes, ck.size - off);
      if (ck.data != nullptr && len >= amt &&
          f->real->pMethods->xRead(f->real, ck.data, static_cast<int>(len), off) == SQLITE_OK) {
        ck.wal = f;
        ck.off = off;
        ck.len = len;
      }
    }
    if (ck.wal == f) {
      std::memcpy(out, ck.data + (off - ck.off), static_cast<size_t>(amt));
      return SQLITE_OK;
    }
  }
  return f->real->pMethods->xRead(f->real, out, amt, off);
}

int Write(sqlite3_file* p, const void* data, int amt, sqlite3_int64 off) {
  File* f = Self(p);
  if (!f->wal && !f->checkpoint) {
    if (int rc = Flush(f); rc != SQLITE_OK) return rc;
    return f->real->pMethods->xWrite(f->real, data, amt, off);
  }
  if (f->buf_len > 0 && (off != f->buf_off + f->buf_len || f->buf_len + amt > kFlushBytes))
    if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  if (amt > kFlushBytes) return WriteThrough(f, data, amt, off);
  if (f->buf_len == 0) f->buf_off = off;
  std::memcpy(f->buf + f->buf_len, data, static_cast<size_t>(amt));
  f->buf_len += amt;
  const bool commit_page = f->commit_page_next;
  f->commit_page_next = false;
  if (f->wal && amt == kFrameHeader) {
    const auto* h = static_cast<const unsigned char*>(data);
    if ((h[4] | h[5] | h[6] | h[7]) != 0) {  // big-endian page count after commit: a commit frame
      // Written now, and its page after it: a commit frame's header is also
      // rewritten alone, after its page (wal.c, walRewriteChecksums, when
      // the transaction overwrote frames of its own), with nothing after it.
      f->commit_page_next = true;
      return Flush(f);
    }
  }
  return commit_page ? Flush(f) : SQLITE_OK;
}

int Truncate(sqlite3_file* p, sqlite3_int64 size) {
  File* f = Self(p);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xTruncate(f->real, size);
}
int Sync(sqlite3_file* p, int flags) {
  File* f = Self(p);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xSync(f->real, flags);
}
int FileSize(sqlite3_file* p, sqlite3_int64* size) {
  File* f = Self(p);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xFileSize(f->real, size);
}
int Lock(sqlite3_file* p, int level) { return Self(p)->real->pMethods->xLock(Self(p)->real, level); }
int Unlock(sqlite3_file* p, int level) { return Self(p)->real->pMethods->xUnlock(Self(p)->real, level); }
int CheckReservedLock(sqlite3_file* p, int* out) {
  return Self(p)->real->pMethods->xCheckReservedLock(Self(p)->real, out);
}
int FileControl(sqlite3_file* p, int op, void* arg) {
  File* f = Self(p);
  if (op == SQLITE_FCNTL_CKPT_START) t_checkpoint.Begin();
  if (op == SQLITE_FCNTL_CKPT_DONE) t_checkpoint.End();
  if (op == SQLITE_FCNTL_CKPT_START && f->buf != nullptr) {
    f->checkpoint = true;
    f->checkpoint_fd = DescriptorOf(f->dev, f->ino);
    f->unkicked = 0;
  } else if (int rc = Flush(f); rc != SQLITE_OK) {
    // CKPT_DONE is a hint whose result SQLite ignores: the failed write is
    // reported by the next call (the checkpoint's truncation or sync).
    if (op == SQLITE_FCNTL_CKPT_DONE) f->error = rc;
    f->checkpoint = false;
    f->checkpoint_fd = -1;
    return rc;
  }
  if (op == SQLITE_FCNTL_CKPT_DONE) {
    f->checkpoint = false;
    f->checkpoint_fd = -1;
  }
  return f->real->pMethods->xFileControl(f->real, op, arg);
}
int SectorSize(sqlite3_file* p) { return Self(p)->real->pMethods->xSectorSize(Self(p)->real); }
int DeviceCharacteristics(sqlite3_file* p) {
  return Self(p)->real->pMethods->xDeviceCharacteristics(Self(p)->real);
}
int ShmMap(sqlite3_file* p, int region, int size, int extend, void volatile** out) {
  return Self(p)->real->pMethods->xShmMap(Self(p)->real, region, size, extend, out);
}
int ShmLock(sqlite3_file* p, int offset, int n, int flags) {
  return Self(p)->real->pMethods->xShmLock(Self(p)->real, offset, n, flags);
}
void ShmBarrier(sqlite3_file* p) { Self(p)->real->pMethods->xShmBarrier(Self(p)->real); }
int ShmUnmap(sqlite3_file* p, int del) { return Self(p)->real->pMethods->xShmUnmap(Self(p)->real, del); }
int Fetch(sqlite3_file* p, sqlite3_int64 off, int amt, void** out) {
  File* f = Self(p);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xFetch(f->real, off, amt, out);
}
int Unfetch(sqlite3_file* p, sqlite3_int64 off, void* ptr) {
  return Self(p)->real->pMethods->xUnfetch(Self(p)->real, off, ptr);
}

// Version 3 methods (shared memory and memory-mapped I/O) as the default
// VFS has them; a method it lacks stays null here too.
sqlite3_io_methods MethodsLike(const sqlite3_io_methods* real) {
  sqlite3_io_methods m{};
  m.iVersion = real->iVersion < 3 ? real->iVersion : 3;
  m.xClose = Close;
  m.xRead = Read;
  m.xWrite = Write;
  m.xTruncate = Truncate;
  m.xSync = Sync;
  m.xFileSize = FileSize;
  m.xLock = Lock;
  m.xUnlock = Unlock;
  m.xCheckReservedLock = CheckReservedLock;
  m.xFileControl = FileControl;
  m.xSectorSize = SectorSize;
  m.xDeviceCharacteristics = DeviceCharacteristics;
  if (m.iVersion >= 2) {
    m.xShmMap = real->xShmMap ? ShmMap : nullptr;
    m.xShmLock = real->xShmLock ? ShmLock : nullptr;
    m.xShmBarrier = real->xShmBarrier ? ShmBarrier : nullptr;
    m.xShmUnmap = real->xShmUnmap ? ShmUnmap : nullptr;
  }
  if (m.iVersion >= 3) {
    m.xFetch = real->xFetch ? Fetch : nullptr;
    m.xUnfetch = real->xUnfetch ? Unfetch : nullptr;
  }
  return m;
}

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* p, int flags, int* out_flags) {
  File* f = Self(p);
  f->base.pMethods = nullptr;
  f->real = reinterpret_cast<sqlite3_file*>(f + 1);
  f->buf = nullptr;
  f->buf_off = f->buf_len = 0;
  f->error = SQLITE_OK;
  f->wal = (flags & SQLITE_OPEN_WAL) != 0;
  f->checkpoint = false;
  f->commit_page_next = false;
  f->kick_fd = -1;
  f->checkpoint_fd = -1;
  f->unkicked = 0;
  f->dev = 0;
  f->ino = 0;
  int rc = g_base->xOpen(g_base, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  // One method table per distinct set of default methods (the unix VFS has
  // a few, chosen per file); in practice one.
  static std::mutex mu;
  static const sqlite3_io_methods* seen[4] = {};
  static sqlite3_io_methods tables[4];
  const sqlite3_io_methods* real = f->real->pMethods;
  const sqlite3_io_methods* mine = nullptr;
  {
    std::lock_guard lock(mu);
    for (int i = 0; i < 4 && mine == nullptr; ++i) {
      if (seen[i] == real) {
        mine = &tables[i];
      } else if (seen[i] == nullptr) {
        tables[i] = MethodsLike(real);
        seen[i] = real;
        mine = &tables[i];
      }
    }
  }
  if (mine == nullptr) {  // not expected: wrap nothing, buffer nothing
    real->xClose(f->real);
    return SQLITE_CANTOPEN;
  }
  if (flags & (SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_DB)) {
    f->buf = static_cast<char*>(std::malloc(static_cast<size_t>(kFlushBytes)));
    if (f->buf == nullptr) {
      real->xClose(f->real);
      return SQLITE_NOMEM;
    }
#if defined(__linux__)
    if (f->wal && name != nullptr) f->kick_fd = open(name, O_RDONLY | O_CLOEXEC);  // -1: no early write-back
    struct stat st;
    if (!f->wal && name != nullptr && stat(name, &st) == 0) {
      f->dev = st.st_dev;
      f->ino = st.st_ino;
    }
#endif
  }
  f->base.pMethods = mine;
  return SQLITE_OK;
}

}  // namespace

const char* WalBufferingVfs() {
  static const char* const kName = [] {
    static sqlite3_vfs vfs;
    g_base = sqlite3_vfs_find(nullptr);
    if (g_base == nullptr) return static_cast<const char*>(nullptr);
    vfs = *g_base;
    vfs.zName = "akhbar-wal";
    vfs.szOsFile = static_cast<int>(sizeof(File)) + g_base->szOsFile;
    vfs.xOpen = Open;
    vfs.pNext = nullptr;
    if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) return static_cast<const char*>(nullptr);
    return vfs.zName;
  }();
  return kName;
}

}  // namespace akhbar::store
