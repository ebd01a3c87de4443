"""Cycles in the reference graphs between controlled documents: a chain that comes back to where it started.

Each graph is a set of edges `node → target`, each edge remembering the document and the pointer that wrote
it. A cycle (a self-reference included) is reported once, at the edge leaving its smallest node, by the check of
the document holding that edge (each document's check sees all the others, so a cycle across files is still
found, and found once).

The graphs: standards `next` (进阶) and `refines` (细化, also a document's own `refines` for each of its items),
the goal chain (目标链 `refines`), the organisation (`reports_to`). Add a graph with an `_edges` function and
a line in `GRAPHS`; `messages/checkup.py` says what it is called in Chinese.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from ...errors import Problem
from ...load import Document, Pointer, format_pointer

Edge = tuple[str, str, Document, Pointer]  # (from, to, document, pointer of the reference)


def _of_kind(docs: Iterable[Document], kind: str) -> list[Document]:
    return [d for d in docs if isinstance(d.data, dict) and d.data.get("kind") == kind]


def _next_edges(docs: list[Document]) -> list[Edge]:
    return [(it["id"], it["next"], d, ("items", i, "next"))
            for d in _of_kind(docs, "standard") for i, it in enumerate(d.data.get("items", [])) if "next" in it]


def _refines_edges(docs: list[Document]) -> list[Edge]:
    out: list[Edge] = []
    for d in _of_kind(docs, "standard"):
        items = d.data.get("items", [])
        for i, it in enumerate(items):
            out += [(it["id"], ref, d, ("items", i, "refines", k)) for k, ref in enumerate(it.get("refines", []))]
            out += [(it["id"], ref, d, ("refines", k)) for k, ref in enumerate(d.data.get("refines", []))]
    return out


def _goal_edges(docs: list[Document]) -> list[Edge]:
    return [(g["id"], g["refines"], d, ("target_chain", "links", i, "refines"))
            for d in _of_kind(docs, "improvement-spiral")
            for i, g in enumerate(d.data.get("target_chain", {}).get("links", [])) if "refines" in g]


def _organisation_edges(docs: list[Document]) -> list[Edge]:
    return [(b["id"], b["reports_to"], d, ("bodies", i, "reports_to"))
            for d in _of_kind(docs, "organization") for i, b in enumerate(d.data.get("bodies", []))
            if "reports_to" in b]


# graph name (as messages/checkup.py names it) → its edges, for the document kinds that hold them
GRAPHS: dict[str, tuple[tuple[str, ...], Callable[[list[Document]], list[Edge]]]] = {
    "next": (("standard",), _next_edges),
    "refines": (("standard",), _refines_edges),
    "goal": (("improvement-spiral",), _goal_edges),
    "organisation": (("organization",), _organisation_edges),
}

WHAT = {"next": "标准的进阶关系（next）", "refines": "标准的细化关系（refines）", "goal": "目标链的细化关系（refines）",
        "organisation": "机构的隶属关系（reports_to）"}
ADVICE = {"next": "进阶只能一级一级向上，不能回到已经走过的标准",
          "refines": "细化只能从下级指向上级标准，不能回到自己",
          "goal": "下级目标细化上级目标，不能回到自己",
          "organisation": "机构只能向上级负责，最高一级不写 reports_to"}


def cycles(edges: list[Edge]) -> list[list[Edge]]:
    """Every strongly connected set of nodes that loops, as one cycle through its smallest node."""
    graph: dict[str, list[Edge]] = {}
    for e in edges:
        graph.setdefault(e[0], []).append(e)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    groups: list[set[str]] = []

    def visit(v: str) -> None:  # Tarjan; the graphs are small (hundreds of nodes)
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for _, w, _, _ in graph.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1 or any(t == v for _, t, _, _ in graph.get(v, [])):
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return [_path(min(g), g, graph) for g in groups]


def _path(start: str, group: set[str], graph: dict[str, list[Edge]]) -> list[Edge]:
    """A shortest cycle from `start` back to it inside its group (breadth first)."""
    paths: dict[str, list[Edge]] = {start: []}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for e in sorted(graph.get(v, []), key=lambda e: e[1]):
            if e[1] == start:
                return paths[v] + [e]
            if e[1] in group and e[1] not in paths:
                paths[e[1]] = paths[v] + [e]
                queue.append(e[1])
    return []


def check_cycles(doc: Document, docs: list[Document], graphs: Iterable[str]) -> list[Problem]:
    """Cycles of the given graphs whose first edge is written in `doc`."""
    out: list[Problem] = []
    everything = docs if any(d is doc for d in docs) else [*docs, doc]
    for name in graphs:
        kinds, edges_of = GRAPHS[name]
        for cycle in cycles(edges_of([d for d in everything if _kind(d) in kinds])):
            first = cycle[0]
            if first[2] is not doc:
                continue
            path = " → ".join([first[0]] + [e[1] for e in cycle])
            out.append(Problem.of("checkup.cycle", doc.where(first[3]), pointer=format_pointer(first[3]),
                                  what=WHAT[name], path=path, advice=ADVICE[name],
                                  files=_files(doc, cycle)))
    return out


def _kind(d: Document) -> Any:
    return d.data.get("kind") if isinstance(d.data, dict) else None


def _files(doc: Document, cycle: list[Edge]) -> str:
    others = sorted({f"{e[2].where(e[3])}" for e in cycle if e[2] is not doc})
    return f"（环上的其他引用：{'、'.join(others)}）" if others else ""
