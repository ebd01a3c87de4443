"""The quality manual as one printable PDF (issue 15, item 5): A4 pages, the document-control header and
“第 N 页 共 M 页” on every page, every chapter from a new page. The pages are checked as images (poppler's
pdftoppm, installed by .ci/install-chromium when absent) and as text; page 1 is kept as a PNG to look at."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from browser_support import SHOTS, ensure_tools
from handbook_support import Build, read_article

from zhibiao.site import printing
from zhibiao.site.printing import PDF_NAME, PRINT_DIR, make_pdf

MM = 72 / 25.4  # PDF points per millimetre


def pgm(path: Path) -> tuple[int, int, bytes]:
    """A binary PGM (P5) image as (width, height, one byte per pixel)."""
    data = path.read_bytes()
    fields = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert fields, path
    w, h = int(fields.group(1)), int(fields.group(2))
    return w, h, data[fields.end():fields.end() + w * h]


def ink(image: tuple[int, int, bytes], x0: float, y0: float, x1: float, y1: float) -> int:
    """Dark pixels in a box given as fractions of the page (0..1)."""
    w, h, px = image
    return sum(1 for y in range(int(y0 * h), int(y1 * h)) for x in range(int(x0 * w), int(x1 * w))
               if px[y * w + x] < 128)


@pytest.fixture(scope="module")
def pdf(built: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    ensure_tools()
    page = built.site / PRINT_DIR / "index.html"
    assert page.is_file(), "构建没有写出质量手册打印页"
    return make_pdf(page, tmp_path_factory.mktemp("pdf") / PDF_NAME)


@pytest.fixture(scope="module")
def pages(pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[int, int, bytes]]:
    out = tmp_path_factory.mktemp("pages")
    subprocess.run(["pdftoppm", "-gray", "-r", "40", str(pdf), str(out / "p")], check=True, timeout=120)
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(SHOTS / "quality-manual-p1")], check=True, timeout=60)
    return [pgm(p) for p in sorted(out.glob("p-*.pgm"))]


def _info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def test_pdf_is_a4_with_every_chapter(pdf: Path, built: Build) -> None:
    info = _info(pdf)
    width, height = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert abs(width - 210 * MM) < 2 and abs(height - 297 * MM) < 2, info["Page size"]
    chapters = [p for p in built.site.glob("manual/**/index.html")]
    assert int(info["Pages"]) >= len(chapters) + 2  # cover, the document list, a page or more per chapter
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for chapter in chapters:
        title = "".join(read_article(chapter.read_text(encoding="utf-8")).text).strip().split("¶")[0].strip()
        assert title in text, title


def test_every_page_has_the_control_header_and_page_number(pdf: Path) -> None:
    total = int(_info(pdf)["Pages"])
    for n in range(1, total + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        lines = [line for line in text.splitlines() if line.strip()]
        assert "内部质量保证体系质量手册" in lines[0] and "文件编号 QM-01" in lines[0] and "版本" in lines[0], (n, lines[0])
        assert re.sub(r"\s", "", lines[-1]).endswith(f"第{n}页共{total}页"), (n, lines[-1])
        assert "受控文件" in lines[-1]


def test_pages_as_images_carry_header_footer_and_body_within_the_margins(pages: list) -> None:
    assert len(pages) >= 5
    for n, image in enumerate(pages, 1):
        w, h, _ = image
        assert abs(h / w - 297 / 210) < 0.01, f"第 {n} 页不是 A4 纵向"
        top, bottom = 24 / 297, 1 - 20 / 297  # the @page margins
        assert ink(image, 0.05, 0.02, 0.5, top) > 20, f"第 {n} 页左上没有页眉（文件名称）"
        assert ink(image, 0.5, 0.02, 0.95, top) > 20, f"第 {n} 页右上没有页眉（编号与版本）"
        assert ink(image, 0.6, bottom, 0.95, 0.99) > 10, f"第 {n} 页右下没有页码"
        assert ink(image, 0.05, top, 0.95, bottom) > 200, f"第 {n} 页正文是空的"
        # Nothing printed in the outer 10 mm: no table or diagram runs off the paper.
        assert ink(image, 0, 0, 10 / 210, 1) == 0 and ink(image, 1 - 10 / 210, 0, 1, 1) == 0, f"第 {n} 页内容超出页边"


def test_the_print_page_uses_only_the_sites_own_files(built: Build) -> None:
    page = (built.site / PRINT_DIR / "index.html").read_text(encoding="utf-8")
    for target in re.findall(r'(?:href|src)="([^"#]+)"', page):
        if target.startswith(("http://", "https://")):
            assert "git.college.internal" in target, target  # only links to the repository, never a load
            continue
        resolved = (built.site / PRINT_DIR / target).resolve()
        assert str(resolved).startswith(str(built.site.resolve())) and resolved.exists(), target
    assert "本手册依据的受控文件" in page and "分发号" in page and "批准" in page


def test_pdf_without_chromium_is_a_chinese_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "find_chromium", lambda: None)
    with pytest.raises(printing.PrintError, match="找不到 Chromium"):
        make_pdf(tmp_path / "x.html", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    assert shutil.which("pdftoppm")
