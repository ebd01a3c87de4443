"""What the service's documentation says (OpenAPI title, description, tags) and how its page looks."""

TITLE = "质标评分服务"
DESCRIPTION = ("高职院校内部质量保证体系考核方案的评分接口：提交填报（JSON），返回总分、类别得分、排名、奖项与每一笔扣分"
               "的依据；查询考核方案、版本、规则与填报口径。评分与写入接口需要令牌（Authorization: Bearer <令牌>）。"
               "出错时返回 JSON：message 为中文说明，problems 为每个问题（含在请求正文中的行、列与位置）。")
TAGS = [
    {"name": "评分", "description": "提交填报，得到评分结果与逐条说明。"},
    {"name": "考核方案", "description": "考核方案、版本、规则原文与机器形式、填报口径。"},
    {"name": "日常考核", "description": "考核期内陆续提交事实与记录，随时得到考核对象的当前得分（存入成果数据库）。"},
    {"name": "服务", "description": "健康检查与版本。"},
]
WHERE = {"query": "查询参数", "path": "路径", "header": "请求头"}
DOCS_CSS = ("body{font-family:system-ui,-apple-system,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:0 auto;"
            "max-width:960px;padding:1rem;line-height:1.6;color:#1a1a1a}h1 small{color:#666;font-size:.6em}"
            "section{border-top:1px solid #ddd;margin-top:1rem}h2{font-size:1.05rem}code{background:#f3f3f3;"
            "padding:0 .25em;border-radius:3px;word-break:break-all}table{border-collapse:collapse;width:100%}"
            "td,th{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}")

# What a query parameter FastAPI refused should have been (by pydantic's error type; its own words are English).
PARAMETER_ERRORS = {
    "missing": "未填写（这个参数是必需的）",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "string_type": "应为文字",
}


def parameter_error(kind: str, given: object) -> str:
    said = PARAMETER_ERRORS.get(kind, "格式不对")
    return said if kind == "missing" else f"{said}，实际为“{given}”"
