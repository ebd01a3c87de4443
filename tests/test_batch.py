"""Province-scale scoring (`zhibiao batch`, `api.score_file`): streamed, in flat memory, on one core or several.

The results must be the ones `api.score` gives — subject by subject, ranks, tie notes and awards included — and
byte for byte the same whatever the number of processes; problems are located in the file as `score` locates
them, and nothing is written when there is any."""

from __future__ import annotations

import dataclasses
import json
import sys

import pytest

from zhibiao import api
from zhibiao.cli import main
from zhibiao.errors import Location, SubmissionError
from zhibiao.evaluate import standings
from zhibiao.jobs.batch import _Seen
from zhibiao.load.stream import Stream, fragment_document
from zhibiao.render import lines
from zhibiao.render.scores import to_plain

import population
from population import read_results
from support import EXAMPLE, ROOT, line_of

sys.path.insert(0, str(ROOT / "bench"))
import synthetic  # noqa: E402

REPO = api.open_repository(ROOT)


def example_data() -> dict:
    return population.json_data(EXAMPLE)


class Everyone(tuple):
    """A block list that admits any name: stands in for the open subject lists of the general language until
    they land (synthetic province data names subjects the 002 scheme does not list)."""

    def __contains__(self, name: object) -> bool:
        return True


def open_scheme():
    s = REPO.scheme("cz-quality-season")
    return dataclasses.replace(s, blocks=tuple(dataclasses.replace(b, subjects=Everyone(b.subjects)) for b in s.blocks))


@pytest.mark.parametrize("layout", ["json", "jsonl"])
@pytest.mark.parametrize("out_name", ["结果.json", "结果.jsonl"])
def test_example_scores_exactly_as_score_does(tmp_path, layout, out_name):
    data = example_data()
    src = tmp_path / f"填报.{layout}"
    if layout == "json":
        src.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    else:
        population.write_jsonl(src, data)
    expected = json.loads(api.render(api.score(src, repository=REPO), "json"))
    summary = api.score_file(src, tmp_path / out_name, repository=REPO)
    assert (summary.count, summary.blocks) == (24, {"A": 14, "B": 10})
    got = read_results(tmp_path / out_name)
    assert got.pop("source").endswith(src.name)
    expected.pop("source")
    assert got == expected


def test_lines_are_exactly_the_json_encoding_of_each_subject():
    result = api.score(EXAMPLE, repository=REPO)
    for s in result.subjects:
        bare = dataclasses.replace(s, rank=None, rank_note="", award=None, award_note="")
        line = lines.subject_line(bare)
        assert line == json.dumps(to_plain(bare), ensure_ascii=False)
        assert lines.place(line, s.rank, s.rank_note, s.award, s.award_note) == json.dumps(to_plain(s), ensure_ascii=False)


def test_synthetic_province_matches_whole_scoring_with_large_ties(tmp_path):
    """600 subjects share few totals: tie notes name the first ten others and give the count."""
    subjects = list(synthetic.subjects(600, seed=3))
    data = {**synthetic.HEADER, "subjects": subjects}
    scheme = open_scheme()
    whole = tmp_path / "全省.json"
    whole.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    expected = json.loads(api.render(api.score(whole, scheme, repository=REPO), "json"))
    src = population.write_jsonl(tmp_path / "全省.jsonl", data)
    api.score_file(src, tmp_path / "结果.jsonl", scheme, repository=REPO)
    got = read_results(tmp_path / "结果.jsonl")
    assert got["subjects"] == expected["subjects"]
    assert got["awards_note"] == expected["awards_note"]
    big = [s for s in got["subjects"] if "等 " in s["rank_note"]]
    assert big, "the synthetic data should have ties larger than ten"
    note = big[0]["rank_note"]
    assert note.startswith(f"总分 {big[0]['total']} 与 ") and "个考核对象 相同，并列第" in note
    assert len(note.split(" 等 ")[0].split("、")) == standings.NAMES_SHOWN


