"""Results as JSON Lines, one subject a line, for jobs too large to hold: the same data as `render_json`.

A subject's line is exactly `json.dumps(to_plain(subject), ensure_ascii=False)` (tests hold it to that), built
faster: Decimals are formatted once per distinct value, and the dict is assembled directly rather than by the
generic walk. A line is written before ranks are known, with the placeholder `UNPLACED` where rank, rank note,
award and award note go; `place` puts them in (a JSON string cannot contain the placeholder's bare quotes, so the
last occurrence is the one).

Layout of a results file (`zhibiao batch`):
- JSON Lines: a first line with what `render_json` puts before `subjects` (scheme, as_of, period, source,
  year_end_weight, awards_note) plus `kind: "result"` and `count`; then one line per subject, in input order.
- JSON: the document `render_json` writes (result.schema.json), one subject per line inside `subjects`.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from ..errors import Problem
from ..model.results import CategoryResult, Deduction, SubjectResult
from ..numbers import fmt
from .scores import to_plain

_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps(…, ensure_ascii=False) builds one per call
UNPLACED = '"rank": null, "rank_note": "", "award": null, "award_note": ""'
_cache: dict[Decimal, str] = {}
_STR = json.encoder.encode_basestring  # what the encoder does with a str (ensure_ascii=False), without the encoder


def _scalar(v: Any) -> str:
    """One plain value as JSON text, as the encoder would write it."""
    if type(v) is str:
        return _STR(v)
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if type(v) is int:
        return int.__repr__(v)
    return _JSON.encode(v)


def _fmt(d: Decimal) -> str:
    found = _cache.get(d)
    if found is None:
        if len(_cache) > 50_000:
            _cache.clear()
        found = _cache[d] = fmt(d)
    return found


def _value(v: Any) -> Any:
    if type(v) is Decimal:
        return _fmt(v)
    if isinstance(v, (str, int, bool)) or v is None:
        return v
    if isinstance(v, dt.date):
        return v.isoformat()
    return to_plain(v)


def _evidence(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for e in items:
        row = e.get("row")
        if row is None:
            out.append({k: _value(v) for k, v in e.items()})
        else:
            out.append({k: ({f: _value(x) for f, x in v.items()} if k == "row" else _value(v)) for k, v in e.items()})
    return out


def _deduction(d: Deduction) -> dict[str, Any]:
    return {"rule_id": d.rule_id, "category_id": d.category_id, "clause_no": d.clause_no, "text": d.text,
            "condition": d.condition, "quantity": _fmt(d.quantity), "unit": d.unit, "amount": _fmt(d.amount),
            "subtotal": _fmt(d.subtotal), "evidence": _evidence(d.evidence), "capped": _fmt(d.capped), "link": d.link}


def _category(c: CategoryResult) -> dict[str, Any]:
    return {"id": c.id, "name": c.name, "points": _fmt(c.points), "deducted": _fmt(c.deducted),
            "floor_cut": _fmt(c.floor_cut), "score": _fmt(c.score),
            "deductions": [_deduction(d) for d in c.deductions] if c.deductions else []}


def plain_subject(s: SubjectResult) -> dict[str, Any]:
    """`to_plain(s)`, faster."""
    return {"name": s.name, "block": s.block, "total": _fmt(s.total), "categories": [_category(c) for c in s.categories],
            "rank": s.rank, "rank_note": s.rank_note, "award": s.award, "award_note": s.award_note,
            "year_end": _fmt(s.year_end) if s.year_end is not None else None}


_texts: dict[tuple, str] = {}


def _evidence_text(e: dict[str, Any]) -> str:
    enc = _JSON.encode
    if len(e) == 4 and "fact" in e:  # a fact read: all but the value is the same for every subject
        key = ("f", e["fact"], e["name"], e["from"])
        found = _texts.get(key)
        if found is None:
            whole = enc({"fact": e["fact"], "name": e["name"], "value": None, "from": e["from"]})
            head, _, tail = whole.partition('"value": null')
            found = _texts[key] = (head, tail)  # type: ignore[assignment]
        head, tail = found
        return f'{head}"value": {_scalar(_value(e["value"]))}{tail}'
    if len(e) == 3 and "row" in e and "record" in e and "index" in e:
        return f'{{"record": {_STR(e["record"])}, "index": {_scalar(e["index"])}, "row": {{{_row_text(e["row"])}}}}}'

    return enc({k: _value(v) if k != "row" else {f: _value(x) for f, x in v.items()} for k, v in e.items()})


_keys: dict[str, str] = {}


def _row_text(row: dict[str, Any]) -> str:
    """A record row's fields as JSON members: what `_scalar(_value(x))` writes, the common types inline."""
    parts = []
    for f, x in row.items():
        key = _keys.get(f)
        if key is None:
            if len(_keys) > 10_000:
                _keys.clear()
            key = _keys[f] = f"{_STR(f)}: "
        t = type(x)
        if t is str:
            parts.append(key + _STR(x))
        elif t is Decimal:
            parts.append(f'{key}"{_cache.get(x) or _fmt(x)}"')  # a formatted number is plain ASCII: just quoted
        elif t is bool:
            parts.append(key + ("true" if x else "false"))
        elif t is int:
            parts.append(key + int.__repr__(x))
        else:
            parts.append(key + _scalar(_value(x)))
    return ", ".join(parts)


_PLAIN = (str, int, bool, Decimal, type(None))  # evidence values a whole deduction's text may be cached by


