-- One run's trending searches in a geo, most searched first.
SELECT term, traffic, traffic_min, articles, started, geo FROM trends_trending
WHERE run_id = ? AND geo = ?
ORDER BY traffic_min DESC NULLS LAST, term;
