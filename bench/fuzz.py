"""The long fuzz profile: 10,000 inputs (mutated YAML and JSON submissions, generated data, mutated schemes) through
load → check → score → every renderer → explain. Every input must end in a result or located Chinese problems
within 5 seconds; anything else is a crash and is listed. Prints counts and timings beside the previous run's.

    python bench/fuzz.py                 # 10,000 inputs, 300 of them schemes, seed 1
    python bench/fuzz.py 2000 --seed 7   # any count and seed
    python bench/fuzz.py --schemes 50

The quick profile of the same property runs in the normal test suite (tests/badinput/test_fuzz.py, hypothesis).
Exit status 1 when anything crashed or took longer than 5 seconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "engine"))
sys.path.insert(0, str(HERE.parent / "tests" / "badinput"))

from fuzzing import ROOT, Tally, attempt, attempt_cli, inputs  # noqa: E402

from zhibiao.repository import Repository  # noqa: E402

BASELINE = HERE.parent / ".artifacts" / "fuzz-last.json"


def main() -> int:
    parser = argparse.ArgumentParser(description="质标输入模糊测试（长程）")
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--schemes", type=int, default=300, help="其中变异的考核方案个数（每个约 0.5 秒）")
    args = parser.parse_args()
    repo = Repository(ROOT)
    tally = Tally()
    kinds: dict[str, int] = {}
    start = time.perf_counter()
    for n, (kind, name, source) in enumerate(inputs(args.seed, args.count, args.schemes), 1):
        outcome = attempt(repo, name, source, tally, kind)
        if kind == "submission" and isinstance(source, str) and n % 10 == 0:  # every tenth also as a user runs it
            attempt_cli(repo, name, source, tally, ("json", "table", "csv", "markdown")[n // 10 % 4])
            kinds["命令行"] = kinds.get("命令行", 0) + 1
        kinds[f"{kind}:{outcome}"] = kinds.get(f"{kind}:{outcome}", 0) + 1
        if n % 1000 == 0:
            print(f"  {n} 个输入，{time.perf_counter() - start:.0f} 秒，崩溃 {len(tally.crashes)}", file=sys.stderr)
    wall = time.perf_counter() - start
    secs = sorted(tally.seconds)
    now = {"inputs": args.count, "seed": args.seed, "results": tally.results, "errors": tally.errors,
           "crashes": len(tally.crashes), "over_5s": len(tally.slow), "wall_s": round(wall, 1),
           "median_ms": round(statistics.median(secs) * 1000, 1), "p99_ms": round(secs[int(len(secs) * 0.99)] * 1000, 1),
           "max_ms": round(secs[-1] * 1000, 1)}
    before = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.is_file() else {}
    print(f"{'':14}{'本次':>12}{'上次':>12}")
    for key, label in (("inputs", "输入"), ("results", "得出结果"), ("errors", "中文问题"), ("crashes", "崩溃"),
                       ("over_5s", "超过 5 秒"), ("wall_s", "总耗时 秒"), ("median_ms", "中位 毫秒"), ("p99_ms", "P99 毫秒"),
                       ("max_ms", "最长 毫秒")):
        print(f"{label:12}{now[key]:>12}{before.get(key, '—'):>12}")
    print("按种类：" + "，".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    for line in (tally.crashes + tally.slow)[:30]:
        print("  ✗ " + line)
    BASELINE.parent.mkdir(exist_ok=True)
    BASELINE.write_text(json.dumps(now, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if tally.crashes or tally.slow else 0


if __name__ == "__main__":
    sys.exit(main())
