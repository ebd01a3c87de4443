"""The service's 日常考核 endpoints: thin callers of `api.report_facts`, `api.running` and `api.daily_reports`.

    POST /schemes/{scheme}/periods/{period}/subjects/{subject}/facts?mode=add|set   a report → the running result
    GET  /schemes/{scheme}/periods/{period}/subjects/{subject}                      the running result, with trace
    GET  /schemes/{scheme}/periods/{period}/subjects/{subject}/facts                the reports received, in order

All three need the token (they read or store a college's results). They run on the event loop's thread,
as /score does: durable-rules and the SQLite connection are used from one thread. The reports are kept in the results
database (`--database`, else ZHIBIAO_DATABASE, else the repository's), so a restart loses nothing.
"""


import json
from typing import Any, Callable

from .. import api
from ..model.daily import DailyReport, RunningResult
from ..render import explain as explain_render
from ..render.scores import to_plain

PATH = "/schemes/{scheme_id}/periods/{period}/subjects/{subject}"
MODE_TEXT = ("报送方式：add（默认，累加——整数与小数事实与已有值相加，记录追加，其余事实以本次为准）；"
             "set（更正——本次给出的事实与记录清单取代已有的，事实写 null 表示删去、恢复默认值）")


def report_data(r: DailyReport) -> dict[str, Any]:
    return {"seq": r.seq, "received_at": r.received_at, "received_by": r.received_by, "report": r.report_id,
            "mode": r.mode, "stage": r.stage, "content_hash": r.content_hash,
            "total": None if r.total is None else to_plain(r.total)}


def running_data(r: RunningResult, traces: bool) -> dict[str, Any]:
    s = r.state
    out: dict[str, Any] = {"scheme": s.scheme, "period": s.period, "subject": s.subject, "block": s.block,
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

    @app.post(PATH + "/facts", tags=["日常考核"], summary="报送一个考核对象的事实与记录",
              dependencies=[Depends(authorized)],
              description="考核期内陆续报送（平时考核的每次检查、年终集中考核）。请求正文为 JSON："
                          "`facts`（事实）、`records`（记录清单），可选 `report`（报送编号：重发同一报送不会重复计入）、"
                          "`by`（报送人）、`stage`（平时考核 / 年终集中考核）、`block`（板块，名单中有的可不写）；"
                          "考核期的第一次报送须写 `period`（start、end）。报送保存在结果库中（只增不改），返回该考核对象"
                          "的当前结果与逐条说明。报送有误时整份不保存，返回 422 与在请求正文中的行、列。"
                          "没有默认值的事实（如活动总结）报齐之前，报送照样保存，`complete` 为 false，`missing` 列出尚缺的事实。")
    async def post_facts(request: Request, scheme_id: str, period: str, subject: str,
                         mode: str = Query("add", description=MODE_TEXT),
                         as_of: str | None = Query(None, description="评分日期 YYYY-MM-DD；默认为考核期最后一天"),
                         year_end_weight: str | None = Query(None, description="计入年终考核的比例 0～1"),
                         trace: bool = Query(True, description="是否附完整说明")) -> Response:
        doc = await body_document(request)
        outcome = api.report_facts(scheme_id, period, subject, doc, mode=mode, by="评分服务",
                                   as_of=parse_as_of(as_of), year_end_weight=parse_weight(year_end_weight),
                                   store=store(), repository=repo)
        return json_response(running_data(outcome, trace))

    @app.get(PATH, tags=["日常考核"], summary="考核对象的当前结果", dependencies=[Depends(authorized)],
             description="把该考核对象在本考核期收到的全部报送合在一起评分（与 `zhibiao score` 相同的规则与算法），"
                         "返回总分、类别得分、每一笔扣分及其依据。")
    async def get_running(scheme_id: str, period: str, subject: str,
                    as_of: str | None = Query(None, description="评分日期 YYYY-MM-DD；默认为考核期最后一天"),
                    year_end_weight: str | None = Query(None, description="计入年终考核的比例 0～1"),
                    trace: bool = Query(True, description="是否附完整说明")) -> Response:
        outcome = api.running(scheme_id, period, subject, as_of=parse_as_of(as_of),
                              year_end_weight=parse_weight(year_end_weight), store=store(), repository=repo)
        return json_response(running_data(outcome, trace))

    @app.get(PATH + "/facts", tags=["日常考核"], summary="收到的全部报送", dependencies=[Depends(authorized)],
             description="按收到的先后：第几次、何时、何人、报送编号、方式、阶段、内容（原样）、内容哈希、报送后的当前总分。")
    async def get_reports(scheme_id: str, period: str, subject: str) -> Response:
        reports = api.daily_reports(scheme_id, period, subject, store=store(), repository=repo)
        return json_response([report_data(r) | {"content": to_plain(r.content)} for r in reports])
