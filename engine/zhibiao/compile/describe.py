"""The machine form of a rule read in Chinese, for the mechanisms whose amount depends on which alternative holds
(bands, grades, levels, ranks, change). Explanations, the site and reports all use these sentences."""

from __future__ import annotations

from ..model.scheme import ADD, Rule, Scheme
from ..numbers import fmt

TIES = {"并列跳号": "1、2、2、4", "并列不跳号": "1、2、2、3"}


def name_of(scheme: Scheme, name: str) -> str:
    """The Chinese name of a fact, measure or attribute."""
    f = scheme.fact(name)
    if f is not None:
        return f.name
    m = scheme.measure(name)
    if m is not None:
        return m.name
    for b in scheme.blocks:
        a = b.attribute(name)
        if a is not None:
            return a.name
    return name


def verb(rule: Rule) -> str:
    return "得" if rule.effect == ADD else "扣"


def rule_text(scheme: Scheme, rule: Rule) -> str:
    v = verb(rule)
    what = name_of(scheme, rule.reads)
    if rule.mode == "bands":
        return f"按“{what}”分档：" + "；".join(f"{b} {v} {fmt(b.amount)} 分" for b in rule.bands)
    if rule.mode == "grade":
        f = scheme.fact(rule.fact)
        scale = scheme.grade_scale(f.scale) if f else None
        amount = rule.amount.values[-1].value if rule.amount else None
        grades = "、".join(f"{g} {fmt(x)}" for g, x in scale.grades) if scale else ""
        return f"按“{what}”的等级系数（{grades}）× {fmt(amount) if amount is not None else '?'} 分"
    if rule.mode == "each":
        rec = scheme.record(rule.record)
        field = rec.field(rule.by) if rec else None
        levels = "、".join(f"{k} {fmt(a)} 分" for k, a in rule.amounts)
        return f"每条“{rec.name if rec else rule.record}”记录按“{field.name if field else rule.by}”{v}分：{levels}"
    if rule.mode == "rank" and rule.rank is not None:
        spec = rule.rank
        among = f"在同一“{name_of(scheme, spec.among)}”中" if spec.among else "在本板块中"
        bands = "；".join(f"{spec.band_text(i)} {v} {fmt(b.amount)} 分" for i, b in enumerate(spec.ranks))
        zero = f"；{what}为0的不排名，{v} {fmt(spec.zero_amount)} 分" if spec.zero_amount is not None else ""
        return f"按“{what}”{among}{spec.order}排名（{spec.ties}：{TIES[spec.ties]}）：{bands}{zero}"
    if rule.mode == "change" and rule.change is not None:
        c = rule.change
        up, down = ("升高", "降低") if c.better == "升高" else ("降低", "升高")
        how = "只计整步" if c.steps == "整步" else "按比例计"
        return (f"“{what}”比上期每{up} {fmt(c.step)} 加 {fmt(c.gain)} 分、每{down} {fmt(c.step)} 扣 {fmt(c.loss)} 分"
                f"（{how}）")
    return ""
