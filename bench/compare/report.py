#!/usr/bin/env python3
"""Turns the raw outputs of bench/compare/run.sh into PREFIX.md (medians, ratios, targets) and
PREFIX.png (gnuplot bar chart of throughput relative to PostgreSQL). Exits non-zero when an
output shows a failed measurement (errors from a client, a statement that did not succeed).

usage: report.py RAW_DIR PREFIX CLK_TCK W5_GROUPS "SETTINGS TEXT"
"""
import json
import os
import statistics
import subprocess
import sys

import parse_outputs as parse

WORKLOADS = {
    "W1": "point read by key",
    "W2": "point update by key",
    "W3": "hot-key updates (16 clients, 10 keys)",
    "W4": "secondary-index lookup, 10 rows",
    "W5": "filtered aggregate over all documents, no index (one query)",
    "W6": "bulk load, batches of 500 (one client)",
}
SYSTEMS = ["casql", "postgresql", "postgresql-copy", "sqlite", "ceiling-httplib", "ceiling-nginx"]
# (workload, peer, minimum casql/peer throughput ratio) from issue #10.
TARGETS = [("W1", "ceiling-httplib", 0.9), ("W2", "ceiling-httplib", 0.9),
           ("W2", "postgresql", 0.9), ("W3", "postgresql", 1.0), ("W4", "postgresql", 0.8),
           ("W5", "postgresql", 1.0), ("W5", "sqlite", 1.0), ("W6", "postgresql", 1.0)]


def measurement(workload, system, kind, cpu_ticks, path, clk_tck, w5_groups):
    """One result row from the raw outputs of one measurement."""
    if kind == "wrk":
        row = parse.wrk(path + ".wrk")
        if row["socket_errors"] or (row["non_2xx"] and workload != "W3"):
            raise parse.HarnessError("wrk reported errors for %s %s: %s" % (workload, system,
                                                                             row))
        row["ops"] = row["requests"]
        if system == "casql" and workload in ("W2", "W3"):
            # Successful updates, counted by casql itself; a request whose CAS retries ran
            # out is a conflict (12009), not an update.
            mutations = (parse.metric(path + ".m1", "casql_kv_ops_total") -
                         parse.metric(path + ".m0", "casql_kv_ops_total"))
            conflicts = (parse.metric(path + ".m1", "casql_cas_conflicts_total") -
                         parse.metric(path + ".m0", "casql_cas_conflicts_total"))
            row["ops_per_s"] *= mutations / max(1, row["requests"])
            row["ops"] = mutations
            row["conflict_rate"] = conflicts / max(1, row["requests"])
    elif kind == "pgbench":
        row = parse.pgbench(path + ".out", path + ".log*")
        row["ops"] = row["requests"]
        row["conflict_rate"] = 0.0  # row locks make writers wait instead of failing
    elif kind == "psql-timing":
        row = parse.psql_timing(path + ".out")
        row["ops"] = 1
    elif kind == "casql-once":
        answer = parse.json_file(path + ".body")
        if answer.get("status") != "success" or len(answer["results"]) != w5_groups:
            raise parse.HarnessError("casql %s failed: %s" % (workload, json.dumps(answer)[:1500]))
        row = {"ops": 1, "seconds": float(open(path + ".time").read())}
    else:
        row = parse.json_file(path + ".json")
        if workload == "W5" and row["rows"] != w5_groups:
            raise parse.HarnessError("%s %s returned %d groups" % (system, workload, row["rows"]))
        if "busy" in row:
            row["conflict_rate"] = row["busy"] / max(1, row["ops"] + row["busy"])
    if "ops_per_s" not in row:
        row["ops_per_s"] = row["ops"] / row["seconds"]
    cpu = row["cpu_seconds"] if cpu_ticks == "-" else int(cpu_ticks) / clk_tck
    row["cpu_us_per_op"] = 1e6 * cpu / row["ops"] if row["ops"] else None
    row.update(workload=workload, system=system)
    return row


def medians(rows):
    """{(workload, system): {field: median over repeats}}"""
    grouped = {}
    for row in rows:
        grouped.setdefault((row["workload"], row["system"]), []).append(row)
    out = {}
    for key, group in grouped.items():
        fields = {}
        for field in ("ops_per_s", "p50_ms", "p99_ms", "cpu_us_per_op", "conflict_rate",
                      "seconds"):
            values = [r[field] for r in group if r.get(field) is not None]
            if values:
                fields[field] = statistics.median(values)
        fields["repeats"] = len(group)
        out[key] = fields
    return out


def fmt(value, digits=1):
    if value is None:
        return "-"
    if abs(value) >= 1000:
        return "{:,.0f}".format(value)
    return "{:.{}f}".format(value, digits)


