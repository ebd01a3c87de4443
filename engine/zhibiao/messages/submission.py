"""Facts submissions: what a department wrote, checked against its scheme, in the submitter's own terms."""

from .syntax import char_fix, char_name

MESSAGES: dict[str, str] = {
    "submission.header": "填报文件 {file} 的格式有误：",
    "submission.errors": "填报文件 {file} 有 {count} 处错误，未评分、未写出任何文件：",
    # ---------------------------------------------------------------- shape (before any value is read)
    "submission.subject-not-mapping": "第 {index} 个考核对象应为键值表（name:、block:、facts: 各占一行，比“-”多缩进两格），"
                                      "实际为{actual:kind}{char:charhint}",
    "submission.name-missing": "第 {index} 个考核对象缺少“name”（考核对象名称，须与方案板块名单一致，如“教务处”）",
    "submission.block-missing": "考核对象“{subject}”缺少“block”（所属板块）{block:homeblock}",
    "submission.subject-key-unknown": "考核对象“{subject}”中有未知的键“{actual}”{suggest}（这一层可写：{expected:list}）",
    "submission.fact-misplaced": "考核对象“{subject}”的事实“{actual}”（{name}）写在了考核对象这一层：请把它移到 facts: 下面，"
                                 "比 facts 多缩进两格",
    "submission.record-misplaced": "考核对象“{subject}”的记录清单“{actual}”（{name}）写在了考核对象这一层：请把它移到 "
                                   "records: 下面，比 records 多缩进两格",
    "submission.fact-not-id": "考核对象“{subject}”填报的“{actual}”不是事实标识：事实要写方案中的英文标识{suggest}"
                              "（各事实的标识见站点“填报口径”页，名称下的英文小字）{char:charhint}",
    "submission.facts-not-mapping": "考核对象“{subject}”的 facts 应为键值表（每行“事实标识: 值”，行首不加“-”），"
                                    "实际为{actual:kind}{char:charhint}",
    "submission.records-not-mapping": "考核对象“{subject}”的 records 应为键值表（每行“记录清单标识:”，下面逐条列出记录），"
                                      "实际为{actual:type}",
    "submission.record-not-mapping": "考核对象“{subject}”的记录清单“{record}”第 {row} 条应为键值表（如 {{teacher: 张三, "
                                     "satisfaction: 85}}），实际为{actual:kind}{char:charhint}",
    # ---------------------------------------------------------------- values
    "submission.bool": "{label}应填 是 或 否（也可写 true 或 false），实际为{actual:kind}{hint:texthint}",
    "submission.number": "{label}应填数字，实际为{actual:kind}{hint:texthint}",
    "submission.integer": "{label}应为整数，实际为 {actual}",
    "submission.list": "{label}应填一组数字，写成 [数字, 数字, …]，实际为{actual:kind}{hint:texthint}",
    "submission.list-item": "{label}第 {index} 项应填数字，实际为{actual:kind}{hint:texthint}",
    "submission.list-too-long": "{label}最多填 {expected} 项，实际 {actual} 项（如确需更多，请联系质量办调整上限）",
    "submission.date": "{label}应为日期 YYYY-MM-DD，实际为{actual:kind}",
    "submission.text": "{label}应填文字，实际为{actual:kind}",
    "submission.below-minimum": "{label}不能小于 {expected}{hint}，实际为 {actual}",
    "submission.above-maximum": "{label}不能大于 {expected}，实际为 {actual}",
    "submission.too-many-digits": "{label}的有效数字超过 {expected} 位：{actual}",
    "submission.too-many-subjects": "考核对象有 {actual} 个，超过上限 {expected} 个：请分成几个文件评分",
    # ---------------------------------------------------------------- against the scheme
    "submission.block-unknown": "考核对象“{subject}”的板块“{actual}”在方案“{scheme}”中不存在（已有板块：{expected:list}）",
    "submission.subject-unknown": "考核对象“{subject}”不在方案{block}板块的名单中{other:otherblock}{suggest}"
                                  "{expected:roster}",
    "submission.subject-quoted": "考核对象“{subject}”的名称两边带着引号：名称里的全角引号不是 YAML 的引号，请删去，"
                                 "写成“{suggestion}”",
    "submission.subject-twice": "考核对象“{subject}”重复出现（第 {first_line} 行已填报）{hint}",
    "submission.fact-unknown": "考核对象“{subject}”填报了方案中没有的事实“{actual}”{suggest}",
    "submission.fact-other-block": "考核对象“{subject}”（{block}板块）填报了事实“{fact}”（{name}），但该事实{used_by}，"
                                   "{block}板块的考核对象不填这一项",
    "submission.fact-missing": "考核对象“{subject}”缺少必须填报的事实“{expected}”（{name}）：{description}",
    "submission.record-unknown": "考核对象“{subject}”填报了方案中没有的记录清单“{actual}”{suggest}",
    "submission.record-other-block": "考核对象“{subject}”（{block}板块）填报了记录清单“{record}”（{name}），但它只用于"
                                     "{used_by}板块，{block}板块的考核对象不填这一项",
    "submission.field-unknown": "考核对象“{subject}”的记录清单“{record}”（{name}）第 {row} 条中有未知字段“{actual}”{suggest}",
    "submission.field-missing": "考核对象“{subject}”的记录清单“{record}”（{record_name}）第 {row} 条缺少字段“{expected}”（{name}）",
    "submission.period-invalid": "考核期{which}日期“{actual}”不存在（格式 YYYY-MM-DD，月 01–12，日按当月天数）",
    "submission.empty-value": "{label}没有填写：冒号后应填{expected}",
    "submission.unreadable": "填报文件的结构无法读取，请对照示例检查",
    "submission.period-order": "考核期结束日期 {actual} 早于开始日期 {expected}",
    "submission.scheme-mismatch": "填报文件声明的方案是“{actual}”，但评分使用的是“{expected}”",
    # ---------------------------------------------------------------- partial submissions (warnings)
    "submission.partial": "{block}名单共 {expected} 个考核对象，本文件只填报了 {actual} 个，缺：{missing:list}。"
                          "排名和评比只在已填报的考核对象中进行",
    "submission.block-absent": "本文件没有填报{blocks:list}的任何考核对象",
    "score.partial-block": "名单共 {expected} 个，缺 {missing} 个：排名只在已填报者中",
    "score.partial-award": "{note:sep}仅在本文件已填报的 {count} 个考核对象中评比（名单不全）",
    "score.partial-awards": "名单不全：评比只在本文件已填报的 {actual} 个考核对象中进行（方案名单共 {expected} 个）",
}


def text_hint(code: str) -> str:
    """Why a text was not read as a number or 是/否 (codes from build.submission)."""
    if code == "quoted":
        return "（数字不要加引号）"
    if code == "full-width":
        return "（请用半角数字，如 12.5）"
    if code.startswith("lookalike:"):
        return char_hint(code.removeprefix("lookalike:"))
    return ""


def char_hint(ch: str) -> str:
    return f"（其中有{char_name(ch)}，{char_fix(ch)}）" if ch else ""


def home_block(block: str) -> str:
    return f"：它在方案的{block}板块名单中，请写 block: {block}" if block else "，如 block: A"


def other_block(block: str) -> str:
    return f"：它在{block}板块名单中，请把 block 改为 {block}" if block else ""


def roster(names: list) -> str:
    return f"（{'、'.join(str(n) for n in names)}）" if names else ""
