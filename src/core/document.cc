#include "akhbar/document.h"

namespace akhbar {

const char* ContentFormatName(ContentFormat f) {
  switch (f) {
    case ContentFormat::kText: return "text";
    case ContentFormat::kHtml: return "html";
  }
  return "text";
}

std::string RawDocument::Where() const {
  if (locator.empty()) return input;
  return input + " (" + locator + ")";
}

}  // namespace akhbar
