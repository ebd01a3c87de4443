"""The scoring service for data platforms: an ASGI app (FastAPI, served by uvicorn) over `zhibiao.api`.

    zhibiao serve --port 8000                         # token from ZHIBIAO_TOKEN (or --token-file)
    curl -H "Authorization: Bearer $ZHIBIAO_TOKEN" --data-binary @填报.json http://127.0.0.1:8000/score

Reading endpoints (schemes, versions, rules, fact definitions, health, version, the OpenAPI description and its
Chinese documentation page) are open; every endpoint that scores or stores needs the token. A request body is
limited in bytes and in subjects; it is read with the same reader as a file (`load`), so every problem comes back
as JSON — a Chinese message and where it is in the submitted document (`Problem.to_dict()`: line, column,
pointer). Nothing ever answers with a traceback: an unexpected failure is a 500 with a short Chinese message.

FastAPI is an optional extra (`pip install 'zhibiao[service]'`), imported when the app is made. (No
`from __future__ import annotations` here: FastAPI reads the endpoints' annotations, which name classes imported
inside `create_app`.)
"""


import datetime as dt
import hmac
import json
import logging
import os
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .. import __version__, api
from ..errors import Location, Problem, UsageError, ZhibiaoError
from ..limits import DEFAULT, Limits
from ..load import Document, load_text
from ..render import explain as explain_render
from ..render import scheme_data
from ..render.markup import h
from . import daily, texts

BODY_NAME = "请求正文"
log = logging.getLogger("zhibiao.service")


@dataclass
class Settings:
    """How a service instance runs; `from_env` reads ZHIBIAO_* variables (what `zhibiao serve` sets)."""

    token: str | None = None
    root: str | None = None
    max_body_bytes: int = 5 * 1024 * 1024
    max_subjects: int = 2000
    database: str | None = None  # the results database of 日常考核 (None: ZHIBIAO_DATABASE, else the repository's)
    limits: Limits = field(default_factory=lambda: DEFAULT)

    @classmethod
    def from_env(cls) -> "Settings":
        env = os.environ
        token = env.get("ZHIBIAO_TOKEN") or None
        token_file = env.get("ZHIBIAO_TOKEN_FILE")
        if token_file:
            token = Path(token_file).read_text(encoding="utf-8").strip() or None
        return cls(token=token, root=env.get("ZHIBIAO_ROOT") or None,
                   max_body_bytes=int(env.get("ZHIBIAO_MAX_BODY_BYTES", cls.max_body_bytes)),
                   max_subjects=int(env.get("ZHIBIAO_MAX_SUBJECTS", cls.max_subjects)),
                   database=env.get("ZHIBIAO_DATABASE") or None)


class Refused(Exception):
    """An HTTP error: its status and the problem (code and fields; the Chinese message comes from `messages`)."""

    def __init__(self, status: int, code: str, where: str = "", **fields: Any) -> None:
        self.status = status
        self.problem = Problem.of(code, Location(where or "请求"), **fields)
        super().__init__(self.problem.message)


def error_body(message: str, problems: list[Problem] | None = None) -> dict[str, Any]:
    return {"message": message, "problems": [p.to_dict() for p in problems or []]}


def _status(exc: ZhibiaoError) -> int:
    if isinstance(exc, UsageError):
        codes = {p.code for p in exc.problems}
        if codes & {"daily.report-reused"}:
            return 409
        return 404 if codes & {"repo.scheme-unknown", "repo.version-unknown", "score.subject-absent",
                               "daily.subject-empty", "daily.period-empty"} else 400
    if any(p.code == "store.state-conflict" for p in exc.problems):
        return 409
    return 422


