"""Skeleton files for `zhibiao new`: a committee member never starts from an empty file.

Every skeleton starts with the `# yaml-language-server: $schema=…` line (editor completion and hover help),
uses Chinese placeholders in （…） and is valid as written: a new scheme passes `zhibiao validate`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from ..errors import Location, Problem, UsageError

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
PLACEHOLDER_SOURCE = "{file: 000_0000000000000000.txt, section: （请填写源文件中的章节）}"

# Document-control fields every new file starts with (filled in by str.format).
_CONTROL = """\
version: 0.1.0
status: 草案
effective: {today}
owner: （请填写责任部门）
source: {source}
revisions:
  - version: 0.1.0
    date: {today}
    author: （请填写修订人）
    summary: 新建草案。
"""

SCHEME = """\
# yaml-language-server: $schema={schema}
kind: scheme
id: {id}
title: （请填写方案标题）
""" + _CONTROL + """
## 新方案的骨架：照原文改写各处（…）里的文字。
## 以“# ”开头的行是各种计分方式的模板：需要哪一种，就把那几行行首的“# ”删去（两个字符），再照原文改；
## 以“## ”开头的行是说明，保留或删去都可以。每种计分方式的讲解见站点“写方案”页。

scoring:
  method: 扣分制
  full_marks: 100
  category_floor: 0
  text: （请照录原文的计分办法，如“考核采用总分100分扣分制”）
## 【舍入】原文写明“保留两位小数，四舍五入”时：
#   rounding: {{decimals: 2, mode: 四舍五入}}

## 【等级赋值】评委给等级，得分 = 等级系数 × 本项分值（用于下面的 grade 规则）：
# grade_scales:
#   - id: four-level
#     name: 优良中差
#     text: （请照录原文，如“评为优、良、中、差的，分别按本项分值的100%、80%、70%、50%计分”）
#     grades:
#       - {{grade: 优, value: 1.0}}
#       - {{grade: 良, value: 0.8}}
#       - {{grade: 中, value: 0.7}}
#       - {{grade: 差, value: 0.5}}

blocks:
  - id: A
    name: A板块
    subjects:
      - （请填写考核对象名称）
## 【开放名单与属性】只写种类、不列名单：填报中该板块的每个考核对象都参加考核；属性用于分组排名与逐级汇总。
#   - id: T
#     name: 教师
#     kind: 教师
#     text: （请照录原文对考核对象的描述）
#     attributes:
#       - id: department
#         name: 所属部门
#         type: text
#         description: （请写明填报口径，如“教师所属部门的名称，与 A 板块名单中的名称一致”）
#         example: （请填写考核对象名称）

facts:
{fact}## 下面的事实供各模板规则使用，启用哪条规则就一并启用它读的事实：
#   - id: example_rate
#     name: （请填写，如“毕业生年终就业率（%）”）
#     type: decimal
#     unit: "%"
#     minimum: 0
#     maximum: 100
#     description: （请写明填报口径）
#     example: 93.5
#   - id: example_points
#     name: （请填写，如“技能竞赛积分”）
#     type: decimal
#     unit: 分
#     minimum: 0
#     default: 0
#     description: （请写明填报口径）
#     example: 12.5
#   - id: example_grade
#     name: （请填写，如“专业建设评定等级”）
#     type: grade
#     scale: four-level
#     description: （请写明由谁评定、评为哪几级）
#     example: 良
#   - id: example_violation
#     name: （请填写，如“发生重大安全责任事故”）
#     type: boolean
#     default: false
#     description: （请写明什么情况下填“是”）
#     example: false

## 【按记录计分】逐条填报的记录清单，如每起教学事故一条（用于下面的 each 规则和汇总指标）：
# records:
#   - id: incidents
#     name: （请填写，如“教学事故”）
#     unit: 次
#     description: （请写明填报口径：什么算一条、没有时不填）
#     fields:
#       - {{id: summary, name: 简述, type: text, example: （请填写示例）}}
#       - {{id: level, name: 等级, type: text, values: [一级, 二级, 三级], example: 三级}}

## 【汇总指标】由记录或成员的结果算出的数（用于条件、分档、一票否决……）：
# measures:
#   - id: serious_incidents
#     name: （请填写，如“二级及以上教学事故起数”）
#     unit: 次
#     records: incidents
#     function: count
#     where: {{level: {{in: [一级, 二级]}}}}
## 【逐级汇总】A 板块每个考核对象取其成员（T 板块中 department 为它的名称者）的平均总分：
#   - id: member_mean
#     name: （请填写，如“本部门教师考核平均分”）
#     unit: 分
#     members: T
#     by: department
#     function: mean
#     of: total
#     rounding: {{decimals: 2, mode: 四舍五入}}

categories:
  - id: example-category
    name: （请填写考核类别名称）
    points: 100
    blocks: [A]
    source: {source}
    clauses:
      - no: 1
        text: （请照录条款原文）
        rules:
          - id: example-rule
            text: （请摘录本规则对应的原文措辞）
            count: example_count
            amount: 1
            unit: 次
