"""Messages of 日常考核 (running assessment): facts and records reported to a subject during a period."""

MESSAGES: dict[str, str] = {
    "daily.key-unknown": "报送中不认识的键“{actual}”（可写：{expected:list}）{suggest}",
    "daily.not-object": "{what}应为 JSON 对象（键值表），实际为{actual:type}",
    "daily.not-list": "记录清单“{name}”应为列表（每条记录一个键值表），实际为{actual:type}",
    "daily.not-text": "{what}应为文字，实际为{actual:kind}",
    "daily.mode": "报送方式“{actual}”无法识别：可选 add（累加：数字相加、记录追加）或 set（更正：以本次为准）",
    "daily.stage": "考核阶段“{actual}”无法识别（可选：{expected:list}）",
    "daily.empty": "本次报送没有任何事实或记录（facts、records 都是空的），未保存",
    "daily.period-missing": "考核期“{period}”还没有收到过报送：第一次报送须写 period（start、end，可写 name），"
                            "以确定考核期的起止日期",
    "daily.period-differs": "考核期“{period}”已按 {expected} 登记，本次报送写的是 {actual}：同一考核期的起止日期不能改变",
    "daily.college-differs": "考核期“{period}”已登记学校为“{expected}”，本次报送写的是“{actual}”",
    "daily.block-unknown": "考核对象“{subject}”不在考核方案任何板块的名单中，请写 block（板块标识，可选：{expected:list}）{suggest}",
    "daily.period-empty": "考核期“{period}”还没有收到任何报送（{scheme}）",
    "daily.standings-subject": "--standings 给出整个考核期的排名，不要再写考核对象（实际写了“{actual}”）",
    "daily.subject-needed": "请写考核对象（名称，或按编号报送时的编号）；看整个考核期的排名请用 --standings",
    "daily.name-differs": "考核对象“{subject}”已按名称“{expected}”登记，本次报送写的是“{actual}”",
    "daily.block-differs": "考核对象“{subject}”已按板块 {expected} 登记，本次报送写的是 {actual}",
    "daily.report-reused": "报送编号“{actual}”已用于第 {expected} 次报送，内容与本次不同：编号不能重复使用"
                           "（重发同一报送时内容须完全相同）",
    "daily.subject-empty": "考核对象“{subject}”在考核期“{period}”还没有收到任何报送（{scheme}）",
    "daily.stored-value": "（已保存的第 {seq} 次报送中的值）",
}
