from decimal import Decimal

import pytest

from zhibiao.errors import LoadError
from zhibiao.load import load_text


def test_positions_and_exact_decimals():
    doc = load_text("a: 0.1\nb:\n  - 1\n  - 2.50\nc: 2009-10-26\n", "x.yaml")
    assert doc.data == {"a": Decimal("0.1"), "b": [1, Decimal("2.50")], "c": "2009-10-26"}
    assert str(doc.where(("b", 1))) == "x.yaml:4:5"
    assert str(doc.where(("a",), key=True)) == "x.yaml:1:1"
    assert sum([doc.data["a"]] * 7) == Decimal("0.7")


def test_yaml_12_keeps_yes_as_text():
    assert load_text("a: yes\nb: true\n", "x.yaml").data == {"a": "yes", "b": True}


@pytest.mark.parametrize("text, message", [
    ("a: 1\na: 2\n", "x.yaml:2:1 重复的键“a”（第 1 行已经出现过）"),
    ("a: &x [1, 2]\nb: *x\n", "x.yaml:1:4 不允许使用 YAML 锚点或别名（& 与 *），请把内容直接写出来"),
    ("a:\n\t- 1\n", "x.yaml:2:1 YAML 语法错误：这里是制表符（Tab），YAML 只能用空格缩进和分隔，请把 Tab 改为空格"),
    ("a: .inf\n", "x.yaml:1:4 不允许无穷大或非数字“.inf”"),
])
def test_refused_input(text, message):
    with pytest.raises(LoadError) as err:
        load_text(text, "x.yaml")
    assert str(err.value).startswith(message)


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    with pytest.raises(LoadError) as err:
        load_text(bomb, "bomb.yaml")
    assert "锚点或别名" in str(err.value)


def test_folded_text_has_no_fold_markers():
    doc = load_text("a: >-\n  第一行\n  第二行\n", "x.yaml")
    assert doc.data["a"] == "第一行 第二行"


def test_json_fast_path_keeps_exact_decimals_and_finds_positions_on_demand():
    doc = load_text('{"a": 0.1,\n "b": [1, 2.50]}', "x.json")
    assert doc.data == {"a": Decimal("0.1"), "b": [1, Decimal("2.50")]}
    assert doc.pending is not None  # positions are worked out only when a message needs one
    assert str(doc.where(("b", 1))) == "x.json:2:11"


def test_json_duplicate_key_is_located():
    with pytest.raises(LoadError) as err:
        load_text('{"a": 1,\n "a": 2}', "x.json")
    assert str(err.value) == "x.json:2:2 重复的键“a”（第 1 行已经出现过）"


def test_json_positions_match_the_yaml_composer_on_random_documents():
    import json
    import random

    rng = random.Random(3)

    def value(depth=0):
        r = rng.random()
        if depth > 3 or r < 0.3:
            return rng.choice([1, 2.5, True, None, "s,:{}[]\"q", "中文"])
        if r < 0.65:
            return {f"k{i}": value(depth + 1) for i in range(rng.randint(0, 4))}
        return [value(depth + 1) for _ in range(rng.randint(0, 4))]

    for _ in range(100):
        text = json.dumps({"root": value()}, ensure_ascii=False, indent=rng.choice([None, 1, 2]))
        fast = load_text(text, "x.json")
        fast.where(())
        slow = load_text(text, "x.json", json=False)  # the YAML composer reads JSON too
        assert (fast.positions, fast.key_positions) == (slow.positions, slow.key_positions)
