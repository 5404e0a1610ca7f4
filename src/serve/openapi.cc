// The OpenAPI 3 document of `akhbar serve` (served at /api/openapi.json).
// Written by hand to match api.cc; serve_test checks that it parses and
// names every route the server answers.
#include "serve/api.h"

namespace akhbar::serve {

namespace {

constexpr std::string_view kOpenApi = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "akhbar",
    "version": "1",
    "description": "Read-only JSON API over an akhbar store: storylines, their timelines, events, articles, entities and full-text search; optional JSON Lines ingest. Errors are {\"error\": message} with the status code: 400 bad parameter, 401 missing or wrong token, 403 ingest disabled, 404 unknown id or path, 405 wrong method, 413 body too large, 500/503 store failure. Unknown query parameters, repeated parameters and values longer than the server's bound (default 1024 bytes) are 400."
  },
  "servers": [{"url": "/"}],
  "paths": {
    "/healthz": {
      "get": {
        "summary": "Liveness and article counts",
        "responses": {
          "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus text format: akhbar_http_requests_total{route,status}, akhbar_http_request_duration_seconds (histogram by route), akhbar_articles_stored{kind}",
        "responses": {"200": {"description": "metrics", "content": {"text/plain": {"schema": {"type": "string"}}}}}
      }
    },
    "/api/openapi.json": {
      "get": {
        "summary": "This document",
        "responses": {"200": {"description": "OpenAPI 3 document", "content": {"application/json": {"schema": {"type": "object"}}}}}
      }
    },
    "/api/storylines": {
      "get": {
        "summary": "Storylines, largest (articles) first, paged and filtered",
        "parameters": [
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 20}},
          {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}},
          {"name": "entity", "in": "query", "description": "an entity id: storylines with an article naming it", "schema": {"type": "string"}},
          {"name": "outlet", "in": "query", "description": "exact outlet name: storylines with an article from it", "schema": {"type": "string"}},
          {"name": "from", "in": "query", "description": "YYYY-MM-DD: storylines ending on or after this day (undated ones are left out)", "schema": {"type": "string", "format": "date"}},
          {"name": "to", "in": "query", "description": "YYYY-MM-DD: storylines starting on or before this day (undated ones are left out)", "schema": {"type": "string", "format": "date"}}
        ],
        "responses": {
          "200": {"description": "a page of storylines", "content": {"application/json": {"schema": {
            "type": "object",
            "properties": {
              "total": {"type": "integer", "description": "storylines matching the filters"},
              "limit": {"type": "integer"},
              "offset": {"type": "integer"},
              "storylines": {"type": "array", "items": {"$ref": "#/components/schemas/Storyline"}}
            }}}}},
          "400": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/": {
      "get": {
        "summary": "The web page (Arabic, right to left): one HTML document whose script shows storylines, timelines, events, articles, entities and search by the URL fragment (#/storylines/{id}, ...)",
        "responses": {"200": {"description": "index.html", "content": {"text/html": {}}}}
      }
    },
    "/api/storylines/{id}": {
      "get": {
        "summary": "A storyline's timeline: dated events in date order, undated events apart, its entities, volume per day and claims",
        "parameters": [{"$ref": "#/components/parameters/NumericId"}],
        "responses": {
          "200": {"description": "the storyline", "content": {"application/json": {"schema": {
            "allOf": [{"$ref": "#/components/schemas/Storyline"}, {"type": "object", "properties": {
              "claims": {"type": "array", "items": {"$ref": "#/components/schemas/Claim"}},
              "conflicts": {"type": "array", "items": {"$ref": "#/components/schemas/Conflict"}},
              "timeline": {"type": "array", "items": {"$ref": "#/components/schemas/TimelineEvent"}},
              "undated": {"type": "array", "items": {"$ref": "#/components/schemas/TimelineEvent"}}
            }}]}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/events/{id}": {
      "get": {
        "summary": "An event's summary and its articles grouped by near-duplicate group",
        "parameters": [{"$ref": "#/components/parameters/NumericId"}],
        "responses": {
          "200": {"description": "the event", "content": {"application/json": {"schema": {
            "allOf": [{"$ref": "#/components/schemas/Event"}, {"type": "object", "properties": {
              "storyline": {"type": "object", "properties": {"id": {"type": "integer"}, "title": {"type": "string"}}},
              "duplicate_groups": {"type": "array", "items": {"type": "object", "properties": {
                "representative": {"type": "string", "description": "article id of the group's representative"},
                "articles": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleBrief"}}
              }}}
            }}]}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/articles/{id}": {
      "get": {
        "summary": "A stored article with its extraction results (offsets are Unicode code points of body)",
        "parameters": [{"name": "id", "in": "path", "required": true, "description": "the article id, percent-encoded (ids may contain / : #)", "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "the article", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Article"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/entities/{id}": {
      "get": {
        "summary": "An entity over the store: names, spelling variants, type, roles, articles, storylines and its quotations",
        "parameters": [{"name": "id", "in": "path", "required": true, "description": "an entity id such as per:0123456789abcdef", "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "the entity", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Entity"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/search": {
      "get": {
        "summary": "Ranked full-text search (BM25); title and snippet are HTML-escaped with matches in <mark>",
        "parameters": [
          {"name": "q", "in": "query", "required": true, "description": "words (all must match), \"a phrase\", prefix*, a OR b, a AND b, a NOT b", "schema": {"type": "string"}},
          {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}},
          {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}},
          {"name": "outlet", "in": "query", "schema": {"type": "string"}},
          {"name": "entity", "in": "query", "description": "only articles naming this entity id", "schema": {"type": "string"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}}
        ],
        "responses": {
          "200": {"description": "results, best first", "content": {"application/json": {"schema": {
            "type": "object",
            "properties": {
              "query": {"type": "string"},
              "count": {"type": "integer"},
              "results": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "string"}, "kind": {"type": "string"},
                "title": {"type": "string", "description": "HTML: escaped, matches in <mark>"},
                "outlet": {"type": "string", "nullable": true}, "date": {"type": "string", "nullable": true},
                "snippet": {"type": "string", "description": "HTML: escaped, matches in <mark>, … at cuts"},
                "score": {"type": "number", "description": "BM25, lower is better"}
              }}}
            }}}}},
          "400": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/ingest": {
      "post": {
        "summary": "Ingest a JSON Lines body like `akhbar ingest` (only when the server runs with --allow-ingest)",
        "security": [{"bearer": []}],
        "requestBody": {"required": true, "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
        "responses": {
          "200": {"description": "what was stored", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "read": {"type": "integer"}, "added": {"type": "integer"}, "updated": {"type": "integer"},
            "skipped": {"type": "integer"}, "failed": {"type": "integer"}, "teasers": {"type": "integer"},
            "failures": {"type": "array", "items": {"type": "object", "properties": {"where": {"type": "string"}, "reason": {"type": "string"}}}},
            "clusters": {"type": "object"}
          }}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"},
          "403": {"$ref": "#/components/responses/Error"},
          "413": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/static/{path}": {
      "get": {
        "summary": "Static files of the web page (no traversal: ., .. and empty segments are refused)",
        "parameters": [{"name": "path", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "the file"},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    }
  },
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "the --token of akhbar serve (required when it listens on a non-loopback address)"}},
    "parameters": {
      "NumericId": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 0}}
    },
    "responses": {
      "Error": {"description": "error", "content": {"application/json": {"schema": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}}}}
    },
    "schemas": {
      "Health": {"type": "object", "properties": {"status": {"type": "string"}, "pages": {"type": "integer"}, "teasers": {"type": "integer"}, "schema_version": {"type": "integer"}}},
      "EntityWeight": {"type": "object", "properties": {"id": {"type": "string"}, "type": {"type": "string"}, "canonical": {"type": "string"}, "latin": {"type": "string"}, "weight": {"type": "number"}, "articles": {"type": "integer"}}},
      "Storyline": {"type": "object", "properties": {
        "id": {"type": "integer", "description": "its smallest event id"},
        "title": {"type": "string"},
        "first_date": {"type": "string", "format": "date", "nullable": true},
        "last_date": {"type": "string", "format": "date", "nullable": true},
        "events": {"type": "integer"}, "articles": {"type": "integer"},
        "entities": {"type": "array", "items": {"$ref": "#/components/schemas/EntityWeight"}, "description": "main entities (the first 10 in lists)"},
        "volume": {"type": "array", "items": {"type": "array", "items": {}, "description": "[day, articles]"}}
      }},
      "ClaimSource": {"type": "object", "properties": {"article_id": {"type": "string"}, "outlet": {"type": "string"}, "dup_group": {"type": "string"}, "text": {"type": "string"}, "qualifier": {"type": "string"}, "attributed_to": {"type": "string"}, "attributed_name": {"type": "string"}}},
      "Claim": {"type": "object", "properties": {
        "key": {"type": "string"}, "value": {"type": "number"}, "counted": {"type": "string"}, "qualifier": {"type": "string"},
        "main_entity": {"type": "string"}, "independent": {"type": "integer", "description": "independent sources (near-duplicate copies count once)"},
        "outlets": {"type": "array", "items": {"type": "string"}}, "attributions": {"type": "array", "items": {"type": "string"}},
        "sources": {"type": "array", "items": {"$ref": "#/components/schemas/ClaimSource"}}
      }},
      "Conflict": {"type": "object", "properties": {"counted": {"type": "string"}, "main_entity": {"type": "string"}, "claims": {"type": "array", "items": {"type": "integer"}, "description": "indices into claims"}}},
      "Quote": {"type": "object", "properties": {"article_id": {"type": "string"}, "outlet": {"type": "string"}, "speaker_id": {"type": "string"}, "speaker": {"type": "string"}, "text": {"type": "string"}}},
      "Event": {"type": "object", "properties": {
        "id": {"type": "integer"}, "storyline_id": {"type": "integer", "nullable": true},
        "date": {"type": "string", "format": "date", "nullable": true}, "last_date": {"type": "string", "format": "date", "nullable": true},
        "headline": {"type": "string"}, "headline_article": {"type": "string"},
        "summary": {"type": "array", "items": {"type": "string"}},
        "article_count": {"type": "integer"},
        "articles": {"type": "array", "items": {"type": "string"}, "description": "article ids"},
        "outlets": {"type": "array", "items": {"type": "string"}},
        "independent_sources": {"type": "integer"},
        "entities": {"type": "array", "items": {"$ref": "#/components/schemas/EntityWeight"}},
        "quotes": {"type": "array", "items": {"$ref": "#/components/schemas/Quote"}},
        "claims": {"type": "array", "items": {"$ref": "#/components/schemas/Claim"}},
        "conflicts": {"type": "array", "items": {"$ref": "#/components/schemas/Conflict"}}
      }},
      "TimelineEvent": {"type": "object", "description": "an event as a timeline shows it: no article list, at most 10 entities, 5 quotations and 8 claims (the most corroborated; conflicts among them only); the whole event is at /api/events/{id}", "properties": {
        "id": {"type": "integer"}, "storyline_id": {"type": "integer", "nullable": true},
        "date": {"type": "string", "format": "date", "nullable": true}, "last_date": {"type": "string", "format": "date", "nullable": true},
        "headline": {"type": "string"}, "headline_article": {"type": "string"},
        "summary": {"type": "array", "items": {"type": "string"}},
        "article_count": {"type": "integer"},
        "outlets": {"type": "array", "items": {"type": "string"}},
        "independent_sources": {"type": "integer"},
        "entities": {"type": "array", "items": {"$ref": "#/components/schemas/EntityWeight"}},
        "quotes": {"type": "array", "items": {"$ref": "#/components/schemas/Quote"}},
        "quote_count": {"type": "integer"},
        "claims": {"type": "array", "items": {"$ref": "#/components/schemas/Claim"}},
        "claim_count": {"type": "integer"},
        "conflicts": {"type": "array", "items": {"$ref": "#/components/schemas/Conflict"}}
      }},
      "ArticleBrief": {"type": "object", "properties": {"id": {"type": "string"}, "kind": {"type": "string"}, "title": {"type": "string"}, "outlet": {"type": "string", "nullable": true}, "date": {"type": "string", "nullable": true}}},
      "Article": {"type": "object", "properties": {
        "id": {"type": "string"}, "kind": {"type": "string", "enum": ["page", "teaser"]}, "parent_id": {"type": "string", "nullable": true},
        "url": {"type": "string", "nullable": true}, "outlet": {"type": "string", "nullable": true},
        "title": {"type": "string"}, "body": {"type": "string", "description": "paragraphs joined by blank lines"},
        "author": {"type": "string", "nullable": true},
        "published": {"type": "object", "properties": {"date": {"type": "string", "nullable": true}, "kind": {"type": "string"}, "text": {"type": "string", "nullable": true}}},
        "date": {"type": "string", "nullable": true}, "happened": {"type": "string", "nullable": true}, "fetched_at": {"type": "string", "nullable": true},
        "language": {"type": "string"}, "keywords": {"type": "array", "items": {"type": "string"}}, "agencies": {"type": "array", "items": {"type": "object"}},
        "flags": {"type": "array", "items": {"type": "string"}},
        "entities": {"type": "array", "items": {"type": "object"}, "description": "{id, type, canonical, latin, roles, mentions: [{text, start, end}]}"},
        "quotes": {"type": "array", "items": {"type": "object"}, "description": "{speaker_id, speaker, text, start, end, verb}"},
        "claims": {"type": "array", "items": {"type": "object"}, "description": "{value, counted, qualifier, text, start, end, attributed_to, attributed_name, main_entity, key}"},
        "event_id": {"type": "integer", "nullable": true}, "storyline_id": {"type": "integer", "nullable": true},
        "dup_of": {"type": "string", "nullable": true, "description": "representative of its near-duplicate group"}
      }},
      "Count": {"type": "object", "properties": {"text": {"type": "string"}, "count": {"type": "integer"}}},
      "Entity": {"type": "object", "properties": {
        "id": {"type": "string"}, "type": {"type": "string"}, "canonical": {"type": "string"}, "latin": {"type": "string", "nullable": true},
        "names": {"type": "array", "items": {"$ref": "#/components/schemas/Count"}, "description": "canonical names over its articles"},
        "variants": {"type": "array", "items": {"$ref": "#/components/schemas/Count"}, "description": "spellings as written in the articles"},
        "roles": {"type": "array", "items": {"$ref": "#/components/schemas/Count"}},
        "article_count": {"type": "integer"}, "articles_truncated": {"type": "boolean"},
        "articles": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleBrief"}, "description": "in date order, at most 500"},
        "storylines": {"type": "array", "items": {"$ref": "#/components/schemas/Storyline"}},
        "quotes": {"type": "array", "items": {"type": "object", "properties": {"article_id": {"type": "string"}, "outlet": {"type": "string", "nullable": true}, "date": {"type": "string", "nullable": true}, "text": {"type": "string"}, "verb": {"type": "string"}}}}
      }}
    }
  }
}
)json";

}  // namespace

std::string_view OpenApiDocument() { return kOpenApi; }

}  // namespace akhbar::serve
