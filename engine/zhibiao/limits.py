"""Declared limits on every input: what a reader accepts before anything else looks at the data.

They exist so that no input, however large or strange, can crash zhibiao, hang it or exhaust memory; each
limit is reported in Chinese with the actual value. Scoring jobs that legitimately need more pass their own
`Limits` (the CLI's --max-* options, the service's configuration)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 200 * 1024 * 1024      # one submission or document
    yaml_bytes: int = 10 * 1024 * 1024       # one YAML document: the YAML reader keeps every position and reads
                                              # about 0.2–0.5 MB/s, so beyond this a file takes more than half a
                                              # minute; such files are machine-made and should be JSON (same shape)
    depth: int = 64                           # nesting of mappings and lists
    nodes: int = 20_000_000                   # keys, values and list items in one YAML document
    text_chars: int = 100_000                 # one string value
    digits: int = 15                          # significant digits of a number: beyond, a double inside the
                                              # rule engine no longer orders exactly as the decimal does
    exponent: int = 30                        # |exponent| of a decimal (1e400 is refused)
    list_items: int = 60                      # values in one list field (e.g. 到课率 checks of a class in a
                                              # semester): sequence conditions are compiled for this many positions
    subjects: int = 2_000_000                 # subjects in one submission (a province's departments and teachers)
    sheet_rows: int = 100_000                 # rows of one worksheet of a filled workbook (a sheet formatted down
                                              # to row 1,048,576 is refused before its cells are loaded)


DEFAULT = Limits()
