"""Building blocks shared by every builder: the document header, citations, dated values, the content hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from ..load import Document
from ..model.common import Dated, DatedValue, DocumentMeta, Revision, Source


def content_hash(data: Any) -> str:
    """sha256 over a canonical JSON form: the same rules give the same hash whatever the formatting."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_date(text: Any) -> dt.date:
    return dt.date.fromisoformat(str(text))


def source(d: dict | None) -> Source | None:
    if not d:
        return None
    return Source(d["file"], d["section"], d.get("quote", ""))


def meta(doc: Document) -> DocumentMeta:
    d = doc.data
    return DocumentMeta(
        kind=d["kind"], id=d["id"], title=d["title"], version=d["version"], status=d["status"],
        effective=parse_date(d["effective"]), owner=d["owner"], source=source(d["source"]),
        revisions=tuple(Revision(r["version"], parse_date(r["date"]), r["summary"], r.get("author", ""))
                        for r in d["revisions"]),
        path=doc.path, level=d.get("level", ""), system=d.get("system", ""),
    )


def dec(v: Any) -> Decimal | None:
    return None if v is None else Decimal(str(v))


def dated(raw: Any, fallback_start: dt.date) -> Dated:
    if isinstance(raw, list):
        return Dated(tuple(DatedValue(parse_date(v["from"]), dec(v["value"])) for v in raw))
    return Dated((DatedValue(fallback_start, dec(raw)),))


def src(d: dict | None) -> Source:
    s = source(d)
    return s if s is not None else Source("", "")


def notes(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)
