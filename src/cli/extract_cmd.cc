// `akhbar extract`: one JSON object per input line with the numbers and dates
// of the line, offsets in Unicode code points (see extract_cmd.h).
#include "cli/extract_cmd.h"
#include "cli/output.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <vector>

#include "akhbar/numbers.h"
#include "akhbar/text.h"

namespace akhbar::cli {
namespace {

constexpr int kOk = 0;          // = kExitOk in commands.h
constexpr int kUsage = 1;       // = kExitUsage
constexpr int kSomeFailed = 2;  // = kExitSomeFailed

void AppendNumber(double v, std::string* out) {
  char buf[32];
  if (!std::isfinite(v)) {
    *out += "null";
    return;
  }
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  } else {
    std::snprintf(buf, sizeof buf, "%.10g", v);
  }
  *out += buf;
}

bool ParseWhat(const std::string& what, ExtractSelection* sel) {
  sel->numbers = sel->dates = false;
  size_t i = 0;
  while (i <= what.size()) {
    size_t j = what.find(',', i);
    if (j == std::string::npos) j = what.size();
    const std::string_view item = std::string_view(what).substr(i, j - i);
    if (item == "numbers") {
      sel->numbers = true;
    } else if (item == "dates") {
      sel->dates = true;
    } else if (!item.empty()) {
      return false;
    }
    i = j + 1;
  }
  return sel->numbers || sel->dates;
}

}  // namespace

std::string ExtractLineToJson(std::string_view line, const ExtractSelection& sel) {
  // Code point index of every byte offset (valid UTF-8: count lead bytes).
  std::vector<uint32_t> cp(line.size() + 1);
  uint32_t n = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    cp[i] = n;
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++n;
  }
  cp[line.size()] = n;
  // Code point offsets of byte offsets that are always on boundaries.
  auto at = [&](uint32_t b) { return cp[b]; };

  DateContext ctx;
  ctx.reference = sel.reference;
  const std::vector<DateMention> dates = FindDates(line, ctx);
  std::string out = "{";
  if (sel.numbers) {
    out += "\"numbers\":[";
    size_t d = 0;
    bool first = true;
    for (const NumberMention& m : FindNumbers(line)) {
      while (d < dates.size() && dates[d].end <= m.begin) ++d;
      if (d < dates.size() && dates[d].begin <= m.begin && m.end <= dates[d].end) continue;
      if (!first) out += ',';
      first = false;
      out += "{\"text\":";
      AppendJsonString(line.substr(m.begin, m.end - m.begin), &out);
      out += ",\"start\":" + std::to_string(at(m.begin)) + ",\"end\":" + std::to_string(at(m.end));
      out += ",\"value\":";
      if (m.value) {
        AppendNumber(*m.value, &out);
      } else {
        out += "null";
      }
      out += ",\"qualifier\":";
      AppendJsonString(m.qualifier, &out);
      if (m.percent) out += ",\"percent\":true";
      if (!m.unit.empty()) {
        out += ",\"unit\":";
        AppendJsonString(m.unit, &out);
      }
      out += '}';
    }
    out += ']';
  }
  if (sel.dates) {
    if (sel.numbers) out += ',';
    out += "\"dates\":[";
    bool first = true;
    for (const DateMention& m : dates) {
      if (!first) out += ',';
      first = false;
      out += "{\"text\":";
      AppendJsonString(line.substr(m.begin, m.end - m.begin), &out);
      out += ",\"start\":" + std::to_string(at(m.begin)) + ",\"end\":" + std::to_string(at(m.end));
      out += ",\"date\":";
      if (m.date) {
        AppendJsonString(FormatDate(*m.date, m.granularity), &out);
      } else {
        out += "null";
      }
      if (m.range_end) {
        out += ",\"range_end\":";
        AppendJsonString(FormatDate(*m.range_end, m.granularity), &out);
      }
      out += ",\"kind\":";
      AppendJsonString(DateKindName(m.kind), &out);
      out += '}';
    }
    out += ']';
  }
  out += '}';
  return out;
}

void RegisterExtract(CLI::App& app, ExtractArgs& args) {
  auto* cmd = app.add_subcommand(
      "extract",
      "Read one text per line on stdin and print one JSON object per line:\n"
      "{\"numbers\":[{text,start,end,value,qualifier}],\"dates\":[{text,start,end,date}]},\n"
      "offsets in Unicode code points of the line.");
  cmd->add_option("--what", args.what, "comma-separated: numbers, dates (default: numbers,dates)");
  cmd->add_option("--ref-date", args.ref_date,
                  "YYYY-MM-DD: resolve relative dates (أمس، الجمعة، منذ 3 أيام) against this day "
                  "(default: none, they stay null)");
}

int RunExtract(const ExtractArgs& args, std::istream& in, std::ostream& out, std::ostream& err) {
  ExtractSelection sel;
  if (!ParseWhat(args.what, &sel)) {
    err << "akhbar: --what " << args.what << ": expected a comma-separated list of numbers, dates\n";
    return kUsage;
  }
  if (!args.ref_date.empty()) {
    sel.reference = ParseIsoDate(args.ref_date);
    if (!sel.reference) {
      err << "akhbar: --ref-date " << args.ref_date << ": expected a date YYYY-MM-DD\n";
      return kUsage;
    }
  }
  int rc = kOk;
  std::string line;
  size_t lineno = 0;
  std::string buf;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!IsValidUtf8(line)) {
      err << "akhbar: stdin:" << lineno << ": not valid UTF-8\n";
      rc = kSomeFailed;
      buf += "{";
      if (sel.numbers) buf += "\"numbers\":[]";
      if (sel.dates) buf += sel.numbers ? ",\"dates\":[]" : "\"dates\":[]";
      buf += ",\"error\":\"not valid UTF-8\"}\n";
    } else {
      buf += ExtractLineToJson(line, sel);
      buf += '\n';
    }
    if (buf.size() >= (1u << 20)) {
      out << buf;
      buf.clear();
    }
  }
  out << buf;
  out.flush();
  return rc;
}

int RunExtract(const ExtractArgs& args) {
  std::ios::sync_with_stdio(false);
  return RunExtract(args, std::cin, std::cout, std::cerr);
}

}  // namespace akhbar::cli
