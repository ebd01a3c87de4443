"""Diagrams drawn from the YAML as inline SVG: the 8字形 improvement spiral, the 五纵五横一平台 matrix, an
organisation chart and timelines.

Plain Python writing SVG text: no diagram library, nothing loaded by the browser, the same picture on the site,
in the printed manual and in `zhibiao docs` output. Each drawing is laid out for a phone first (about 360
units wide, text of 13–15 units, so on a 390 px screen it shows at its own size) and is capped in width on a
desktop (zhibiao.css). Colours come from the theme through CSS classes, so dark mode works. Every text is
escaped (`h`-style) here; the caller passes plain strings. The output is one `<div class="zb-figure">` block
(a block Markdown leaves alone) holding an `<svg role="img">` with a title and a text description.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

WIDTH = 360


def esc(text: str) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def text_width(text: str, size: float) -> float:
    """Approximate rendered width: CJK and full-width characters 1 em, others about 0.55 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.55 for c in text)


def wrap(text: str, width: float, size: float, max_lines: int = 4, balanced: bool = False) -> list[str]:
    """Break `text` into lines no wider than `width` (CJK may break anywhere; Latin words stay whole).
    `balanced`: lines of (nearly) equal length — “决策/指挥” rather than “决策指/挥” in a narrow column."""
    words: list[str] = []
    for ch in " ".join(str(text).split()):
        if words and ch.isascii() and ch != " " and words[-1][-1:].isascii() and words[-1][-1:] != " ":
            words[-1] += ch
        else:
            words.append(ch)
    lines: list[str] = [""]
    for w in words:
        # Closing punctuation never starts a line (it may stick out a little instead).
        if lines[-1] and text_width(lines[-1] + w, size) > width and w not in "）」』”’，。、；：！？)]":
            lines.append(w.lstrip())
        else:
            lines[-1] += w
    if balanced and len(lines) > 1 and len(words) == len("".join(words)):
        per = math.ceil(len(words) / len(lines))
        lines = ["".join(words[i:i + per]) for i in range(0, len(words), per)]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return [line.strip() for line in lines]


def _text(x: float, y: float, lines: Sequence[str], size: float, cls: str = "zb-d-text", anchor: str = "middle",
          weight: str = "") -> str:
    """Centred (or anchored) multi-line text whose block is vertically centred on y."""
    lead = size * 1.25
    top = y - lead * (len(lines) - 1) / 2
    bold = f' font-weight="{weight}"' if weight else ""
    spans = "".join(f'<tspan x="{x:.1f}" y="{top + i * lead:.1f}">{esc(line)}</tspan>' for i, line in enumerate(lines))
    return (f'<text class="{cls}" font-size="{size}" text-anchor="{anchor}" dominant-baseline="central"{bold}>'
            f"{spans}</text>")


def _figure(kind: str, title: str, description: str, width: float, height: float, body: Iterable[str],
            ident: str) -> str:
    """The whole block: <div class="zb-figure"> with the SVG and a caption."""
    tid = f"zb-fig-{ident}"
    defs = ('<defs><marker id="{0}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"'
            ' orient="auto-start-reverse"><path class="zb-d-arrow" d="M0,0 L10,5 L0,10 z"/></marker></defs>').format(tid)
    svg = (f'<svg class="zb-diagram zb-diagram-{kind}" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
           f'aria-labelledby="{tid}-t {tid}-d" xmlns="http://www.w3.org/2000/svg">'
           f'<title id="{tid}-t">{esc(title)}</title><desc id="{tid}-d">{esc(description)}</desc>{defs}'
           + "".join(body).replace("{arrow}", f"url(#{tid}-arrow)") + "</svg>")
    return f'<div class="zb-figure">\n{svg}\n<p class="zb-caption">{esc(title)}</p>\n</div>\n'


# ------------------------------------------------------------------------------------------ improvement spiral


@dataclass(frozen=True)
class Cycle:
    """One loop of the spiral: its name, its step names in order, and where it joins the loop above."""

    name: str
    steps: tuple[str, ...]
    joins_at: int = 0  # index in `steps` of the step shared with the loop above (the 8's crossing)