## 【按条件扣分】条件成立扣一次：
#           - id: example-when
#             text: （请摘录原文，如“发生重大安全责任事故的扣5分”）
#             when: {{example_violation: true}}
#             amount: 5
## 【按记录、按等级扣分】每条记录按其等级取分值，本规则最多扣 cap 分：
#           - id: example-each
#             text: （请摘录原文，如“一级每起扣10分，二级每起扣5分，三级每起扣2分；最多扣15分”）
#             each: incidents
#             by: level
#             amounts: {{一级: 10, 二级: 5, 三级: 2}}
#             unit: 次
#             cap: 15
## 【分档】左闭右开：at_least 含、below 不含；各档不能重叠，也不能留空档：
#           - id: example-bands
#             text: （请摘录原文，如“低于85%的扣10分，85%（含）至95%的扣5分”）
#             value: example_rate
#             bands:
#               - {{below: 85, amount: 10}}
#               - {{at_least: 85, below: 95, amount: 5}}
#               - {{at_least: 95, amount: 0}}
## 【与上期比较】上期值写在填报的 previous 中：
#           - id: example-change
#             text: （请摘录原文，如“比上年每下降1个百分点扣1分，最多扣5分”）
#             change: example_rate
#             better: 升高
#             step: 1
#             gain: 0
#             loss: 1
#             cap: 5
#             if_no_previous: 不计分
## 【加分制、权重与子项目】本项由两个子项目按 60%、40% 合成（同一级的权重合计必须为100%）：
#   - id: example-merit
#     name: （请填写，如“业绩”）
#     points: 100
#     method: 加分制
#     blocks: [T]
#     source: {source}
#     categories:
#       - id: example-grade-part
#         name: （请填写，如“课堂教学”）
#         points: 100
#         weight: 60%
#         clauses:
#           - no: 1
#             text: （请照录条款原文）
#             rules:
## 【等级赋值】得分 = 等级系数 × amount：
#               - id: example-grade
#                 text: （请摘录原文，如“评为优、良、中、差的，分别按本项分值的100%、80%、70%、50%计分”）
#                 grade: example_grade
#                 amount: 100
#       - id: example-rank-part
#         name: （请填写，如“技能竞赛”）
#         points: 100
#         weight: 40%
#         clauses:
#           - no: 1
#             text: （请照录条款原文）
#             rules:
## 【排名计分】按原始值排名，按名次档给分；并列跳号即 1、2、2、4：
#               - id: example-rank
#                 text: （请摘录原文，如“第1名得100分，第2至3名得80分，其余得60分；积分为0的不得分”）
#                 rank: example_points
#                 order: 从高到低
#                 ties: 并列跳号
#                 zero_amount: 0
#                 ranks:
#                   - {{up_to: 1, amount: 100}}
#                   - {{up_to: 3, amount: 80}}
#                   - {{amount: 60}}

## 【一票否决】条件成立时总分或等级直接定为某值，不论得分多少：
# vetoes:
#   - id: veto-example
#     name: （请填写简称，如“重大安全责任事故”）
#     text: （请照录原文，如“发生重大安全责任事故的，考核得分记0分，考核等级为不合格”）
#     blocks: [A]
#     when: {{example_violation: true}}
#     score: 0
#     grade: 不合格

## 【评优限制】不改分数，只限制等级或评比资格：
# eligibility:
#   - id: elig-example
#     name: （请填写简称）
#     text: （请照录原文，如“发生二级及以上教学事故的，不得评为优秀”）
#     blocks: [A]
#     when: {{serious_incidents: {{gte: 1}}}}
#     max_grade: 合格

## 【考核等级】按总分定等级，从高到低，at_least 含本数，最后一级不写：
# grading:
#   - text: （请照录原文，如“90分及以上为优秀，75分至90分为合格，60分至75分为基本合格，60分以下为不合格”）
#     blocks: [A]
#     levels:
#       - {{grade: 优秀, at_least: 90}}
#       - {{grade: 合格, at_least: 75}}
#       - {{grade: 基本合格, at_least: 60}}
#       - {{grade: 不合格}}
"""

STANDARD = """\
# yaml-language-server: $schema={schema}
kind: standard
id: {id}
title: （请填写标准名称）
""" + _CONTROL + """text: （请照录原文的总体说明）
items:
  - id: {id}.item-1
    name: （请填写标准条目名称）
    text: （请照录条目的内容说明或建设目标）
    source: {source}
"""

FACT = """\
  - id: {id}
    name: （请填写事实名称）
    type: integer
    unit: 次
    minimum: 0
    default: 0
    description: （请写明填报口径：该怎么数、怎么填、什么情况下填0）
    example: 1
"""

DEFAULT_FOLDERS = {"scheme": "rules", "standard": "standards/catalog"}


def _check_id(kind: str, ident: str) -> None:
    if not ID_PATTERN.match(ident):
        raise UsageError([Problem.of("new.bad-id", Location(ident), actual=ident,
                                     example="my-fact" if kind == "fact" else "cz-teaching-2026")])
    if kind == "fact" and "-" in ident:
        raise UsageError([Problem.of("new.fact-hyphen", Location(ident), actual=ident,
                                     expected=ident.replace("-", "_"))])


def schema_ref(schemas: Path, kind: str, target: Path) -> str:
    """The schema path relative to the file's folder, as the first line needs it."""
    return Path(os.path.relpath(schemas / f"{kind}.schema.json", target.resolve().parent)).as_posix()


def skeleton(kind: str, ident: str, root: Path, target: Path | None = None, today: dt.date | None = None) -> str:
    """The text of a new scheme, standard or fact snippet, for the repository at `root`."""
    _check_id(kind, ident)
    day = (today or dt.date.today()).isoformat()
    if kind == "fact":
        return FACT.format(id=ident)
    path = target or default_path(root, kind, ident)
    template = SCHEME if kind == "scheme" else STANDARD
    return template.format(schema=schema_ref(root / "schemas", kind, path), id=ident, today=day, source=PLACEHOLDER_SOURCE,
                           fact=FACT.format(id="example_count"))


def default_path(root: Path, kind: str, ident: str) -> Path:
    _check_id(kind, ident)
    return root / DEFAULT_FOLDERS[kind] / f"{ident}.yaml"


def refuse_existing(path: Path) -> None:
    if path.exists():
        raise UsageError([Problem.of("new.exists", Location(str(path)))])
