"""A synthetic college population for the general language (tests of `zhibiao batch` against `api.score`):
thousands of 二级学院 under rules/demo-school-teaching.yaml whose facts take few values, so totals, contest
points and complaint counts tie often — across chunk boundaries and at award quotas."""

from __future__ import annotations

import copy
import json
import random
from decimal import Decimal
from pathlib import Path

from zhibiao.load import load_file

HEADER = {"kind": "submission", "scheme": "demo-school-teaching", "college": "合成职业技术学院",
          "period": {"name": "2024年度", "start": "2024-01-01", "end": "2024-12-31"}}


def subjects(count: int, seed: int = 1) -> list[dict]:
    rnd = random.Random(seed)
    out = []
    for i in range(count):
        facts = {"unapproved_class_changes": rnd.choice([0, 0, 1, 2]), "unrectified_issues": rnd.choice([0, 0, 1]),
                 "student_rating": rnd.choice([79.5, 84.99, 88, 91.2, 95]),
                 "employment_rate": rnd.choice([84, 90, 93.5, 96.3, 98]),
                 "program_grade": rnd.choice("优优良中差"), "verified_complaints": rnd.choice([0, 0, 1, 2, 9])}
        if rnd.random() < 0.01:
            facts["major_safety_accident"] = True
        records: dict[str, list] = {}
        if rnd.random() < 0.15:
            records["teaching_incidents"] = [{"summary": "事故", "level": rnd.choice(["一级", "二级", "三级", "三级"])}]
        points = rnd.choice([0, 0, 6.5, 12.5, 30])
        if points:
            records["competition_awards"] = [{"contest": "技能大赛", "points": points}]
        if rnd.random() < 0.5:
            records["reform_projects"] = [{"title": "教改", "level": rnd.choice(["省级", "校级"])}]
        subject = {"name": f"第{i:05d}学院", "block": "X", "attributes": {"discipline": rnd.choice(["理工类", "文经类"])},
                   "facts": facts, "previous": {"employment_rate": rnd.choice([85, 92.5, 96])}}
        if records:
            subject["records"] = records
        out.append(subject)
    return out


def _plain(o):
    if isinstance(o, Decimal):
        return int(o) if o == o.to_integral_value() else float(o)
    if hasattr(o, "isoformat"):
        return o.isoformat()
    raise TypeError(o)


def json_data(path: Path) -> dict:
    """A YAML or JSON submission as the plain data a platform sends (dates as text, numbers as JSON numbers)."""
    return json.loads(json.dumps(load_file(path).data, default=_plain, ensure_ascii=False))


def read_results(path: Path) -> dict:
    """A results file (JSON or JSON Lines) as the data `render_json` gives."""
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    rows = path.read_text(encoding="utf-8").splitlines()
    head = json.loads(rows[0])
    assert head.pop("kind") == "result" and head.pop("count") == len(rows) - 1
    return {**head, "subjects": [json.loads(r) for r in rows[1:]]}


def last_period(example: dict) -> dict:
    """The demo school's submission for 2023: this year's `previous` values as its facts (what a results
    database then holds for “last period”)."""
    last = copy.deepcopy(example)
    last["period"] = {"name": "2023年度", "start": "2023-01-01", "end": "2023-12-31"}
    for s in last["subjects"]:
        s["facts"]["employment_rate"] = s["previous"]["employment_rate"]
        s["previous"] = {"employment_rate": 90}
    return last


def write_jsonl(path: Path, data: dict) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({k: v for k, v in data.items() if k != "subjects"}, ensure_ascii=False) + "\n")
        for s in data["subjects"]:
            fh.write(json.dumps(s, ensure_ascii=False) + "\n")
    return path


def teachers(example: dict, count: int, departments: int = 40) -> dict:
    """rules/demo-teacher-annual.yaml at scale: `count` teachers (the example's ten, again and again) in
    `departments` 系部, the 系部 listed among the teachers and the college in the middle of the file (results
    must keep the input order while teachers are scored before the 系部 that roll them up)."""
    template = [s for s in example["subjects"] if s["block"] == "T"]
    dept = [s for s in example["subjects"] if s["block"] == "D"]
    college = next(s for s in example["subjects"] if s["block"] == "C")
    out = []
    for i in range(count):
        t = json.loads(json.dumps(template[i % len(template)], ensure_ascii=False))
        t["name"], t["id"] = f"教师{i:05d}", f"T{i:05d}"
        t["attributes"]["department"] = f"第{(i * 7) % departments:02d}系"
        out.append(t)
        if i % (count // departments or 1) == 0 and i // (count // departments or 1) < departments:
            d = json.loads(json.dumps(dept[len(out) % len(dept)], ensure_ascii=False))
            d["name"] = f"第{i // (count // departments or 1):02d}系"
            out.append(d)
        if i == count // 2:
            out.append(college)
    return {**{k: v for k, v in example.items() if k != "subjects"}, "subjects": out}
