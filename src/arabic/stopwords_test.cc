// Tests of akhbar/stopwords.h.
#include "akhbar/stopwords.h"

#include <gtest/gtest.h>

#include "akhbar/normalize.h"

namespace akhbar::arabic {
namespace {

TEST(StopwordsTest, Table) {
  const char* stop[] = {"في", "من", "إلى", "على", "عن", "مع", "أن", "إن", "قد", "لم", "لن",
                        "هذا", "هذه", "ذلك", "التي", "الذي", "كان", "كانت", "قال", "قالت",
                        "وقال", "وأضاف", "أكد", "وأكدت", "وفي", "فإن", "ومن", "منها", "عليه",
                        "أيضا", "أيضاً", "هو", "هي", "وهو", "بين", "خلال", "حتى", "و", "مشيرا"};
  for (const char* w : stop) EXPECT_TRUE(IsStopword(MatchKey(w))) << w;
  const char* content[] = {"كوريا", "الشمالية", "روسيا", "الجنود", "أعلن", "صواريخ", "بوتين",
                           "ولي", "اتفاق", "الحرب", "موسكو", "KCNA", "2024", ""};
  for (const char* w : content) EXPECT_FALSE(IsStopword(MatchKey(w))) << w;
  // Entries are in kMatch form: the unnormalized spelling is not a key.
  EXPECT_FALSE(IsStopword("إلى"));
  EXPECT_GT(StopwordCount(), 400u);
}

}  // namespace
}  // namespace akhbar::arabic
