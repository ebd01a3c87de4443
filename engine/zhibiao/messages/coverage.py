"""Rule coverage records: whether a record can be trusted for the rules as they are now."""

MESSAGES: dict[str, str] = {
    "coverage.no-record": "还没有覆盖记录：请先运行全部中文场景（python -m pytest features），运行时会写出这份记录",
    "coverage.unreadable": "覆盖记录文件无法读取（不是场景运行写出的格式）：请重新运行全部中文场景（python -m pytest features）",
    "coverage.old-format": "覆盖记录没有注明是按哪一版规则做的（旧格式），不能说明现在的规则：请重新运行全部中文场景"
                           "（python -m pytest features）",
    "coverage.stale": "覆盖记录做于 {recorded_at}，此后规则已改动（{changed:list}），记录不能说明现在的规则："
                      "请重新运行全部中文场景（python -m pytest features）",
    "coverage.partial": "覆盖记录做于 {recorded_at}，只运行了部分场景（{actual} 个：用了 -k/-m、只选了部分文件，或有场景未通过），"
                        "覆盖率不能说明全部规则：请运行全部中文场景（python -m pytest features）",
}
