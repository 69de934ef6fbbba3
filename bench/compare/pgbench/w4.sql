\set v random(0, :groups - 1)
SELECT doc FROM t WHERE (doc->>'visits')::int = :v;
