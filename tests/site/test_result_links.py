"""Every deduction in a score result links to the rule's row on the built handbook site."""

from __future__ import annotations

import json

from handbook_support import REPO

from zhibiao.cli import main


def test_every_deduction_link_resolves(built, capsys):
    assert built.returncode == 0
    assert main(["score", str(REPO / "examples" / "cz-quality-season-2009.yaml"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    links = {d["link"] for s in data["subjects"] for c in s["categories"] for d in c["deductions"]}
    assert len(links) >= 20
    for link in links:
        page, anchor = link.split("#")
        html = (built.site / page / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html, link
