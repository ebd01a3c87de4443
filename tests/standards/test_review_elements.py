"""Review submissions are checked against the declared 15-element list (standards/diagnosis-elements.yaml):
an unknown name is refused with the nearest declared one; 003's combined “课程质量保证” is explained as split."""

from __future__ import annotations

from pathlib import Path

from zhibiao.cli import main

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "review-2019.yaml"


def test_unknown_and_split_element_names_are_refused_where_they_stand(tmp_path, capsys) -> None:
    text = REVIEW.read_text(encoding="utf-8")
    first = text.index("  - college: 乙")
    text = (text[:first].replace("{element: 课程建设规划, agree: true}", "{element: 课程质量保证, agree: true}")
            .replace("{element: 育人体系, agree: true}", "{element: 育人系统, agree: true}") + text[first:])
    sub = tmp_path / "r.yaml"
    sub.write_text(text, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["review", str(sub), "-f", "json", "-o", str(out)]) == 1
    lines = text.splitlines()
    row = lambda needle: next(i for i, x in enumerate(lines, 1) if needle in x)  # noqa: E731
    assert capsys.readouterr().err.splitlines() == [  # in file order, as `validate` lists them
        f"{sub}:{row('elements:') + 1}:7 甲职业技术学院：缺少诊断要素 课程建设规划、育人体系 的比对结果",
        f"{sub}:{row('课程质量保证')}:19 甲职业技术学院：“课程质量保证”在山西轻工职业学院内部质量保证体系诊断项目表中是一个诊断要素，"
        "诊断要素清单“gd-diagnosis-elements”把它分为 课程建设规划、课程诊改 两项，请分别填写比对结果",
        f"{sub}:{row('育人系统')}:19 甲职业技术学院：诊断要素“育人系统”不在诊断要素清单“gd-diagnosis-elements”中，是否想写“育人体系”？"
        "（清单共 15 项：质量保证理念、组织构架、制度构架、信息系统、专业建设规划、专业诊改、课程建设规划、课程诊改、"
        "师资队伍建设规划、师资建设诊改、育人体系、成长环境、外部环境改进、质量事故管控、质量保证效果）",
    ]
    assert not out.exists()


def test_the_example_uses_exactly_the_declared_names(capsys) -> None:
    assert main(["review", str(REVIEW)]) == 0
