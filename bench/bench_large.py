"""Benchmark: one large submission end to end — the “50 MB in 30 s” target — for JSON, and YAML's reading rate.

The submission has every department of the 002 scheme with N teacher-evaluation records each (20,000 → about
50 MB of JSON). Timed separately: reading the file (load), checking it against the scheme (read), scoring (score)
and writing the JSON result (render); peak memory. YAML is read through the same reader at a smaller size and its
rate extrapolated: YAML files above the declared limit (limits.yaml_bytes) are refused with a message recommending
JSON. Figures are printed beside the previous run's (.artifacts/bench-large-last.json).

    python bench/bench_large.py            # 20,000 records per department (≈ 50 MB)
    python bench/bench_large.py 2000       # any N
"""

from __future__ import annotations

import io
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "engine"))

from ruamel.yaml import YAML  # noqa: E402

from zhibiao import api  # noqa: E402
from zhibiao.evaluate.run import score_submission  # noqa: E402
from zhibiao.limits import DEFAULT  # noqa: E402
from zhibiao.load import load_file, load_text  # noqa: E402
from zhibiao.repository import PACKAGE_CHECKOUT, Repository  # noqa: E402

BASELINE = HERE.parent / ".artifacts" / "bench-large-last.json"


def submission(rows: int) -> dict:
    rng = random.Random(1)
    scheme = Repository(PACKAGE_CHECKOUT, history=None).scheme("cz-quality-season")
    subjects = []
    for block in scheme.blocks:
        for name in block.subjects:
            facts = {"study_held": True, "discussion_held": True, "plan_missing_elements": rng.randint(0, 2),
                     "summary_missing_items": rng.randint(0, 2), "absent_members": rng.randint(0, 3)}
            evaluations = [{"teacher": f"教师{i:05d}", "semester": "2009秋", "satisfaction": round(rng.uniform(50, 99), 1)}
                           for i in range(rows)]
            subjects.append({"name": name, "block": block.id, "facts": facts,
                             "records": {"teacher_evaluations": evaluations}})
    return {"kind": "submission", "scheme": "cz-quality-season",
            "period": {"start": "2009-10-15", "end": "2010-01-15"}, "subjects": subjects}


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    data = submission(rows)
    repo = Repository(PACKAGE_CHECKOUT, history=None)
    now: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "大填报.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        now["json_mb"] = round(path.stat().st_size / 1e6, 1)
        t0 = t = time.perf_counter()
        doc = load_file(path)
        now["load_s"] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        sub, scheme = repo.read_submission(doc)
        now["read_s"] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        result = score_submission(sub, scheme)
        now["score_s"] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        (Path(tmp) / "结果.json").write_text(api.render(result, "json"), encoding="utf-8")
        now["render_s"] = round(time.perf_counter() - t, 2)
        now["total_s"] = round(time.perf_counter() - t0, 2)
    now["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    small = dict(data, subjects=[dict(s, records={"teacher_evaluations": s["records"]["teacher_evaluations"][:2000]})
                                 for s in data["subjects"][:6]])
    buf = io.StringIO()
    YAML().dump(small, buf)
    text = buf.getvalue()
    t = time.perf_counter()
    load_text(text, "填报.yaml")
    rate = len(text.encode("utf-8")) / 1e6 / (time.perf_counter() - t)
    now["yaml_mb_per_s"] = round(rate, 2)
    now["yaml_50mb_s"] = round(50 / rate)
    now["yaml_limit_mb"] = DEFAULT.yaml_bytes // 2 ** 20
    before = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.is_file() else {}
    labels = {"json_mb": "JSON 大小 MB", "load_s": "读取 秒", "read_s": "核对 秒", "score_s": "评分 秒",
              "render_s": "写出结果 秒", "total_s": "合计 秒（目标 ≤ 30）", "peak_mb": "峰值内存 MB",
              "yaml_mb_per_s": "YAML 读取 MB/秒", "yaml_50mb_s": "YAML 50 MB 估计 秒", "yaml_limit_mb": "YAML 上限 MB"}
    print(f"{'':24}{'本次':>10}{'上次':>10}")
    for key, label in labels.items():
        print(f"{label:22}{now[key]:>10}{before.get(key, '—'):>10}")
    BASELINE.parent.mkdir(exist_ok=True)
    BASELINE.write_text(json.dumps(now, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
