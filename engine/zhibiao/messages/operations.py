"""Message templates of the operations layer: institutions and tiers, timetables, the declared review elements,
overlays (校本扩展), review element names, the calendar and improvement tasks."""

MESSAGES: dict[str, str] = {
    # ---------------------------------------------------------------- institutions (every controlled document)
    "ops.institution-missing": "缺少所属机构“institution”：每份受控文件都属于一个机构（standards/institutions.yaml 中的标识，"
                               "可选：{expected:list}）",
    "ops.institution-unknown": "所属机构“{actual}”不在机构目录 standards/institutions.yaml 中{suggest}（可选：{expected:list}）",
    "ops.system-without-framework": "五纵系统“{actual}”只用于采用“五纵五横一平台”的机构；{institution}的源文件没有五纵系统，"
                                    "请删去 system（五份源文件是五个机构，不能互相借用体系）",
    "ops.parent-unknown": "上级部门“{actual}”不在机构目录中{suggest}（可选：{expected:list}）",
    "ops.parent-tier": "“{name}”（{tier}）的上级“{parent}”是{parent_tier}：上级应高一级（校 → 省 → 国家）",
    # ---------------------------------------------------------------- lists, counts, references
    "ops.duplicate": "{what}“{actual}”重复（第 {first_line} 行已经出现过）",
    "ops.count": "{what}：原文写明 {expected} 项，这里列出 {actual} 项",
    "ops.order": "{what}的序号应依次为 1、2、3……：第 {index} 项是 {actual}",
    "ops.ref-unknown": "{what}“{actual}”不存在{suggest}（可选：{expected:list}）",
    "ops.name-unknown": "“{actual}”不是{institution}的部门、机构或岗位，也没有在本文件的 groups、aliases、bodies 中说明"
                        "{suggest}",
    "ops.rule-unknown": "考核条款“{actual}”不存在：方案“{scheme}”中没有规则“{rule}”{suggest}",
    "ops.scheme-unknown": "考核条款“{actual}”引用的方案“{scheme}”不在 rules/ 中",
    # ---------------------------------------------------------------- dates
    "ops.date-order": "“{name}”的结束日期 {actual} 早于开始日期 {expected}",
    "ops.phase-outside": "阶段“{name}”（{start}—{end}）超出全程 {period_start}—{period_end}",
    "ops.bad-month-day": "“{actual}”不是有效的月-日（{expected}）",
    "ops.due-before-start": "“{name}”的截止 {actual} 早于开始 {expected}",
    "ops.until-before-from": "“{name}”适用的截止日 {actual} 早于起始日 {expected}",
    "ops.schedule-extra": "频次为“{repeat}”的职责不用“{actual}”（它只用于：{expected}）",
    "ops.semesters-missing": "“{name}”每学期一次，需要参数 semester_ends（各学期结束的月-日，如 [\"01-20\", \"07-10\"]）",
    "ops.anchor-missing": "“{name}”每 {every} 年一次，需要 anchor（周期起算的年份）",
    # ---------------------------------------------------------------- the declared review elements
    "ops.table-code-unknown": "诊断要素“{name}”的编号“{actual}”不在诊断项目表“{table}”中（可选：{expected:list}）",
    "ops.table-unknown": "诊断项目表“{actual}”不存在{suggest}",
    "ops.procedure-elements-unknown": "复核程序引用的诊断要素清单“{actual}”不存在{suggest}",
    "ops.procedure-element-count": "诊断要素清单“{list}”有 {actual} 项，与参数 element_count（{expected}）不符",
    # ---------------------------------------------------------------- overlays (校本扩展)
    "ops.overlay-base-unknown": "扩展的上级文件“{actual}”（{kind}）不存在{suggest}",
    "ops.overlay-base-version": "上级文件“{base}”现为 {actual} 版，本扩展锁定的是 {expected} 版：请核对上级的改动后更新 base.version",
    "ops.overlay-not-above": "{institution}（{tier}）只能扩展其上级机构的文件；“{base}”属于{base_institution}（{base_tier}），"
                             "不在其上级之列（{chain}）",
    "ops.overlay-target-unknown": "上级文件“{base}”中没有标识为“{actual}”的{what}{suggest}",
    "ops.overlay-add-duplicate": "增加的{what}“{actual}”与上级文件“{base}”中的{field}重复",
    "ops.overlay-drop-required": "不能删除{what}“{name}”：它是{origin}规定的必选项（{base} 中 required: true），"
                                 "院校只能增加或收紧，不能删去",
    "ops.overlay-field": "不能修改{what}“{name}”的“{actual}”：只能收紧 {expected:list}",
    "ops.overlay-loosen": "对{what}“{name}”的修改放宽了上级要求：{field} 由 {old} 改为 {new}（{rule}）",
    # ---------------------------------------------------------------- review submissions
    "form.element-unknown": "{subject}：诊断要素“{actual}”不在诊断要素清单“{list}”中{suggest}（清单共 {count} 项：{expected:list}）",
    "form.element-split": "{subject}：“{actual}”在{table}中是一个诊断要素，诊断要素清单“{list}”把它分为 {expected:list} 两项，"
                          "请分别填写比对结果",
    "form.element-missing": "{subject}：缺少诊断要素 {expected:list} 的比对结果",
    # ---------------------------------------------------------------- the calendar
    "calendar.event-format": "事件日期应写成“事件标识=YYYY-MM-DD”（如 review-start=2019-05-20），实际为“{actual}”",
    "calendar.event-unknown": "未知的事件“{actual}”{suggest}（可选：{expected:list}）",
    "calendar.department-unknown": "没有名为“{actual}”的部门、机构或岗位{suggest}",
    "calendar.institution-unknown": "未知的机构“{actual}”{suggest}（可选：{expected:list}）",
    "calendar.ics-missing": "导出 iCalendar（.ics）需要 icalendar 包：pip install 'zhibiao[calendar]'",
    "sampling.colleges": "院校总数应为正整数，实际为“{actual}”",
    "sampling.before-first-round": "{actual} 年早于首轮抽样复核（{expected} 年），那时还没有抽样复核",
    "tasks.deadline-before": "整改期限 {actual} 早于创建日期 {expected}",
    "tasks.owner-missing": "整改任务须有负责部门或院校：{finding}",
    "tasks.duplicate": "{subject}：任务标识“{actual}”重复（第 {first_line} 行已经出现过）",
    "tasks.deadline-order": "{subject}：整改期限 {actual} 早于创建日期 {expected}",
    "tasks.completed-missing": "{subject}：进度为“已完成”，须填写完成日期 completed（YYYY-MM-DD）",
    "tasks.completed-extra": "{subject}：进度为“{actual}”，不应填写完成日期 completed（只有“已完成”的任务填写）",
    "tasks.completed-before": "{subject}：完成日期 {actual} 早于创建日期 {expected}",
    "tasks.not-register": "这不是整改任务登记：kind 应为 tasks，实际为“{actual}”",
    "tasks.subject-unknown": "评分结果中没有考核对象“{actual}”{suggest}",
    "tasks.register-missing": "整改任务登记“{actual}”不存在：新建登记请用 --from-review、--from-score、--from-indicators 或 --from-point 中的一个说明整改任务从哪里来",
    "tasks.point-format": "诊断点应写成“要素编号/诊断点”（如 3.2/工作实施效果），实际为“{actual}”",
    "tasks.file-and-db": "整改任务登记在文件“{actual}”还是结果库中？二者只能选一个：--db、--import、--export、--update、--withdraw、--history 用于结果库，"
                         "这时不写 FILE（把文件导入结果库请用 --import {actual}）",
    "tasks.unknown": "结果库中没有整改任务“{actual}”（已有：{expected:list}）",
    "tasks.owner-blank": "{subject}：负责部门或院校不能为空",
    "tasks.reason-missing": "{subject}：撤销整改任务须写明原因（--reason），原因记在任务的变更记录中",
    "tasks.status-unknown": "进度“{actual}”不是整改任务的进度（可选：{expected:list}）",
    "tasks.point-unknown": "诊断项目表“{table}”中没有诊断点“{actual}”（可选：{expected:list}）",
    "calendar.days": "{what}应为 0 到 {expected} 之间的整数天数，实际为“{actual}”",
}