def spiral_svg(title: str, cycles: Sequence[Cycle], ident: str = "spiral") -> str:
    """Loops stacked as a figure 8: each a circle of its steps, touching the one above at the shared step;
    the upper loop runs clockwise, the lower one counter-clockwise, as the two halves of an 8 do."""
    node_r, size = 21.0, 14
    radii = [max(64.0, len(c.steps) * (2 * node_r + 24) / (2 * math.pi)) for c in cycles]
    body: list[str] = []
    y = 16.0
    cx = WIDTH / 2
    centres = []
    for i, r in enumerate(radii):
        y += r + node_r if i == 0 else r
        centres.append(y)
        y += r
    height = y + node_r + 16
    for i, (cycle, r, cy) in enumerate(zip(cycles, radii, centres)):
        n = len(cycle.steps)
        # The upper loop puts its junction with the next loop at the bottom; each lower loop its own at the top.
        below = cycles[i + 1].steps[cycles[i + 1].joins_at] if i + 1 < len(cycles) else None
        anchor = cycle.steps.index(below) if below in cycle.steps else 0
        if i == 0:
            angles = [math.pi / 2 + (k - anchor) * 2 * math.pi / n for k in range(n)]
        else:
            angles = [-math.pi / 2 - (k - cycle.joins_at) * 2 * math.pi / n for k in range(n)]
        points = [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in angles]
        body.append(f'<circle class="zb-d-ring" cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}"/>')
        step = 1 if i == 0 else -1
        for k in range(n):
            a0, a1 = angles[k], angles[(k + 1) % n]
            span = (a1 - a0) % (2 * math.pi) if step == 1 else (a0 - a1) % (2 * math.pi)
            gap = (node_r + 3) / r
            s, e = a0 + step * gap, a0 + step * (span - gap)
            x0, y0 = cx + r * math.cos(s), cy + r * math.sin(s)
            x1, y1 = cx + r * math.cos(e), cy + r * math.sin(e)
            sweep = 1 if step == 1 else 0
            body.append(f'<path class="zb-d-flow" d="M{x0:.1f},{y0:.1f} A{r:.1f},{r:.1f} 0 0 {sweep} {x1:.1f},{y1:.1f}"'
                        ' marker-end="{arrow}"/>')
        for k, ((x, yy), name) in enumerate(zip(points, cycle.steps)):
            shared = i > 0 and k == cycle.joins_at
            if shared:
                continue  # drawn once, as a step of the loop above
            body.append(f'<circle class="zb-d-node" cx="{x:.1f}" cy="{yy:.1f}" r="{node_r}"/>')
            body.append(_text(x, yy, wrap(name, node_r * 1.7, size - (2 if len(name) > 2 else 0), 2),
                              size - (2 if len(name) > 2 else 0), "zb-d-node-text"))
        label_width = r * 1.25
        body.append(_text(cx, cy, wrap(cycle.name, label_width, 13, 4), 13, "zb-d-label"))
    description = "；".join(f"{c.name}：{'→'.join(c.steps)}→{c.steps[0]}" for c in cycles)
    return _figure("spiral", title, description, WIDTH, height, body, ident)


# ----------------------------------------------------------------------------------------- 五纵五横一平台 matrix


