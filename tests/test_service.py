"""The scoring service (`zhibiao serve`): the same results as `api.score`, errors as located Chinese JSON, a token
on every scoring endpoint, limits on what one request may carry, and a storm of bad requests answered with 4xx
while the service keeps serving."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from zhibiao import api

from support import EXAMPLE, ROOT

import httpx

TOKEN = "token-for-tests-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def example_json(tmp_path_factory) -> bytes:
    sys.path.insert(0, str(Path(__file__).parent))
    from test_batch import example_data  # the example as JSON (numbers as numbers)
    return json.dumps(example_data(), ensure_ascii=False, indent=2).encode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`zhibiao serve` in a child process (uvicorn on 127.0.0.1), stopped afterwards."""

    def __init__(self, tmp: Path, *args: str, token: str | None = TOKEN) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT), "serve", "--port", str(self.port), *args]
        if token is not None:
            token_file = tmp / "令牌"
            token_file.write_text(token, encoding="utf-8")
            cmd += ["--token-file", str(token_file)]
        env = {k: v for k, v in os.environ.items() if k not in ("ZHIBIAO_TOKEN", "ZHIBIAO_TOKEN_FILE")}
        env["PYTHONPATH"] = str(ROOT / "engine")
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"评分服务没有启动：{self.err}")
            time.sleep(0.1)
        self.client = httpx.Client(base_url=self.base, timeout=60)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
        _, self.err = self.proc.communicate(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("serve"), "--max-body-bytes", "400000", "--max-subjects", "30")
    yield s
    s.client.close()
    s.stop()


@pytest.fixture(scope="module")
def client(server):
    return server.client


def test_reading_endpoints(client):
    assert client.get("/health").json() == {"status": "ok"}
    version = client.get("/version").json()
    assert version["zhibiao"] and version["schemes"][0]["id"] == "cz-quality-season"
    schemes = client.get("/schemes").json()
    assert {s["id"] for s in schemes} == {s.id for s in api.schemes(repository=api.open_repository(ROOT))}
    one = client.get("/schemes/cz-quality-season").json()
    assert one["status"] == "生效" and one["version"] in one["versions"] and "1.0.0" in one["versions"]
    rules = client.get("/schemes/cz-quality-season/rules", params={"as_of": "2010-01-15"}).json()
    study = next(r for r in rules["rules"] if r["id"] == "study-1a")
    assert study["text"] == "没有邀请院领导参加学习讨论会，扣1分。" and study["amount"] == "1" and study["in_force"]
    assert study["condition"] == "未邀请院领导参加学习讨论会：是"
    facts = client.get("/schemes/cz-quality-season/facts").json()
    absent = next(f for f in facts["facts"] if f["id"] == "absent_members")
    assert absent["type"] == "integer" and absent["minimum"] == "0" and absent["description"]


def test_score_gives_what_the_library_gives_with_traces(client, example_json):
    response = client.post("/score", content=example_json, headers=AUTH)
    assert response.status_code == 200
    got = response.json()
    expected = json.loads(api.render(api.score(EXAMPLE, repository=api.open_repository(ROOT)), "json"))
    traces = {s["name"]: s.pop("trace") for s in got["subjects"]}
    assert got["subjects"] == expected["subjects"] and got["source"] == "请求正文"
    t = traces["教务处"]
    assert t["total"] == next(s["total"] for s in expected["subjects"] if s["name"] == "教务处")
    assert {r["status"] for c in t["categories"] for r in c["rules"]} >= {"applied", "not-applied"}
    one = client.post("/explain", params={"subject": "教务处"}, content=example_json, headers=AUTH).json()
    assert one == t


def test_token_is_required_for_scoring(client, example_json):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        r = client.post("/score", content=example_json, headers=headers)
        assert r.status_code == 401
        assert r.json()["message"] == "缺少令牌或令牌不正确：请在请求头中写 Authorization: Bearer <令牌>"


def test_without_a_token_scoring_is_refused_and_the_start_says_so(tmp_path, example_json):
    server = Server(tmp_path, token=None)
    try:
        assert server.client.get("/health").json() == {"status": "ok"}
        r = server.client.post("/score", content=example_json, headers=AUTH)
        assert r.status_code == 503 and "没有配置令牌" in r.json()["message"]
    finally:
        server.client.close()
        server.stop()
    assert "提示：没有配置令牌（环境变量 ZHIBIAO_TOKEN 或 --token-file），评分与写入接口将返回 503。" in server.err
    assert f"质标评分服务：http://127.0.0.1:{server.port}/docs（接口说明），1 个进程" in server.err


