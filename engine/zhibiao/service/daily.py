"""The service's 日常考核 endpoints: thin callers of `api.report_facts`, `api.running` and `api.daily_reports`.

    POST /schemes/{scheme}/periods/{period}/subjects/{subject}/facts?mode=add|set   a report → the running result
    GET  /schemes/{scheme}/periods/{period}/subjects/{subject}                      the running result, with trace
    GET  /schemes/{scheme}/periods/{period}/subjects/{subject}/facts                the reports received, in order
    GET  /schemes/{scheme}/periods/{period}/standings                               the period scored together

decision: a path segment cannot hold “/” (the server decodes %2F before routing), so each has a twin with the
subject as the query parameter `subject`, which takes any name or number: POST/GET …/periods/{period}/facts and
GET …/periods/{period}/running. An open list's subject addressed by its number gives its `name` in the report.

All of them need the token (they read or store a college's results). They run on the event loop's thread,
as /score does: durable-rules and the SQLite connection are used from one thread. The reports are kept in the results
database (`--database`, else ZHIBIAO_DATABASE, else the repository's), so a restart loses nothing.
"""


import json
from typing import Any, Callable

from .. import api
from ..model.daily import DailyReport, PeriodStandings, RunningResult, RunningState
from ..render import explain as explain_render
from ..render.scores import to_plain

PERIOD = "/schemes/{scheme_id}/periods/{period}"
PATH = PERIOD + "/subjects/{subject}"
SUBJECT = ("考核对象：名单中的名称，或按编号报送时的编号（工号、专业代码）；任何文字都可以，"
           "按 URL 规则百分号编码（如 “a/b” 写成 a%2Fb）")
PATH_FORM = ("\n\n考核对象写在路径中（名称中不能有 “/”）；任何名称或编号都可用的写法是把它放在查询参数 "
             "`subject` 中：`" + PERIOD + "/facts?subject=…`、`/running?subject=…`。")
QUERY_FORM = ("\n\n与 `" + PATH + "` 相同，考核对象写在查询参数 `subject` 中：名称含 “/” 的，"
              "或开放名单中按编号（id）报送的考核对象都能这样指明。按编号报送时，第一次报送写 `name`（名称）。")
AS_OF = "评分日期 YYYY-MM-DD；默认为考核期最后一天"
WEIGHT = "计入年终考核的比例 0～1"
TRACE = "是否附完整说明"
MODE_TEXT = ("报送方式：add（默认，累加——整数与小数事实与已有值相加，记录追加，其余事实以本次为准）；"
             "set（更正——本次给出的事实与记录清单取代已有的，事实写 null 表示删去、恢复默认值）")


def report_data(r: DailyReport) -> dict[str, Any]:
    return {"seq": r.seq, "received_at": r.received_at, "received_by": r.received_by, "report": r.report_id,
            "mode": r.mode, "stage": r.stage, "content_hash": r.content_hash,
            "total": None if r.total is None else to_plain(r.total)}


def running_data(r: RunningResult, traces: bool) -> dict[str, Any]:
    s = r.state
    out: dict[str, Any] = {"scheme": s.scheme, "period": s.period, "subject": s.subject,
                           "name": s.name or s.subject, "block": s.block,
                           "reports": s.seq, "complete": r.complete, "created": r.created,
                           "missing": [p.to_dict() for p in r.pending],
                           "facts": to_plain(s.facts), "records": to_plain(s.records),
                           "report": report_data(r.report) if r.report is not None else None, "result": None}
    if r.result is not None:
        data = json.loads(api.render(r.result, "json"))
        if traces:
            for subject in data["subjects"]:
                subject["trace"] = explain_render.trace_data(api.explain(r.result, subject["name"]))
        out["result"] = data
        out["total"] = data["subjects"][0]["total"]
    return out


