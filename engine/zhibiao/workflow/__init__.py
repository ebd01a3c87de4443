"""委员会工作流：有版本的方案、可读的差异、改动的影响、合并请求检查与文件骨架。

Modules: `gitrev` (reading documents at a git revision), `versions` (schemes by version, version-bump check),
`diff` / `diffrender` (what changed), `impact` (what the change does to scores), `scaffold` (new files),
`commands` (the CLI).
"""
