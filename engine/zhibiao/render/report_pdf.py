"""The PDF report (`zhibiao report --format pdf`): the HTML report printed by headless Chromium (Debian's
`chromium`, installed by .ci/install-chromium; ZHIBIAO_CHROMIUM names another). The page loads nothing from
outside, so printing needs no network."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import Location, Problem, UsageError

PRINT_CSS = "<style>@page{size:A4;margin:14mm 12mm}body{max-width:none}.chartbox{overflow:visible}</style>"


def find_chromium() -> str | None:
    for candidate in (os.environ.get("ZHIBIAO_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def html_to_pdf(page: str, *, timeout: float = 120) -> bytes:
    """Print an HTML page (text) to PDF bytes."""
    browser = find_chromium()
    if not browser:
        raise UsageError([Problem.of("report.no-chromium", Location("--format pdf"))])
    with tempfile.TemporaryDirectory(prefix="zb-report-") as folder:
        html, pdf = Path(folder) / "report.html", Path(folder) / "report.pdf"
        html.write_text(page.replace("</head>", PRINT_CSS + "</head>", 1), encoding="utf-8")
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={folder}/profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise UsageError([Problem.of("report.pdf-failed", Location("--format pdf"),
                                         detail=f"超过 {timeout:.0f} 秒仍未完成")]) from None
        if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            raise UsageError([Problem.of("report.pdf-failed", Location("--format pdf"),
                                         detail=f"退出码 {done.returncode}，{done.stderr.strip()[-300:]}")])
        return pdf.read_bytes()