def create_app(settings: Settings | None = None) -> Any:
    """The FastAPI app (`uvicorn --factory zhibiao.service.app:create_app` reads the settings from the env)."""
    from fastapi import Depends, FastAPI, Query, Request
    from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse, Response
    from starlette.exceptions import HTTPException as StarletteHTTPException

    cfg = settings or Settings.from_env()
    repo = api.open_repository(cfg.root)
    app = FastAPI(title=texts.TITLE, description=texts.DESCRIPTION, version=__version__, docs_url=None,
                  redoc_url=None, openapi_url="/openapi.json", openapi_tags=texts.TAGS)
    app.state.settings = cfg
    app.state.repository = repo
    bearer = HTTPBearer(auto_error=False, description="评分与写入接口的令牌：请求头 Authorization: Bearer <令牌>")

    def json_response(data: Any, status: int = 200) -> Response:
        return Response(json.dumps(data, ensure_ascii=False), status_code=status, media_type="application/json")

    @app.exception_handler(Refused)
    async def refused(_: Request, exc: Refused) -> Response:
        return json_response(error_body(exc.problem.message, [exc.problem]), exc.status)

    @app.exception_handler(ZhibiaoError)
    async def zhibiao_error(_: Request, exc: ZhibiaoError) -> Response:
        message = exc.summary or (exc.problems[0].message if exc.problems else "请求无法处理")
        return json_response(error_body(message, exc.problems), _status(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "service.not-found", 405: "service.method"}.get(exc.status_code, "service.http")
        problem = Problem.of(code, Location("请求"), actual=request.url.path if exc.status_code in (404, 405)
                             else exc.status_code, method=request.method)
        return json_response(error_body(problem.message, [problem]), exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(_: Request, exc: RequestValidationError) -> Response:
        problems = [Problem.of("service.parameter", Location("请求"),
                               name=".".join(str(x) for x in e.get("loc", ())[1:]),
                               detail=texts.parameter_error(e.get("type", ""), e.get("input")))
                    for e in exc.errors()]
        return json_response(error_body(problems[0].message if problems else "", problems), 422)

    @app.exception_handler(Exception)
    async def internal(_: Request, exc: Exception) -> Response:  # never a traceback to the caller
        log.exception("内部错误")
        problem = Problem.of("service.internal", Location("服务"), detail=type(exc).__name__)
        return json_response(error_body(problem.message, [problem]), 500)

    def authorized(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        if cfg.token is None:
            raise Refused(503, "service.no-token")
        if credentials is None or not hmac.compare_digest(credentials.credentials.encode(), cfg.token.encode()):
            raise Refused(401, "service.bad-token")

    async def body_document(request: Request) -> Document:
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > cfg.max_body_bytes:
            raise Refused(413, "service.body-too-large", BODY_NAME, actual=int(length), expected=cfg.max_body_bytes)
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > cfg.max_body_bytes:
                raise Refused(413, "service.body-over-limit", BODY_NAME, expected=cfg.max_body_bytes)
            chunks.append(chunk)
        try:
            text = b"".join(chunks).decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "service.not-utf8", BODY_NAME) from None
        doc = load_text(text, BODY_NAME, limits=cfg.limits, json=True)
        if not isinstance(doc.data, dict):
            raise Refused(422, "service.not-object", BODY_NAME, what="请求正文", actual=doc.data)
        subjects = doc.data.get("subjects")
        if isinstance(subjects, list) and len(subjects) > cfg.max_subjects:
            raise Refused(413, "service.too-many-subjects", BODY_NAME, actual=len(subjects), expected=cfg.max_subjects)
        return doc

    def parse_as_of(as_of: str | None) -> dt.date | None:
        if as_of is None:
            return None
        try:
            return dt.date.fromisoformat(as_of)
        except ValueError:
            raise Refused(400, "service.bad-date", "as_of", name="评分日期", actual=as_of) from None

    def parse_weight(text: str | None) -> Decimal | None:
        if text is None:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            raise Refused(400, "service.bad-number", "year_end_weight", name="计入年终考核的比例", actual=text) from None

    def result_data(result: Any, traces: bool) -> dict[str, Any]:
        data = json.loads(api.render(result, "json"))
        if traces:
            for s in data["subjects"]:
                s["trace"] = explain_render.trace_data(api.explain(result, s["name"]))
        return data

    # ------------------------------------------------------------------ reading
    @app.get("/health", tags=["服务"], summary="健康检查", description="服务在运行时返回 `{\"status\": \"ok\"}`。")
    def health() -> Response:
        return json_response({"status": "ok"})

    @app.get("/version", tags=["服务"], summary="版本", description="质标的版本，以及可用的考核方案与其规则哈希。")
    def version() -> Response:
        return json_response({"zhibiao": __version__, "schemes": [scheme_data.summary(s) for s in api.schemes(repository=repo)]})

    @app.get("/schemes", tags=["考核方案"], summary="全部考核方案",
             description="rules/ 中每个考核方案的每个版本：标识、标题、版本、状态、生效日期、规则哈希与板块。")
    def schemes() -> Response:
        return json_response([scheme_data.summary(s) for s in api.schemes(repository=repo)])

    @app.get("/schemes/{scheme_id}", tags=["考核方案"], summary="一个考核方案",
             description="现行有效的最新版本（或 `version` 指定的版本），以及历史上的全部版本。")
    def scheme(scheme_id: str, version: str | None = Query(None, description="版本，如 1.0.0；不写则取现行有效的最新版本")) -> Response:
        found = api.scheme(f"{scheme_id}@{version}" if version else scheme_id, repository=repo)
        return json_response({**scheme_data.summary(found),
                              "versions": api.scheme_versions(scheme_id, repository=repo)})

    @app.get("/schemes/{scheme_id}/versions", tags=["考核方案"], summary="方案的全部版本",
             description="rules/ 中现有的与 git 历史中出现过的全部版本号。")
    def versions(scheme_id: str) -> Response:
        api.scheme(scheme_id, repository=repo)  # 404 for an unknown scheme
        return json_response({"id": scheme_id, "versions": api.scheme_versions(scheme_id, repository=repo)})

    @app.get("/schemes/{scheme_id}/rules", tags=["考核方案"], summary="方案的规则",
             description="每条规则的原文、机器形式的中文读法、在评分日期有效的分值、上限与编码说明（decision）。")
    def rules(scheme_id: str, version: str | None = Query(None, description="版本"),
              as_of: str | None = Query(None, description="评分日期 YYYY-MM-DD（默认今天）")) -> Response:
        found = api.scheme(f"{scheme_id}@{version}" if version else scheme_id, repository=repo)
        return json_response(scheme_data.rules(found, parse_as_of(as_of) or dt.date.today()))

    @app.get("/schemes/{scheme_id}/facts", tags=["考核方案"], summary="填报口径",
             description="每个板块要填报的事实与记录清单，每个事实的名称、类型、单位、取值范围、默认值与填报口径。")
    def facts(scheme_id: str, version: str | None = Query(None, description="版本")) -> Response:
        found = api.scheme(f"{scheme_id}@{version}" if version else scheme_id, repository=repo)
        return json_response(scheme_data.facts(found))

    # ------------------------------------------------------------------ scoring
    @app.post("/score", tags=["评分"], summary="为一份填报评分", dependencies=[Depends(authorized)],
              description="请求正文为填报（JSON，与 `zhibiao score` 的填报文件结构相同）。返回与 "
                          "`zhibiao score --format json` 相同的结果，每个考核对象另附 `trace`：每条规则扣了没有、"
                          "依据的事实与算式。填报有误时返回 422，`problems` 中每一项给出中文说明与在请求正文中的行、列。",
              openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                  "$ref": "#/components/schemas/Submission"}}}}})
    async def score(request: Request,
                    scheme: str | None = Query(None, description="考核方案（标识或 标识@版本）；默认取填报中的 scheme"),
                    as_of: str | None = Query(None, description="评分日期 YYYY-MM-DD；默认为考核期最后一天"),
                    year_end_weight: str | None = Query(None, description="计入年终考核的比例 0～1"),
                    trace: bool = Query(True, description="是否附每个考核对象的完整说明")) -> Response:
        doc = await body_document(request)
        result = api.score(doc, scheme, as_of=parse_as_of(as_of), year_end_weight=parse_weight(year_end_weight),
                           repository=repo)
        return json_response(result_data(result, trace))

    @app.post("/explain", tags=["评分"], summary="说明一个考核对象的得分", dependencies=[Depends(authorized)],
              description="请求正文为填报；返回 `subject` 指定的考核对象的完整说明：每条规则（含未扣分的）、"
                          "读到的事实与记录、数量 × 分值、上限、类别保底、总分、名次与奖项。")
    async def explain(request: Request, subject: str = Query(..., description="考核对象名称"),
                      scheme: str | None = Query(None, description="考核方案（标识或 标识@版本）"),
                      as_of: str | None = Query(None, description="评分日期 YYYY-MM-DD")) -> Response:
        doc = await body_document(request)
        result = api.score(doc, scheme, as_of=parse_as_of(as_of), repository=repo)
        return json_response(explain_render.trace_data(api.explain(result, subject)))

    daily.register(app, repo, cfg.database, authorized=authorized, body_document=body_document,
                   json_response=json_response, parse_as_of=parse_as_of, parse_weight=parse_weight)

    # ------------------------------------------------------------------ documentation
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = original()
            submission = json.loads((repo.schemas / "submission.schema.json").read_text(encoding="utf-8"))
            schema.setdefault("components", {}).setdefault("schemas", {})["Submission"] = {
                k: v for k, v in submission.items() if k not in ("$schema", "$id")}
            _strip_refs(schema["components"]["schemas"]["Submission"])
            app.openapi_schema = schema
        return app.openapi_schema
    app.openapi = openapi  # type: ignore[method-assign]

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_page(app.openapi()))

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return json_response({"service": texts.TITLE, "version": __version__, "docs": "/docs", "openapi": "/openapi.json"})

    return app


