// Data files compiled into the binary (see akhbar_embed in CMakeLists.txt).
// Each returns the file's bytes; the storage is static and immutable.
#pragma once

#include <string_view>

namespace akhbar::data {

std::string_view Agencies();   // data/agencies.tsv
std::string_view Gazetteer();  // data/gazetteer.tsv
std::string_view IdfPrior();   // data/idf-prior.bin (akhbar_cluster)

}  // namespace akhbar::data