def _deduction_text(d: Deduction) -> str:
    """A deduction's JSON. One that reads only facts (most: a count or a yes/no) is the same text whenever its
    rule, numbers and the facts it read are the same, so it is made once per such combination (kept per rule);
    the values' types are part of the key (1, 1.0, True compare equal but are written differently)."""
    rule = ("d", d.rule_id, d.category_id, d.clause_no, d.text, d.condition, d.unit, d.link)
    template = _texts.get(rule)
    if template is None:
        whole = _JSON.encode({"rule_id": d.rule_id, "category_id": d.category_id, "clause_no": d.clause_no,
                              "text": d.text, "condition": d.condition, "quantity": None, "unit": d.unit,
                              "amount": None, "subtotal": None, "evidence": None, "capped": None, "link": d.link})
        head, rest = whole.split('"quantity": null', 1)
        unit, rest = rest.split('"amount": null', 1)
        _, tail = rest.split('"capped": null', 1)
        template = _texts[rule] = (head, unit, tail, {})  # type: ignore[assignment]
    head, unit, tail, made = template
    evidence = d.evidence
    key: list | tuple | None = [d.quantity, d.amount, d.subtotal, d.capped]
    for e in evidence:
        if len(e) != 4 or "fact" not in e or type(v := e["value"]) not in _PLAIN:
            key = None
            break
        key.append((e["fact"], e["name"], e["from"], type(v), v))  # type: ignore[union-attr]
    if key is not None:
        key = tuple(key)
        found = made.get(key)
        if found is not None:
            return found
    text = ", ".join([_evidence_text(e) for e in evidence])
    text = (f'{head}"quantity": "{_fmt(d.quantity)}"{unit}"amount": "{_fmt(d.amount)}", "subtotal": "{_fmt(d.subtotal)}", '
            f'"evidence": [{text}], "capped": "{_fmt(d.capped)}"{tail}')
    if key is not None and len(made) < 1000:
        made[key] = text
    return text


def _category_text(c: CategoryResult) -> str:
    """A category's JSON; one without deductions is the same text for every subject, made once, and so is the
    part before the deductions of one with them."""
    key = (c.id, c.name, c.points, c.deducted, c.floor_cut, c.score, bool(c.deductions))
    found = _texts.get(key)
    if found is None:
        if len(_texts) > 50_000:
            _texts.clear()
        if c.deductions:
            found = (f'{{"id": {_STR(c.id)}, "name": {_STR(c.name)}, "points": "{_fmt(c.points)}", '
                     f'"deducted": "{_fmt(c.deducted)}", "floor_cut": "{_fmt(c.floor_cut)}", "score": "{_fmt(c.score)}", '
                     f'"deductions": [')
        else:
            found = _JSON.encode(_category(c))
        _texts[key] = found
    if c.deductions:
        return f'{found}{", ".join([_deduction_text(d) for d in c.deductions])}]}}'
    return found


def subject_line(s: SubjectResult) -> str:
    """The subject's line with rank and award still to be placed (`s` must not be ranked yet): exactly
    `json.dumps(to_plain(s), ensure_ascii=False)`, assembled from per-category texts (by the generic walk when the
    general language gave the subject more: grade, vetoes, measures, attributes, nested categories…)."""
    if _general(s):
        return _JSON.encode(to_plain(s))
    year_end = "null" if s.year_end is None else f'"{_fmt(s.year_end)}"'
    return (f'{{"name": {_STR(s.name)}, "block": {_STR(s.block)}, "total": "{_fmt(s.total)}", "categories": ['
            + ", ".join([_category_text(c) for c in s.categories])
            + f"], {UNPLACED}, \"year_end\": {year_end}}}")


def _general(s: SubjectResult) -> bool:
    if s.key or (s.input is not None and s.input.attributes) or s.rounded_from is not None or s.points is not None \
            or s.grade is not None or s.vetoes or s.limits or s.measures or s.ranks:
        return True
    for c in s.categories:  # plain loops: this runs for every subject of a province
        if c.added or c.base is not None or c.cap_cut or c.rounded_from is not None or c.weight is not None \
                or c.children:
            return True
        for d in c.deductions:
            if d.effect > 0 or d.detail or d.breakdown:
                return True
    return False


def place(line: str, rank: int | None, rank_note: str, award: str | None, award_note: str) -> str:
    at = line.rfind(UNPLACED)
    enc = _JSON.encode
    placed = (f'"rank": {"null" if rank is None else rank}, "rank_note": {enc(rank_note)}, '
              f'"award": {"null" if award is None else enc(award)}, "award_note": {enc(award_note)}')
    return line[:at] + placed + line[at + len(UNPLACED):]


def head(scheme: dict[str, str], as_of: dt.date, period: str, source: str, year_end_weight: Decimal | None,
         awards_note: str, warnings: list[Problem] = ()) -> dict[str, Any]:
    """What `render_json` writes before the subjects, in the same order."""
    return {"scheme": scheme, "as_of": as_of.isoformat(), "period": period, "source": source,
            "year_end_weight": fmt(year_end_weight) if year_end_weight is not None else None,
            "awards_note": awards_note, "warnings": [w.to_dict() for w in warnings]}


def header_line(data: dict[str, Any], count: int) -> str:
    return json.dumps({"kind": "result", **data, "count": count}, ensure_ascii=False) + "\n"


def document_start(data: dict[str, Any]) -> str:
    """`{…header…, "subjects": [` — then the subject lines joined by `,\\n`, then `document_end`."""
    text = json.dumps({**data, "subjects": []}, ensure_ascii=False)
    return text[: text.rfind("[")] + "[\n"


DOCUMENT_END = "\n]}\n"
