// Internal: the JSON answers of `akhbar serve`, computed from a Store. No
// HTTP here (server.cc maps requests to these functions), so each answer is
// a plain function of the store and the request parameters.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "akhbar/store.h"

namespace akhbar::serve {

using Json = nlohmann::ordered_json;

// Query parameters as decoded by the HTTP layer (a name may repeat).
using Params = std::multimap<std::string, std::string>;

struct Reply {
  int status = 200;
  Json body;
};

Reply Error(int status, std::string message);

// JSON text; invalid UTF-8 in stored text is replaced (U+FFFD), never sent raw.
std::string Dump(const Json& j);

// &, <, >, " and ' as character references.
std::string HtmlEscape(std::string_view s);

struct ApiLimits {
  size_t max_query_bytes = 1024;  // per parameter value
  size_t max_params = 32;
};

// GET /api/storylines?limit=&offset=&entity=&outlet=&from=&to=
Reply ListStorylines(Store& store, const Params& params, const ApiLimits& limits);
// GET /api/storylines/{id}
Reply GetStoryline(Store& store, std::string_view id);
// GET /api/events/{id}
Reply GetEvent(Store& store, std::string_view id);
// GET /api/articles/{id}
Reply GetArticle(Store& store, std::string_view id);
// GET /api/entities/{id}
Reply GetEntity(Store& store, std::string_view id);
// GET /api/search?q=&from=&to=&outlet=&entity=&limit=
Reply SearchArticles(Store& store, const Params& params, const ApiLimits& limits);
// GET /healthz
Reply Health(Store& store);

// The OpenAPI 3 document of the API (JSON text, built into the binary).
std::string_view OpenApiDocument();

}  // namespace akhbar::serve
