#include "cli/output.h"

#include <cstdio>

namespace akhbar::cli {

void Output::Line(std::string_view s) {
  buf_.append(s);
  buf_.push_back('\n');
  if (buf_.size() >= (1u << 20)) Flush();
}

void Output::Flush() {
  if (!buf_.empty()) {
    std::fwrite(buf_.data(), 1, buf_.size(), stdout);
    buf_.clear();
  }
  std::fflush(stdout);
}

void Diagnose(std::string_view where, std::string_view reason) {
  // Readers may already name the document at the start of their message.
  if (reason.substr(0, where.size()) == where) {
    std::fprintf(stderr, "akhbar: %.*s\n", static_cast<int>(reason.size()), reason.data());
    return;
  }
  std::fprintf(stderr, "akhbar: %.*s: %.*s\n", static_cast<int>(where.size()), where.data(),
               static_cast<int>(reason.size()), reason.data());
}

bool ParseFieldMappings(const std::vector<std::string>& specs, std::map<std::string, std::string>* out) {
  static const char* const kNames[] = {"id", "content", "title", "url", "outlet", "published", "fetched_at"};
  for (const auto& spec : specs) {
    auto eq = spec.find('=');
    std::string name = spec.substr(0, eq);
    bool known = false;
    for (const char* n : kNames) known = known || name == n;
    if (eq == std::string::npos || eq + 1 == spec.size() || !known) {
      std::fprintf(stderr,
                   "akhbar: --field %s: expected NAME=FIELD with NAME one of id, content, title, url, "
                   "outlet, published, fetched_at\n",
                   spec.c_str());
      return false;
    }
    (*out)[name] = spec.substr(eq + 1);
  }
  return true;
}

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          *out += buf;
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
}

std::string SummaryRow(const AnalyzedDocument& doc) {
  std::string row = doc.id.str();
  row += " | ";
  row += doc.language;
  row += " | ";
  row += std::to_string(doc.tokens);
  row += " tokens | ";
  row += doc.article.title;
  if (!doc.warnings.empty()) row += " | warnings: " + std::to_string(doc.warnings.size());
  return row;
}

}  // namespace akhbar::cli
