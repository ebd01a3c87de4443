"""Benchmark: memory and time of `zhibiao batch` for schemes of the general language (issue 11-13, 大批量评分的
全体计算), against `zhibiao score` on the same file as the baseline.

    python bench/bench_population.py              # 5,000 and 40,000 subjects of each scheme
    python bench/bench_population.py 2000 8000    # any two sizes

Two schemes: rules/demo-school-teaching.yaml (rank rules, changes, record measures, vetoes, eligibility, grades,
one award among the eligible) on the synthetic colleges of tests/population.py, and rules/demo-teacher-annual.yaml
(roll-ups teachers → 系部 → 学院, an award by share) on synthetic teachers (30 a 系部). Each run is a fresh process
(its peak RSS is its own) reading a JSON Lines file generated beforehand. Printed side by side: CPU seconds and
peak RSS of `batch` (one process) and of `score` (whole file, the baseline), and the marginal bytes a subject
costs `batch` between the two sizes (the key table, rank tables, what the next level lists of each member).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "engine"))
sys.path.insert(0, str(ROOT / "tests"))

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {engine!r})
from pathlib import Path
from zhibiao import api
repo = api.open_repository(Path({root!r}))
src, mode = Path(sys.argv[1]), sys.argv[2]
t = time.process_time()
if mode == "batch":
    api.score_file(src, src.with_suffix(".out.jsonl"), repository=repo, jobs=1)
else:
    api.score(src, repository=repo)
print(json.dumps({{"cpu": time.process_time() - t, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}}))
"""


def _plain(o: object) -> object:
    if isinstance(o, Decimal):
        return int(o) if o == o.to_integral_value() else float(o)
    return o.isoformat()  # type: ignore[attr-defined]


def _write(kind: str, n: int, folder: Path) -> Path:
    import population
    from zhibiao.load import load_file

    if kind == "school":
        data = {**population.HEADER, "subjects": population.subjects(n, seed=5)}
    else:
        example = json.loads(json.dumps(load_file(ROOT / "examples" / "demo-teacher-annual-2024.yaml").data,
                                        default=_plain, ensure_ascii=False))
        data = population.teachers(example, n, max(3, n // 30))
    return population.write_jsonl(folder / f"{kind}-{n}.jsonl", data)


def _run(src: Path, mode: str) -> dict:
    code = CHILD.format(engine=str(ROOT / "engine"), root=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code, str(src), mode], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    small, large = (int(a) for a in argv[:2]) if len(argv) >= 2 else (5000, 40000)
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'方案':<8}{'考核对象':>10}{'batch CPU 秒':>14}{'batch 峰值 MB':>16}{'score CPU 秒':>14}"
              f"{'score 峰值 MB':>16}")
        for kind in ("school", "teacher"):
            rss = {}
            for n in (small, large):
                src = _write(kind, n, Path(tmp))
                b, s = _run(src, "batch"), _run(src, "score")
                rss[n] = b["rss"]
                print(f"{kind:<8}{n:>10,}{b['cpu']:>14.1f}{b['rss'] / 2**20:>16.1f}{s['cpu']:>14.1f}"
                      f"{s['rss'] / 2**20:>16.1f}")
            print(f"  batch 每个考核对象的内存（{small:,} → {large:,}）：{(rss[large] - rss[small]) / (large - small):,.0f} 字节")


if __name__ == "__main__":
    main(sys.argv[1:])
