"""The HTML report of a scoring run (`zhibiao report --format html`): one self-contained file — inline CSS and
inline SVG charts, no script, no font, nothing fetched from anywhere — readable on a 390 px phone.

Charts: the score distribution of each block (how many subjects in each score band), each subject's score split
by category (and what was deducted), and, when the results database holds earlier periods, each subject's total
across periods. Every deduction links to its rule on the handbook site when the site's address is given.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Sequence

from ..model.results import Result, SubjectResult
from ..numbers import fmt
from .markup import attr, h, safe_url

COLOURS = ("#2f6fb0", "#e08a1e", "#3a9a5b", "#8a5cb8", "#c44e52", "#5a8f9e", "#b5a03a", "#7f7f7f")
DEDUCTED = "#d9d9d9"
BAND = Decimal(2)  # width of a score band in the distribution chart, in points

CSS = """
body{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
margin:0 auto;max-width:960px;padding:12px;color:#222;line-height:1.5}
h1{font-size:1.35rem;margin:.4em 0}h2{font-size:1.15rem;margin:1.4em 0 .4em;border-bottom:1px solid #ddd}
h3{font-size:1rem;margin:1em 0 .3em}.meta{color:#555;font-size:.9rem}
svg{display:block;width:100%;height:auto}.chartbox{overflow-x:auto;max-width:100%}svg.categories,svg.trend{min-width:520px}svg text{font-size:12px;fill:#333}
.legend span{display:inline-block;margin:0 .8em .3em 0;font-size:.85rem}
.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}
.scroll{overflow-x:auto;max-width:100%}table{border-collapse:collapse;font-size:.85rem;min-width:100%}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}td.n{text-align:right;white-space:nowrap}
th{background:#eef4fb}
"""


def _n(d: Decimal) -> str:
    return fmt(d)


def _legend(names: Sequence[str]) -> str:
    items = "".join(f'<span><i style="background:{COLOURS[i % len(COLOURS)]}"></i>{h(n)}</span>'
                    for i, n in enumerate(names))
    return f'<div class="legend">{items}<span><i style="background:{DEDUCTED}"></i>扣分</span></div>'


def distribution_svg(block: str, subjects: list[SubjectResult]) -> str:
    """Bars: how many subjects of the block scored in each band [low, low + BAND)."""
    totals = [s.total for s in subjects]
    top = max(Decimal(100), max(totals))
    low = (min(totals) // BAND) * BAND
    bands: list[tuple[Decimal, int]] = []
    edge = low
    while edge <= top:
        bands.append((edge, sum(1 for t in totals if edge <= t < edge + BAND or (t == top and edge + BAND > top))))
        edge += BAND
    most = max(c for _, c in bands) or 1
    width, height, pad = 600, 180, 28
    step = (width - 2 * pad) / len(bands)
    bars = []
    for i, (edge, count) in enumerate(bands):
        x = pad + i * step
        bh = (height - 2 * pad) * count / most
        y = height - pad - bh
        bars.append(f'<rect class="bar" x="{x + 1:.1f}" y="{y:.1f}" width="{step - 2:.1f}" height="{bh:.1f}" '
                    f'fill="{COLOURS[0]}"><title>{_n(edge)}–{_n(edge + BAND)} 分：{count} 个</title></rect>')
        if count:
            bars.append(f'<text x="{x + step / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{count}</text>')
        bars.append(f'<text x="{x + step / 2:.1f}" y="{height - pad + 14:.1f}" text-anchor="middle">{_n(edge)}</text>')
    return (f'<svg class="chart distribution" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{attr(block)}板块得分分布">'
            f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#999"/>'
            + "".join(bars) + "</svg>")


def categories_svg(subjects: list[SubjectResult]) -> tuple[str, list[str]]:
    """One stacked bar per subject: each category's score, then what was deducted, on one scale."""
    names: list[str] = []
    for s in subjects:
        for c in s.categories:
            if c.name not in names:
                names.append(c.name)
    full = max(sum((c.points for c in s.categories), Decimal(0)) for s in subjects) or Decimal(1)
    label, width, row = 130, 600, 20
    scale = (width - label - 40) / float(full)
    rows = []
    for i, s in enumerate(subjects):
        y = 6 + i * row
        x = float(label)
        rows.append(f'<text x="{label - 4}" y="{y + 12}" text-anchor="end">{h(s.name[:10])}</text>')
        for c in s.categories:
            w = float(c.score) * scale
            colour = COLOURS[names.index(c.name) % len(COLOURS)]
            rows.append(f'<rect class="seg" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row - 5}" fill="{colour}">'
                        f'<title>{h(s.name)} {h(c.name)}：{_n(c.score)} / {_n(c.points)}</title></rect>')
            x += w
        lost = float(sum((c.points - c.score for c in s.categories), Decimal(0))) * scale
        if lost:
            rows.append(f'<rect x="{x:.1f}" y="{y}" width="{lost:.1f}" height="{row - 5}" fill="{DEDUCTED}">'
                        f'<title>{h(s.name)} 扣分</title></rect>')
        rows.append(f'<text x="{x + lost + 4:.1f}" y="{y + 12}">{_n(s.total)}</text>')
    height = 12 + len(subjects) * row
    return (f'<svg class="chart categories" viewBox="0 0 {width} {height}" role="img" aria-label="各考核对象分类别得分">'
            + "".join(rows) + "</svg>", names)


LABEL_GAP = 15  # px between two subjects' names at the right of the trend chart (12 px text)


def spread_labels(ys: list[float], gap: float, top: float, bottom: float) -> list[float]:
    """Label positions near `ys` (sorted ascending) that are at least `gap` apart and within [top, bottom]:
    pushed down past their upper neighbour, then, if the last one fell off the bottom, pushed back up."""
    out: list[float] = []
    for y in ys:
        out.append(max(y, top, out[-1] + gap) if out else max(y, top))
    if out and out[-1] > bottom:
        out[-1] = bottom
        for i in range(len(out) - 2, -1, -1):
            out[i] = min(out[i], out[i + 1] - gap)
    return out


def trend_svg(trend: dict[str, list[tuple[str, Decimal]]]) -> str:
    """One line per subject: its total in each stored period, oldest first. Each line's name sits in a column at
    the right, spread apart so that close totals do not print names over each other (a thin leader joins a moved
    name to its line's end); the chart grows taller with the number of subjects."""
    periods: list[str] = []
    for points in trend.values():
        for p, _ in points:
            if p not in periods:
                periods.append(p)
    periods.sort()
    values = [t for points in trend.values() for _, t in points]
    lo, hi = min(values), max(values)
    lo, hi = (lo - 1, hi + 1) if lo == hi else (lo, hi)
    width, pad, right = 600, 34, 130
    height = max(240, int(len(trend) * LABEL_GAP + 2 * pad))
    span_x = (width - pad - right) / max(1, len(periods) - 1)

    def xy(period: str, total: Decimal) -> tuple[float, float]:
        return (pad + periods.index(period) * span_x,
                height - pad - float((total - lo) / (hi - lo)) * (height - 2 * pad))

    out = [f'<line x1="{pad}" y1="{height - pad}" x2="{width - right}" y2="{height - pad}" stroke="#999"/>']
    for p in periods:
        x = xy(p, lo)[0]
        out.append(f'<text x="{x:.1f}" y="{height - pad + 16}" text-anchor="middle">{h(p)}</text>')
    for edge in (lo, hi):
        out.append(f'<text x="{pad - 4}" y="{xy(periods[0], edge)[1] + 4:.1f}" text-anchor="end">{_n(edge)}</text>')
    ends: list[tuple[float, float, str, str]] = []
    for i, (subject, points) in enumerate(trend.items()):
        colour = COLOURS[i % len(COLOURS)]
        coords = [xy(p, t) for p, t in sorted(points)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        out.append(f'<polyline class="line" points="{path}" fill="none" stroke="{colour}" stroke-width="1.5">'
                   f'<title>{h(subject)}</title></polyline>')
        for (x, y), (p, t) in zip(coords, sorted(points)):
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"><title>{h(subject)} {h(p)}：'
                       f'{_n(t)}</title></circle>')
        ends.append((coords[-1][1], coords[-1][0], subject, colour))
    ends.sort(key=lambda e: (e[0], e[2]))
    column = width - right + 14
    for (y, x, subject, colour), at in zip(ends, spread_labels([e[0] for e in ends], LABEL_GAP, 8, height - 4)):
        if abs(at - y) > 0.5 or x < column - 14:
            out.append(f'<line class="leader" x1="{x + 3:.1f}" y1="{y:.1f}" x2="{column - 3:.1f}" y2="{at:.1f}" '
                       f'stroke="{colour}" stroke-width=".6" stroke-opacity=".7"/>')
        out.append(f'<text class="label" x="{column}" y="{at + 4:.1f}" fill="{colour}">{h(subject[:8])}</text>')
    return (f'<svg class="chart trend" viewBox="0 0 {width} {height}" role="img" aria-label="历年总分">'
            + "".join(out) + "</svg>")


def report_html(run: Result, *, site: str = "", trend: dict[str, list[tuple[str, Decimal]]] | None = None) -> str:
    """The page as text. `trend`: subject → [(period, total)] from the results database (two periods or more
    draw the trend chart)."""
    base = safe_url(site.rstrip("/") + "/") if site else ""
    blocks: dict[str, list[SubjectResult]] = {}
    for s in run.subjects:
        blocks.setdefault(s.block, []).append(s)
    parts = [f"<h1>{h(run.scheme_title)}：考核结果</h1>",
             f'<p class="meta">{h(run.period)}<br>方案 {h(run.scheme_id)} {h(run.version)}，评分日期 '
             f"{h(run.as_of.isoformat())}，规则哈希 {h(run.rules_hash[:19])}，{len(run.subjects)} 个考核对象</p>"]
    parts.append("<h2>各板块得分分布</h2>")
    for block, subjects in blocks.items():
        parts.append(f"<h3>{h(block)}板块（{len(subjects)} 个）</h3>" + distribution_svg(block, subjects))
    parts.append("<h2>各考核对象分类别得分</h2>")
    for block, subjects in blocks.items():
        ranked = sorted(subjects, key=lambda s: (-s.total, s.name))
        chart, names = categories_svg(ranked)
        parts.append(f"<h3>{h(block)}板块</h3>" + _legend(names) + f'<div class="chartbox">{chart}</div>')
    if trend and len({p for points in trend.values() for p, _ in points}) > 1:
        parts.append(f'<h2>历年总分</h2><div class="chartbox">{trend_svg(trend)}</div>')
    parts.append("<h2>名次与评比</h2>")
    for block, subjects in blocks.items():
        rows = "".join(f"<tr><td class=n>{s.rank or ''}</td><td>{h(s.name)}</td><td class=n>{_n(s.total)}</td>"
                       f"<td>{h(s.award or '')}</td></tr>"
                       for s in sorted(subjects, key=lambda s: (s.rank is None, s.rank or 0, s.name)))
        parts.append(f'<h3>{h(block)}板块</h3><div class="scroll"><table><thead><tr><th>名次</th><th>考核对象</th>'
                     f"<th>总分</th><th>评比</th></tr></thead><tbody>{rows}</tbody></table></div>")
    parts.append("<h2>扣分明细</h2>")
    rows_html = []
    for s in run.subjects:
        for c in s.categories:
            for d in c.deductions:
                rule = h(d.rule_id)
                if base and d.link and safe_url(d.link):
                    rule = f'<a href="{attr(base + d.link)}">{rule}</a>'
                rows_html.append(f"<tr><td>{h(s.name)}</td><td>{h(c.name)}</td><td>{rule}</td><td>{h(d.text)}</td>"
                                 f"<td class=n>{_n(d.quantity)} {h(d.unit)}</td><td class=n>{_n(d.subtotal)}</td></tr>")
    parts.append('<div class="scroll"><table><thead><tr><th>考核对象</th><th>类别</th><th>规则</th><th>原文</th>'
                 f"<th>数量</th><th>扣分</th></tr></thead><tbody>{''.join(rows_html)}</tbody></table></div>")
    return ("<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{h(run.scheme_title)}：考核结果</title><style>{CSS}</style></head><body>"
            + "\n".join(parts) + "</body></html>\n")
