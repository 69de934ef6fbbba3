"""Parsers for the raw outputs bench/compare/run.sh saves: wrk, pgbench, psql's \\timing, the
Prometheus text of casql's /metrics and the JSON the other helpers print. Each returns a dict
and raises HarnessError on output that shows a failed measurement."""
import glob
import json
import re


class HarnessError(Exception):
    pass


def _to_ms(value, unit):
    return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[unit]


def _percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(p * len(sorted_values)))]


def wrk(path):
    text = open(path).read()
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not m:
        raise HarnessError("no Requests/sec in wrk output %s:\n%s" % (path, text))
    out = {"ops_per_s": float(m.group(1))}
    m = re.search(r"(\d+) requests in ([\d.]+)(\w+),", text)
    out["requests"] = int(m.group(1))
    for pct in ("50", "99"):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s|m)\s*$" % pct, text, re.M)
        out["p%s_ms" % pct] = _to_ms(m.group(1), m.group(2))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    out["non_2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    out["socket_errors"] = sum(int(g) for g in m.groups()) if m else 0
    return out


def pgbench(path, log_glob):
    text = open(path).read()
    m = re.search(r"tps = ([\d.]+) \(without initial connection time\)", text)
    if not m:
        raise HarnessError("no tps in pgbench output %s:\n%s" % (path, text))
    out = {"ops_per_s": float(m.group(1))}
    m = re.search(r"number of failed transactions: (\d+)", text)
    if m and int(m.group(1)):
        raise HarnessError("pgbench reports failed transactions in %s" % path)
    m = re.search(r"number of transactions actually processed: (\d+)", text)
    out["requests"] = int(m.group(1))
    latencies = []
    for log in glob.glob(log_glob):
        with open(log) as f:
            latencies.extend(int(line.split()[2]) for line in f if line.strip())
    if not latencies:
        raise HarnessError("no pgbench transaction log matches " + log_glob)
    latencies.sort()
    out["p50_ms"] = _percentile(latencies, 0.50) / 1000.0
    out["p99_ms"] = _percentile(latencies, 0.99) / 1000.0
    return out


def psql_timing(path):
    m = re.search(r"^Time: ([\d.]+) ms", open(path).read(), re.M)
    if not m:
        raise HarnessError("no \\timing line in psql output " + path)
    return {"seconds": float(m.group(1)) / 1000.0}


def metric(path, name):
    """The sum of a Prometheus counter over all its label sets."""
    total = 0.0
    for line in open(path):
        if line.startswith(name + "{") or line.startswith(name + " "):
            total += float(line.rsplit(None, 1)[1])
    return total


def json_file(path):
    with open(path) as f:
        return json.load(f)