def test_two_processes_write_the_same_bytes_as_one(tmp_path):
    src = synthetic.write_jsonl(tmp_path / "全省.jsonl", 1500, seed=11)
    scheme = open_scheme()
    api.score_file(src, tmp_path / "一.jsonl", scheme, repository=REPO, jobs=1)
    api.score_file(src, tmp_path / "二.jsonl", scheme, repository=REPO, jobs=2)
    assert (tmp_path / "一.jsonl").read_bytes() == (tmp_path / "二.jsonl").read_bytes()
    api.score_file(src, tmp_path / "一.json", scheme, repository=REPO, jobs=1)
    api.score_file(src, tmp_path / "二.json", scheme, repository=REPO, jobs=2)
    assert (tmp_path / "一.json").read_bytes() == (tmp_path / "二.json").read_bytes()
    assert read_results(tmp_path / "一.json")["subjects"] == read_results(tmp_path / "一.jsonl")["subjects"]
    # three writers place 1,501 lines in uneven shares (500, 500, 501), and say how far they are
    src = synthetic.write_jsonl(tmp_path / "全省.jsonl", 1501, seed=11)
    seen: list[tuple[str, int, int | None]] = []
    api.score_file(src, tmp_path / "一.jsonl", scheme, repository=REPO, jobs=1)
    api.score_file(src, tmp_path / "三.jsonl", scheme, repository=REPO, jobs=3,
                   progress=lambda stage, n, total: seen.append((stage, n, total)))
    assert (tmp_path / "一.jsonl").read_bytes() == (tmp_path / "三.jsonl").read_bytes()
    assert seen[-1] == ("写出", 1501, 1501)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["一.json", "一.jsonl", "三.jsonl", "二.json", "二.jsonl",
                                                           "全省.jsonl"]  # no spill, no part left behind


def test_problems_are_located_in_the_file_and_nothing_is_written(tmp_path):
    data = example_data()
    data["subjects"][3]["facts"]["absent_members"] = -2
    data["subjects"][5]["facts"]["vague_item"] = 1
    data["subjects"][7]["name"] = data["subjects"][1]["name"]
    src = population.write_jsonl(tmp_path / "填报.jsonl", data)
    out = tmp_path / "结果.jsonl"
    with pytest.raises(SubmissionError) as caught:
        api.score_file(src, out, repository=REPO)
    assert not out.exists() and not list(tmp_path.glob(".*"))
    text = [str(p) for p in caught.value.problems]
    line5 = (src.read_text(encoding="utf-8").splitlines()[4])
    col = line5.index('"absent_members"') + len('"absent_members": ') + 1
    assert f"填报.jsonl:5:{col} 考核对象“组织人事处(含宣传统战部)”的事实“absent_members”（本部门缺席人数）不能小于 0，不能为负数，实际为 -2" \
        in text[0].replace(str(tmp_path) + "/", "")
    assert "填报了方案中没有的事实“vague_item”，是否想写“vague_items”" in text[1]
    name = data["subjects"][1]["name"]
    assert text[2].endswith(f"考核对象“{name}”重复出现（第 3 行已填报）")
    assert ":9:10 " in text[2]
    assert str(caught.value).startswith(f"填报文件 {src} 有 3 处错误，未评分、未写出任何文件：")


def test_whole_document_problems_keep_their_line_and_column(tmp_path):
    data = example_data()
    data["subjects"][2]["facts"]["study_held"] = "也许"
    src = tmp_path / "填报.json"
    src.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.raises(SubmissionError) as streamed:
        api.score_file(src, tmp_path / "结果.jsonl", repository=REPO)
    with pytest.raises(SubmissionError) as whole:
        api.score(src, repository=REPO)
    assert [str(p) for p in streamed.value.problems] == [str(p) for p in whole.value.problems]
    assert ":1" not in str(streamed.value.problems[0].location)[-4:]


