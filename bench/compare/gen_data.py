#!/usr/bin/env python3
"""Generates bench/compare's data set: N documents of about 1 KiB, deterministic.

Writes into OUTDIR:
  docs.tsv            key<TAB>json per line (PostgreSQL COPY text format, SQLite loader)
  casql_insert.jsonl  one /query/service request body per line: INSERT of BATCH documents
                      given as positional parameters
  pg_insert.sql       one INSERT ... VALUES of BATCH rows per line

Keys are k0..k{N-1}. visits = i % (N/10), so every visits value matches exactly 10 documents
(the secondary-index workload returns 10 rows).
"""
import json
import random
import sys

CITIES = ["Amsterdam", "Berlin", "Cairo", "Dublin", "Edinburgh", "Florence", "Geneva",
          "Helsinki", "Istanbul", "Jakarta", "Kyoto", "Lisbon", "Madrid", "Nairobi", "Oslo",
          "Paris", "Quito", "Rome", "Seoul", "Toronto"]
NAMES = ["Ada", "Bo", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivan", "Jun",
         "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"]
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
         "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
         "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu"]


def doc(i, n, rng):
    tags = ["%s-%s-%03d" % (rng.choice(WORDS), rng.choice(WORDS), rng.randrange(1000))
            for _ in range(48)]
    return {
        "id": "k%d" % i,
        "name": "%s %s" % (rng.choice(NAMES), rng.choice(NAMES)),
        "age": rng.randrange(18, 81),
        "city": rng.choice(CITIES),
        "tags": tags,
        "visits": i % max(1, n // 10),
        "LastLogin": "2026-%02d-%02dT%02d:%02d:%02dZ" % (
            rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(24), rng.randrange(60),
            rng.randrange(60)),
    }


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: gen_data.py OUTDIR N BATCH")
    out, n, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(20261122)
    with open(out + "/docs.tsv", "w") as tsv, \
            open(out + "/casql_insert.jsonl", "w") as casql, \
            open(out + "/pg_insert.sql", "w") as pg:
        for start in range(0, n, batch):
            keys, texts = [], []
            for i in range(start, min(n, start + batch)):
                text = json.dumps(doc(i, n, rng), separators=(",", ":"))
                keys.append("k%d" % i)
                texts.append(text)
                tsv.write("k%d\t%s\n" % (i, text))
            # The batch as a client library sends it: one statement text for every batch of
            # this size, the documents as positional parameters.
            values = ", ".join("($%d, $%d)" % (2 * j + 1, 2 * j + 2) for j in range(len(keys)))
            args = ", ".join('"%s", %s' % (k, t) for k, t in zip(keys, texts))
            casql.write('{"statement": "INSERT INTO bench (KEY, VALUE) VALUES %s", "args": [%s]}\n'
                        % (values, args))
            rows = ", ".join("('%s', '%s')" % (k, t) for k, t in zip(keys, texts))
            pg.write("INSERT INTO t (id, doc) VALUES %s;\n" % rows)


if __name__ == "__main__":
    main()
