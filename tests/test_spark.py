"""The Spark job (`zhibiao spark`, `zhibiao.spark.job`) on local[2]: the same results as `zhibiao batch`, subject
by subject — ranks, tie notes, awards and every deduction's evidence — from a dataset split into part files and
partitions; a subject listed twice across partitions is refused at its line, and nothing is written.

Java is installed by .ci/install-java when absent (pyspark comes with the test extra). One Spark session serves
the module: starting a JVM is most of the time this file takes."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zhibiao import api
from zhibiao.cli import main
from zhibiao.errors import SubmissionError
from zhibiao.spark import job

from support import ROOT
from population import read_results, write_jsonl
from test_batch import example_data
from test_service import AUTH, Server

sys.path.insert(0, str(ROOT / "bench"))
import synthetic  # noqa: E402

REPO = api.open_repository(ROOT)


def open_lists():
    """The 002 scheme with open subject lists (any department name is admitted), as a province's data has."""
    s = REPO.scheme("cz-quality-season")
    return dataclasses.replace(s, blocks=tuple(dataclasses.replace(b, subjects=()) for b in s.blocks))


@pytest.fixture(scope="module")
def spark():
    if shutil.which("java") is None or subprocess.run(["java", "-version"], capture_output=True).returncode:
        done = subprocess.run(["bash", str(ROOT / ".ci" / "install-java")], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    from pyspark.sql import SparkSession

    saved = {k: os.environ.get(k) for k in ("PYSPARK_PYTHON", "PYTHONPATH")}
    os.environ["PYSPARK_PYTHON"] = sys.executable  # executors run this Python, which has zhibiao
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "engine"), os.environ.get("PYTHONPATH", "")])
    session = (SparkSession.builder.master("local[2]").appName("zhibiao-tests").config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def dataset(folder: Path, n: int, parts: int) -> Path:
    """A province dataset: header.json and `parts` JSON Lines part files (blank lines included)."""
    folder.mkdir()
    (folder / "header.json").write_text(json.dumps(synthetic.HEADER, ensure_ascii=False), encoding="utf-8")
    subjects = list(synthetic.subjects(n))
    size = -(-n // parts)
    for p in range(parts):
        rows = [json.dumps(s, ensure_ascii=False) for s in subjects[p * size:(p + 1) * size]]
        (folder / f"part-{p:03d}.jsonl").write_text("\n".join(rows[:3] + [""] + rows[3:]) + "\n", encoding="utf-8")
    return folder


def test_partitioned_dataset_scores_as_batch_does(spark, tmp_path):
    scheme = open_lists()
    src = dataset(tmp_path / "全省", 900, 3)
    local = tmp_path / "本地.jsonl"
    one_file = tmp_path / "填报.jsonl"
    with open(one_file, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(synthetic.HEADER, ensure_ascii=False) + "\n")
        for s in synthetic.subjects(900):
            fh.write(json.dumps(s, ensure_ascii=False) + "\n")
    api.score_file(one_file, local, scheme, repository=REPO)
    out = tmp_path / "结果.jsonl"
    summary = job.score_dataset(REPO, src, out, scheme=scheme, partitions=2, spark=spark)
    assert (summary.count, summary.blocks) == (900, {"A": 450, "B": 450})
    expected, got = read_results(local), read_results(out)
    assert expected.pop("source") == str(one_file) and got.pop("source") == str(src / "header.json")
    assert got == expected
    ranks = [s["rank"] for s in got["subjects"]]
    assert min(ranks) == 1 and max(ranks) > 100 and any(s["award"] for s in got["subjects"])
    assert any("并列" in s["rank_note"] for s in got["subjects"])
    # the same lines, byte for byte, after the header
    assert out.read_text(encoding="utf-8").splitlines()[1:] == local.read_text(encoding="utf-8").splitlines()[1:]

    folder = tmp_path / "结果目录"
    job.score_dataset(REPO, src, folder, scheme=scheme, partitions=2, spark=spark)
    head = json.loads((folder / "header.json").read_text(encoding="utf-8"))
    assert head["count"] == 900 and head["awards_note"] == expected["awards_note"]
    lines = [x for p in sorted(folder.glob("part-*")) for x in p.read_text(encoding="utf-8").splitlines()]
    assert [json.loads(x) for x in lines] == expected["subjects"]


def test_the_four_ways_agree(spark, tmp_path, capsys):
    """The example (listed subjects, ties, awards) scored by `zhibiao score`, `zhibiao batch --jobs 2`,
    `zhibiao spark` and the scoring service: the same results, subject by subject."""
    src = write_jsonl(tmp_path / "填报.jsonl", example_data())
    repo = ["--repo", str(ROOT)]
    assert main([*repo, "score", str(src), "--format", "json", "-o", str(tmp_path / "score.json")]) == 0
    assert main([*repo, "batch", str(src), "-o", str(tmp_path / "batch.jsonl"), "--jobs", "2", "-q"]) == 0
    assert main([*repo, "spark", str(src), "-o", str(tmp_path / "spark.jsonl"), "--master", "local[2]"]) == 0
    assert "已写出" in capsys.readouterr().err
    server = Server(tmp_path)
    try:
        served = server.client.post("/score", content=json.dumps(example_data(), ensure_ascii=False).encode(),
                                    headers=AUTH)
    finally:
        server.client.close()
        server.stop()
    ways = {"score": read_results(tmp_path / "score.json"), "batch": read_results(tmp_path / "batch.jsonl"),
            "spark": read_results(tmp_path / "spark.jsonl")}
    assert served.status_code == 200, served.text
    ways["service"] = served.json()
    for data in ways.values():
        data.pop("source")
        for s in data["subjects"]:
            s.pop("trace", None)
    assert ways["batch"] == ways["score"] and ways["spark"] == ways["score"] and ways["service"] == ways["score"]
    assert len(ways["score"]["subjects"]) == 24 and any(s["award"] for s in ways["score"]["subjects"])


def test_subject_twice_across_partitions_is_refused_and_nothing_written(spark, tmp_path):
    src = dataset(tmp_path / "全省", 40, 2)
    first = json.loads((src / "part-000.jsonl").read_text(encoding="utf-8").splitlines()[1])
    with open(src / "part-001.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(first, ensure_ascii=False) + "\n")
    last_line = len((src / "part-001.jsonl").read_text(encoding="utf-8").splitlines())
    out = tmp_path / "结果.jsonl"
    with pytest.raises(SubmissionError) as caught:
        job.score_dataset(REPO, src, out, scheme=open_lists(), partitions=2, spark=spark)
    problems = caught.value.problems
    assert [(p.code, p.location.file, p.location.line) for p in problems] == [
        ("submission.subject-twice-at", str(src / "part-001.jsonl"), last_line)]
    assert problems[0].message == f"考核对象“{first['name']}”重复出现（{src / 'part-000.jsonl'}:2 已填报）"
    assert not out.exists() and not list(tmp_path.glob(".*.tmp"))


def test_general_language_vetoes_grades_eligibility_and_shared_awards(spark, tmp_path):
    """A scheme of the general language without ranks among all subjects (demo-school-teaching without its rank
    rule and “the most”, with a second award by shares): Spark gives what `zhibiao score` gives."""
    from test_batch_population import _shares_scheme
    import population

    scheme = _shares_scheme()
    reform = next(c for c in scheme["categories"] if c["id"] == "reform")
    reform["clauses"] = [c for c in reform["clauses"] if c["no"] != 1]
    scheme["eligibility"] = [e for e in scheme["eligibility"] if "most" not in e]
    subjects = population.subjects(700, seed=2)
    for s in subjects:
        s["facts"].pop("verified_complaints")
        s.get("records", {}).pop("competition_awards", None)
    data = {**population.HEADER, "subjects": subjects}
    src = population.write_jsonl(tmp_path / "填报.jsonl", data)
    expected = json.loads(api.render(api.score(src, scheme, repository=REPO), "json"))
    out = tmp_path / "结果.jsonl"
    job.score_dataset(REPO, src, out, scheme=scheme, partitions=3, spark=spark)
    got = read_results(out)
    assert got["subjects"] == expected["subjects"] and got["awards_note"] == expected["awards_note"]
    assert sum(bool(s["award"]) for s in got["subjects"]) > 10 and any(s.get("vetoes") for s in got["subjects"])
    local = tmp_path / "本地.jsonl"
    api.score_file(src, local, scheme, repository=REPO)
    assert out.read_text(encoding="utf-8").splitlines()[1:] == local.read_text(encoding="utf-8").splitlines()[1:]


def test_ranks_among_all_subjects_and_roll_ups_are_refused_by_name(tmp_path):
    """What needs a pass over every subject before scoring is not in the Spark job yet: it says so (before
    starting Spark) and writes nothing; `zhibiao batch` scores such schemes."""
    from zhibiao.errors import UsageError
    import population

    for example, named in (("demo-school-teaching-2024.yaml", "排名计分、评优限制中的“最多的前几名”"),
                           ("demo-teacher-annual-2024.yaml", "逐级汇总")):
        src = population.write_jsonl(tmp_path / "填报.jsonl", population.json_data(ROOT / "examples" / example))
        with pytest.raises(UsageError) as caught:
            job.score_dataset(REPO, src, tmp_path / "结果.jsonl")
        assert f"用到了{named}，需要同时看到全部考核对象" in str(caught.value.problems[0])
        assert not (tmp_path / "结果.jsonl").exists()
