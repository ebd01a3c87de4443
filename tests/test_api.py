"""The library API: the documented examples run as written, from any working directory, and the API gives the
same bytes as the command line."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

from zhibiao import api

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
