"""Build the review procedure (复核程序) model, and read a review submission against it."""

from __future__ import annotations

import datetime as dt

from ..load import Document
from ..model.review import (CollegeReview, Conclusion, Consequence, ImprovementPeriod, MeasuresAssessment,
                            Publication, ReviewParameter, ReviewProcedure, Sampling)
from ..validate.review import combination
from .common import meta, notes, src
from .forms import Reader, suggestion


def build_review_procedure(doc: Document) -> ReviewProcedure:
    d = doc.data
    params = {p["id"]: p["value"] for p in d["parameters"]}
    conclusions = []
    for c in d["conclusions"]:
        raw = c.get("combination", "all")
        conclusions.append(Conclusion(
            c["id"], c["name"], c["priority"], c["text"], bool(c.get("otherwise")), src(c["source"]),
            tuple(c.get("conditions", [])), "" if c.get("otherwise") else combination(raw, params),
            raw["param"] if isinstance(raw, dict) else "", notes(c.get("decision"))))
    ip, sm, pub = d["improvement_period"], d["sampling"], d["publication"]
    return ReviewProcedure(
        meta(doc), d.get("text", ""),
        parameters=tuple(ReviewParameter(p["id"], p["name"], p["value"], p["text"], src(p["source"]),
                                         notes(p.get("decision"))) for p in d["parameters"]),
        conclusions=tuple(sorted(conclusions, key=lambda c: c.priority)),
        measures_assessments=tuple(MeasuresAssessment(m["label"], m["text"], src(m["source"]), notes(m.get("decision")))
                                   for m in d["measures_assessments"]),
        consequences=tuple(Consequence(q["id"], q["name"], q["text"], tuple(q["measures"]), q["when"],
                                       src(q["source"]), notes(q.get("decision"))) for q in d["consequences"]),
        improvement_period=ImprovementPeriod(int(ip["months"]), ip["text"], src(ip["source"])),
        sampling=Sampling(sm["period_years"], sm["min_fraction"], sm["text"], src(sm["source"]),
                          sm.get("first_round_year"), sm.get("list_published_by", ""), sm.get("list_text", ""),
                          notes(sm.get("decision"))),
        publication=Publication(pub["days_before"], pub["text"], src(pub["source"]),
                                tuple(str(x) for x in pub["materials"]), pub.get("where", "")),
        decision=notes(d.get("decision")), uncertain=notes(d.get("uncertain")), element_list=d.get("elements", ""))


def read_reviews(doc: Document, proc: ReviewProcedure) -> list[CollegeReview]:
    """Every college's review in the submission, checked against the procedure (every problem collected)."""
    r = Reader(doc)
    if not isinstance(doc.data, dict):
        r.fail((), "form.not-mapping", what="复核填报文件", expected="colleges（各院校的复核结果）")
        r.raise_if_any()
    data = doc.data
    r.unknown_keys(data, (), {"procedure", "colleges"})
    colleges = r.get(data, (), "colleges", list, "各院校的复核结果")
    out: list[CollegeReview] = []
    conclusions = [c.name for c in proc.conclusions]
    labels = proc.measures_labels
    named: dict[str, int | None] = {}  # college → the line it was first given on
    for i, c in enumerate(colleges or []):
        ptr = ("colleges", i)
        if not isinstance(c, dict):
            r.fail(ptr, "form.item-not-mapping", index=i + 1)
            continue
        name = r.get(c, ptr, "college", str, "院校名称", f"第 {i + 1} 所院校") or f"第 {i + 1} 所院校"
        r.unknown_keys(c, ptr, {"college", "review_date", "elements", "measures", "history"}, name)
        if isinstance(c.get("college"), str):
            if name in named:
                r.fail(ptr + ("college",), "form.college-twice", actual=name, first_line=named[name], subject=name)
            else:
                named[name] = doc.where(ptr + ("college",)).line
        date = r.date(c, ptr, "review_date", "复核日期", name)
        elements: list[tuple[str, bool]] = []
        raw_elements = r.get(c, ptr, "elements", list, f"{proc.element_count}项诊断要素的比对结果", name)
        seen: set[str] = set()
        for k, e in enumerate(raw_elements or []):
            eptr = ptr + ("elements", k)
            label = f"{name} 第 {k + 1} 项诊断要素"
            ename = r.get(e, eptr, "element", str, "诊断要素名称", label)
            agree = r.get(e, eptr, "agree", bool, "自主诊断结果与复核结果是否相符（true/false）", label)
            if isinstance(e, dict):
                r.unknown_keys(e, eptr, {"element", "agree"}, label)
            if ename is not None and proc.elements:
                declared = proc.element(ename)
                if declared is None:
                    split = proc.split_of(ename)
                    if split:
                        r.fail(eptr + ("element",), "form.element-split", subject=name, actual=ename, expected=split,
                               list=proc.element_list, table=proc.element_table or "诊断项目表")
                    else:
                        names = [e.name for e in proc.elements]
                        r.fail(eptr + ("element",), "form.element-unknown", subject=name, actual=ename,
                               list=proc.element_list, count=len(names), expected=names,
                               suggestion=suggestion(ename, names))
                    ename = None
                else:
                    ename = declared.name  # an alias counts as the element it stands for
            if ename is not None and ename in seen:
                r.fail(eptr + ("element",), "form.element-twice", subject=name, actual=ename)
            if ename is not None and agree is not None:
                seen.add(ename)
                elements.append((ename, agree))
        if raw_elements is not None and len(raw_elements) != proc.element_count:
            r.fail(ptr + ("elements",), "form.element-count", subject=name, expected=proc.element_count,
                   actual=len(raw_elements))
        missing = [e.name for e in proc.elements if e.name not in seen]
        if raw_elements is not None and proc.elements and missing and len(missing) < len(proc.elements):
            r.fail(ptr + ("elements",), "form.element-missing", subject=name, expected=missing)
        measures = r.get(c, ptr, "measures", str, "改进措施评价", name)
        if measures is not None and measures not in labels:
            r.fail(ptr + ("measures",), "form.measures-unknown", subject=name, actual=measures, expected=labels,
                   suggestion=suggestion(measures, labels))
        history: list[tuple[dt.date, str]] = []
        for k, h in enumerate(c.get("history", []) or []):
            hptr = ptr + ("history", k)
            hdate = r.date(h, hptr, "date", "以往复核日期", name) if isinstance(h, dict) else None
            hcon = r.get(h, hptr, "conclusion", str, "以往复核结论", name)
            if hcon is not None and hcon not in conclusions:
                r.fail(hptr + ("conclusion",), "form.conclusion-unknown", subject=name, actual=hcon,
                       expected=conclusions, suggestion=suggestion(hcon, conclusions))
            elif hdate and date and hdate >= date:
                r.fail(hptr + ("date",), "form.history-order", subject=name, actual=hdate, expected=date)
            elif hdate and hcon:
                history.append((hdate, hcon))
        if date and measures in labels:
            out.append(CollegeReview(name, date, elements, measures, sorted(history), doc.where(ptr)))
    if colleges == []:
        r.fail(("colleges",), "form.colleges-empty")
    r.raise_if_any()
    return out
