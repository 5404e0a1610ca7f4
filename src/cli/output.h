// Output helpers shared by the commands: buffered stdout, diagnostics on
// stderr, argument parsing shared by several commands.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/analyze.h"

namespace akhbar::cli {

// Buffered writer to stdout (one fwrite per 1 MiB).
class Output {
 public:
  ~Output() { Flush(); }
  void Line(std::string_view s);
  void Flush();

 private:
  std::string buf_;
};

// "akhbar: WHERE: REASON" on stderr.
void Diagnose(std::string_view where, std::string_view reason);

// Parses NAME=FIELD mappings into `out`; prints a usage error and returns
// false on a bad one.
bool ParseFieldMappings(const std::vector<std::string>& specs, std::map<std::string, std::string>* out);

// Appends `s` (valid UTF-8) to `out` as a JSON string literal, quotes
// included: `"`, `\\` and control characters escaped, everything else as is.
void AppendJsonString(std::string_view s, std::string* out);

// One readable line for --summary: "id | ar | 312 tokens | title".
std::string SummaryRow(const AnalyzedDocument& doc);

}  // namespace akhbar::cli
