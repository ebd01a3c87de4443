"""`zhibiao serve`: the scoring service (FastAPI app served by uvicorn; optional extra `service`)."""

from __future__ import annotations

import argparse
import os
import sys

from ..errors import Location, Problem, UsageError
from ..service.app import Settings, create_app
from .common import Formatter
from .results import add_db_option


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn  # optional extra: pip install 'zhibiao[service]'
    except ModuleNotFoundError:
        raise UsageError([Problem.of("service.extra-missing", Location("zhibiao serve"), extra="service",
                                     packages="fastapi、uvicorn")]) from None
    if args.token_file:
        os.environ["ZHIBIAO_TOKEN_FILE"] = args.token_file
    if args.repo:
        os.environ["ZHIBIAO_ROOT"] = args.repo
    if args.db:  # the results database the 日常考核 reports are kept in
        os.environ["ZHIBIAO_DATABASE"] = args.db
    os.environ["ZHIBIAO_MAX_BODY_BYTES"] = str(args.max_body_bytes)
    os.environ["ZHIBIAO_MAX_SUBJECTS"] = str(args.max_subjects)
    settings = Settings.from_env()
    if settings.token is None:
        print("提示：没有配置令牌（环境变量 ZHIBIAO_TOKEN 或 --token-file），评分与写入接口将返回 503。", file=sys.stderr)
    print(f"质标评分服务：http://{args.host}:{args.port}/docs（接口说明），{args.workers} 个进程", file=sys.stderr)
    if args.workers > 1:  # each worker process builds its own app (and registers its own rulesets) from the env
        uvicorn.run("zhibiao.service.app:create_app", factory=True, host=args.host, port=args.port,
                    workers=args.workers, log_level=args.log_level, proxy_headers=False)
    else:
        uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=args.log_level)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="启动评分服务（HTTP 接口，供数据平台调用；需安装可选组件 service）",
                       formatter_class=Formatter,
                       description="启动评分服务：POST /score 提交填报得到结果与逐条说明；GET /schemes 等查询方案、版本、\n"
                                   "规则与填报口径；/docs 为中文接口说明。评分与写入接口需要令牌（环境变量 ZHIBIAO_TOKEN）。",
                       epilog="示例：\n  ZHIBIAO_TOKEN=$(cat 令牌文件) zhibiao serve --port 8000 --workers 2")
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只接受本机访问）")
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    p.add_argument("--workers", type=int, default=1, help="进程数（默认 1）")
    p.add_argument("--token-file", metavar="FILE", help="从文件读取令牌（否则读环境变量 ZHIBIAO_TOKEN）")
    p.add_argument("--max-body-bytes", type=int, default=Settings.max_body_bytes, metavar="N",
                   help=f"请求正文上限（字节，默认 {Settings.max_body_bytes}）")
    p.add_argument("--max-subjects", type=int, default=Settings.max_subjects, metavar="N",
                   help=f"一次请求最多的考核对象数（默认 {Settings.max_subjects}）")
    add_db_option(p)
    p.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"],
                   help="日志级别（默认 warning）")
    p.set_defaults(func=cmd_serve)
