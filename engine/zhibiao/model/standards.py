"""The typed model of the standards side (标准库, 诊断项目表, 五纵五横, 组织, 8字螺旋, 复核, 质量目标, 路线图).

Built once from documents that passed schema and semantic checks (`model.build_standards`), read by the site and
any other consumer, so that none of them walks raw YAML. Every object keeps its original Chinese wording
(`text`), the coding notes (`decision` / `uncertain`) and its source citation; links between documents
(serves / refines / next, department → system) stay as ids and are resolved through `Catalog`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .common import DocumentMeta, Source
from .objectives import Objectives, Policy
from .operations import ElementList, Institution, Institutions, Timetable
from .review import ReviewProcedure

Notes = tuple[str, ...]  # `decision` / `uncertain`: one string in the YAML or a list, always a tuple here


# ---------------------------------------------------------------- standard (标准)


@dataclass(frozen=True)
class Requirement:
    """One requirement (标准条目) of a standard, e.g. 党建工作标准."""

    id: str
    name: str
    text: str
    source: Source
    category: str = ""
    tasks_text: str = ""
    owner_department: str = ""
    participants: tuple[str, ...] = ()
    refines: tuple[str, ...] = ()  # requirement ids
    serves: tuple[str, ...] = ()  # target-chain goal ids
    next: str = ""  # requirement id of the next stage (一般→院级→省级→国家级)
    decision: Notes = ()
    uncertain: Notes = ()


@dataclass(frozen=True)
class Standard:
    meta: DocumentMeta
    text: str
    items: tuple[Requirement, ...]
    serves: tuple[str, ...] = ()
    refines: tuple[str, ...] = ()
    decision: Notes = ()
    uncertain: Notes = ()

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def level(self) -> str:
        return self.meta.level

    @property
    def system(self) -> str:
        return self.meta.system

    def item(self, rid: str) -> Requirement | None:
        return next((r for r in self.items if r.id == rid), None)


# ---------------------------------------------------------------- diagnosis table (诊断项目表)


@dataclass(frozen=True)
class DiagnosisPoint:
    name: str
    text: str
    platform_refs: str = ""
    materials: tuple[str, ...] = ()
    decision: Notes = ()
    uncertain: Notes = ()


@dataclass(frozen=True)
class DiagnosisElement:
    code: str
    name: str
    source: Source
    points: tuple[DiagnosisPoint, ...]
    decision: Notes = ()
    uncertain: Notes = ()


@dataclass(frozen=True)
class DiagnosisItem:
    code: str
    name: str
    source: Source
    elements: tuple[DiagnosisElement, ...]
    decision: Notes = ()
    uncertain: Notes = ()


@dataclass(frozen=True)
class DiagnosisTable:
    meta: DocumentMeta
    text: str
    items: tuple[DiagnosisItem, ...]
    columns_text: str = ""
    columns_source: Source | None = None
    decision: Notes = ()
    uncertain: Notes = ()

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def elements(self) -> tuple[DiagnosisElement, ...]:
        return tuple(e for it in self.items for e in it.elements)

    @property
    def points(self) -> tuple[DiagnosisPoint, ...]:
        return tuple(p for e in self.elements for p in e.points)


# ---------------------------------------------------------------- system map (五纵五横)


@dataclass(frozen=True)
class LevelDef:
    level: str
    text: str
    source: Source


@dataclass(frozen=True)
class Platform:
    name: str
    text: str
    source: Source


@dataclass(frozen=True)
class SystemDef:
    """One of the five systems (五纵) with the names of its member departments, as written in the YAML."""

    system: str
    responsible_for: str
    text: str
    members: tuple[str, ...]
    source: Source
    decision: Notes = ()


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    category: str = ""
    text: str = ""
    decision: Notes = ()
    uncertain: Notes = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class SystemMap:
    meta: DocumentMeta
    text: str
    levels: tuple[LevelDef, ...]
    systems: tuple[SystemDef, ...]
    departments: tuple[Department, ...]
    platform: Platform | None = None
    decision: Notes = ()
    uncertain: Notes = ()

    @property
    def id(self) -> str:
        return self.meta.id

    def department(self, name: str) -> Department | None:
        """The department with this name or alias."""
        return next((d for d in self.departments if name in d.names), None)

    def members(self, system: str) -> tuple[Department, ...]:
        s = next((x for x in self.systems if x.system == system), None)
        found = (self.department(m) for m in (s.members if s else ()))
        return tuple(d for d in found if d is not None)

    def systems_of(self, dept: Department) -> tuple[str, ...]:
        return tuple(s.system for s in self.systems if any(n in s.members for n in dept.names))


# ---------------------------------------------------------------- organization (三级质保组织)


@dataclass(frozen=True)
class Duty:
    text: str
    source: Source
    scope: str = ""


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    source: Source
    duties: tuple[Duty, ...]
    short_name: str = ""
    tier: int | None = None
    reports_to: str = ""  # body id
    head_text: str = ""
    decision: Notes = ()
    uncertain: Notes = ()


@dataclass(frozen=True)
class Organization:
    meta: DocumentMeta
    text: str
    bodies: tuple[Body, ...]
    decision: Notes = ()
    uncertain: Notes = ()

    @property
    def id(self) -> str:
        return self.meta.id

    def body(self, bid: str) -> Body | None:
        return next((b for b in self.bodies if b.id == bid), None)

    def children(self, bid: str) -> tuple[Body, ...]:
        """Bodies reporting to `bid` ("" gives the top of the tree)."""
        return tuple(b for b in self.bodies if b.reports_to == bid)


# ---------------------------------------------------------------- improvement spiral (8字形质量改进螺旋)


@dataclass(frozen=True)
class Step:
    id: str
    name: str


@dataclass(frozen=True)
class Loop:
    id: str
    name: str
    steps: tuple[str, ...]  # step ids
    returns_to: str


@dataclass(frozen=True)
class Variant:
    text: str
    source: Source


@dataclass(frozen=True)
class Goal:
    """One link of the target chain (目标链)."""

    id: str
    name: str
    level: str = ""
    refines: str = ""  # goal id


@dataclass(frozen=True)
class StandardLink:
    """One link of the standard chain (标准链): the goals it serves and the requirements that carry it."""

    id: str
    name: str
    serves: tuple[str, ...]  # goal ids
    standards: tuple[str, ...]  # requirement ids


@dataclass(frozen=True)
class TargetChain:
    text: str
    source: Source
    links: tuple[Goal, ...]
    decision: Notes = ()


@dataclass(frozen=True)
class StandardChain:
    text: str
    source: Source
    links: tuple[StandardLink, ...]
    decision: Notes = ()


@dataclass(frozen=True)
class ImprovementSpiral:
    meta: DocumentMeta
    text: str
    steps: tuple[Step, ...]
    loops: tuple[Loop, ...]
    target_chain: TargetChain
    standard_chain: StandardChain
    variants: tuple[Variant, ...] = ()
    decision: Notes = ()
    uncertain: Notes = ()

    @property
    def id(self) -> str:
        return self.meta.id

    def step_name(self, sid: str) -> str:
        return next((s.name for s in self.steps if s.id == sid), sid)

    def loop(self, lid: str) -> Loop | None:
        return next((lp for lp in self.loops if lp.id == lid), None)

    def goal(self, gid: str) -> Goal | None:
        return next((g for g in self.target_chain.links if g.id == gid), None)


# ---------------------------------------------------------------- roadmap (ISO 9001 路线图)


@dataclass(frozen=True)
class RoadmapObjective:
    id: str
    name: str
    text: str
    source: Source


@dataclass(frozen=True)
class PilotDepartment:
    name: str
    aliases: tuple[str, ...] = ()
    decision: Notes = ()


@dataclass(frozen=True)
class Period:
    """A milestone (主要进程) or a phase (工作步骤, with `order` and `name`)."""

    id: str
    period_text: str
    start: dt.date
    end: dt.date
    text: str
    source: Source
    name: str = ""
    order: int = 0
    decision: Notes = ()
    uncertain: Notes = ()


@dataclass(frozen=True)
class Roadmap:
    meta: DocumentMeta
    text: str
    objectives: tuple[RoadmapObjective, ...]
    pilot_departments: tuple[PilotDepartment, ...]
    milestones: tuple[Period, ...]
    phases: tuple[Period, ...]
    principle: Policy | None = None
    phases_text: str = ""
    decision: Notes = ()
    uncertain: Notes = ()

    @property
    def id(self) -> str:
        return self.meta.id


StandardsDocument = (Standard | DiagnosisTable | SystemMap | Organization | ImprovementSpiral | ReviewProcedure
                     | Objectives | Roadmap)


# ---------------------------------------------------------------- catalog (标准库与其余受控文件)


@dataclass(frozen=True)
class Catalog:
    """Every standards document that passed schema and semantic checks, and the problems of those that did not."""

    standards: tuple[Standard, ...] = ()
    diagnosis_tables: tuple[DiagnosisTable, ...] = ()
    system_maps: tuple[SystemMap, ...] = ()
    organizations: tuple[Organization, ...] = ()
    spirals: tuple[ImprovementSpiral, ...] = ()
    review_procedures: tuple[ReviewProcedure, ...] = ()
    objectives: tuple[Objectives, ...] = ()
    roadmaps: tuple[Roadmap, ...] = ()
    timetables: tuple[Timetable, ...] = ()          # 进度与职责 (standards/timetables/)
    element_lists: tuple[ElementList, ...] = ()     # declared review elements
    registries: tuple[Institutions, ...] = ()       # the institution registry (standards/institutions.yaml)
    problems: tuple[str, ...] = ()  # Chinese messages (file:line:column …) of the documents left out

    @property
    def institutions(self) -> Institutions | None:
        return self.registries[0] if self.registries else None

    def institution(self, ident: str) -> Institution | None:
        return next((i for r in self.registries if (i := r.get(ident)) is not None), None)

    def element_list(self, ident: str) -> ElementList | None:
        return next((e for e in self.element_lists if e.id == ident), None)

    def timetable(self, ident: str) -> Timetable | None:
        return next((t for t in self.timetables if t.id == ident), None)

    @property
    def requirements(self) -> tuple[Requirement, ...]:
        return tuple(r for s in self.standards for r in s.items)

    def requirement(self, rid: str) -> Requirement | None:
        return next((r for r in self.requirements if r.id == rid), None)

    def standard_of(self, rid: str) -> Standard | None:
        """The standard document holding requirement `rid`."""
        return next((s for s in self.standards if s.item(rid) is not None), None)

    def goal(self, gid: str) -> Goal | None:
        return next((g for sp in self.spirals if (g := sp.goal(gid)) is not None), None)

    def department(self, name: str) -> Department | None:
        return next((d for m in self.system_maps if (d := m.department(name)) is not None), None)
