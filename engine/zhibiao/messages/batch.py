"""Messages of province-scale jobs: streaming files, parallel workers, Spark, the scoring service."""

MESSAGES = {
    "score.rank-digits": "总分或类别得分 {actual} 的有效数字超过 {expected} 位，无法精确排名",
    "batch.header-missing": "大批量填报的第一行应为填报头（kind、scheme、period 等，不含 subjects），实际为{actual}",
    "batch.header-subjects": "JSON Lines 填报的第一行（填报头）不应包含 subjects：其后每行写一个考核对象",
    "batch.json-syntax": "JSON 语法错误：{detail}",
    "batch.not-object": "每个考核对象应为一个 JSON 对象（键值表），实际为{actual:type}",
    "batch.subjects-missing": "填报文件中没有 subjects（考核对象列表）",
    "batch.subjects-not-list": "subjects 应为列表，实际为{actual:type}",
    "batch.more-problems": "另有 {actual} 处错误未列出（只列出前 {expected} 处）",
    "batch.errors": "填报文件 {file} 有 {count} 处错误，未评分、未写出任何文件：",
    "batch.format": "输出格式“{actual}”无法识别（可选：{expected:list}）",
    "batch.jobs": "进程数应为 1 到 {expected} 之间的整数，实际为 {actual}",
    "batch.worker-failed": "评分进程意外退出（{detail}），未写出任何文件",
    "spark.header-missing": "数据集目录中缺少填报头文件 {expected}（kind、scheme、period 等，不含 subjects）",
    "spark.no-parts": "数据集目录中没有 JSON Lines 分片文件（*.jsonl，每行一个考核对象）",
    "spark.input": "Spark 作业的输入应为数据集目录（header.json 与 *.jsonl 分片）或一个 JSON Lines 填报文件（.jsonl）",
    "spark.output-exists": "输出目录 {actual} 已存在：Spark 不覆盖已有的结果，请换一个目录或先删除它",
    "batch.output-in-input": "输出文件不能与填报文件相同：{actual}",
    "batch.whole-submission": "考核方案“{scheme}”用到了{actual:list}，需要同时看到全部考核对象，Spark 作业暂不支持；"
                              "请用 zhibiao batch（同样可多进程）或 zhibiao score 评分",
}
