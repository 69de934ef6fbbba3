SELECT 9007199254740993, "\u00e9\ud83d\ude00", 'it''s' -- comment
/* block */