def test_submission_problems_come_back_located(client, example_json):
    text = example_json.decode()
    bad = text.replace('"absent_members": 1', '"absent_members": -1', 1)
    line = bad[: bad.index('"absent_members": -1')].count("\n") + 1
    r = client.post("/score", content=bad.encode(), headers=AUTH)
    assert r.status_code == 422
    p = r.json()["problems"][0]
    assert (p["file"], p["line"], p["pointer"], p["code"]) == ("请求正文", line, "subjects[0].facts.absent_members",
                                                             "submission.below-minimum")
    assert p["message"] == "考核对象“监察审计室”的事实“absent_members”（本部门缺席人数）不能小于 0，不能为负数，实际为 -1"
    r = client.post("/score", content=b'{"kind": "submission",\n "scheme": }', headers=AUTH)
    assert r.status_code == 422
    p = r.json()["problems"][0]
    assert (p["line"], p["column"], p["code"]) == (2, 12, "syntax.json-value")


@pytest.mark.parametrize("body,headers,params,status,code", [pytest.param(*case, id=case[-1]) for case in [
    (b"\xff\xfe{", {}, {}, 400, "service.not-utf8"),
    (b"[1, 2]", {}, {}, 422, "service.not-object"),
    (b"x" * 400_001, {}, {}, 413, "service.body-too-large"),
    (None, {}, {}, 413, "service.too-many-subjects"),
    (b"{}", {}, {"as_of": "昨天"}, 400, "service.bad-date"),
    (b'{"kind": "submission", "scheme": "cz-quality-season", "period": {"start": "2009-10-15", "end": "2010-01-15"}, '
     b'"subjects": [{"name": "\xe5\xb7\xa5\xe4\xbc\x9a", "block": "A"}]}', {}, {"scheme": "没有的方案"}, 404,
     "repo.scheme-unknown"),
    (b"{}", {}, {"trace": "也许"}, 422, "service.parameter"),
    (b'{"a": 1, "a": 2}', {}, {}, 422, "load.duplicate-key"),
    (b"[" * 100 + b"]" * 100, {}, {}, 422, "load.too-deep"),
]])
def test_bad_requests_get_chinese_json(client, body, headers, params, status, code):
    if body is None:
        body = json.dumps({"kind": "submission", "scheme": "cz-quality-season",
                           "period": {"start": "2009-10-15", "end": "2010-01-15"},
                           "subjects": [{"name": f"部门{i}", "block": "A"} for i in range(31)]}).encode()
    r = client.post("/score", content=body, headers=AUTH | headers, params=params)
    assert r.status_code == status
    data = r.json()
    assert data["problems"][0]["code"] == code and re.search("[\u4e00-\u9fff]", data["message"])


def test_storm_of_malformed_requests_then_still_serving(client, example_json):
    bodies = [b"", b"{", b"null", b"\x00" * 100, b'{"kind": "submission"}', "{\"subjects\": [\"壹\"]}".encode(),
              b'{"kind": "submission", "scheme": "cz-quality-season", "period": {"start": "x", "end": "y"}, '
              b'"subjects": [{"name": 1}]}', b"1e999999", b'"\\ud800"', example_json[:-7]]
    statuses = []
    for i in range(300):
        body = bodies[i % len(bodies)]
        if i % 3 == 0:
            r = client.post("/score", content=body, headers=AUTH)
        elif i % 3 == 1:
            r = client.post("/explain", content=body, headers=AUTH)   # missing subject parameter too
        else:
            r = client.get(f"/schemes/{'x' * (i % 50)}/rules", params={"as_of": "2010-13-45"})
        statuses.append(r.status_code)
        assert r.headers["content-type"].startswith("application/json")
        assert r.json()["message"]
    assert all(400 <= s < 500 for s in statuses), sorted(set(statuses))
    assert client.get("/health").json() == {"status": "ok"}
    assert client.post("/score", content=example_json, headers=AUTH).status_code == 200


def test_openapi_and_docs_are_chinese_and_self_contained(client):
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "质标评分服务"
    score = spec["paths"]["/score"]["post"]
    assert score["summary"] == "为一份填报评分" and "行、列" in score["description"] and score["security"]
    assert spec["components"]["schemas"]["Submission"]["properties"]["subjects"]["type"] == "array"
    page = client.get("/docs").text
    assert "为一份填报评分（需要令牌）" in page and "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_parameter_errors_are_said_in_chinese(client, example_json):
    r = client.post("/score", content=example_json, headers=AUTH, params={"trace": "也许"})
    assert (r.status_code, r.json()["message"]) == (422, "请求参数“trace”应为 true 或 false，实际为“也许”")
    r = client.post("/explain", content=example_json, headers=AUTH)
    assert (r.status_code, r.json()["message"]) == (422, "请求参数“subject”未填写（这个参数是必需的）")
