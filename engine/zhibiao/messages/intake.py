"""Message templates of 填报与成果: workbooks (templates and filled copies), merging, the results database,
reports."""

MESSAGES: dict[str, str] = {
    # ---------------------------------------------------------------- reading a filled workbook
    "intake.refused": "填报文件 {file} 无法读取，未评分、未保存、未写出任何文件：",
    "intake.not-workbook": "不是 Excel 工作簿（.xlsx）：{detail}",
    "intake.old-xls": "这是旧版 Excel 97-2003 工作簿（.xls）：请在 Excel/WPS 中“另存为” Excel 工作簿（.xlsx）后再提交",
    "intake.encrypted": "工作簿设置了打开密码，无法读取：请在 Excel/WPS 中取消密码（文件 → 信息 → 保护工作簿 → "
                        "用密码进行加密，清空密码）并保存后再提交",
    "intake.damaged": "工作簿已损坏，无法读取（{detail}）：请在 Excel/WPS 中打开后重新保存为 .xlsx",
    "intake.too-large-unpacked": "工作簿解压后过大：{actual} 字节，超过上限 {expected} 字节",
    "intake.too-many-rows": "工作表有 {actual} 行，超过上限 {expected} 行：可能误把内容或格式填到了整列，"
                            "请删除多余的行后再提交",
    "intake.too-many-columns": "工作表有 {actual} 列，超过上限 {expected} 列：请删除多余的列后再提交",
    "intake.sheet-missing": "缺少工作表“{expected}”{hint}（工作簿中现有：{actual:list}）。请用 zhibiao template "
                            "生成的模板填写，不要改工作表的名称",
    "intake.guide-missing": "“说明”工作表中找不到“{expected}”一栏：请用 zhibiao template 生成的模板填写",
    "intake.guide-blank": "“说明”工作表中的“{expected}”没有填写（日期如 2009-10-15）",
    "intake.column-missing": "工作表“{sheet}”缺少“{expected}”一列（表头在第 2 行）：请不要删除或改动模板的表头",
    "intake.column-extra": "工作表“{sheet}”多出一列“{actual}”{hint}：模板中没有这一列，请删除它，或把内容写到“备注”列",
    "intake.column-twice": "表头“{actual}”出现了两次（{first} 列已有）：请删除重复的一列",
    "intake.column-no-header": "这个单元格有内容，但所在的 {column} 列没有表头（模板中没有这一列）：请删除，"
                               "或把内容写到“备注”列",
    "intake.merged": "单元格 {actual} 被合并了：填报区域每个格子只填一个值，请取消合并单元格",
    "intake.formula-error": "单元格的公式计算出错（{actual}）：请改正公式，或直接填写数值",
    "intake.formula-uncalculated": "单元格是公式“{actual}”，但没有计算结果：请在 Excel/WPS 中打开并保存后再提交，"
                                   "或直接填写数值",
    "intake.name-missing": "第 {row} 行填了内容，但没有填写考核对象",
    "intake.empty": "工作簿中没有填写任何考核对象：每个考核对象在所属板块的工作表中占一行（全部留空的行不计）",
    "intake.merge-scheme": "与 {first} 的考核方案不同（{first} 为“{expected}”，这里为“{actual}”）：一起评分的填报"
                           "必须是同一方案",
    "intake.merge-period": "与 {first} 的考核期不同（{first} 为 {expected}，这里为 {actual}）：一起评分的填报"
                           "必须是同一考核期",
    "submission.subject-twice-at": "考核对象“{subject}”重复出现（{first} 已填报）{hint}",
    # ---------------------------------------------------------------- the results database
    "store.needs-extra": "保存和比较评分结果需要安装结果库组件：pip install 'zhibiao[db]'（使用 PostgreSQL 另需 "
                         "'zhibiao[postgres]'）",
    "store.previous-match": "上期值的取法“{actual}”无法识别：应为 {expected:list} 之一（scheme：同一方案的任何版本；"
                            "version：只取同一版本的评分）",
    "store.bad-url": "结果库地址“{actual}”无法使用（{detail}）：SQLite 写文件路径或 sqlite:///路径，PostgreSQL 写 "
                     "postgresql+psycopg://用户@主机/库名",
    "store.unreachable": "无法连接结果库 {url}：{reason}。没有保存或读取任何内容",
    "store.locked": "结果库 {url} 正被其他程序锁定，等待 {timeout} 秒后仍未释放：本次没有保存任何内容，请稍后重试",
    "store.failed": "结果库 {url} 出错，本次保存已整体撤销（没有留下部分结果）：{reason}",
    "store.config-syntax": "配置文件格式有误：{detail}",
    "store.config-type": "配置项 {key} 应为{expected}，实际为 {actual:show}",
    "store.run-unknown": "结果库中没有第 {actual} 次评分（运行编号）；最近的有：{expected}",
    "store.empty": "结果库 {url} 中还没有保存任何评分：先运行 zhibiao score 填报文件 --save",
    "store.period-unknown": "结果库中没有“{actual}”的评分：既不是保存过的考核期，也不是运行编号（考核期有：{expected:list}）",
    "store.scheme-ambiguous": "“{actual}”有多个考核方案的评分（{expected:list}），请用 --scheme 指定方案",
    "store.subject-unknown": "结果库中没有考核对象“{actual}”的评分{suggest}",
    "store.state-conflict": "考核对象“{subject}”的日常考核状态已被其他请求更新（读到第 {expected} 版，现为第 {actual} 版），"
                            "请重新读取后再提交",
    "report.no-chromium": "找不到 Chromium，无法把报告打印为 PDF：请运行 .ci/install-chromium（Debian 的 chromium "
                          "与中文字体），或用环境变量 ZHIBIAO_CHROMIUM 指定浏览器",
    "report.format": "报告格式“{actual}”不支持：可用 {expected:list}",
    "report.pdf-failed": "Chromium 没有生成 PDF：{detail}",
    # ---------------------------------------------------------------- results on the handbook site
    "results-file.missing": "结果文件缺少“{key}”（应为{expected}）：结果文件是 zhibiao score --format json -o 文件 "
                            "写出的内容",
    "results-file.value": "结果文件中这里应为{expected}，实际为 {actual:show}",
    "site.results-config": "配置项 [site] results 应为“store”（结果库）、数据库地址或结果文件路径，或它们的列表，"
                           "实际为 {actual:show}",
    "site.tasks-config": "配置项 [site] tasks（或环境变量 ZHIBIAO_SITE_TASKS）应为“store”（结果库）或数据库地址，"
                         "或它们的列表，实际为 {actual:show}（SQLite 文件写成 sqlite:///路径）",
    "site.as-of-config": "配置项 [site] as_of（或环境变量 ZHIBIAO_SITE_AS_OF）应为日期 YYYY-MM-DD，实际为 {actual:show}",
}
