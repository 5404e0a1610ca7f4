// The akhbar subcommands: each registers its options on the CLI11 app and
// runs from a plain struct of arguments.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace akhbar::cli {

// Exit codes shared by every command (documented in the README).
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitSomeFailed = 2;

struct AnalyzeArgs {
  std::vector<std::string> inputs;
  std::vector<std::string> fields;  // NAME=FIELD
  bool summary = false;
  bool explain = false;
  std::string ref_date;  // YYYY-MM-DD or empty
};

void RegisterAnalyze(CLI::App& app, AnalyzeArgs& args);
int RunAnalyze(const AnalyzeArgs& args);

}  // namespace akhbar::cli