def _strip_refs(node: Any) -> None:
    """The submission schema refers to common.schema.json for dates; OpenAPI readers get a plain string there."""
    if isinstance(node, dict):
        for key, value in list(node.items()):
            if isinstance(value, dict) and isinstance(value.get("$ref"), str) and not value["$ref"].startswith("#/components"):
                node[key] = {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "description": "日期 YYYY-MM-DD"}
            else:
                _strip_refs(value)
    elif isinstance(node, list):
        for value in node:
            _strip_refs(value)


def docs_page(schema: dict[str, Any]) -> str:
    """The OpenAPI description as one self-contained Chinese page (no script or style from elsewhere: the
    service is often reached from campus networks where CDNs are not)."""
    info = schema.get("info", {})
    out = ["<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
           f"<title>{h(info.get('title', ''))}</title><style>{texts.DOCS_CSS}</style></head><body>",
           f"<h1>{h(info.get('title', ''))} <small>{h(info.get('version', ''))}</small></h1>",
           f"<p>{h(info.get('description', ''))}</p>",
           "<p>机器可读的接口描述：<a href=\"/openapi.json\">/openapi.json</a>（OpenAPI 3）。</p>"]
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            secured = "（需要令牌）" if op.get("security") else ""
            out.append(f"<section><h2><code>{h(method.upper())} {h(path)}</code> {h(op.get('summary', ''))}{secured}</h2>")
            out.append(f"<p>{h(op.get('description', ''))}</p>")
            params = op.get("parameters", [])
            if params:
                out.append("<table><tr><th>参数</th><th>位置</th><th>说明</th></tr>")
                for p in params:
                    out.append(f"<tr><td><code>{h(p.get('name', ''))}</code></td><td>{h(texts.WHERE.get(p.get('in', ''), p.get('in', '')))}</td>"
                               f"<td>{h(p.get('description', ''))}</td></tr>")
                out.append("</table>")
            out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out)
