\set n random(0, :docs - 1)
UPDATE t SET doc = jsonb_set(doc, '{LastLogin}', to_jsonb(clock_timestamp()::text)) WHERE id = 'k' || :n;