def table(med, workload):
    lines = []
    if workload in ("W5", "W6"):
        lines.append("| system | wall time (s) | rate | CPU s/op (server) | casql/this |")
        lines.append("|---|---:|---:|---:|---:|")
    else:
        lines.append("| system | ops/s | p50 ms | p99 ms | CPU µs/op (server) | conflict rate "
                     "| casql/this |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|")
    casql = med.get((workload, "casql"), {}).get("ops_per_s")
    for system in SYSTEMS:
        m = med.get((workload, system))
        if not m:
            continue
        ratio = fmt(casql / m["ops_per_s"], 2) + "x" if casql and m.get("ops_per_s") else "-"
        if workload in ("W5", "W6"):
            rate = fmt(m["ops_per_s"]) + (" docs/s" if workload == "W6" else " queries/s")
            cpu = m.get("cpu_us_per_op")
            cpu_s = fmt(cpu / 1e6, 3) if workload == "W5" and cpu is not None else (
                fmt(cpu, 1) + " µs/doc" if cpu is not None else "-")
            lines.append("| %s | %s | %s | %s | %s |" % (system, fmt(m.get("seconds"), 3), rate,
                                                          cpu_s, ratio))
        else:
            conflict = m.get("conflict_rate")
            lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                system, fmt(m["ops_per_s"]), fmt(m.get("p50_ms"), 3), fmt(m.get("p99_ms"), 3),
                fmt(m.get("cpu_us_per_op")),
                "-" if conflict is None else "{:.2%}".format(conflict), ratio))
    return lines


def chart(med, prefix):
    data = prefix + ".dat"
    shown = [s for s in SYSTEMS if any((w, s) in med for w in WORKLOADS)]
    with open(data, "w") as f:
        f.write("workload " + " ".join(shown) + "\n")
        for workload in WORKLOADS:
            base = med.get((workload, "postgresql"), {}).get("ops_per_s")
            cells = []
            for system in shown:
                value = med.get((workload, system), {}).get("ops_per_s")
                cells.append("%.4f" % (value / base) if value and base else "?")
            f.write(workload + " " + " ".join(cells) + "\n")
    script = """
set terminal pngcairo size 1100,520 font ",10"
set output '%s.png'
set title "Throughput relative to PostgreSQL (median of repeats; higher is better)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set datafile missing "?"
set key top left
set grid ytics
set yrange [0:*]
set ylabel "ops/s relative to PostgreSQL"
plot for [i=2:%d] '%s' using i:xtic(1) title columnheader(i)
""" % (prefix, len(shown) + 1, data)
    subprocess.run(["gnuplot"], input=script.encode(), check=True)
    os.remove(data)


def main():
    raw, prefix, clk_tck, w5_groups, settings = sys.argv[1:6]
    rows = []
    try:
        for line in open(os.path.join(raw, "runs.txt")):
            workload, system, _, kind, cpu_ticks, path = line.split()
            rows.append(measurement(workload, system, kind, cpu_ticks, path, int(clk_tck),
                                    int(w5_groups)))
    except parse.HarnessError as e:
        sys.exit("report.py: %s" % e)
    if not rows:
        sys.exit("report.py: no results")
    med = medians(rows)
    lines = ["# casql against PostgreSQL and SQLite, %s" % os.path.basename(prefix), "",
             "Settings: `%s`. Medians over repeats; all systems on 127.0.0.1 of the same "
             "machine, measured in one run. CPU is the server's (for SQLite, the embedded "
             "driver's). Produced by `bench/compare/run.sh`." % settings, "",
             "![throughput relative to PostgreSQL](%s.png)" % os.path.basename(prefix), "",
             "## Targets", "", "| workload | against | target | measured | met |",
             "|---|---|---:|---:|---|"]
    for workload, peer, target in TARGETS:
        casql = med.get((workload, "casql"), {}).get("ops_per_s")
        other = med.get((workload, peer), {}).get("ops_per_s")
        if not casql or not other:
            lines.append("| %s | %s | %.1fx | not measured | - |" % (workload, peer, target))
            continue
        ratio = casql / other
        lines.append("| %s | %s | %.1fx | %.2fx | %s |" % (workload, peer, target, ratio,
                                                           "yes" if ratio >= target else "no"))
    for workload, title in WORKLOADS.items():
        if any(k[0] == workload for k in med):
            lines += ["", "## %s: %s" % (workload, title), ""] + table(med, workload)
    with open(prefix + ".md", "w") as f:
        f.write("\n".join(lines) + "\n")
    chart(med, prefix)


if __name__ == "__main__":
    main()
