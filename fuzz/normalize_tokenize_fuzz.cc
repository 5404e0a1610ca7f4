// Fuzz target for the Arabic text layer: normalize (both forms, with and
// without offsets), tokenize original and normalized text, stem every Arabic
// token with both stemmers, check stop words and script shares. Traps when
// an invariant breaks: offsets monotone, in range and on code point starts,
// offsets.back() == input size, outputs valid UTF-8, MatchKey equal to the
// kMatch text, tokens ordered, non-empty and in range, stems substrings of
// their token. Inputs that are not valid UTF-8 are skipped.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/language.h"
#include "akhbar/normalize.h"
#include "akhbar/stem.h"
#include "akhbar/stopwords.h"
#include "akhbar/text.h"
#include "akhbar/tokenize.h"

namespace {

using namespace akhbar::arabic;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

void CheckTokens(std::string_view text, const std::vector<Token>& tokens) {
  uint32_t prev = 0;
  for (const Token& t : tokens) {
    Check(t.begin >= prev && t.begin < t.end && t.end <= text.size());
    Check(akhbar::IsValidUtf8(text.substr(t.begin, t.end - t.begin)));
    prev = t.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  if (!akhbar::IsValidUtf8(in)) return 0;
  static SnowballStemmer* snowball = new SnowballStemmer;
  std::vector<Token> tokens;
  Tokenize(in, &tokens);
  CheckTokens(in, tokens);
  for (Form form : {Form::kDisplay, Form::kMatch}) {
    Normalized n = Normalize(in, form);
    Check(akhbar::IsValidUtf8(n.text));
    Check(n.offsets.size() == n.text.size() + 1);
    Check(n.offsets.back() == in.size());
    for (size_t i = 0; i < n.text.size(); ++i) {
      Check(n.offsets[i] <= n.offsets[i + 1]);
      Check(n.offsets[i] < in.size());
      Check((static_cast<unsigned char>(in[n.offsets[i]]) & 0xC0) != 0x80);
    }
    if (form == Form::kMatch) Check(MatchKey(in) == n.text);
    Tokenize(n.text, &tokens);
    CheckTokens(n.text, tokens);
    if (form != Form::kMatch) continue;
    for (const Token& t : tokens) {
      if (t.type != TokenType::kArabicWord) continue;
      std::string_view word = std::string_view(n.text).substr(t.begin, t.end - t.begin);
      std::string_view stem = LightStem(word);
      Check(stem.data() >= word.data() && stem.data() + stem.size() <= word.data() + word.size());
      Check(akhbar::IsValidUtf8(stem));
      Check(akhbar::IsValidUtf8(snowball->Stem(word)));
      (void)IsStopword(word);
    }
  }
  ScriptShare share = MeasureScript(in);
  Check(share.arabic_share >= 0.0 && share.arabic_share <= 1.0);
  return 0;
}
