"""Benchmark: the scoring service under load on 127.0.0.1 (issue 规模与服务) — requests/s and p50/p99 latency at 32
concurrent clients for single-subject and 24-subject submissions (full traces), errors, and the server's memory
over the run (it must stay flat).

    python bench/bench_service.py                      # 2,000 requests of each kind
    python bench/bench_service.py --requests 100000    # the issue's memory check: 100,000 requests of each kind
    python bench/bench_service.py --requests 100000 --only 1   # only the single-subject kind (24 subjects:
                                                                # about an hour at 100,000 on a shared machine)

`zhibiao serve` runs in a child process (uvicorn, one worker unless --workers N); the clients are one asyncio
process with httpx. Both share the machine: on a shared 2-core machine the figures are lower bounds.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "engine"))

from zhibiao.load import load_file  # noqa: E402

CONCURRENCY = 32
TOKEN = "bench-token-0123456789"


def _plain(o):
    if isinstance(o, Decimal):
        return int(o) if o == o.to_integral_value() else float(o)
    return o.isoformat()


def bodies() -> dict[str, bytes]:
    data = json.loads(json.dumps(load_file(ROOT / "examples" / "cz-quality-season-2009.yaml").data, default=_plain,
                                 ensure_ascii=False))
    one = dict(data, subjects=[data["subjects"][0]])
    return {"1 个考核对象": json.dumps(one, ensure_ascii=False).encode(),
            f"{len(data['subjects'])} 个考核对象": json.dumps(data, ensure_ascii=False).encode()}


def rss_mb(pid: int) -> float:
    """Resident memory of the server and its children (uvicorn workers), MB."""
    total = 0
    pids = [pid] + [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


async def load(base: str, body: bytes, n: int, pid: int) -> dict:
    latencies: list[float] = []
    errors = 0
    samples = [rss_mb(pid)]
    sent = 0
    step = max(n // 10, 1)

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal sent, errors
        while sent < n:
            sent += 1
            if sent % step == 0:
                samples.append(rss_mb(pid))
                if n >= 10_000:  # a long run shows its memory as it goes (an interrupted run still says something)
                    print(f"  已发 {sent:,} 个请求，服务内存 {samples[-1]:.0f} MB", file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            try:
                r = await http.post("/score", content=body, headers={"Authorization": f"Bearer {TOKEN}"})
            except httpx.TransportError as exc:  # counted as an error, not the end of the run
                latencies.append(time.perf_counter() - t0)
                errors += 1
                print(f"连接错误（第 {sent:,} 个请求）：{type(exc).__name__} {exc}", file=sys.stderr, flush=True)
                continue
            latencies.append(time.perf_counter() - t0)
            if r.status_code != 200:
                errors += 1
                if errors == 1:
                    print(f"第一个错误：HTTP {r.status_code} {r.text[:300]}", file=sys.stderr)

    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(CONCURRENCY)))
        wall = time.perf_counter() - started
    samples.append(rss_mb(pid))
    q = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / wall, "p50": q[49] * 1000, "p99": q[98] * 1000, "errors": errors,
            "rss": samples, "count": len(latencies)}


def main() -> None:
    args = sys.argv[1:]
    n = int(args[args.index("--requests") + 1]) if "--requests" in args else 2000
    workers = int(args[args.index("--workers") + 1]) if "--workers" in args else 1
    only = args[args.index("--only") + 1] if "--only" in args else None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as tmp:
        token = Path(tmp) / "令牌"
        token.write_text(TOKEN, encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=str(ROOT / "engine"))
        server = subprocess.Popen([sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT), "serve", "--port",
                                   str(port), "--token-file", str(token), "--workers", str(workers)],
                                  env=env, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            print(f"评分服务负载（127.0.0.1，{CONCURRENCY} 个并发客户端，{workers} 个服务进程，每次附完整说明）；"
                  f"机器负载 {os.getloadavg()[0]:.1f}（2 核，与他人共用）")
            print(f"{'填报':<12}{'请求数':>9}  {'请求/秒':>8}  {'p50 毫秒':>9}  {'p99 毫秒':>9}  {'错误':>5}  {'目标':>4}  "
                  f"{'服务内存 MB（开始 → 最高 → 结束）':>24}")
            for label, body in bodies().items():
                if only is not None and not label.startswith(f"{only} "):
                    continue
                asyncio.run(load(base, body, min(n, 200), server.pid))  # warm up: rulesets, caches
                f = asyncio.run(load(base, body, n, server.pid))
                rss = f["rss"]
                print(f"{label:<12}{f['count']:>9,}  {f['rps']:>8.1f}  {f['p50']:>9.0f}  {f['p99']:>9.0f}  "
                      f"{f['errors']:>5}  {'0':>4}  {rss[0]:>10.0f} → {max(rss):.0f} → {rss[-1]:.0f}", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
