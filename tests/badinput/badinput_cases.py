"""The bad-input corpus: one case per class of mistake, each with the exact Chinese line a person must see.

A case is a file (YAML or JSON, usually the valid BASE with one mistake made in it) and the problem lines that
`zhibiao score` and `zhibiao validate` must both print for it: `{f}` stands for the file's path. Options cases
give the command line instead. The test (test_corpus.py) also checks the exit status and that nothing was
written. When a message is improved, change it here: the corpus is the reference of what users read.
"""

from __future__ import annotations

from dataclasses import dataclass

BASE = """\
kind: submission
scheme: cz-quality-season
college: 郴州职业技术学院
period:
  name: 2009年质量管理季
  start: 2009-10-15
  end: 2010-01-15
subjects:
  - name: 教务处
    block: A
    facts:
      study_held: true
      discussion_held: true
      plan_missing_elements: 0
      summary_missing_items: 1
      absent_members: 2
    records:
      temporary_tasks:
        - {task: 迎评材料整理, completed: true, delay_days: 12}
  - name: 基础部
    block: B
    facts:
      study_held: true
      discussion_held: false
      plan_missing_elements: 1
      summary_missing_items: 0
    records:
      class_attendance:
        - {class: 会计0901, semester: 2009秋, rates: [0.95, 0.91, 0.97]}
"""

BASE_JSON = """\
{
  "kind": "submission",
  "scheme": "cz-quality-season",
  "period": {"start": "2009-10-15", "end": "2010-01-15"},
  "subjects": [
    {"name": "教务处", "block": "A",
     "facts": {"study_held": true, "discussion_held": true, "plan_missing_elements": 0, "summary_missing_items": 1}}
  ]
}
"""


REVIEW = """\
# yaml-language-server: $schema=../schemas/review-submission.schema.json
procedure: gd-review-procedure
colleges:
  - college: 甲职业技术学院
    review_date: 2019-05-20
    measures: 针对性强、切实可行、成效明显
    elements:
""" + "".join(f"      - {{element: {e}, agree: {'true' if i < 12 else 'false'}}}\n" for i, e in enumerate(
    "质量保证理念 组织构架 制度构架 信息系统 专业建设规划 专业诊改 课程建设规划 课程诊改 师资队伍建设规划 师资建设诊改 "
    "育人体系 成长环境 外部环境改进 质量事故管控 质量保证效果".split()))

INDICATORS = """\
# yaml-language-server: $schema=../schemas/indicator-submission.schema.json
objectives: cz-quality-objectives
period: 2009—2010学年
values:
  - {indicator: customer-satisfaction, actual: 86.5}
  - {indicator: employment-rate, actual: 89.99}
  - {indicator: evaluation-grade, actual: 合格}
"""


@dataclass(frozen=True)
class Case:
    name: str
    lines: tuple[str, ...]           # every problem line, in order ({f}: the file's path)
    text: str | bytes | None = None  # the whole file; else BASE (or BASE_JSON) with `old` replaced by `new`
    old: str = ""
    new: str = ""
    suffix: str = ".yaml"
    args: tuple[str, ...] = ()       # extra command-line options (for option cases)
    status: int = 1
    score_only: bool = False         # a mistake only scoring can see (options), validate passes
    validate_lines: tuple[str, ...] | None = None  # when validate rightly reads the file as another kind
    command: str = "score"           # review and indicators read their own submissions (REVIEW, INDICATORS)

    def content(self) -> str | bytes:
        if self.text is not None:
            return self.text
        base = {"review": REVIEW, "indicators": INDICATORS}.get(self.command) or (
            BASE_JSON if self.suffix == ".json" else BASE)
        assert self.old in base, (self.name, self.old)
        return base.replace(self.old, self.new, 1)


def c(name: str, *lines: str, **kw) -> Case:
    return Case(name, lines, **kw)


Y, J = ".yaml", ".json"

