"""Benchmark: score N synthetic subjects of both blocks through the durable-rules engine, with full
explanations (evidence, quantities, condition text), and print subjects/s and peak memory.

    python bench/bench_scoring.py            # N = 1,000 and 100,000
    python bench/bench_scoring.py 5000       # any N

Subjects are generated and scored in chunks and their results dropped after counting, as a province-wide
job streaming results to disk would, so memory stays flat. Each subject gets a realistic mix of facts and
records that triggers about 3–6 deductions.
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))

from zhibiao.compile import compile_block  # noqa: E402
from zhibiao.repository import find_scheme  # noqa: E402
from zhibiao.scoring import score_block  # noqa: E402
from zhibiao.submission import SubjectInput  # noqa: E402

AS_OF = dt.date(2010, 1, 15)
CHUNK = 2000
COUNT_FACTS = {"A": ["absent_members", "vague_items", "duties_unrecorded", "months_without_service", "missed_duty_shifts",
                     "items_without_service", "issues_not_rectified", "documents_not_relayed"],
               "B": ["absent_members", "vague_items", "duties_unrecorded", "months_without_student_report",
                     "below_observation_requirement", "no_paper_lesson_plan", "missed_teaching_research"]}


def synthetic(rng: random.Random, scheme, block: str, i: int) -> SubjectInput:
    facts = {f.id: f.default for f in scheme.facts_for(block)}
    facts.update(study_held=True, discussion_held=True, plan_missing_elements=0, summary_missing_items=0)
    for fid in rng.sample(COUNT_FACTS[block], rng.randint(2, 4)):
        facts[fid] = rng.randint(1, 3)
    if rng.random() < 0.1:
        facts["leader_not_invited"] = True
    records: dict[str, list[dict]] = {"teacher_evaluations": [
        {"teacher": f"教师{j}", "semester": "2009-2010-1", "satisfaction": Decimal(rng.choice(["58.5", "72", "86", "91.5"]))}
        for j in range(rng.randint(1, 3))]}
    if block == "A":
        records["temporary_tasks"] = [{"task": "临时任务", "completed": rng.random() < 0.9, "delay_days": rng.choice([0, 3, 9])}]
    else:
        records["class_attendance"] = [{"class": "班级", "semester": "2009-2010-1",
                                        "rates": [Decimal(rng.choice([45, 48, 62, 90])) for _ in range(5)]}]
    return SubjectInput(f"{block}{i:06d}", block, facts, records, supplied=frozenset(facts))


def run(n: int, seed: int = 7) -> tuple[float, int, int]:
    scheme = find_scheme("cz-quality-season")
    rng = random.Random(seed)
    for b in ("A", "B"):
        compile_block(scheme, b, AS_OF)  # compile and register once, outside the timing
    deductions = scored = 0
    gen_time = 0.0
    start = time.perf_counter()
    done = 0
    while done < n:
        size = min(CHUNK, n - done)
        t0 = time.perf_counter()
        chunk = {b: [synthetic(rng, scheme, b, done + k) for k in range(size) if (k % 2 == 0) == (b == "A")] for b in "AB"}
        gen_time += time.perf_counter() - t0
        for b, subjects in chunk.items():
            for res in score_block(compile_block(scheme, b, AS_OF), subjects):
                deductions += len(res.deductions)
                scored += 1
        done += size
    elapsed = time.perf_counter() - start - gen_time
    return scored / elapsed, deductions, scored


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1_000, 100_000]
    print(f"{'N':>9}  {'评分速度(个/秒)':>14}  {'平均扣分条数':>10}  {'峰值内存(MB)':>10}")
    for n in sizes:
        rate, deductions, scored = run(n)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{scored:>9}  {rate:>14,.0f}  {deductions / scored:>10.2f}  {peak_mb:>10.1f}", flush=True)


if __name__ == "__main__":
    main()
