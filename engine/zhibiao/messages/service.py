"""Messages of the scoring service (its HTTP errors; problems inside a submission keep their own codes)."""

MESSAGES = {
    "service.extra-missing": "需要先安装可选组件 {extra}（{packages}）：pip install 'zhibiao[{extra}]'",
    "service.no-token": "服务没有配置令牌（ZHIBIAO_TOKEN），评分与写入接口不可用",
    "service.bad-token": "缺少令牌或令牌不正确：请在请求头中写 Authorization: Bearer <令牌>",
    "service.body-too-large": "请求正文过大：{actual} 字节，上限 {expected} 字节",
    "service.body-over-limit": "请求正文过大：超过上限 {expected} 字节",
    "service.too-many-subjects": "一次请求最多评分 {expected} 个考核对象，实际为 {actual} 个；更多的请用 zhibiao batch 或 Spark 作业",
    "service.not-utf8": "请求正文不是 UTF-8 编码的文字",
    "service.bad-date": "{name}应为日期 YYYY-MM-DD，实际为“{actual}”",
    "service.bad-number": "{name}应为数字，实际为“{actual}”",
    "service.parameter": "请求参数“{name}”{detail}",
    "service.internal": "内部错误（{detail}），已记录；请把请求发给维护者",
    "service.not-found": "没有这个地址：{actual}（接口列表见 /docs）",
    "service.method": "地址 {actual} 不接受 {method} 请求",
    "service.http": "请求无法处理（HTTP {actual}）",
    "service.not-object": "{what}应为 JSON 对象（键值表），实际为{actual:type}",
}