def standings_data(s: PeriodStandings, traces: bool) -> dict[str, Any]:
    """The period's standings: the complete subjects scored together (ranks, grades, awards, warnings — the JSON
    of `zhibiao score`), and the subjects not scored yet with the facts they miss."""
    def who(state: RunningState) -> dict[str, Any]:
        return {"subject": state.subject, "name": state.name or state.subject, "block": state.block,
                "reports": state.seq}

    result = None
    if s.result is not None:
        result = json.loads(api.render(s.result, "json"))
        if traces:
            for subject in result["subjects"]:
                subject["trace"] = explain_render.trace_data(api.explain(s.result, subject["name"]))
    return {"scheme": s.scheme, "period": s.period, "subjects": len(s.states),
            "scored": len(s.states) - len(s.incomplete),
            "incomplete": [who(state) | {"missing": [p.to_dict() for p in missing]} for state, missing in s.incomplete],
            "result": result}


def register(app: Any, repo: Any, database: str | None, *, authorized: Callable, body_document: Callable,
             json_response: Callable, parse_as_of: Callable, parse_weight: Callable) -> None:
    """Add the endpoints to `app` (inside `create_app`, with its token check, body reader and parsers)."""
    from fastapi import Depends, Query, Request
    from fastapi.responses import Response

    stores: list[Any] = []

    def store() -> Any:  # opened on first use: a service without the `db` extra still scores
        if not stores:
            stores.append(api.open_store(database, repository=repo))
        return stores[0]

    post_text = ("考核期内陆续报送（平时考核的每次检查、年终集中考核）。请求正文为 JSON："
                 "`facts`（事实）、`records`（记录清单），可选 `report`（报送编号：重发同一报送不会重复计入）、"
                 "`by`（报送人）、`stage`（平时考核 / 年终集中考核）、`block`（板块，名单中有的可不写）、"
                 "`name`（考核对象名称：按编号报送开放名单中的对象时写）、`attributes`（开放名单的属性）；"
                 "考核期的第一次报送须写 `period`（start、end）。报送保存在结果库中（只增不改），返回该考核对象"
                 "的当前结果与逐条说明。报送有误时整份不保存，返回 422 与在请求正文中的行、列。"
                 "没有默认值的事实（如活动总结）报齐之前，报送照样保存，`complete` 为 false，`missing` 列出尚缺的事实。")
    running_text = ("把该考核对象在本考核期收到的全部报送合在一起评分（与 `zhibiao score` 相同的规则与算法），"
                    "返回总分、类别得分、每一笔扣分及其依据。")
    reports_text = "按收到的先后：第几次、何时、何人、报送编号、方式、阶段、内容（原样）、内容哈希、报送后的当前总分。"

    async def post_facts(request: Request, scheme_id: str, period: str, subject: str, mode: str, as_of: str | None,
                         year_end_weight: str | None, trace: bool) -> Response:
        doc = await body_document(request)
        outcome = api.report_facts(scheme_id, period, subject, doc, mode=mode, by="评分服务",
                                   as_of=parse_as_of(as_of), year_end_weight=parse_weight(year_end_weight),
                                   store=store(), repository=repo)
        return json_response(running_data(outcome, trace))

    def get_running(scheme_id: str, period: str, subject: str, as_of: str | None, year_end_weight: str | None,
                    trace: bool) -> Response:
        outcome = api.running(scheme_id, period, subject, as_of=parse_as_of(as_of),
                              year_end_weight=parse_weight(year_end_weight), store=store(), repository=repo)
        return json_response(running_data(outcome, trace))

    def get_reports(scheme_id: str, period: str, subject: str) -> Response:
        reports = api.daily_reports(scheme_id, period, subject, store=store(), repository=repo)
        return json_response([report_data(r) | {"content": to_plain(r.content)} for r in reports])

    @app.get(PERIOD + "/standings", tags=["日常考核"], summary="考核期的总排名与奖项",
             dependencies=[Depends(authorized)],
             description="把本考核期每个考核对象已收到的全部报送合成一份填报，一起评分（与 `zhibiao score` 相同："
                         "总分、名次、等次、奖项）。还缺没有默认值的事实的考核对象不参加评分，列在 `incomplete` 中并"
                         "说明缺什么；名单中从未报送的考核对象见结果的 `warnings`（名次与奖项只在已评分的对象中产生）。")
    def get_standings(scheme_id: str, period: str, as_of: str | None = Query(None, description=AS_OF),
                      year_end_weight: str | None = Query(None, description=WEIGHT),
                      trace: bool = Query(False, description="是否附每个考核对象的完整说明（默认不附）")) -> Response:
        standings = api.daily_standings(scheme_id, period, as_of=parse_as_of(as_of),
                                        year_end_weight=parse_weight(year_end_weight), store=store(), repository=repo)
        return json_response(standings_data(standings, trace))

    # the subject in the path: readable URLs for names without “/”
    @app.post(PATH + "/facts", tags=["日常考核"], summary="报送一个考核对象的事实与记录",
              dependencies=[Depends(authorized)], description=post_text + PATH_FORM)
    async def post_facts_path(request: Request, scheme_id: str, period: str, subject: str,
                              mode: str = Query("add", description=MODE_TEXT),
                              as_of: str | None = Query(None, description=AS_OF),
                              year_end_weight: str | None = Query(None, description=WEIGHT),
                              trace: bool = Query(True, description=TRACE)) -> Response:
        return await post_facts(request, scheme_id, period, subject, mode, as_of, year_end_weight, trace)

    @app.get(PATH, tags=["日常考核"], summary="考核对象的当前结果", dependencies=[Depends(authorized)],
             description=running_text + PATH_FORM)
    def get_running_path(scheme_id: str, period: str, subject: str, as_of: str | None = Query(None, description=AS_OF),
                         year_end_weight: str | None = Query(None, description=WEIGHT),
                         trace: bool = Query(True, description=TRACE)) -> Response:
        return get_running(scheme_id, period, subject, as_of, year_end_weight, trace)

    @app.get(PATH + "/facts", tags=["日常考核"], summary="收到的全部报送", dependencies=[Depends(authorized)],
             description=reports_text + PATH_FORM)
    def get_reports_path(scheme_id: str, period: str, subject: str) -> Response:
        return get_reports(scheme_id, period, subject)

    # the subject as a query parameter: any name or number (“/”, “?”, “#”, spaces…), percent-encoded
    @app.post(PERIOD + "/facts", tags=["日常考核"], summary="报送一个考核对象的事实与记录（对象写在查询参数中）",
              dependencies=[Depends(authorized)], description=post_text + QUERY_FORM)
    async def post_facts_query(request: Request, scheme_id: str, period: str,
                               subject: str = Query(..., description=SUBJECT),
                               mode: str = Query("add", description=MODE_TEXT),
                               as_of: str | None = Query(None, description=AS_OF),
                               year_end_weight: str | None = Query(None, description=WEIGHT),
                               trace: bool = Query(True, description=TRACE)) -> Response:
        return await post_facts(request, scheme_id, period, subject, mode, as_of, year_end_weight, trace)

    @app.get(PERIOD + "/running", tags=["日常考核"], summary="考核对象的当前结果（对象写在查询参数中）",
             dependencies=[Depends(authorized)], description=running_text + QUERY_FORM)
    def get_running_query(scheme_id: str, period: str, subject: str = Query(..., description=SUBJECT),
                          as_of: str | None = Query(None, description=AS_OF),
                          year_end_weight: str | None = Query(None, description=WEIGHT),
                          trace: bool = Query(True, description=TRACE)) -> Response:
        return get_running(scheme_id, period, subject, as_of, year_end_weight, trace)

    @app.get(PERIOD + "/facts", tags=["日常考核"], summary="收到的全部报送（对象写在查询参数中）",
             dependencies=[Depends(authorized)], description=reports_text + QUERY_FORM)
    def get_reports_query(scheme_id: str, period: str, subject: str = Query(..., description=SUBJECT)) -> Response:
        return get_reports(scheme_id, period, subject)