def matrix_svg(title: str, columns: Sequence[tuple[str, str]], rows: Sequence[str], platform: str,
               ident: str = "matrix") -> str:
    """Columns (the systems: name, a short note under it) across rows (the levels), on a platform bar."""
    left, top, gap = 54.0, 88.0, 4.0
    col_w = (WIDTH - left - 8) / max(1, len(columns))
    row_h = 40.0
    body: list[str] = []
    for j, (name, note) in enumerate(columns):
        x = left + j * col_w
        body.append(f'<rect class="zb-d-column" x="{x + gap / 2:.1f}" y="8" width="{col_w - gap:.1f}" '
                    f'height="{top - 12 + row_h * len(rows):.1f}" rx="6"/>')
        body.append(_text(x + col_w / 2, 34, wrap(name, col_w - 10, 14, 3, balanced=True), 14, "zb-d-head", weight="600"))
        body.append(_text(x + col_w / 2, 70, wrap(note, col_w - 8, 11, 2, balanced=True), 11, "zb-d-note"))
    body.append(_text(left / 2 + 2, 34, ["五纵", "系统"], 11, "zb-d-note"))
    body.append(_text(left / 2 + 2, top - 12, ["五横", "层面"], 11, "zb-d-note"))
    for i, level in enumerate(rows):
        y = top + i * row_h
        body.append(f'<rect class="zb-d-row" x="4" y="{y + 3:.1f}" width="{WIDTH - 8:.1f}" height="{row_h - 6:.1f}" rx="5"/>')
        body.append(_text(left / 2 + 2, y + row_h / 2, wrap(level, left - 8, 14, 2), 14, "zb-d-head", weight="600"))
        for j in range(len(columns)):
            cx = left + j * col_w + col_w / 2
            body.append(f'<circle class="zb-d-dot" cx="{cx:.1f}" cy="{y + row_h / 2:.1f}" r="5"/>')
    py = top + row_h * len(rows) + 8
    body.append(f'<rect class="zb-d-platform" x="4" y="{py:.1f}" width="{WIDTH - 8:.1f}" height="34" rx="6"/>')
    body.append(_text(WIDTH / 2, py + 17, wrap(platform, WIDTH - 24, 14, 1), 14, "zb-d-node-text", weight="600"))
    height = py + 34 + 8
    description = (f"纵向 {len(columns)} 个系统：{'、'.join(c[0] for c in columns)}；横向 {len(rows)} 个层面："
                   f"{'、'.join(rows)}；一平台：{platform}")
    return _figure("matrix", title, description, WIDTH, height, body, ident)


# -------------------------------------------------------------------------------------------- organisation chart


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    detail: str = ""  # smaller text under the label (the full name when the label is a short name)
    badge: str = ""   # e.g. “第 1 级”
    parent: str = ""
    href: str = ""    # an anchor on the same page


def tree_svg(title: str, nodes: Sequence[Node], ident: str = "tree") -> str:
    """An indented tree of boxes, one per row, children under their parent joined by elbow lines: it reads
    top to bottom on a narrow screen, however deep or wide the organisation is."""
    indent, label_size, detail_size = 22.0, 14, 11
    order: list[tuple[Node, int]] = []

    def visit(parent: str, depth: int) -> None:
        for n in nodes:
            if n.parent == parent:
                order.append((n, depth))
                visit(n.id, depth + 1)

    visit("", 0)
    known = {n.id for n, _ in order}
    order += [(n, 0) for n in nodes if n.id not in known]  # a parent that is missing: show the node at the top
    body: list[str] = []
    y = 8.0
    boxes: dict[str, tuple[float, float, float]] = {}  # id → (x, top, bottom)
    for n, depth in order:
        x = 4 + depth * indent
        w = WIDTH - 4 - x
        badge_w = text_width(n.badge, 11) + 12 if n.badge else 0
        label = wrap(n.label, w - 16 - badge_w, label_size, 3)
        detail = wrap(n.detail, w - 16, detail_size, 4) if n.detail else []
        h = 12 + len(label) * label_size * 1.25 + len(detail) * detail_size * 1.25 + (4 if detail else 0)
        box = [f'<rect class="zb-d-box{" zb-d-box-tier" if n.badge else ""}" x="{x:.1f}" y="{y:.1f}" '
               f'width="{w:.1f}" height="{h:.1f}" rx="6"/>']
        ty = y + 6 + len(label) * label_size * 1.25 / 2
        box.append(_text(x + 8, ty, label, label_size, "zb-d-text", anchor="start", weight="600"))
        if detail:
            dy = y + 8 + len(label) * label_size * 1.25 + len(detail) * detail_size * 1.25 / 2
            box.append(_text(x + 8, dy, detail, detail_size, "zb-d-note", anchor="start"))
        if n.badge:
            bx = x + w - badge_w - 6
            box.append(f'<rect class="zb-d-badge" x="{bx:.1f}" y="{y + 6:.1f}" width="{badge_w:.1f}" height="18" rx="9"/>')
            box.append(_text(bx + badge_w / 2, y + 15, [n.badge], 11, "zb-d-node-text"))
        if n.href:
            body.append(f'<a href="{esc(n.href)}">{"".join(box)}</a>')
        else:
            body += box
        boxes[n.id] = (x, y, y + h)
        if n.parent in boxes:
            px, _, pbottom = boxes[n.parent]
            lx = px + indent / 2
            body.append(f'<path class="zb-d-line" d="M{lx:.1f},{pbottom:.1f} V{y + 14:.1f} H{x:.1f}"/>')
        y += h + 8
    description = "；".join(f"{n.label}" + (f"（隶属{next((p.label for p in nodes if p.id == n.parent), '')}）"
                                            if n.parent else "") for n, _ in order)
    return _figure("tree", title, description, WIDTH, y, body, ident)