CASES: list[Case] = [
    # ---- files
    c('empty-file',
      "{f} 文件是空的：请按示例填写内容",
      text=""),
    c('only-spaces-and-newlines',
      "{f} 文件是空的：请按示例填写内容",
      text="  \n\n   \n"),
    c('only-bom',
      "{f} 文件是空的：请按示例填写内容",
      text="\ufeff"),
    c('only-comments',
      "{f} 文件中只有注释，没有内容：请按示例填写",
      text="# 填报\n# 待填\n"),
    c('not-utf8-gbk',
      "{f} 文件不是 UTF-8 编码，请另存为 UTF-8",
      text="kind: submission\nscheme: 质量".encode("gbk")),
    c('json-empty',
      "{f} 文件是空的：请按示例填写内容",
      text="", suffix=J),
    c('bom-then-mistake',
      "{f}:2:7 YAML 语法错误：这一行缺少冒号：“scheme cz-quality-season”应写成“scheme: cz-quality-season”（半角冒号后加一个空格）",
      text="\ufeff" + "kind: submission\nscheme cz-quality-season\n"),
    # ---- YAML syntax
    c('yaml-fullwidth-colon',
      "{f}:10:10 YAML 语法错误：这里是全角冒号“：”，请改为半角冒号“:”，并在冒号后加一个空格，应写成“block: A”",
      old="    block: A", new="    block：A"),
    c('yaml-fullwidth-colon-and-space',
      "{f}:10:10 YAML 语法错误：这里是全角冒号“：”，请改为半角冒号“:”，并在冒号后加一个空格，应写成“block: A”",
      old="    block: A", new="    block： A"),
    c('yaml-fullwidth-colon-in-fact',
      "{f}:16:21 YAML 语法错误：这里是全角冒号“：”，请改为半角冒号“:”，并在冒号后加一个空格，应写成“absent_members: 2”",
      old="      absent_members: 2", new="      absent_members：2"),
    c('yaml-missing-colon',
      "{f}:10:10 YAML 语法错误：这一行缺少冒号：“block A”应写成“block: A”（半角冒号后加一个空格）",
      old="    block: A", new="    block A"),
    c('yaml-missing-colon-last-line',
      "{f}:26:28 YAML 语法错误：这一行缺少冒号：“summary_missing_items 0”应写成“summary_missing_items: 0”（半角冒号后加一个空格）",
      old="      summary_missing_items: 0\n", new="      summary_missing_items 0\n"),
    c('yaml-nbsp-after-colon',
      "{f}:10:11 YAML 语法错误：这里是不换行空格（U+00A0，常见于从网页或 Word 复制来的文字），请删去它，重新输入普通空格，应写成“block: A”",
      old="    block: A", new="    block:\u00a0A"),
    c('yaml-nbsp-indent',
      "{f}:10:4 YAML 语法错误：这里是不换行空格（U+00A0，常见于从网页或 Word 复制来的文字），请删去它，重新输入普通空格",
      old="    block: A", new="   \u00a0block: A"),
    c('yaml-fullwidth-space-after-colon',
      "{f}:10:11 YAML 语法错误：这里是全角空格，请改为半角空格（输入法切换到英文状态再按空格），应写成“block: A”",
      old="    block: A", new="    block:\u3000A"),
    c('yaml-fullwidth-space-indent',
      "{f}:10:3 YAML 语法错误：这里是全角空格，请改为半角空格（输入法切换到英文状态再按空格）",
      old="    block: A", new="  \u3000block: A"),
    c('yaml-zero-width-space',
      "{f}:10:11 YAML 语法错误：这里是看不见的零宽空格（U+200B），请删去它（光标移到该处，按退格键），应写成“block: A”",
      old="    block: A", new="    block:\u200bA"),
    c('yaml-tab-indent',
      "{f}:10:1 YAML 语法错误：这里是制表符（Tab），YAML 只能用空格缩进和分隔，请把 Tab 改为空格",
      old="    block: A", new="\tblock: A"),
    c('yaml-tab-after-colon',
      "{f}:10:11 YAML 语法错误：这里是制表符（Tab），YAML 只能用空格缩进和分隔，请把 Tab 改为空格",
      old="    block: A", new="    block:\tA"),
    c('yaml-unclosed-double-quote',
      "{f}:5:9 YAML 语法错误：这里开始的引号 \" 没有闭合，请在文字末尾补上同样的引号",
      old="  name: 2009年质量管理季", new='  name: "2009年质量管理季'),
    c('yaml-unclosed-single-quote',
      "{f}:5:9 YAML 语法错误：这里开始的引号 ' 没有闭合，请在文字末尾补上同样的引号",
      old="  name: 2009年质量管理季", new="  name: '2009年质量管理季"),
    c('yaml-unclosed-flow-list',
      "{f}:29:51 YAML 语法错误：这里开始的“[”没有对应的“]”，请补上（各项之间用半角逗号分隔）",
      old="rates: [0.95, 0.91, 0.97]}", new="rates: [0.95, 0.91, 0.97}"),
    c('yaml-unclosed-flow-mapping',
      "{f}:19:11 YAML 语法错误：这里开始的“{”没有对应的“}”，请补上（各项之间用半角逗号分隔）",
      old="        - {task: 迎评材料整理, completed: true, delay_days: 12}", new="        - {task: 迎评材料整理, completed: true, delay_days: 12"),
    c('yaml-over-indented-key',
      "{f}:13:8 YAML 语法错误：缩进没有对齐——“discussion_held”缩进了 7 个空格，而上面第 12 行缩进 6 个；同一层的键必须左对齐（可能应为 6 个空格）",
      old="      discussion_held: true", new="       discussion_held: true"),
    c('yaml-under-indented-key',
      "{f}:13:6 YAML 语法错误：缩进没有对齐——“discussion_held”缩进了 5 个空格，而上面第 12 行缩进 6 个；同一层的键必须左对齐（可能应为 4 个空格）",
      old="      discussion_held: true", new="     discussion_held: true"),
    c('yaml-dash-without-space',
      "{f}:20:3 YAML 语法错误：列表项的“-”后面要有一个空格，应写成“- name: 基础部”",
      old="  - name: 基础部", new="  -name: 基础部"),
    c('yaml-fullwidth-dash',
      "{f}:20:3 YAML 语法错误：这里是全角连字符“－”，列表项请用半角的“-”加一个空格开头，应写成“- name: 基础部”",
      old="  - name: 基础部", new="  － name: 基础部"),
    c('yaml-two-colons',
      "{f}:5:12 YAML 语法错误：一行中出现了第二个“: ”——“name”的值“质量季: 2009年”中含有冒号，请给值加上半角引号，或换行缩进后再写下一级",
      old="  name: 2009年质量管理季", new="  name: 质量季: 2009年"),
    c('yaml-duplicate-key',
      "{f}:17:7 重复的键“absent_members”（第 16 行已经出现过）",
      old="      absent_members: 2", new="      absent_members: 2\n      absent_members: 3"),
    c('yaml-anchor-alias',
      "{f}:3:10 不允许使用 YAML 锚点或别名（& 与 *），请把内容直接写出来",
      old="college: 郴州职业技术学院", new="college: &c 郴州职业技术学院\nnote: *c"),
    c('yaml-undefined-alias',
      "{f}:3:10 YAML 语法错误：这里的“*”在 YAML 中有特殊含义，写成文字时请给整个值加上半角引号",
      old="college: 郴州职业技术学院", new="college: *c"),
    c('yaml-merge-key',
      "{f}:11:5 键必须是普通文字（不支持复合键或 << 合并）",
      old="    block: A\n", new="    block: A\n    <<: {note: x}\n"),
    c('yaml-complex-key',
      "{f}:3:3 键必须是普通文字（不支持复合键或 << 合并）",
      old="college: 郴州职业技术学院", new="? [a, b]\n: 郴州职业技术学院"),
    c('yaml-two-documents',
      "{f}:2:1 YAML 语法错误：一个文件只能有一份内容，这里的“---”开始了第二份；请删去“---”，或分成两个文件",
      text="kind: submission\n---\nkind: submission\n"),
    c('yaml-inf',
      "{f}:16:23 不允许无穷大或非数字“.inf”",
      old="absent_members: 2", new="absent_members: .inf"),
    c('yaml-nan',
      "{f}:16:23 不允许无穷大或非数字“.nan”",
      old="absent_members: 2", new="absent_members: .nan"),
    c('yaml-huge-exponent',
      "{f}:16:23 数字“1e400”超出可处理的范围：最多 15 位有效数字，整数部分最多 15 位，小数最多 30 位",
      old="absent_members: 2", new="absent_members: 1e400"),
    c('yaml-400-digits',
      "{f}:16:23 数字“9999999999…999999”超出可处理的范围：最多 15 位有效数字，整数部分最多 15 位，小数最多 30 位",
      old="absent_members: 2", new="absent_members: " + "9" * 400),
    c('yaml-16-digits',
      "{f}:16:23 数字“1234567890123456”超出可处理的范围：最多 15 位有效数字，整数部分最多 15 位，小数最多 30 位",
      old="absent_members: 2", new="absent_members: 1234567890123456"),
    c('yaml-tiny-exponent',
      "{f}:16:23 数字“1e-40”超出可处理的范围：最多 15 位有效数字，整数部分最多 15 位，小数最多 30 位",
      old="absent_members: 2", new="absent_members: 1e-40"),
    c('yaml-deep-flow',
      "{f}:3:74 嵌套层数超过上限 64 层（实际至少 65 层）：请检查缩进或括号",
      old="college: 郴州职业技术学院", new="college: " + "[" * 5000 + "]" * 5000),
    c('yaml-deep-block',
      "{f}:66:65 嵌套层数超过上限 64 层（实际至少 65 层）：请检查缩进或括号",
      text="kind: submission\nnote:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(2000))),
    c('yaml-text-too-long',
      "{f}:3:10 文字过长：100001 个字符，超过上限 100000 个",
      old="college: 郴州职业技术学院", new="college: " + "长" * 100_001),
    c('yaml-lone-surrogate-escape',
      "{f}:3:10 含有无法编码的字符（如孤立的代理项 \\ud800），请删除或改正该字符",
      old="college: 郴州职业技术学院", new='college: "\\ud800"'),
    c('yaml-bad-escape',
      "{f}:3:14 YAML 语法错误：这里的“q”在 YAML 中有特殊含义，写成文字时请给整个值加上半角引号",
      old="college: 郴州职业技术学院", new='college: "C:\\q"'),
    c('yaml-top-level-list',
      "{f}:1:1 文件应为键值表（“键: 值”的形式），实际为列表",
      text="- kind: submission\n- scheme: cz-quality-season\n"),
    c('yaml-top-level-text',
      "{f}:1:1 文件应为键值表（“键: 值”的形式），实际为文字",
      text="填报\n"),
    # ---- JSON syntax and limits
    c('json-trailing-comma-object',
      "{f}:7:115 JSON 语法错误：多余的逗号——最后一项后面不能有逗号，请删去",
      suffix=J, old='"summary_missing_items": 1}}', new='"summary_missing_items": 1,}}'),
    c('json-trailing-comma-list',
      "{f}:7:117 JSON 语法错误：多余的逗号——最后一项后面不能有逗号，请删去",
      suffix=J, old="}}\n  ]", new="}},\n  ]"),
    c('json-missing-comma-end-of-line',
      "{f}:3:31 JSON 语法错误：这一行末尾缺少逗号“,”（下一项之前要用逗号分隔）",
      suffix=J, old='"scheme": "cz-quality-season",', new='"scheme": "cz-quality-season"'),
    c('json-missing-comma-same-line',
      "{f}:4:36 JSON 语法错误：此处缺少逗号“,”",
      suffix=J, old='"start": "2009-10-15", "end"', new='"start": "2009-10-15" "end"'),
    c('json-fullwidth-colon',
      "{f}:2:9 JSON 语法错误：这里是全角冒号“：”，请改为半角冒号“:”，并在冒号后加一个空格",
      suffix=J, old='"kind": "submission"', new='"kind"： "submission"'),
    c('json-fullwidth-quotes',
      "{f}:2:3 JSON 语法错误：这里是全角引号“，引号请用半角的 \"，或者不加引号",
      suffix=J, old='"kind": "submission"', new='“kind”: "submission"'),
    c('json-single-quotes',
      "{f}:2:3 JSON 语法错误：此处应为用半角双引号括起的键，如 \"name\"",
      suffix=J, old='"kind": "submission"', new="'kind': 'submission'"),
    c('json-unquoted-key',
      "{f}:2:3 JSON 语法错误：此处应为用半角双引号括起的键，如 \"name\"",
      suffix=J, old='"kind": "submission"', new='kind: "submission"'),
    c('json-comment',
      "{f}:2:3 JSON 语法错误：此处应为用半角双引号括起的键，如 \"name\"",
      suffix=J, old='  "kind": "submission",', new='  // 填报\n  "kind": "submission",'),
    c('json-nan',
      "{f}:7:86 不允许无穷大或非数字“NaN”",
      suffix=J, old='"plan_missing_elements": 0', new='"plan_missing_elements": NaN'),
    c('json-infinity',
      "{f}:7:86 不允许无穷大或非数字“-Infinity”",
      suffix=J, old='"plan_missing_elements": 0', new='"plan_missing_elements": -Infinity'),
    c('json-huge-exponent',
      "{f}:7:86 数字“1e400”超出可处理的范围：最多 15 位有效数字，整数部分最多 15 位，小数最多 30 位",
      suffix=J, old='"plan_missing_elements": 0', new='"plan_missing_elements": 1e400'),
    c('json-400-digits',
      "{f}:7:86 数字“7777777777…777777”超出可处理的范围：最多 15 位有效数字，整数部分最多 15 位，小数最多 30 位",
      suffix=J, old='"plan_missing_elements": 0', new='"plan_missing_elements": ' + "7" * 400),
    c('json-lone-surrogate',
      "{f}:6:14 含有无法编码的字符（如孤立的代理项 \\ud800），请删除或改正该字符",
      suffix=J, old='"name": "教务处"', new='"name": "\\ud800教务处"'),
    c('json-deep',
      "{f}:1:95 嵌套层数超过上限 64 层（实际至少 65 层）：请检查缩进或括号",
      suffix=J, text='{"kind": "submission", "note": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    c('json-extra-data',
      "{f}:10:1 JSON 语法错误：内容结束后还有多余的内容（整个文件只能有一个 {…}）",
      suffix=J, old="  ]\n}\n", new="  ]\n}\n}\n"),
    c('json-bad-escape',
      "{f}:2:14 JSON 语法错误：无效的转义符（反斜杠 \\ 后只能跟 \" \\ / b f n r t u），路径中的 \\ 请写成 \\\\",
      suffix=J, old='"kind": "submission"', new='"kind": "C:\\q"'),
    c('json-unterminated-string',
      "{f}:2:23 JSON 语法错误：文字中有不允许的控制字符（如换行），换行请写成 \\n",
      suffix=J, old='"kind": "submission"', new='"kind": "submission'),
    c('json-newline-in-string',
      "{f}:6:17 JSON 语法错误：文字中有不允许的控制字符（如换行），换行请写成 \\n",
      suffix=J, old='"name": "教务处"', new='"name": "教务\n处"'),
    c('json-duplicate-key',
      "{f}:3:3 重复的键“kind”（第 2 行已经出现过）",
      suffix=J, old='"kind": "submission",', new='"kind": "submission",\n  "kind": "submission",'),
    c('json-nbsp',
      "{f}:2:10 JSON 语法错误：这里是不换行空格（U+00A0，常见于从网页或 Word 复制来的文字），请删去它，重新输入普通空格",
      suffix=J, old='"kind": "submission"', new='"kind":\u00a0"submission"'),
    c('json-top-level-list',
      "{f}:1:1 文件应为键值表（“键: 值”的形式），实际为列表",
      suffix=J, text='[{"kind": "submission"}]'),
    # ---- shape of a submission
    c('top-kind-missing',
      "{f}:1:1 文件顶层缺少必填的键“kind”：文件种类：submission（填报）。",
      old="kind: submission\n", new=""),
    c('top-kind-wrong',
      "{f}:1:7 “kind”应为 “submission”，实际为 “scheme”",
      old="kind: submission", new="kind: scheme",
      validate_lines=(
          "{f}:1:1 第一行应为模式声明“# yaml-language-server: $schema=…/schemas/scheme.schema.json”，编辑器据此提供补全和说明",
          "{f}:1:1 文件顶层缺少必填的键“id”：方案标识，如 cz-quality-season。",
          "{f}:2:1 文件顶层中有未知的键“scheme”，是否想写“system”？（可用的键：awards、blocks、categories、effective、eligibility、facts、"
          "grade_scales、grading、id、institution、kind、level、measures、owner、parameters、provisions、ranking、records、"
          "revisions、scoring、source、status、system、title、version、vetoes）")),
    c('top-scheme-missing',
      "{f}:1:1 文件顶层缺少必填的键“scheme”：考核方案标识，如 cz-quality-season；可写 标识@版本 指定版本。",
      old="scheme: cz-quality-season\n", new=""),
    c('top-scheme-unknown',
      "{f}:2:9 找不到考核方案“cz-quality-seasons”，是否想写“cz-quality-season”？（已有：cz-quality-season、demo-school-teaching、demo-teacher-annual）",
      old="scheme: cz-quality-season", new="scheme: cz-quality-seasons"),
    c('top-scheme-version-unknown',
      "{f}:2:9 考核方案“cz-quality-season”没有版本 9.9.9（已有版本：1.0.0、1.0.1）",
      old="scheme: cz-quality-season", new="scheme: cz-quality-season@9.9.9"),
    c('top-version-malformed',
      "{f}:2:9 考核方案“cz-quality-season”没有版本 一点零（已有版本：1.0.0、1.0.1）",
      "{f}:3:10 “version”的值 “一点零” 格式不对（可选：方案版本，如 1.0.0；不写则用现行有效的最新版本。）",
      old="scheme: cz-quality-season", new="scheme: cz-quality-season\nversion: 一点零"),
    c('top-unknown-key',
      "{f}:1:1 文件顶层缺少必填的键“subjects”：考核对象列表（部门、二级学院、教师……）。",
      "{f}:8:1 文件顶层中有未知的键“subject”，是否想写“subjects”？（可用的键：college、kind、period、scheme、subjects、version）",
      old="subjects:", new="subject:"),
    c('period-missing',
      "{f}:1:1 文件顶层缺少必填的键“period”：考核期。评分采用考核期最后一天有效的分值与参数（可用 --as-of 改变）。",
      old="period:\n  name: 2009年质量管理季\n  start: 2009-10-15\n  end: 2010-01-15\n", new=""),
    c('period-bad-date',
      "{f}:6:10 考核期开始日期“2009-02-30”不存在（格式 YYYY-MM-DD，月 01–12，日按当月天数）",
      old="start: 2009-10-15", new="start: 2009-02-30"),
    c('period-date-as-text',
      "{f}:6:10 “period.start”的值 “2009年10月15日” 格式不对（日期，格式 YYYY-MM-DD，例如 2009-10-26。）",
      old="start: 2009-10-15", new="start: 2009年10月15日"),
    c('period-end-before-start',
      "{f}:7:8 考核期结束日期 2009-01-15 早于开始日期 2009-10-15",
      old="end: 2010-01-15", new="end: 2009-01-15"),
    c('subjects-missing',
      "{f}:1:1 文件顶层缺少必填的键“subjects”：考核对象列表（部门、二级学院、教师……）。",
      text="kind: submission\nscheme: cz-quality-season\nperiod: {start: 2009-10-15, end: 2010-01-15}\n"),
    c('subjects-empty',
      "{f}:4:11 “subjects”至少需要 1 项，实际 0 项",
      text="kind: submission\nscheme: cz-quality-season\nperiod: {start: 2009-10-15, end: 2010-01-15}\nsubjects: []\n"),
    c('subjects-mapping',
      "{f}:5:3 “subjects”应为列表，实际为键值表",
      text="kind: submission\nscheme: cz-quality-season\nperiod: {start: 2009-10-15, end: 2010-01-15}\nsubjects:\n  name: 教务处\n  block: A\n"),
    c('subject-as-text-fullwidth-colon',
      "{f}:20:9 YAML 语法错误：这里是全角冒号“：”，请改为半角冒号“:”，并在冒号后加一个空格，应写成“- name: 基础部”",
      old="  - name: 基础部\n    block: B\n", new="  - name：基础部\n"),
    c('subject-name-missing',
      "{f}:20:5 第 2 个考核对象缺少“name”（考核对象名称，须与方案板块名单一致，如“教务处”）",
      old="  - name: 基础部\n    block: B", new="  - block: B"),
    c('subject-name-empty',
      "{f}:20:11 第 2 个考核对象的“name”不能为空",
      old="  - name: 基础部", new="  - name: ''"),
    c('subject-block-missing',
      "{f}:20:5 考核对象“基础部”缺少“block”（所属板块）：它在方案的B板块名单中，请写 block: B",
      old="  - name: 基础部\n    block: B\n", new="  - name: 基础部\n"),
    c('subject-unknown-key',
      "{f}:27:5 考核对象“基础部”中有未知的键“record”，是否想写“records”？（这一层可写：name、id、block、attributes、facts、records、note、previous）",
      old="    records:\n      class_attendance", new="    record:\n      class_attendance"),
    c('fact-misplaced-one-level-up',
      "{f}:16:5 考核对象“教务处”的事实“absent_members”（本部门缺席人数）写在了考核对象这一层：请把它移到 facts: 下面，比 facts 多缩进两格",
      old="      absent_members: 2\n", new="    absent_members: 2\n"),
    c('record-misplaced-one-level-up',
      "{f}:17:5 考核对象“教务处”的记录清单“temporary_tasks”（学院临时交办的工作或任务）写在了考核对象这一层：请把它移到 records: 下面，比 records 多缩进两格",
      old="    records:\n      temporary_tasks:\n        - {task", new="    temporary_tasks:\n        - {task"),
    c('facts-as-list',
      "{f}:25:7 YAML 语法错误：同一层中混用了“- ”开头的列表项（第 24 行）和“键: 值”：键值表（如 facts）中各行不加“-”，列表（如 subjects）中每项以“- ”开头",
      old="    facts:\n      study_held: true\n      discussion_held: false", new="    facts:\n      - study_held: true\n      - discussion_held: false"),
    c('facts-as-text',
      "{f}:22:12 考核对象“基础部”的 facts 应为键值表（每行“事实标识: 值”，行首不加“-”），实际为文字“study_held：true”（其中有全角冒号“：”，请改为半角冒号“:”，并在冒号后加一个空格）",
      old="    facts:\n      study_held: true\n      discussion_held: false\n      plan_missing_elements: 1\n      summary_missing_items: 0\n", new="    facts: study_held：true\n"),
    c('fact-by-chinese-name',
      "{f}:16:7 考核对象“教务处”填报的“本部门缺席人数”不是事实标识：事实要写方案中的英文标识，是否想写“absent_members”（本部门缺席人数）？（各事实的标识见站点“填报口径”页，名称下的英文小字）",
      old="      absent_members: 2", new="      本部门缺席人数: 2"),
    c('fact-by-part-of-name',
      "{f}:16:7 考核对象“教务处”填报的“缺席人数”不是事实标识：事实要写方案中的英文标识，是否想写“absent_members”（本部门缺席人数）？（各事实的标识见站点“填报口径”页，名称下的英文小字）",
      old="      absent_members: 2", new="      缺席人数: 2"),
    c('fact-with-capitals',
      "{f}:16:7 考核对象“教务处”填报的“Absent_Members”不是事实标识：事实要写方案中的英文标识，是否想写“absent_members”（本部门缺席人数）？（各事实的标识见站点“填报口径”页，名称下的英文小字）",
      old="      absent_members: 2", new="      Absent_Members: 2"),
    c('fact-with-space',
      "{f}:16:7 考核对象“教务处”填报的“absent members”不是事实标识：事实要写方案中的英文标识，是否想写“absent_members”（本部门缺席人数）？（各事实的标识见站点“填报口径”页，名称下的英文小字）",
      old="      absent_members: 2", new="      absent members: 2"),
    c('fact-typo',
      "{f}:16:7 考核对象“教务处”填报了方案中没有的事实“absent_member”，是否想写“absent_members”（本部门缺席人数）？",
      old="      absent_members: 2", new="      absent_member: 2"),
    c('fact-unknown-no-match',
      "{f}:16:7 考核对象“教务处”填报了方案中没有的事实“budget_overrun”",
      old="      absent_members: 2", new="      budget_overrun: 2"),
    c('fact-other-block',
      "{f}:16:7 考核对象“教务处”（A板块）填报了事实“months_without_student_report”（未汇总处理学生违规或未提供学生表现情况的月数），但该事实只用于B板块，A板块的考核对象不填这一项",
      old="      absent_members: 2", new="      months_without_student_report: 2"),
    c('fact-missing',
      "{f}:20:5 考核对象“基础部”缺少必须填报的事实“plan_missing_elements”（方案缺少的要素项数）：方案在“实施的举措、标准、效果、奖惩”四项中缺少的项数（0～4）。每个部门必须填报。",
      old="      plan_missing_elements: 1\n", new=""),
    c('records-as-list',
      "{f}:28:7 考核对象“基础部”的 records 应为键值表（每行“记录清单标识:”，下面逐条列出记录），实际为列表",
      old="    records:\n      class_attendance:", new="    records:\n      - class_attendance:"),
    c('record-rows-not-list',
      "{f}:18:24 考核对象“教务处”的“records.temporary_tasks”应为列表，实际为文字“迎评材料整理”",
      old="      temporary_tasks:\n        - {task: 迎评材料整理, completed: true, delay_days: 12}", new="      temporary_tasks: 迎评材料整理"),
    c('record-unknown',
      "{f}:18:7 考核对象“教务处”填报了方案中没有的记录清单“temporary_task”，是否想写“temporary_tasks”？",
      old="      temporary_tasks:", new="      temporary_task:"),
    c('record-other-block',
      "{f}:28:7 考核对象“基础部”（B板块）填报了记录清单“temporary_tasks”（学院临时交办的工作或任务），但它只用于A板块，B板块的考核对象不填这一项",
      old="      class_attendance:", new="      temporary_tasks:"),
    c('record-field-unknown',
      "{f}:19:11 考核对象“教务处”的记录清单“temporary_tasks”（学院临时交办的工作或任务）第 1 条缺少字段“delay_days”（延误天数）",
      "{f}:19:43 考核对象“教务处”的记录清单“temporary_tasks”（学院临时交办的工作或任务）第 1 条中有未知字段“delay”，是否想写“delay_days”？",
      old="delay_days: 12", new="delay: 12"),
    c('record-field-missing',
      "{f}:19:11 考核对象“教务处”的记录清单“temporary_tasks”（学院临时交办的工作或任务）第 1 条缺少字段“delay_days”（延误天数）",
      old=", delay_days: 12}", new="}"),
    c('record-field-wrong-type',
      "{f}:19:37 考核对象“教务处”的记录清单“temporary_tasks”（学院临时交办的工作或任务）第 1 条的字段“completed”（是否落实或完成）应填 是 或 否（也可写 true 或 false），实际为文字“已完成”",
      old="completed: true, delay_days: 12", new="completed: 已完成, delay_days: 12"),
    # ---- values
    c('bool-accepts-shi',
      "{f}:13:24 考核对象“教务处”的事实“discussion_held”（是否开展了讨论）应填 是 或 否（也可写 true 或 false），实际为文字“对”",
      old="      study_held: true\n      discussion_held: true", new="      study_held: 是\n      discussion_held: 对"),
    c('bool-as-number',
      "{f}:13:24 考核对象“教务处”的事实“discussion_held”（是否开展了讨论）应填 是 或 否（也可写 true 或 false），实际为数字 1",
      old="      discussion_held: true", new="      discussion_held: 1"),
    c('bool-as-yes',
      "{f}:13:24 考核对象“教务处”的事实“discussion_held”（是否开展了讨论）应填 是 或 否（也可写 true 或 false），实际为文字“yes”",
      old="      discussion_held: true", new="      discussion_held: yes"),
    c('bool-fullwidth-quotes',
      "{f}:13:24 考核对象“教务处”的事实“discussion_held”（是否开展了讨论）应填 是 或 否（也可写 true 或 false），实际为文字““是””（其中有全角引号“，引号请用半角的 \"，或者不加引号）",
      old="      discussion_held: true", new="      discussion_held: “是”"),
    c('number-quoted',
      "{f}:16:23 考核对象“教务处”的事实“absent_members”（本部门缺席人数）应填数字，实际为文字“2”（数字不要加引号）",
      old="      absent_members: 2", new="      absent_members: '2'"),
    c('number-fullwidth-digits',
      "{f}:16:23 考核对象“教务处”的事实“absent_members”（本部门缺席人数）应填数字，实际为文字“２”（请用半角数字，如 12.5）",
      old="      absent_members: 2", new="      absent_members: ２"),
    c('number-with-unit',
      "{f}:16:23 考核对象“教务处”的事实“absent_members”（本部门缺席人数）应填数字，实际为文字“2人”",
      old="      absent_members: 2", new="      absent_members: 2人"),
    c('number-negative',
      "{f}:16:23 考核对象“教务处”的事实“absent_members”（本部门缺席人数）不能小于 0，不能为负数，实际为 -2",
      old="      absent_members: 2", new="      absent_members: -2"),
    c('number-above-maximum',
      "{f}:14:30 考核对象“教务处”的事实“plan_missing_elements”（方案缺少的要素项数）不能大于 4，实际为 5",
      old="      plan_missing_elements: 0", new="      plan_missing_elements: 5"),
    c('integer-with-fraction',
      "{f}:16:23 考核对象“教务处”的事实“absent_members”（本部门缺席人数）应为整数，实际为 1.5",
      old="      absent_members: 2", new="      absent_members: 1.5"),
    c('number-as-bool',
      "{f}:16:23 考核对象“教务处”的事实“absent_members”（本部门缺席人数）应填数字，实际为是/否 true",
      old="      absent_members: 2", new="      absent_members: true"),
    c('number-as-list',
      "{f}:16:23 考核对象“教务处”的事实“absent_members”（本部门缺席人数）应填数字，实际为列表",
      old="      absent_members: 2", new="      absent_members: [1, 2]"),
    c('number-empty',
      "{f}:16:7 考核对象“教务处”的事实“absent_members”（本部门缺席人数）没有填写：冒号后应填整数",
      old="      absent_members: 2", new="      absent_members:"),
    c('list-as-number',
      "{f}:29:51 考核对象“基础部”的记录清单“class_attendance”（班级学生到课率检查）第 1 条的字段“rates”（各次检查到课率（%））应填一组数字，写成 [数字, 数字, …]，实际为数字 0.95",
      old="rates: [0.95, 0.91, 0.97]", new="rates: 0.95"),
    c('list-fullwidth-comma',
      "{f}:29:52 考核对象“基础部”的记录清单“class_attendance”（班级学生到课率检查）第 1 条的字段“rates”（各次检查到课率（%））第 1 项应填数字，实际为文字“0.95，0.91”（其中有全角逗号“，”，列表中的各项请用半角逗号“,”分隔）",
      old="rates: [0.95, 0.91, 0.97]", new="rates: [0.95，0.91, 0.97]"),
    c('list-item-text',
      "{f}:29:58 考核对象“基础部”的记录清单“class_attendance”（班级学生到课率检查）第 1 条的字段“rates”（各次检查到课率（%））第 2 项应填数字，实际为文字“九成”",
      old="rates: [0.95, 0.91, 0.97]", new="rates: [0.95, 九成, 0.97]"),
    c('list-too-long',
      "{f}:29:51 考核对象“基础部”的记录清单“class_attendance”（班级学生到课率检查）第 1 条的字段“rates”（各次检查到课率（%））最多填 60 项，实际 61 项（如确需更多，请联系质量办调整上限）",
      old="rates: [0.95, 0.91, 0.97]", new="rates: [" + ", ".join(["0.9"] * 61) + "]"),
    c('subject-unknown-typo',
      "{f}:9:11 考核对象“教务科”不在方案A板块的名单中，是否想写“教务处”？",
      old="  - name: 教务处", new="  - name: 教务科"),
    c('subject-in-other-block',
      "{f}:20:11 考核对象“团委”不在方案B板块的名单中：它在A板块名单中，请把 block 改为 A",
      old="  - name: 基础部", new="  - name: 团委"),
    c('subject-close-to-other-block',
      "{f}:20:11 考核对象“工会办”不在方案B板块的名单中，是否想写“工会”（A板块）？",
      old="  - name: 基础部", new="  - name: 工会办"),
    c('subject-fullwidth-quotes',
      "{f}:9:11 考核对象““教务处””的名称两边带着引号：名称里的全角引号不是 YAML 的引号，请删去，写成“教务处”",
      old="  - name: 教务处", new="  - name: “教务处”"),
    c('subject-twice',
      "{f}:20:11 考核对象“教务处”重复出现（第 9 行已填报）",
      old="  - name: 基础部\n    block: B", new="  - name: 教务处\n    block: A"),
    c('block-unknown',
      "{f}:21:12 考核对象“基础部”的板块“C”在方案“cz-quality-season”中不存在（已有板块：A、B）",
      old="    block: B", new="    block: C"),
    c('block-lowercase',
      "{f}:21:12 考核对象“基础部”的板块“b”在方案“cz-quality-season”中不存在（已有板块：A、B）",
      old="    block: B", new="    block: b"),
    c('block-as-number',
      "{f}:21:12 考核对象“基础部”的“block”应为文字，实际为数字 2",
      old="    block: B", new="    block: 2"),
    c('opt-weight-nan',
      "zhibiao score：错误：参数 --year-end-weight：应为有限的普通数字，实际为“nan”",
      args=("--year-end-weight", "nan"), score_only=True, status=2),
    c('opt-weight-negative',
      "--year-end-weight 计入年终考核的比例应为 0 到 1 之间的数，实际为 -0.2",
      args=("--year-end-weight", "-0.2"), score_only=True),
    c('opt-weight-above-one',
      "--year-end-weight 计入年终考核的比例应为 0 到 1 之间的数，实际为 2",
      args=("--year-end-weight", "2"), score_only=True),
    c('opt-weight-huge',
      "zhibiao score：错误：参数 --year-end-weight：应为有限的普通数字，实际为“1e400”",
      args=("--year-end-weight", "1e400"), score_only=True, status=2),
    c('opt-weight-text',
      "zhibiao score：错误：参数 --year-end-weight：应为数字，实际为“两成”",
      args=("--year-end-weight", "两成"), score_only=True, status=2),
    c('opt-as-of-bad-date',
      "zhibiao score：错误：参数 --as-of：日期应为 YYYY-MM-DD，实际为“2010-02-30”",
      args=("--as-of", "2010-02-30"), score_only=True, status=2),
    c('opt-as-of-before-effective',
      "{f} 评分日期 2009-01-01 早于方案“cz-quality-season”1.0.1 的生效日期 2009-10-26：该日期没有可用的条款（可用 --as-of 指定日期）",
      args=("--as-of", "2009-01-01"), score_only=True),
    c('opt-scheme-unknown',
      "rules/ 找不到考核方案“cz-quality”，是否想写“cz-quality-season”？（已有：cz-quality-season、demo-school-teaching、demo-teacher-annual）",
      args=("--scheme", "cz-quality"), score_only=False),
    c('opt-scheme-version-unknown',
      "rules/ 考核方案“cz-quality-season”没有版本 0.1.0（已有版本：1.0.0、1.0.1）",
      args=("--scheme", "cz-quality-season@0.1.0"), score_only=False),
    c('opt-explain-unknown-subject',
      "{f} 填报文件中没有考核对象“教务科”，是否想写“教务处”？",
      args=("--explain", "教务科"), score_only=True),
    c('opt-output-is-folder',
      ". 输出位置是一个文件夹，请写文件名，如 结果.json",
      args=("-o", "."), score_only=True),
    c('opt-output-unwritable',
      "/proc/zhibiao/结果.json 无法写入输出文件：文件或所在的文件夹不存在",
      args=("-o", "/proc/zhibiao/结果.json"), score_only=True),
]

CASES.append(c(
    "yaml-too-large",
    "{f} YAML 文件有 11.0 MB，超过 YAML 的上限 10 MB：YAML 读取较慢（每 MB 约 2～5 秒），这样大的文件请改用 JSON（结构完全相同，"
    "文件名以 .json 结尾），JSON 读取快数百倍",
    text=BASE + "# " + "x" * (11 * 2 ** 20 - len(BASE.encode("utf-8")) - 3) + "\n"))

# ---- review and indicator submissions: `review` / `indicators` and `validate` read them the same way, also when
# the file was copied out of the repository (its schema line then points nowhere: a hint for editors, not an error)
R, I = {"command": "review"}, {"command": "indicators"}
CASES += [
    c('review-college-twice',
      "{f}:23:14 院校“甲职业技术学院”重复填报（第 4 行已有同名院校）：每所院校只填一次，以往的复核结论写在它的 history 中",
      text=REVIEW + REVIEW.split("colleges:\n", 1)[1], **R),
    c('review-procedure-unknown',
      "{f}:2:12 填报指定的复核程序“gd-review”不存在，是否想写“gd-review-procedure”？（standards/ 中有：gd-review-procedure）",
      old="procedure: gd-review-procedure", new="procedure: gd-review", **R),
    c('review-procedure-not-text',
      "{f}:2:12 “procedure”应为文字，实际为数字 1",
      old="procedure: gd-review-procedure", new="procedure: 1", **R),
    c('review-element-unknown',
      "{f}:8:7 甲职业技术学院：缺少诊断要素 组织构架 的比对结果",
      "{f}:9:19 甲职业技术学院：诊断要素“组织架构”不在诊断要素清单“gd-diagnosis-elements”中，是否想写“组织构架”？（清单共 15 项："
      "质量保证理念、组织构架、制度构架、信息系统、专业建设规划、专业诊改、课程建设规划、课程诊改、师资队伍建设规划、师资建设诊改、育人体系、"
      "成长环境、外部环境改进、质量事故管控、质量保证效果）",
      old="element: 组织构架", new="element: 组织架构", **R),
    c('review-without-schema-line',
      "{f}:4:18 甲职业技术学院：“review_date”（复核日期）应为 YYYY-MM-DD，实际为“2019年5月20日”",
      text=REVIEW.split("\n", 1)[1].replace("2019-05-20", "2019年5月20日"), **R),
    c('indicators-negative-percent',
      "{f}:5:48 顾客满意度的当前值 -5% 小于允许的最小值 0%",
      old="actual: 86.5", new="actual: -5", **I),
    c('indicators-percent-above-100',
      "{f}:5:48 顾客满意度的当前值 865% 大于允许的最大值 100%",
      old="actual: 86.5", new="actual: 865", **I),
    c('indicators-huge-number',
      "{f}:5:48 数字“1e400”超出可处理的范围：最多 15 位有效数字，整数部分最多 15 位，小数最多 30 位",
      old="actual: 86.5", new="actual: 1e400", **I),
    c('indicators-unknown',
      "{f}:5:17 未知的指标“customer-satisfactions”，是否想写“customer-satisfaction”？（可选：customer-satisfaction、"
      "employment-rate、evaluation-grade）",
      old="indicator: customer-satisfaction", new="indicator: customer-satisfactions", **I),
    c('indicators-twice',
      "{f}:6:17 指标“顾客满意度”重复填报",
      old="indicator: employment-rate", new="indicator: customer-satisfaction", **I),
    c('indicators-objectives-unknown',
      "{f}:2:13 填报指定的质量目标“cz-objectives”不存在，是否想写“cz-quality-objectives”？（standards/ 中有：cz-quality-objectives）",
      old="objectives: cz-quality-objectives", new="objectives: cz-objectives", **I),
]
