\set n random(0, 9)
UPDATE t SET doc = jsonb_set(doc, '{LastLogin}', to_jsonb(clock_timestamp()::text)) WHERE id = 'k' || :n;
