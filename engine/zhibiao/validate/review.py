"""Semantic checks of a review procedure (复核程序): parameters, the fields conditions may test, their values,
and exactly one “otherwise” conclusion. Also the vocabulary the rest of the pipeline uses for review facts."""

from __future__ import annotations

from typing import Any

from ..conditions import fields_used, params_used
from ..errors import Problem
from ..load import Document, format_pointer

NAMES = {"agree_count": "相符项数", "measures": "改进措施", "conclusion": "本次结论", "previous_conclusion": "上次结论"}
CONCLUSION_FIELDS = {"agree_count", "measures"}
CONSEQUENCE_FIELDS = {"conclusion", "previous_conclusion"}
NO_PREVIOUS = "无"


def combination(raw: Any, params: dict[str, Any]) -> str:
    """`all`/`any`, written directly or as `{param: …}` (the 异常 reading is a parameter)."""
    return params.get(raw["param"], "") if isinstance(raw, dict) else raw


def _p(doc: Document, ptr: tuple, code: str, **fields: Any) -> Problem:
    return Problem.of(code, doc.where(ptr), pointer=format_pointer(ptr), **fields)


def check_review_procedure(doc: Document, docs: list[Document] | None = None) -> list[Problem]:
    data = doc.data
    out: list[Problem] = []
    params = {p["id"]: p["value"] for p in data["parameters"]}
    labels = [m["label"] for m in data["measures_assessments"]]
    names = [c["name"] for c in data["conclusions"]]
    if sorted(names) != sorted(["有效", "异常", "待改进"]):
        out.append(_p(doc, ("conclusions",), "review.conclusions", actual=names))
    if "element_count" not in params:
        out.append(_p(doc, ("parameters",), "review.element-count-missing"))
    otherwise = [i for i, c in enumerate(data["conclusions"]) if c.get("otherwise")]
    if len(otherwise) != 1:
        out.append(_p(doc, ("conclusions",), "review.otherwise-count", actual=len(otherwise)))
    for i, c in enumerate(data["conclusions"]):
        ptr = ("conclusions", i)
        if c.get("otherwise") == bool(c.get("conditions")):
            out.append(_p(doc, ptr, "review.otherwise-xor", conclusion=c["name"]))
        comb = c.get("combination", "all")
        if isinstance(comb, dict) and comb["param"] not in params:
            out.append(_p(doc, ptr + ("combination", "param"), "review.param-unknown", owner=f"结论“{c['name']}”",
                          actual=comb["param"]))
        elif combination(comb, params) not in ("all", "any"):
            out.append(_p(doc, ptr + ("combination",), "review.combination", conclusion=c["name"],
                          actual=combination(comb, params)))
        for k, cond in enumerate(c.get("conditions", [])):
            out += _check_condition(doc, ptr + ("conditions", k), cond, CONCLUSION_FIELDS, params,
                                    {"measures": labels}, f"结论“{c['name']}”")
    for i, q in enumerate(data["consequences"]):
        out += _check_condition(doc, ("consequences", i, "when"), q["when"], CONSEQUENCE_FIELDS, params,
                                {"conclusion": names, "previous_conclusion": names + [NO_PREVIOUS]}, f"后果“{q['name']}”")
    return out


def _check_condition(doc: Document, ptr: tuple, cond: Any, fields: set[str], params: dict, values: dict[str, list[str]],
                     owner: str) -> list[Problem]:
    out = []
    for f in sorted(fields_used(cond) - fields):
        out.append(_p(doc, ptr, "review.field-unknown", owner=owner, actual=f, expected=sorted(fields)))
    for p in sorted(params_used(cond) - set(params)):
        out.append(_p(doc, ptr, "review.param-unknown", owner=f"{owner}的条件", actual=p))
    for f, allowed in values.items():
        for v in _equalities(cond, f):
            if v not in allowed:
                out.append(_p(doc, ptr, "review.value-unknown", owner=owner, field=NAMES.get(f, f), actual=v,
                              expected=allowed))
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