def test_header_after_the_list_and_schema_problems(tmp_path):
    data = example_data()
    moved = {"subjects": data["subjects"], **{k: v for k, v in data.items() if k != "subjects"}}
    src = tmp_path / "填报.json"
    src.write_text(json.dumps(moved, ensure_ascii=False, indent=1), encoding="utf-8")
    api.score_file(src, tmp_path / "结果.json", repository=REPO)
    assert read_results(tmp_path / "结果.json")["subjects"][0]["name"] == data["subjects"][0]["name"]
    stream = Stream(src)
    assert list(stream)[1].index == 1
    kind_line = line_of(src, '"kind": "submission"')
    assert stream.header.where(("kind",)) == Location(str(src), kind_line, 10)
    data["subjects"][0]["extra"] = 1
    src2 = population.write_jsonl(tmp_path / "坏.jsonl", data)
    with pytest.raises(SubmissionError) as caught:
        api.score_file(src2, tmp_path / "结果2.jsonl", repository=REPO)
    with pytest.raises(SubmissionError) as whole:
        api.score(src2, repository=REPO)
    assert [str(p) for p in caught.value.problems] == [str(p) for p in whole.value.problems]
    assert "“extra”" in str(caught.value.problems[0]) and ":2:" in str(caught.value.problems[0].location)


def test_structural_mistakes_are_worded_as_score_words_them(tmp_path):
    data = example_data()
    facts = data["subjects"][3]["facts"]
    facts["本部门缺席人数"] = facts.pop("absent_members")          # a fact under its Chinese name
    data["subjects"][5]["vague_items"] = data["subjects"][5]["facts"].pop("vague_items")  # one level too high
    src = population.write_jsonl(tmp_path / "填报.jsonl", data)
    with pytest.raises(SubmissionError) as streamed:
        api.score_file(src, tmp_path / "结果.jsonl", repository=REPO)
    with pytest.raises(SubmissionError) as whole:
        api.score(src, repository=REPO)
    assert [str(p) for p in streamed.value.problems] == [str(p) for p in whole.value.problems]
    assert "absent_members" in str(streamed.value.problems[0]) and "vague_items" in str(streamed.value.problems[1])


def test_syntax_errors_and_repeated_keys_are_located(tmp_path):
    src = tmp_path / "坏.json"
    src.write_text('{"kind": "submission", "scheme": "cz-quality-season",\n'
                   ' "period": {"start": "2009-10-15", "end": "2010-01-15"},\n'
                   ' "subjects": [\n  {"name": "教务处", "block": "A"}\n  {"name": "工会", "block": "A"}\n]}\n',
                   encoding="utf-8")
    with pytest.raises(Exception) as caught:
        api.score_file(src, tmp_path / "结果.jsonl", repository=REPO)
    assert str(caught.value).endswith("坏.json:5:3 JSON 语法错误：此处缺少逗号“,”")
    frag_text = '{"name": "工会", "block": "A", "facts": {"a": 1, "a": 2}}'
    stream_file = tmp_path / "坏.jsonl"
    stream_file.write_text('{"kind": "submission", "scheme": "cz-quality-season", "period": {"start": "2009-10-15", '
                           '"end": "2010-01-15"}}\n\n   ' + frag_text + "\n", encoding="utf-8")
    frag = list(Stream(stream_file))[0]
    assert (frag.line, frag.column) == (3, 4)
    with pytest.raises(Exception) as caught:
        fragment_document(frag, "坏.jsonl")
    assert str(caught.value) == "坏.jsonl:3:51 重复的键“a”（第 3 行已经出现过）"


def test_cli_batch(tmp_path, capsys):
    src = population.write_jsonl(tmp_path / "填报.jsonl", example_data())
    out = tmp_path / "结果.jsonl"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "2"]) == 0
    err = capsys.readouterr().err
    assert f"已写出 {out}：24 个考核对象（A板块 14 个、B板块 10 个），方案 cz-quality-season" in err and "2 个进程" in err
    assert read_results(out)["subjects"][0]["name"] == "监察审计室"
    assert main(["batch", str(src), "-o", str(out), "--jobs", "0"]) == 1
    assert "--jobs 进程数应为 1 到" in capsys.readouterr().err


def test_repeat_check_finds_exactly_the_repeated_identities():
    seen = _Seen()
    for name in [f"部门{i}" for i in range(5000)] + ["部门17", "部门4999", "部门17"]:
        seen.add(name)
    assert seen.suspects() == {hash("部门17"), hash("部门4999")}
    assert sum(len(b) for b in seen.buckets) == 5003
