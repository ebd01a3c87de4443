"""The library API: the documented examples run as written, from any working directory, and the API gives the
same bytes as the command line."""

from __future__ import annotations

import copy
import datetime as dt
import doctest
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from zhibiao import api
from zhibiao.errors import ZhibiaoError
from zhibiao.load import load_file

from support import EXAMPLE, ROOT

PAGE = ROOT / "docs" / "manual" / "api.md"


def test_the_api_page_examples_run_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # not the repository: nothing may depend on the working directory
    monkeypatch.delenv("ZHIBIAO_ROOT", raising=False)
    failures, tried = doctest.testfile(str(PAGE), module_relative=False, globs={"EXAMPLE": str(EXAMPLE), "ROOT": ROOT},
                                       optionflags=doctest.ELLIPSIS, verbose=False)
    assert tried >= 20
    assert failures == 0


def test_api_json_is_byte_for_byte_the_cli_output(tmp_path):
    """`python -c "from zhibiao import api; …"` in a foreign directory vs `zhibiao score … --format json`."""
    code = (f"from zhibiao import api; import sys; "
            f"sys.stdout.write(api.render(api.score({str(EXAMPLE)!r}), 'json'))")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    from_api = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, check=True).stdout
    cli = Path(sys.executable).with_name("zhibiao")
    from_cli = subprocess.run([str(cli), "score", "examples/cz-quality-season-2009.yaml", "--format", "json"],
                              cwd=ROOT, env=env, capture_output=True, check=True).stdout
    assert from_api == from_cli
    assert json.loads(from_api)["subjects"][0]["name"]


def test_a_loaded_scheme_object_can_be_passed():
    repo = api.Repository(ROOT)
    scheme = repo.scheme("cz-quality-season")
    assert api.score(EXAMPLE, scheme).subject("保卫处").total == api.score(EXAMPLE).subject("保卫处").total



def _scheme_as_platform_data() -> dict:
    """The scheme file as a data platform would send it: through JSON (numbers as floats, dates as text)."""
    data = load_file(ROOT / "rules" / "cz-quality-season.yaml").data
    return json.loads(json.dumps(data, default=lambda v: float(v) if isinstance(v, Decimal) else str(v)))


def test_a_scheme_given_as_data_is_checked_and_built_like_its_file():
    by_data, by_id = api.score(EXAMPLE, _scheme_as_platform_data()), api.score(EXAMPLE, "cz-quality-season")
    assert [(s.name, s.total) for s in by_data.subjects] == [(s.name, s.total) for s in by_id.subjects]
    assert by_data.subject("保卫处").total == Decimal("90.8")


def test_a_scheme_given_as_bad_data_gets_a_located_chinese_error():
    data = _scheme_as_platform_data()
    data["facts"][0][False] = 1  # what PyYAML's safe_load makes of a key `no:`
    with pytest.raises(ZhibiaoError) as bad:
        api.score(EXAMPLE, data)
    assert [str(p) for p in bad.value.problems] == ["<数据>（facts[0]） 键必须是普通文字（不支持复合键或 << 合并）"]
    with pytest.raises(ZhibiaoError) as wrong:
        api.score(EXAMPLE, 3)
    assert [str(p) for p in wrong.value.problems] == [
        "<数据> 考核方案应写方案标识（如 cz-quality-season 或 cz-quality-season@1.0.1）、已读入的方案或方案数据（键值表），实际为 int"]


def _platform_rows() -> dict:
    """The example submission as a data platform reading a database would pass it: dates as `datetime.date`,
    numbers as `Decimal`/`int`, yes/no as `bool`."""
    data = copy.deepcopy(load_file(EXAMPLE).data)
    data["period"]["start"], data["period"]["end"] = dt.date(2009, 10, 15), dt.datetime(2010, 1, 15)
    facts = data["subjects"][0]["facts"]
    facts["summary_missing_items"], facts["absent_members"] = Decimal("2"), Decimal("1.0")
    return data


def test_dates_decimals_and_ints_from_python_score_like_their_text_forms():
    by_text, by_objects = api.score(EXAMPLE), api.score(_platform_rows())
    assert by_objects.subject("监察审计室").total == Decimal("95.6")
    assert [(s.name, s.total, s.rank) for s in by_objects.subjects] == \
        [(s.name, s.total, s.rank) for s in by_text.subjects]
    assert (by_objects.period_start, by_objects.period_end) == (dt.date(2009, 10, 15), dt.date(2010, 1, 15))


def test_a_datetime_with_a_time_of_day_is_refused_where_it_stands():
    data = _platform_rows()
    data["period"]["end"] = dt.datetime(2010, 1, 15, 8, 30)
    data["period"]["start"] = dt.time(8)
    with pytest.raises(ZhibiaoError) as bad:
        api.score(data)
    assert [str(p) for p in bad.value.problems] == [
        "<数据>（period.start） 不支持的值（time）：只能是文字、数字、是/否、列表或键值表",
        "<数据>（period.end） 日期不能带时刻（实际为 2010-01-15 08:30:00）：请只给日期，如 2010-01-15"]
