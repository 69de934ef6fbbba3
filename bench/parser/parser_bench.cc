// Parse cost of representative statements after warm-up (the shared ANTLR DFA cache is filled
// by the first parse of each statement shape). Run: build/parser_bench
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string_view>

#include "parser/parser.h"

namespace casql {
namespace {

constexpr std::string_view kPointLookup = "SELECT * FROM `travel-sample` USE KEYS \"airline_10\"";

constexpr std::string_view kReferenceUpdate =
    "update Project.Dev.admin SET LastLogin = '2023-02-03 11:53:45' WHERE Id = '19'";

constexpr std::string_view kAnalyticQuery = R"sql(
WITH top_routes AS (
  SELECT r.airlineid, COUNT(*) AS routes
  FROM `travel-sample`.inventory.route AS r
  WHERE r.stops = 0 AND r.distance > 1000
  GROUP BY r.airlineid
)
SELECT a.name AS airline,
       a.country,
       tr.routes,
       ARRAY s.day FOR s IN r.schedule WHEN s.utc >= "12:00" END AS afternoon_days,
       CASE WHEN tr.routes > 100 THEN "large"
            WHEN tr.routes > 10 THEN "medium"
            ELSE "small" END AS size,
       RANK() OVER (PARTITION BY a.country ORDER BY tr.routes DESC) AS country_rank,
       SUM(r.distance) AS total_distance,
       AVG(r.distance) AS avg_distance,
       MIN(r.distance) AS min_distance,
       MAX(r.distance) AS max_distance
FROM `travel-sample`.inventory.airline AS a
  JOIN top_routes AS tr ON tr.airlineid = META(a).id
  LEFT OUTER JOIN `travel-sample`.inventory.route AS r ON r.airlineid = META(a).id
  UNNEST r.schedule AS sched
LET min_routes = 5,
    region = LOWER(a.country)
WHERE a.type = "airline"
  AND a.country IN ["United States", "France", "United Kingdom"]
  AND tr.routes >= min_routes
  AND ANY s IN r.schedule SATISFIES s.flight LIKE "AA%" END
  AND r.equipment IS NOT MISSING
  AND (a.callsign IS NOT NULL OR a.icao BETWEEN "A" AND "M")
GROUP BY a.name, a.country, tr.routes, r.schedule
LETTING route_count = COUNT(DISTINCT r.destinationairport)
HAVING route_count > 3 AND SUM(r.distance) > 10000
ORDER BY tr.routes DESC, a.name ASC NULLS LAST
LIMIT $limit
OFFSET $offset
)sql";

void Parse(benchmark::State& state, std::string_view text) {
  if (!ParseStatement(text).ok()) std::abort();  // warm-up, and the statement must be valid
  for (auto _ : state) {
    Result<ast::StatementPtr> r = ParseStatement(text);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

BENCHMARK_CAPTURE(Parse, PointLookup, kPointLookup);
BENCHMARK_CAPTURE(Parse, ReferenceUpdate, kReferenceUpdate);
BENCHMARK_CAPTURE(Parse, AnalyticQuery40Lines, kAnalyticQuery);

}  // namespace
}  // namespace casql
