"""复核结论 (review conclusions) and their consequences, evaluated by durable-rules.

Plain Python only prepares facts (counts the agreeing elements, picks the previous conclusion) and reads the
matches (hit policy “first” by priority); which conclusion and which consequences apply is decided by the
rules compiled from review-procedure.yaml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..conditions import describe, fields_used, holds, params_used, to_durable
from ..errors import Location, Problem
from ..loading import Document, load_file
from ..paths import relative
from ..rete import EngineError, MatchRule, ruleset
from .common import Reader, find_document, load_controlled, suggest

NAMES = {"agree_count": "相符项数", "measures": "改进措施", "conclusion": "本次结论", "previous_conclusion": "上次结论"}
CONCLUSION_FIELDS = {"agree_count", "measures"}
CONSEQUENCE_FIELDS = {"conclusion", "previous_conclusion"}
NO_PREVIOUS = "无"


@dataclass(frozen=True)
class Conclusion:
    id: str
    name: str
    priority: int
    text: str
    condition: dict  # in the condition language, parameters still symbolic
    otherwise: bool


@dataclass(frozen=True)
class Consequence:
    id: str
    name: str
    text: str
    measures: tuple[str, ...]
    condition: dict


@dataclass
class Procedure:
    doc: Document
    params: dict[str, Any]
    conclusions: list[Conclusion]
    consequences: list[Consequence]
    measures_labels: list[str]
    improvement_months: int

    def resolve(self, name: str) -> Any:
        return self.params[name]

    @property
    def element_count(self) -> int:
        return int(self.params["element_count"])


def _combination(raw: Any, params: dict[str, Any]) -> str:
    return params.get(raw["param"], "") if isinstance(raw, dict) else raw


def check_procedure(doc: Document) -> list[Problem]:
    """Semantic checks of a review procedure (parameters, fields, values, exactly one “otherwise”)."""
    data = doc.data
    out: list[Problem] = []
    params = {p["id"]: p["value"] for p in data["parameters"]}
    labels = [m["label"] for m in data["measures_assessments"]]
    names = [c["name"] for c in data["conclusions"]]
    if sorted(names) != sorted(["有效", "异常", "待改进"]):
        out.append(Problem(doc.where(("conclusions",)), f"复核结论应为有效、异常、待改进各一个，实际为 {'、'.join(names)}"))
    if "element_count" not in params:
        out.append(Problem(doc.where(("parameters",)), "缺少参数“element_count”（诊断要素总数）"))
    otherwise = [i for i, c in enumerate(data["conclusions"]) if c.get("otherwise")]
    if len(otherwise) != 1:
        out.append(Problem(doc.where(("conclusions",)), f"应恰有一个结论标明 otherwise（“上述标准以外的其他情况”），实际 {len(otherwise)} 个"))
    for i, c in enumerate(data["conclusions"]):
        ptr = ("conclusions", i)
        if c.get("otherwise") == bool(c.get("conditions")):
            out.append(Problem(doc.where(ptr), f"结论“{c['name']}”应当要么有 conditions，要么标明 otherwise，二者取一"))
        comb = c.get("combination", "all")
        if isinstance(comb, dict) and comb["param"] not in params:
            out.append(Problem(doc.where(ptr + ("combination", "param")), f"结论“{c['name']}”引用的参数“{comb['param']}”不存在"))
        elif _combination(comb, params) not in ("all", "any"):
            out.append(Problem(doc.where(ptr + ("combination",)),
                               f"结论“{c['name']}”的条件组合方式应为 all（全部成立）或 any（任一成立），实际为“{_combination(comb, params)}”"))
        for k, cond in enumerate(c.get("conditions", [])):
            out += _check_condition(doc, ptr + ("conditions", k), cond, CONCLUSION_FIELDS, params,
                                    {"measures": labels}, f"结论“{c['name']}”")
    for i, q in enumerate(data["consequences"]):
        out += _check_condition(doc, ("consequences", i, "when"), q["when"], CONSEQUENCE_FIELDS, params,
                                {"conclusion": names, "previous_conclusion": names + [NO_PREVIOUS]}, f"后果“{q['name']}”")
    return out


def _check_condition(doc: Document, ptr: tuple, cond: Any, fields: set[str], params: dict, values: dict[str, list[str]],
                     subject: str) -> list[Problem]:
    out = []
    for f in sorted(fields_used(cond) - fields):
        out.append(Problem(doc.where(ptr), f"{subject}的条件使用了未知字段“{f}”（可用：{'、'.join(sorted(fields))}）"))
    for p in sorted(params_used(cond) - set(params)):
        out.append(Problem(doc.where(ptr), f"{subject}的条件引用的参数“{p}”不存在"))
    for f, allowed in values.items():
        for v in _equalities(cond, f):
            if v not in allowed:
                out.append(Problem(doc.where(ptr), f"{subject}的条件中“{NAMES.get(f, f)}”的取值“{v}”不在可选值中（{'、'.join(allowed)}）"))
    return out


def _equalities(cond: Any, field_name: str) -> list[Any]:
    out: list[Any] = []
    if isinstance(cond, dict):
        for k, v in cond.items():
            if k in ("all", "any"):
                for sub in v:
                    out += _equalities(sub, field_name)
            elif k == field_name and not isinstance(v, dict):
                out.append(v)
    return out


def build_procedure(doc: Document) -> Procedure:
    data = doc.data
    params = {p["id"]: p["value"] for p in data["parameters"]}
    conclusions = []
    for c in data["conclusions"]:
        if c.get("otherwise"):
            cond: dict = {"agree_count": {"gte": 0}}
        else:
            cond = {_combination(c.get("combination", "all"), params): list(c["conditions"])}
        conclusions.append(Conclusion(c["id"], c["name"], c["priority"], c["text"], cond, bool(c.get("otherwise"))))
    consequences = [Consequence(q["id"], q["name"], q["text"], tuple(q["measures"]), q["when"]) for q in data["consequences"]]
    return Procedure(doc, params, sorted(conclusions, key=lambda c: c.priority), consequences,
                     [m["label"] for m in data["measures_assessments"]], int(data["improvement_period"]["months"]))


def load_procedure(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Procedure:
    doc = load_controlled(path or find_document("review-procedure", None, "review-procedure.yaml"), "review-procedure")
    proc = build_procedure(doc)
    if overrides:
        doc.data = dict(doc.data)
        doc.data["parameters"] = [dict(p, value=overrides.get(p["id"], p["value"])) for p in doc.data["parameters"]]
        proc = build_procedure(doc)
    return proc


# ---------------------------------------------------------------- submission


@dataclass
class CollegeReview:
    college: str
    review_date: dt.date
    elements: list[tuple[str, bool]]
    measures: str
    history: list[tuple[dt.date, str]]
    location: Location

    @property
    def agree_count(self) -> int:
        return sum(1 for _, ok in self.elements if ok)

    @property
    def previous_conclusion(self) -> str:
        return self.history[-1][1] if self.history else NO_PREVIOUS


def read_submission(path: str | Path, proc: Procedure) -> list[CollegeReview]:
    doc = load_file(relative(path))
    r = Reader(doc)
    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(doc.data, dict):
        r.fail((), "复核填报文件应为键值表，含 colleges（各院校的复核结果）")
        r.raise_if_any()
    r.unknown_keys(data, (), {"procedure", "colleges"})
    colleges = r.get(data, (), "colleges", list, "各院校的复核结果")
    out: list[CollegeReview] = []
    conclusions = [c.name for c in proc.conclusions]
    for i, c in enumerate(colleges or []):
        ptr = ("colleges", i)
        if not isinstance(c, dict):
            r.fail(ptr, f"第 {i + 1} 所院校：应为键值表")
            continue
        name = r.get(c, ptr, "college", str, "院校名称", f"第 {i + 1} 所院校") or f"第 {i + 1} 所院校"
        r.unknown_keys(c, ptr, {"college", "review_date", "elements", "measures", "history"}, name)
        date = r.date(c, ptr, "review_date", "复核日期", name)
        elements: list[tuple[str, bool]] = []
        raw_elements = r.get(c, ptr, "elements", list, f"{proc.element_count}项诊断要素的比对结果", name)
        seen: set[str] = set()
        for k, e in enumerate(raw_elements or []):
            eptr = ptr + ("elements", k)
            ename = r.get(e, eptr, "element", str, "诊断要素名称", f"{name} 第 {k + 1} 项诊断要素")
            agree = r.get(e, eptr, "agree", bool, "自主诊断结果与复核结果是否相符（true/false）", f"{name} 第 {k + 1} 项诊断要素")
            if isinstance(e, dict):
                r.unknown_keys(e, eptr, {"element", "agree"}, f"{name} 第 {k + 1} 项诊断要素")
            if ename is not None and ename in seen:
                r.fail(eptr + ("element",), f"{name}：诊断要素“{ename}”重复")
            if ename is not None and agree is not None:
                seen.add(ename)
                elements.append((ename, agree))
        if raw_elements is not None and len(raw_elements) != proc.element_count:
            r.fail(ptr + ("elements",), f"{name}：诊断要素应为 {proc.element_count} 项，实际 {len(raw_elements)} 项")
        measures = r.get(c, ptr, "measures", str, "改进措施评价", name)
        if measures is not None and measures not in proc.measures_labels:
            r.fail(ptr + ("measures",), f"{name}：改进措施评价“{measures}”不在可选值中{suggest(measures, proc.measures_labels)}"
                                        f"（可选：{'、'.join(proc.measures_labels)}）")
        history: list[tuple[dt.date, str]] = []
        for k, h in enumerate(c.get("history", []) or []):
            hptr = ptr + ("history", k)
            hdate = r.date(h, hptr, "date", "以往复核日期", name) if isinstance(h, dict) else None
            hcon = r.get(h, hptr, "conclusion", str, "以往复核结论", name)
            if hcon is not None and hcon not in conclusions:
                r.fail(hptr + ("conclusion",), f"{name}：以往复核结论“{hcon}”不在可选值中{suggest(hcon, conclusions)}（可选：{'、'.join(conclusions)}）")
            elif hdate and date and hdate >= date:
                r.fail(hptr + ("date",), f"{name}：以往复核日期 {hdate} 不早于本次复核日期 {date}")
            elif hdate and hcon:
                history.append((hdate, hcon))
        if date and measures in proc.measures_labels:
            out.append(CollegeReview(name, date, elements, measures, sorted(history), doc.where(ptr)))
    if colleges == []:
        r.fail(("colleges",), "colleges 为空：至少填写一所院校")
    r.raise_if_any()
    return out


# ---------------------------------------------------------------- evaluation


@dataclass
class ReviewResult:
    college: str
    review_date: dt.date
    agree_count: int
    element_count: int
    disagreeing: list[str]
    measures: str
    conclusion: str
    conclusion_text: str
    reasons: list[str]
    previous_conclusion: str
    consequences: list[Consequence] = field(default_factory=list)
    re_review_from: dt.date | None = None


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)


def _rules(prefix: str, pairs: list[tuple[str, dict]], proc: Procedure):
    return ruleset(prefix, [MatchRule(key, to_durable(cond, proc.resolve)) for key, cond in pairs])


def evaluate(reviews: list[CollegeReview], proc: Procedure) -> list[ReviewResult]:
    c_rules = _rules("review_conclusion", [(c.id, c.condition) for c in proc.conclusions], proc)
    q_rules = _rules("review_consequence", [(q.id, q.condition) for q in proc.consequences], proc)
    facts = [[{"id": f"c{i}", "kind": "review", "agree_count": r.agree_count, "measures": r.measures}]
             for i, r in enumerate(reviews)]
    by_id = {c.id: c for c in proc.conclusions}
    results: list[ReviewResult] = []
    for r, fact, matches in zip(reviews, facts, c_rules.match_groups(facts)):
        hit = sorted((by_id[m.rule] for m in matches), key=lambda c: c.priority)
        expected = next(c for c in proc.conclusions if holds(c.condition, fact[0], proc.resolve))
        if not hit or hit[0] is not expected:
            raise EngineError([Problem(r.location, f"{r.college}：规则引擎的复核结论与参考判定不一致，已停止")])
        chosen = hit[0]
        results.append(ReviewResult(
            r.college, r.review_date, r.agree_count, proc.element_count, [n for n, ok in r.elements if not ok],
            r.measures, chosen.name, chosen.text, _reasons(r, chosen, proc), r.previous_conclusion))
    q_facts = [[{"id": f"q{i}", "kind": "outcome", "conclusion": res.conclusion, "previous_conclusion": res.previous_conclusion}]
               for i, res in enumerate(results)]
    for res, matches in zip(results, q_rules.match_groups(q_facts)):
        ids = {m.rule for m in matches}
        res.consequences = [q for q in proc.consequences if q.id in ids]
        if res.conclusion in ("待改进", "异常"):
            res.re_review_from = _add_months(res.review_date, proc.improvement_months)
    return results


def _reasons(r: CollegeReview, chosen: Conclusion, proc: Procedure) -> list[str]:
    lines = [f"自主诊断结果与复核结果相符 {r.agree_count}/{proc.element_count} 项；改进措施：{r.measures}"]
    if chosen.otherwise:
        lines.append("不满足“有效”与“异常”的条件，属“上述标准以外的其他情况”")
    else:
        lines.append(f"满足：{describe(chosen.condition, NAMES, proc.resolve)}")
    return lines


def review_file(path: str | Path, procedure: str | Path | None = None, overrides: dict[str, Any] | None = None) -> list[ReviewResult]:
    proc = load_procedure(procedure, overrides)
    return evaluate(read_submission(path, proc), proc)