# --------------------------------------------------------------------------------------------------- timelines


@dataclass(frozen=True)
class Span:
    label: str
    start: dt.date
    end: dt.date
    note: str = ""  # e.g. the source's own wording of the period
    href: str = ""


def _months(a: dt.date, b: dt.date) -> list[dt.date]:
    out, d = [], dt.date(a.year, a.month, 1)
    while d <= b:
        out.append(d)
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def timeline_svg(title: str, spans: Sequence[Span], ident: str = "timeline") -> str:
    """A Gantt chart turned for a phone: one row per entry — its name and dates, then its bar on a shared axis."""
    if not spans:
        return ""
    left, right = 8.0, WIDTH - 8
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    months = _months(first, last)
    start = months[0]
    stop = dt.date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    total = (stop - start).days or 1

    def x(d: dt.date) -> float:
        return left + (right - left) * min(total, max(0, (d - start).days)) / total

    rows: list[str] = []
    axis_y = 34.0
    y = axis_y + 6
    for s in spans:
        when = f"{s.start.isoformat()} ～ {s.end.isoformat()}"
        if text_width(s.label, 13) + text_width(when, 11) + 12 <= right - left:
            rows.append(_text(left, y + 9, [s.label], 13, "zb-d-text", anchor="start"))
            rows.append(_text(right, y + 9, [when], 11, "zb-d-note", anchor="end"))
            y += 20
        else:
            label = wrap(s.label, right - left, 13, 3)
            rows.append(_text(left, y + len(label) * 8 + 1, label, 13, "zb-d-text", anchor="start"))
            y += len(label) * 16.25 + 2
            rows.append(_text(right, y + 7, [when], 11, "zb-d-note", anchor="end"))
            y += 15
        x0 = x(s.start)
        x1 = max(x(s.end + dt.timedelta(days=1)), x0 + 4)
        bar = f'<rect class="zb-d-bar" x="{x0:.1f}" y="{y:.1f}" width="{x1 - x0:.1f}" height="12" rx="3"><title>{esc(s.label)}：{esc(when)}</title></rect>'
        rows.append(f'<a href="{esc(s.href)}">{bar}</a>' if s.href else bar)
        y += 22
    height = y + 2
    grid: list[str] = []
    monthly = len(months) <= 18  # a line and a label per month; over a longer span, per year
    for m in months if monthly else [m for m in months if m.month == 1 or m == months[0]]:
        grid.append(f'<line class="zb-d-grid" x1="{x(m):.1f}" y1="{axis_y - 4:.1f}" x2="{x(m):.1f}" y2="{height:.1f}"/>')
        if monthly:
            grid.append(_text(x(m) + 2, axis_y - 11, [f"{m.month}月"], 11, "zb-d-note", anchor="start"))
    for yr in sorted({m.year for m in months}):
        grid.append(_text(max(left, x(dt.date(yr, 1, 1))) + 2, 9, [f"{yr}年"], 11, "zb-d-head", anchor="start",
                          weight="600"))
    description = "；".join(f"{s.label}：{s.start.isoformat()} 至 {s.end.isoformat()}" for s in spans)
    return _figure("timeline", title, description, WIDTH, height, grid + rows, ident)
