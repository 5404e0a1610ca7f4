// `akhbar extract`: numbers and dates in plain text, one text per line.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "akhbar/dates.h"

namespace akhbar::cli {

struct ExtractArgs {
  std::string what = "numbers,dates";  // comma-separated: numbers, dates
  std::string ref_date;                // YYYY-MM-DD or empty (relative dates unresolved)
};

void RegisterExtract(CLI::App& app, ExtractArgs& args);

// Reads stdin, writes stdout. Exit codes: kExitOk; kExitUsage for bad
// arguments; kExitSomeFailed when some line was not valid UTF-8 (it gets an
// object with "error" and empty arrays; the other lines are processed).
int RunExtract(const ExtractArgs& args);

// The same on given streams (for tests).
int RunExtract(const ExtractArgs& args, std::istream& in, std::ostream& out, std::ostream& err);

struct ExtractSelection {
  bool numbers = true;
  bool dates = true;
  std::optional<CivilDate> reference;  // default: none
};

// The JSON object for one line (valid UTF-8, no newline): offsets in code
// points of the line; numbers inside a date span are dropped.
std::string ExtractLineToJson(std::string_view line, const ExtractSelection& sel);

}  // namespace akhbar::cli
