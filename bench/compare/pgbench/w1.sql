\set n random(0, :docs - 1)
SELECT doc FROM t WHERE id = 'k' || :n;
