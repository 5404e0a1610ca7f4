// Internal: the binary form of the event clusterer's state
// (events::EventState) kept in cluster_state, and the JSON form of event
// summaries kept in events.summary.
//
// Binary layout (little-endian): magic "AKEV", u32 version (EventState::
// kVersion), then the fields of EventState in declaration order; vectors are
// a u32 count then their elements; strings a u32 length then bytes;
// optionals a u8 flag then the value. A blob with another magic or version,
// or one that ends early, is refused with a message (never half-read).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>
#include <string_view>

#include "akhbar/events.h"
#include "akhbar/status.h"
#include "akhbar/storylines.h"

namespace akhbar::store {

std::string EncodeEventState(const events::EventState& state);
Result<events::EventState> DecodeEventState(std::string_view blob);

// EventSummary <-> JSON (README "akhbar timeline --json" documents the
// fields). Decoding fills every field EncodeSummary writes.
std::string EncodeSummary(const stories::EventSummary& s);
Result<stories::EventSummary> DecodeSummary(std::string_view json);

// Adds "claims" and "conflicts" (the form EncodeSummary writes) to *j.
void AddClaimsJson(const std::vector<stories::MergedClaim>& claims, const std::vector<stories::ClaimConflict>& conflicts,
                   nlohmann::ordered_json* j);

// A storyline's detail JSON (events.detail in storylines): its events, its
// first `max_entities` entities, its volume, then claims and conflicts as
// AddClaimsJson adds them. The same bytes as nlohmann's compact dump of that
// object, written directly; ...ForTest builds it with nlohmann.
std::string EncodeStorylineDetail(const stories::Storyline& line, size_t max_entities,
                                  const std::vector<stories::MergedClaim>& claims,
                                  const std::vector<stories::ClaimConflict>& conflicts);
std::string EncodeStorylineDetailForTest(const stories::Storyline& line, size_t max_entities,
                                         const std::vector<stories::MergedClaim>& claims,
                                         const std::vector<stories::ClaimConflict>& conflicts);

// The claims of several events merged once more (a storyline's view): equal
// keys become one claim with every source (one per article), outlets,
// attributions and independent sources (near-duplicate groups) recounted.
// Order: most independent sources first, then first appearance.
std::vector<stories::MergedClaim> MergeEventClaims(const std::vector<const stories::EventSummary*>& events);

}  // namespace akhbar::store
