#!/usr/bin/env python3
"""Loads casql_insert.jsonl (one INSERT request body per line) into casql over one keep-alive
connection, failing on the first request that does not succeed. Prints the JSON object
{"ops": documents, "seconds": wall time}."""
import http.client
import json
import sys
import time


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    headers = {"Content-Type": "application/json"}
    bodies = open(path, "rb").read().splitlines()
    docs = 0
    start = time.monotonic()
    for body in bodies:
        conn.request("POST", "/query/service", body, headers)
        response = conn.getresponse()
        answer = json.loads(response.read())
        if response.status != 200 or answer.get("status") != "success":
            sys.exit("load_casql.py: INSERT failed: %s" % json.dumps(answer)[:2000])
        docs += answer["metrics"]["mutationCount"]
    print(json.dumps({"ops": docs, "seconds": time.monotonic() - start}))


if __name__ == "__main__":
    main()
