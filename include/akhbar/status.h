// akhbar/status.h: errors as values.
//
// A Status says whether an operation on one piece of data succeeded, and if
// not, why, in a sentence meant for a person. Result<T> carries either a value
// or a failed Status. Library code returns these for bad input; it never
// prints and never exits. Exceptions and assertions are reserved for
// programmer errors.
//
// Thread-safety: value types, no shared state.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace akhbar {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,   // the data is malformed (bad JSON, truncated gzip, ...)
  kNotFound,       // a path or id that does not exist
  kIoError,        // the operating system refused (permission, read error)
  kUnsupported,    // well-formed, but not something akhbar reads
  kTooLarge,       // over a documented size bound
};

const char* StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status Invalid(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Io(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
  static Status TooLarge(std::string m) { return {StatusCode::kTooLarge, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid input: <message>"
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a T or a failed Status. Accessing value() of a failed result is a
// programmer error (asserts).
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok() && "Result built from an ok Status has no value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace akhbar
