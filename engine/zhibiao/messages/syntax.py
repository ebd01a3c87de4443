"""Syntax mistakes in YAML and JSON, named as people see them: the character, where, and how to write it."""

# Each confusable character: its Chinese name (with the code point when it cannot be seen) and the fix.
CHARS: dict[str, tuple[str, str]] = {
    "：": ("全角冒号“：”", "请改为半角冒号“:”，并在冒号后加一个空格"),
    "\u00a0": ("不换行空格（U+00A0，常见于从网页或 Word 复制来的文字）", "请删去它，重新输入普通空格"),
    "\u3000": ("全角空格", "请改为半角空格（输入法切换到英文状态再按空格）"),
    "\u2002": ("全角宽度的空格（U+2002）", "请改为普通空格"),
    "\u2003": ("全角宽度的空格（U+2003）", "请改为普通空格"),
    "\u2009": ("窄空格（U+2009）", "请改为普通空格"),
    "\u200b": ("看不见的零宽空格（U+200B）", "请删去它（光标移到该处，按退格键）"),
    "\u200c": ("看不见的零宽字符（U+200C）", "请删去它"),
    "\u200d": ("看不见的零宽字符（U+200D）", "请删去它"),
    "\u2060": ("看不见的零宽字符（U+2060）", "请删去它"),
    "\ufeff": ("看不见的字节顺序标记（U+FEFF）", "请删去它"),
    "\t": ("制表符（Tab）", "YAML 只能用空格缩进和分隔，请把 Tab 改为空格"),
    "“": ("全角引号“", "引号请用半角的 \"，或者不加引号"),
    "”": ("全角引号”", "引号请用半角的 \"，或者不加引号"),
    "‘": ("全角引号‘", "引号请用半角的 '，或者不加引号"),
    "’": ("全角引号’", "引号请用半角的 '，或者不加引号"),
    "，": ("全角逗号“，”", "列表中的各项请用半角逗号“,”分隔"),
    "［": ("全角方括号“［”", "请改为半角方括号“[”"),
    "］": ("全角方括号“］”", "请改为半角方括号“]”"),
    "｛": ("全角花括号“｛”", "请改为半角花括号“{”"),
    "｝": ("全角花括号“｝”", "请改为半角花括号“}”"),
    "【": ("中文方括号“【”", "请改为半角方括号“[”"),
    "】": ("中文方括号“】”", "请改为半角方括号“]”"),
    "－": ("全角连字符“－”", "列表项请用半角的“-”加一个空格开头"),
    "—": ("破折号“—”", "列表项请用半角的“-”加一个空格开头"),
}


def char_name(ch: str) -> str:
    if ch in CHARS:
        return CHARS[ch][0]
    if not ch:
        return "文件末尾"
    if not ch.isprintable():
        return f"不可见字符（U+{ord(ch):04X}）"
    return f"“{ch}”"


def char_fix(ch: str) -> str:
    return CHARS[ch][1] if ch in CHARS else "请检查这个字符"


MESSAGES: dict[str, str] = {
    "syntax.char": "{lang} 语法错误：这里是{char:char}，{char:fix}{example:example}",
    "syntax.missing-colon": "{lang} 语法错误：这一行缺少冒号：“{line_text}”应写成“{example}”（半角冒号后加一个空格）",
    "syntax.unclosed-quote": "{lang} 语法错误：这里开始的引号 {quote} 没有闭合，请在文字末尾补上同样的引号",
    "syntax.unclosed-bracket": "{lang} 语法错误：这里开始的“{bracket}”没有对应的“{closing}”，请补上（各项之间用半角逗号分隔）",
    "syntax.dash-space": "{lang} 语法错误：列表项的“-”后面要有一个空格，应写成“{example}”",
    "syntax.two-colons": "{lang} 语法错误：一行中出现了第二个“: ”——“{key}”的值“{value}”中含有冒号，"
                         "请给值加上半角引号，或换行缩进后再写下一级",
    "syntax.indent": "{lang} 语法错误：缩进没有对齐——“{key}”缩进了 {actual} 个空格，而上面第 {other_line} 行缩进 "
                     "{other} 个；同一层的键必须左对齐（可能应为 {expected} 个空格）",
    "syntax.two-documents": "{lang} 语法错误：一个文件只能有一份内容，这里的“---”开始了第二份；请删去“---”，或分成两个文件",
    "syntax.mixed-list": "{lang} 语法错误：同一层中混用了“- ”开头的列表项（第 {other_line} 行）和“键: 值”：键值表（如 facts）中"
                         "各行不加“-”，列表（如 subjects）中每项以“- ”开头",
    "syntax.special": "{lang} 语法错误：这里的“{char}”在 YAML 中有特殊含义，写成文字时请给整个值加上半角引号",
    "syntax.unexpected-end": "{lang} 语法错误：文件在这里意外结束（有引号或括号没有闭合？）",
    "syntax.other": "{lang} 语法错误：这里的写法无法读懂，请对照示例检查冒号、缩进和引号",
    "syntax.json-comma-eol": "{lang} 语法错误：这一行末尾缺少逗号“,”（下一项之前要用逗号分隔）",
    "syntax.json-trailing-comma": "{lang} 语法错误：多余的逗号——最后一项后面不能有逗号，请删去",
    "syntax.json-value": "{lang} 语法错误：此处缺少值（数字、文字、true/false、列表或键值表）",
    "syntax.json-key": "{lang} 语法错误：此处应为用半角双引号括起的键，如 \"name\"",
    "syntax.json-comma": "{lang} 语法错误：此处缺少逗号“,”",
    "syntax.json-colon": "{lang} 语法错误：此处缺少冒号“:”（键与值之间）",
    "syntax.json-control": "{lang} 语法错误：文字中有不允许的控制字符（如换行），换行请写成 \\n",
    "syntax.json-extra": "{lang} 语法错误：内容结束后还有多余的内容（整个文件只能有一个 {{…}}）",
    "syntax.json-escape": "{lang} 语法错误：无效的转义符（反斜杠 \\ 后只能跟 \" \\ / b f n r t u），路径中的 \\ 请写成 \\\\",
}
