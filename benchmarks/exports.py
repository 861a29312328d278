"""Exports at scale: every case as CSV (and XLSX), streamed; rows per second and peak memory.

    python benchmarks/exports.py [--cases 1000000] [--xlsx-rows 100000] [--seed 7]

Uses the PostgreSQL database ``netra_analytics`` (``NETRA_DATABASE_URL`` overrides), topped up to
``--cases`` generated cases like benchmarks/analytics_scale.py. Writes to /dev/null through the same
generators the download views and ``netra export cases`` use; peak memory is the process's high-water
resident set (VmHWM, Django included). Goals (issue 11): one million rows in under 200 MB and at
>= 50,000 rows/s for CSV.
"""

import argparse
import os
import time

from analytics_data import DEFAULT_DB, add_cases, case_count, ensure_demo, machine, setup


def _peak_mb() -> float:
    with open(f"/proc/{os.getpid()}/status") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    return kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database", default=DEFAULT_DB)
    args = parser.parse_args()
    setup(args.database)
    print(machine())
    ensure_demo()
    if (missing := args.cases - case_count()) > 0:
        add_cases(missing, seed=args.seed)
    from netra.analytics.render import exports
    from netra.analytics.selectors import case_export_all

    print(f"before export: peak RSS {_peak_mb():.0f} MB")
    started = time.perf_counter()
    rows = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for text in exports.case_csv(case_export_all()):
            sink.write(text)
            rows += text.count("\n")
    seconds = time.perf_counter() - started
    rate = (rows - 1) / seconds
    print(f"CSV: {rows - 1:,} rows in {seconds:.1f} s = {rate:,.0f} rows/s; peak RSS {_peak_mb():.0f} MB")
    started = time.perf_counter()
    limited = case_export_all()[: args.xlsx_rows]
    with exports.xlsx_file(exports.case_rows(limited), "kasus") as made:
        size = made.seek(0, os.SEEK_END)
    seconds = time.perf_counter() - started
    print(
        f"XLSX: {args.xlsx_rows:,} rows in {seconds:.1f} s = {args.xlsx_rows / seconds:,.0f} rows/s, "
        f"{size / 2**20:.0f} MB file; peak RSS {_peak_mb():.0f} MB"
    )
    print(machine())


if __name__ == "__main__":
    main()
