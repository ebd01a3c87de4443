"""Benchmark: the rule engine's path against a compiled plain-Python reading of the same rules, side by side.

Both paths score the same synthetic subjects of both blocks of the 002 scheme and produce the same Result (every
deduction with its evidence, caps, floors); the only difference is who decides the conditions — durable-rules, or
Python closures compiled from the same YAML (`compile.python`, the reading the differential test checks the engine
against). A second pair of columns also builds the full Trace of every subject (`trace.trace_subject`: every rule,
applied or not, with the facts it read). Printed: subjects per second for each, the engine/floor ratio, peak memory.

    python bench/bench_scoring.py            # N = 1,000 and 100,000
    python bench/bench_scoring.py 5000       # any N
    python bench/bench_scoring.py --profile 20000   # where the engine path's time goes (cProfile, top entries)

Subjects are generated and scored in chunks and their results dropped after counting, as a province-wide job
streaming results to disk would, so memory stays flat. Generation time is excluded. Rates are measured in CPU time
of this process, so that other work on the machine does not blur the comparison. Each subject gets a realistic
mix of facts and records that triggers about 3–6 deductions.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import pstats
import random
import resource
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))

from zhibiao.compile.scheme import compile_block  # noqa: E402
from zhibiao.evaluate.scoring import engine_decisions, python_decisions, score_block  # noqa: E402
from zhibiao.model.submission import SubjectInput  # noqa: E402
from zhibiao.repository import PACKAGE_CHECKOUT, Repository  # noqa: E402
from zhibiao.trace.explain import trace_subject  # noqa: E402

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


def run(n: int, decide, traces: bool, seed: int = 7) -> tuple[float, int, int]:
    scheme = Repository(PACKAGE_CHECKOUT).scheme("cz-quality-season")
    rng = random.Random(seed)
    blocks = {b: compile_block(scheme, b, AS_OF) for b in "AB"}
    for b in blocks.values():  # compile and register once, outside the timing
        list(score_block(b, [synthetic(rng, scheme, b.block, 0)], decide=decide))
    deductions = scored = 0
    elapsed = 0.0
    done = 0
    while done < n:
        size = min(CHUNK, n - done)
        chunk = {b: [synthetic(rng, scheme, b, done + k) for k in range(size) if (k % 2 == 0) == (b == "A")] for b in "AB"}
        t0 = time.process_time()
        for b, subjects in chunk.items():
            for res in score_block(blocks[b], subjects, decide=decide):
                deductions += len(res.deductions)
                scored += 1
                if traces:
                    trace_subject(scheme, AS_OF, res)
        elapsed += time.process_time() - t0
        done += size
    return scored / elapsed, deductions, scored


def main() -> None:
    args = sys.argv[1:]
    if args and args[0] == "--profile":
        n = int(args[1]) if len(args) > 1 else 20_000
        profile = cProfile.Profile()
        profile.runcall(run, n, engine_decisions, False)
        pstats.Stats(profile).sort_stats("tottime").print_stats(15)
        return
    sizes = [int(a) for a in args] or [1_000, 100_000]
    print("评分路径对照：规则引擎（durable-rules 判定条件）与编译后的纯 Python 读法（同一方案、同样的结果与扣分依据）")
    print(f"{'N':>9}  {'引擎(个/秒)':>11}  {'纯Python(个/秒)':>15}  {'比值':>6}  "
          f"{'引擎+完整Trace':>14}  {'纯Python+Trace':>14}  {'比值':>6}  {'扣分条数/个':>10}  {'峰值内存MB':>10}")
    for n in sizes:
        repeat = max(1, min(5, 20_000 // n))  # small N: best of several runs (one run is a few milliseconds)

        def best(decide, traces: bool) -> tuple[float, int, int]:
            return max((run(n, decide, traces) for _ in range(repeat)), key=lambda r: r[0])

        engine_rate, deductions, scored = best(engine_decisions, False)
        floor_rate, _, _ = best(python_decisions, False)
        engine_traced, _, _ = best(engine_decisions, True)
        floor_traced, _, _ = best(python_decisions, True)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{scored:>9,}  {engine_rate:>11,.0f}  {floor_rate:>15,.0f}  {engine_rate / floor_rate:>6.0%}  "
              f"{engine_traced:>14,.0f}  {floor_traced:>14,.0f}  {engine_traced / floor_traced:>6.0%}  "
              f"{deductions / scored:>10.2f}  {peak_mb:>10.1f}", flush=True)
    print("目标（库核心）：引擎路径不低于纯 Python 读法的 50%（含完整 Trace）。")


if __name__ == "__main__":
    main()
