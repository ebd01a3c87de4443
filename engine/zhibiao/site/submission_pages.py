"""如何填报: for one scheme, how a department submits its facts — the Excel/WPS template (which sheets, what each
column is, how values are read), or a YAML/JSON file (its structure, with the start of the skeleton
`zhibiao new submission` writes) — then how to check, score and keep the result."""

from __future__ import annotations

import html

from openpyxl.utils import get_column_letter

from ..intake.layout import FIRST_ROW, GUIDE, Layout, build_layout
from ..intake.skeleton import skeleton_yaml
from ..model.scheme import Scheme
from .documents import DocumentInfo, page
from .markup import md_inline
from .pages import Context, Page
from .schemes import SECTION


def _skeleton_start(scheme: Scheme) -> str:
    """The skeleton up to the end of its first subject: the form of every later one is the same."""
    lines = skeleton_yaml(scheme).splitlines()
    firsts = [i for i, line in enumerate(lines) if line.lstrip().startswith("- name:")]
    end = firsts[1] if len(firsts) > 1 else len(lines)
    while end > 0 and lines[end - 1].lstrip().startswith("#"):
        end -= 1  # the next block's heading comment belongs to what is left out
    return "\n".join([x for x in lines[:end] if x.strip()] + ["  # …（其余考核对象的写法相同）"])


def _example_cell(layout: Layout) -> str:
    """Where a number typed as a word would be reported: the first number column of the first sheet."""
    sheet = layout.sheets[0]
    col = next((i for i, c in enumerate(sheet.columns) if c.type in ("integer", "decimal")), 1)
    return f"{md_inline(sheet.name)} › {get_column_letter(col + 1)}{FIRST_ROW}"


def render_submission(scheme: Scheme) -> str:
    sid = scheme.id
    layout = build_layout(scheme)
    sheets = []
    for s in layout.sheets:
        if s.kind == "block":
            who = f"列出本板块的 {len(s.subjects)} 个考核对象，每个一行" if s.subjects else "每个考核对象填一行"
        else:
            who = "每条记录一行（第一列写它属于哪个考核对象）"
        sheets.append(f"| {md_inline(s.name)} | {md_inline(s.title)} | {who}；{len(s.columns) - 1} 列 |")
    blocks = [f"- **{md_inline(b.name)}**：" + ("、".join(md_inline(x) for x in b.subjects) if b.subjects
                                                 else "名单不固定，按实际填写") for b in scheme.blocks]
    records = ""
    if scheme.records:
        names = "、".join(f"[{md_inline(r.name)}]({sid}-facts.md#{r.id})" for r in scheme.records)
        records = (f"\n记录清单（{names}）按“一条记录一行”填报：在 YAML/JSON 中写在考核对象的 `records` 下，"
                   "以记录清单的标识为键，值为记录的列表，每条记录是 字段标识: 值。\n")
    previous = [c for sh in layout.sheets for c in sh.columns if c.kind == "previous"]
    out = [
        f"本页说明如何为“{md_inline(scheme.meta.title)}”（`{sid}`，版本 {md_inline(scheme.version)}）填报各考核对象的"
        f"事实。每项事实的含义、单位与取值范围见 [填报口径]({sid}-facts.md)；填报什么，评分就只读什么。",
        "",
        "## 用 Excel 或 WPS 填报（推荐）",
        "",
        "质量办用下面的命令生成填报模板，发给各部门：",
        "",
        "```bash",
        f"zhibiao template {sid} -o 填报模板.xlsx",
        "```",
        "",
        f"模板的第一张工作表“{GUIDE}”写明考核期、方案版本与哈希和填写方法；其余工作表：",
        "",
        "| 工作表 | 内容 | 行 |",
        "| --- | --- | --- |",
        *sheets,
        "",
        "每一列是一项事实，表头是它的中文名称和单位，鼠标停在表头上可看到填报口径。填写时：",
        "",
        "- 是/否 从下拉列表中选；数字填阿拉伯数字（全角数字、带单位的“3人”、百分数“55%”都按其意思读取）；"
        "日期写成 2010-01-15；",
        "- 不适用或没有发生的情况留空：有默认值的事实按默认值计，必填的事实（表头批注写明“必填”）不能留空；",
        "- 不要改动表头、工作表名称，不要合并单元格，不要增加列。",
        *([f"- 表头为“上期……”的列（{'、'.join(md_inline(c.header) for c in previous)}）填上一考核期的值，用于与上期比较；"
           "上一期的评分保存在结果库中时可以留空，评分时用 `zhibiao score 填报.xlsx --previous-from 结果库`"
           "（或 `--save`）从结果库读取。"] if previous else []),
        "",
        "各部门分别填写时，可以把多个工作簿一起评分：`zhibiao score 教务处.xlsx 体育部.xlsx …`（考核期必须相同，"
        "同一考核对象不能在两个工作簿中重复出现）。读不懂的值会指出 文件 › 工作表 › 单元格 和应填什么，例如"
        f"“填报.xlsx › {_example_cell(layout)} 考核对象……的事实……应填数字，实际为文字‘三’”。",
        "",
        "## 用 YAML 或 JSON 文件填报",
        "",
        "数据平台或熟悉文本文件的同事可以直接写填报文件。生成一个带填报口径注释的骨架：",
        "",
        "```bash",
        f"zhibiao new submission {sid} > 填报.yaml          # 或 --format json",
        "```",
        "",
        "文件的结构：",
        "",
        "| 键 | 含义 |",
        "| --- | --- |",
        "| `kind` | 固定为 `submission` |",
        f"| `scheme` | 方案标识 `{sid}`；可另写 `version` 指定方案版本 |",
        "| `college` | 学校名称 |",
        "| `period` | 考核期：`name`（名称）、`start`、`end`（起止日期，评分采用结束日有效的分值） |",
        "| `subjects` | 考核对象的列表，每个写 `name`（名称）、`block`（板块标识）、`facts`（事实标识: 值）"
        + ("、`attributes`（属性标识: 值）" if any(b.attributes for b in scheme.blocks) else "")
        + ("、`previous`（上期的值，事实标识: 值；上一期保存在结果库中时可不写）" if previous else "")
        + ("、`records`（记录清单）" if scheme.records else "") + " |",
        "",
        "考核对象按板块：",
        "",
        *blocks,
        records,
        "骨架的开头（第一个考核对象；每项事实上方的注释是它的填报口径）：",
        "",
        # raw HTML, escaped: the skeleton carries the scheme's own wording, which must not end a Markdown fence
        '<pre class="zb-skeleton"><code>' + html.escape(_skeleton_start(scheme), quote=False) + "</code></pre>",
        "",
        "## 检查、评分与保存",
        "",
        "```bash",
        "zhibiao validate 填报.xlsx                  # 只检查：逐项指出缺填、填错的位置",
        "zhibiao score 填报.xlsx                     # 评分：各考核对象的得分、名次与每一笔扣分",
        "zhibiao score 填报.xlsx --save              # 评分并保存到结果库，日后用 zhibiao history / compare 比较",
        "zhibiao report --format xlsx -o 结果.xlsx   # 保存过的评分写成报告（xlsx、html 或 pdf）",
        "```",
        "",
    ]
    return "\n".join(out)


def render_submission_page(scheme: Scheme, info: DocumentInfo, ctx: Context, source: str) -> Page:
    title = f"{info.title}：如何填报"
    return Page(f"schemes/{scheme.id}-how-to-submit.md", title,
                page(info, title, render_submission(scheme), ctx.repo_url, hide=("navigation",)), SECTION, source,
                subsection=info.title, nav_title="如何填报")
