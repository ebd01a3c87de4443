"""Synthetic province-scale submissions for the benchmarks and the scale tests (written as a stream, any size).

Each subject gets a realistic mix of facts and records of the 002 scheme that triggers about 3–6 deductions
(the same mix as bench_scoring.py). Names are unique (`A000001` …), so every subject is distinct.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Iterator

HEADER = {"kind": "submission", "scheme": "cz-quality-season", "college": "基准测试省",
          "period": {"name": "2009年“质量管理季”（合成数据）", "start": "2009-10-15", "end": "2010-01-15"}}
COUNT_FACTS = {"A": ["absent_members", "vague_items", "duties_unrecorded", "months_without_service", "missed_duty_shifts",
                     "items_without_service", "issues_not_rectified", "documents_not_relayed"],
               "B": ["absent_members", "vague_items", "duties_unrecorded", "months_without_student_report",
                     "below_observation_requirement", "no_paper_lesson_plan", "missed_teaching_research"]}


def subjects(n: int, seed: int = 7) -> Iterator[dict]:
    rng = random.Random(seed)
    for i in range(n):
        block = "AB"[i % 2]
        facts: dict = {"study_held": True, "discussion_held": True, "plan_missing_elements": 0, "summary_missing_items": 0}
        for fid in rng.sample(COUNT_FACTS[block], rng.randint(2, 4)):
            facts[fid] = rng.randint(1, 3)
        if rng.random() < 0.1:
            facts["leader_not_invited"] = True
        records: dict = {"teacher_evaluations": [
            {"teacher": f"教师{j}", "semester": "2009-2010-1", "satisfaction": rng.choice([58.5, 72, 86, 91.5])}
            for j in range(rng.randint(1, 3))]}
        if block == "A":
            records["temporary_tasks"] = [{"task": "临时任务", "completed": rng.random() < 0.9, "delay_days": rng.choice([0, 3, 9])}]
        else:
            records["class_attendance"] = [{"class": "班级", "semester": "2009-2010-1",
                                            "rates": [rng.choice([45, 48, 62, 90]) for _ in range(5)]}]
        yield {"name": f"{block}{i:07d}", "block": block, "facts": facts, "records": records}


def write_jsonl(path: Path, n: int, seed: int = 7) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(HEADER, ensure_ascii=False) + "\n")
        for s in subjects(n, seed):
            fh.write(json.dumps(s, ensure_ascii=False) + "\n")
    return path


def write_json(path: Path, n: int, seed: int = 7) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        head = json.dumps({**HEADER, "subjects": []}, ensure_ascii=False, indent=1)
        fh.write(head[: head.rfind("[")] + "[\n")
        for i, s in enumerate(subjects(n, seed)):
            fh.write((",\n" if i else "") + json.dumps(s, ensure_ascii=False, indent=1))
        fh.write("\n]\n}\n")
    return path
