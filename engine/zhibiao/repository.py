"""A repository of controlled documents: `rules/` (schemes), `standards/`, `schemas/`, and their git history.

`Repository(root)` finds schemes by id and version (falling back to git history for a version no longer in the
working tree), the standards catalog, the review procedure and objectives, and validates documents and
submissions — the same checks for every caller. Nothing is looked up through the current working directory;
git history is an object passed in (`history=None` for a plain folder), asked once per file and cached.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

from . import messages, progress
from .build.common import content_hash
from .build.forms import suggestion
from .build.objectives import build_objectives, read_values
from .build.operations import (build_diagnosis_elements, build_institutions, build_timetable, resolve_elements,
                               resolve_timetable)
from .build.review import build_review_procedure, read_reviews
from .build.scheme import build_scheme
from .build.standards import BUILDERS
from .build.submission import read_submission
from .errors import Location, Problem, SubmissionError, UsageError, ValidationError, ZhibiaoError, errors_only
from .history import GitHistory, Snapshot
from .intake import is_workbook, merge_documents, read_workbook
from .load import Document, load_data, load_file, load_text
from .model.objectives import IndicatorValue, Objectives
from .model.operations import ElementList, Timetable
from .model.review import CollegeReview, ElementName, ReviewProcedure
from .model.scheme import Scheme
from .model.standards import Catalog
from .model.submission import PreviousSource, Submission
from .validate import documents as docs_check
from .validate import schema
from .validate.operations import find_base
from .validate.scheme import check_scheme

PACKAGE_CHECKOUT = Path(__file__).resolve().parents[2]
OPERATIONS_KINDS = ("institutions", "timetable", "diagnosis-elements")
FORMS = {"review-submission": "read_reviews", "indicator-submission": "read_indicator_values"}
YAML_SUFFIXES = (".yaml", ".yml")


def version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in str(version).split("."))
    except ValueError:
        return ()


def is_root(p: Path) -> bool:
    return (p / "schemas" / "scheme.schema.json").is_file()


class Repository:
    def __init__(self, root: str | Path, *, history: GitHistory | None | bool = True) -> None:
        """`history`: a GitHistory, None for no git, or True (default) to use git when `root` is a checkout."""
        self.root = Path(root).resolve()
        if not is_root(self.root):
            raise UsageError([Problem.of("repo.not-a-repository", Location(str(root)))])
        if history is True:
            history = GitHistory(self.root)
            if not history.available:
                history = None
        self.history: GitHistory | None = history or None
        self._by_path: dict[str, Scheme] = {}
        self._from_history: dict[tuple[str, str], Scheme | None] = {}
        self._loaded: dict[tuple[str, int, int], Document] = {}

    # ------------------------------------------------------------------ finding a repository
    @classmethod
    def containing(cls, path: str | Path) -> "Repository | None":
        """The repository a file or folder belongs to (its nearest ancestor with schemas/), if any."""
        p = Path(path).resolve()
        for q in (p, *p.parents):
            if is_root(q):
                return cls(q)
        return None

    @classmethod
    def discover(cls, start: str | Path | None = None) -> "Repository":
        """ZHIBIAO_ROOT if set; else the repository holding `start` (the CLI passes its working directory);
        else the checkout this package was installed from."""
        env = os.environ.get("ZHIBIAO_ROOT")
        if env:
            return cls(env)
        if start is not None and (found := cls.containing(start)) is not None:
            return found
        return cls(PACKAGE_CHECKOUT)

    # ------------------------------------------------------------------ places and documents
    @property
    def schemas(self) -> Path:
        return self.root / "schemas"

    @property
    def rules(self) -> Path:
        return self.root / "rules"

    @property
    def standards_dir(self) -> Path:
        return self.root / "standards"

    @property
    def examples(self) -> Path:
        return self.root / "examples"

    def display(self, path: str | Path) -> str:
        """A path as people should see it: relative to the repository when inside it."""
        p = Path(path).resolve()
        try:
            return p.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def load(self, path: str | Path, scheme: str | Scheme | None = None) -> Document:
        """A file as a Document; a file read before and unchanged since (same size and mtime) is not parsed again —
        the catalog, validation and its cross-file context all read the same files. A filled workbook (.xlsx) is
        read against the scheme it names (or `scheme`)."""
        if is_workbook(path):
            return read_workbook(path, self.display(path), lambda ref: self._workbook_scheme(ref, scheme, path))
        try:
            st = Path(path).stat()
            key = (str(Path(path).resolve()), st.st_mtime_ns, st.st_size)
        except OSError:
            return load_file(path, self.display(path))  # reports the missing file in Chinese
        if key not in self._loaded:
            self._loaded[key] = load_file(path, self.display(path))
        return self._loaded[key]

    def _workbook_scheme(self, ref: str | None, scheme: str | Scheme | None, path: str | Path) -> Scheme:
        if scheme is not None:
            return self.scheme(scheme)
        if ref is None:
            raise SubmissionError([Problem.of("intake.guide-missing", Location(self.display(path), sheet="说明"),
                                              expected="方案标识")])
        return self.scheme(ref)

    def kinds(self) -> list[str]:
        return schema.kinds(self.schemas)

    def yaml_files(self, paths: Iterable[Path]) -> list[Path]:
        out: list[Path] = []
        for p in paths:
            if p.is_dir():
                out += sorted(x for x in p.rglob("*") if x.suffix in YAML_SUFFIXES and x.is_file())
            else:
                out.append(p)
        return out

    # ------------------------------------------------------------------ schemes
    def scheme_from_document(self, doc: Document) -> Scheme:
        """Validate (schema, then semantics) and build; refuses a document with errors (warnings are fine)."""
        problems = errors_only(schema.check(doc, self.schemas, "scheme.schema.json"))
        if not problems:
            problems = errors_only(check_scheme(doc))
        if problems:
            raise ValidationError(problems, summary=messages.render("repo.scheme-invalid", {"file": doc.path}))
        return build_scheme(doc)

    def scheme_file(self, path: str | Path) -> Scheme:
        key = str(Path(path).resolve())
        if key not in self._by_path:
            built = self.scheme_from_document(self.load(path))
            revision = self.history.revision_of(self.display(path)) if self.history else ""
            self._by_path[key] = dataclasses.replace(built, revision=revision)
        return self._by_path[key]

    def scheme_files(self) -> list[Path]:
        return sorted(p for p in self.rules.rglob("*.y*ml") if p.is_file()) if self.rules.is_dir() else []

    @cached_property
    def _schemes(self) -> list[Scheme]:
        return [self.scheme_file(f) for f in self.scheme_files()]

    def schemes(self) -> list[Scheme]:
        """Every scheme in rules/ (a scheme file with errors raises ValidationError)."""
        return list(self._schemes)

    def scheme(self, ref: str | Scheme | Document | dict | None = None, version: str | None = None) -> Scheme:
        """The scheme `ref` (`id` or `id@version`), else the newest version in force; a Scheme passes through, and a
        loaded scheme (a Document or parsed data, e.g. from a data platform) is checked and built like a file."""
        if isinstance(ref, Scheme):
            return ref
        if isinstance(ref, dict):
            ref = load_data(ref)
        if isinstance(ref, Document):
            return self.scheme_from_document(ref)
        if ref is not None and not isinstance(ref, str):
            raise UsageError([Problem.of("repo.scheme-type", Location("<数据>"), actual=type(ref).__name__)])
        if not ref:
            raise UsageError([Problem.of("repo.scheme-unknown", Location("rules/"), actual="",
                                         expected="、".join(sorted({s.id for s in self._schemes})) or "无")])
        ident, _, ver = ref.partition("@")
        version = ver or version
        candidates = [s for s in self._schemes if s.id == ident]
        if version and not any(s.version == version for s in candidates):
            old = self.from_history(ident, version)
            if old is not None:
                return old
        if not candidates:
            known = sorted({s.id for s in self._schemes})
            hint = difflib.get_close_matches(ident, known, n=1)
            raise UsageError([Problem.of("repo.scheme-unknown", Location("rules/"), actual=ident,
                                         suggestion=hint[0] if hint else "", expected="、".join(known) or "无")])
        if version:
            for s in candidates:
                if s.version == version:
                    return s
            have = sorted({s.version for s in candidates} | set(self.history_versions(ident)), key=version_key)
            raise UsageError([Problem.of("repo.version-unknown", Location("rules/"), scheme=ident, actual=version,
                                         expected="、".join(have))])
        live = [s for s in candidates if s.meta.status == "生效"]
        if not live:
            others = "、".join(f"{s.version}（{s.meta.status}）" for s in candidates)
            raise UsageError([Problem.of("repo.no-live-version", Location("rules/"), scheme=ident, versions=others,
                                         example=candidates[0].version)])
        return max(live, key=lambda s: version_key(s.version))

    # ------------------------------------------------------------------ schemes in git history
    def documents_at(self, snaps: list[Snapshot]) -> list[Document]:
        """Every snapshot that loads as a mapping; unreadable files are skipped (validate reports them)."""
        out = []
        for s in snaps:
            try:
                doc = load_text(s.text, s.label)
            except ZhibiaoError:
                continue
            if isinstance(doc.data, dict):
                out.append(doc)
        return out

    def schemes_at(self, rev: str | None) -> list[Scheme]:
        """Every scheme in rules/ at revision `rev` (None: the working tree)."""
        if self.history is None:
            snaps = [Snapshot(self.display(f), f.read_text(encoding="utf-8")) for f in self.scheme_files()]
        else:
            snaps = self.history.snapshots_at(rev, ("rules",)) if rev else self.history.snapshots_in_tree(("rules",))
        return [dataclasses.replace(self.scheme_from_document(d), revision=rev or "")
                for d in self.documents_at(snaps) if d.data.get("kind") == "scheme"]

    def from_history(self, ident: str, version: str) -> Scheme | None:
        """The scheme `ident` at `version` from the git history of rules/, or None."""
        key = (ident, version)
        if key not in self._from_history:
            self._from_history[key] = self._find_in_history(ident, version)
        return self._from_history[key]

    def _find_in_history(self, ident: str, version: str) -> Scheme | None:
        if self.history is None:
            return None
        for commit in self.history.commits_touching("rules"):
            for snap in self.history.snapshots_at(commit, ("rules",)):
                if f"id: {ident}" not in snap.text:
                    continue  # cheap filter before parsing
                try:
                    doc = load_text(snap.text, Snapshot(snap.path, snap.text, commit[:10]).label)
                except ZhibiaoError:
                    continue
                d = doc.data
                if isinstance(d, dict) and d.get("kind") == "scheme" and d.get("id") == ident \
                        and str(d.get("version")) == version:
                    return dataclasses.replace(self.scheme_from_document(doc), revision=commit[:10])
        return None

    def history_versions(self, ident: str) -> list[str]:
        """Every version of scheme `ident` that git history holds (for error messages)."""
        if self.history is None:
            return []
        seen: set[str] = set()
        for commit in self.history.commits_touching("rules"):
            for d in self.documents_at(self.history.snapshots_at(commit, ("rules",))):
                if d.data.get("id") == ident and d.data.get("version") is not None:
                    seen.add(str(d.data["version"]))
        return sorted(seen, key=version_key)

    # ------------------------------------------------------------------ standards
    @cached_property
    def catalog(self) -> Catalog:
        """Every standards document, checked together (cross-file links included); a document with an error is
        left out and its problems are kept in `problems`."""
        folder = self.standards_dir
        if not folder.is_dir():
            return Catalog()
        problems, _ = self.validate([folder])
        problems = errors_only(problems)
        bad = {p.location.file for p in problems}
        messages_ = [str(p) for p in problems]
        found: dict[str, list[Any]] = {}
        later: list[Document] = []  # operations-layer documents: built once the institution registry is known
        for path in self.yaml_files([folder]):
            if self.display(path) in bad:
                continue
            try:
                doc = self.load(path)
            except ZhibiaoError as exc:
                messages_ += [str(p) for p in exc.problems if str(p) not in messages_]
                continue
            kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
            if kind in OPERATIONS_KINDS:
                later.append(doc)
                continue
            if kind not in BUILDERS:
                continue
            field, build = BUILDERS[kind]
            found.setdefault(field, []).append(build(doc))
        registry = next((build_institutions(d) for d in later if d.data["kind"] == "institutions"), None)
        timetables = tuple(build_timetable(d, registry) for d in later if d.data["kind"] == "timetable")
        lists = tuple(build_diagnosis_elements(d, registry) for d in later if d.data["kind"] == "diagnosis-elements")
        return Catalog(**{k: tuple(v) for k, v in found.items()}, timetables=timetables, element_lists=lists,
                       registries=(registry,) if registry else (), problems=tuple(messages_))

    def overlay(self, path: str | Path) -> ElementList | Timetable:
        """A college's overlay resolved against its base: checked first (an overlay that drops a required item or
        loosens one is refused with located errors), then the base's items with the overlay's changes and additions,
        each item keeping its origin (institution, tier, document)."""
        doc = self.load(path)
        problems = errors_only(self.validate([doc])[0])
        if not problems and (not isinstance(doc.data, dict) or doc.data.get("kind") != "overlay"):
            actual = str(doc.data.get("kind")) if isinstance(doc.data, dict) else "（无）"
            problems = [Problem.of("doc.kind-wrong", doc.where(("kind",)), expected="overlay", actual=actual)]
        if problems:
            raise ValidationError(problems)
        base = find_base(doc.data, self.context_documents)
        assert base is not None  # validate() refused a missing base
        registry = self.catalog.institutions
        if doc.data["base"]["kind"] == "timetable":
            return resolve_timetable(base, doc, registry)
        return resolve_elements(base, doc, registry)

    def procedure(self, ident: str | None = None, path: str | Path | None = None) -> ReviewProcedure:
        """The review procedure: from a file, by id, or the repository's only one."""
        if path is not None:
            return self._with_elements(build_review_procedure(self._controlled(path, "review-procedure")))
        return self._with_elements(self._standards_document(self.catalog.review_procedures, "review-procedure", ident))

    def _with_elements(self, proc: ReviewProcedure) -> ReviewProcedure:
        """The procedure with the names of its declared element list, so submissions are checked against them."""
        found = self.catalog.element_list(proc.element_list) if proc.element_list else None
        if found is None:
            return proc
        table = next((t for t in self.catalog.diagnosis_tables if t.id == found.table), None)
        table_names = {el.code: el.name for el in table.elements} if table is not None else {}
        shared = {e.table_code for e in found.elements if sum(x.table_code == e.table_code for x in found.elements) > 1}
        names = tuple(ElementName(e.name, e.aliases, (table_names[e.table_code],) if e.table_code in shared
                                  and e.table_code in table_names else ()) for e in found.elements)
        return dataclasses.replace(proc, elements=names, element_table=table.meta.title if table is not None else "")

    def objectives(self, ident: str | None = None, path: str | Path | None = None) -> Objectives:
        if path is not None:
            return build_objectives(self._controlled(path, "objectives"))
        return self._standards_document(self.catalog.objectives, "objectives", ident)

    def _standards_document(self, found: tuple, kind: str, ident: str | None) -> Any:
        if ident:
            for d in found:
                if d.id == ident:
                    return d
        elif found:
            return found[0]
        if self.catalog.problems:
            raise ValidationError([Problem.of("repo.standards-invalid", Location("standards/"),
                                              detail="；".join(self.catalog.problems[:3]))])
        raise SubmissionError([Problem.of("form.standards-missing", Location("standards/"), actual=ident or "", kind=kind)])

    def _controlled(self, path: str | Path, kind: str) -> Document:
        """Load a standards document and refuse it unless schema and semantic checks pass."""
        doc = self.load(path)
        if not isinstance(doc.data, dict) or doc.data.get("kind") != kind:
            actual = str(doc.data.get("kind")) if isinstance(doc.data, dict) else "（无）"
            raise ValidationError([Problem.of("doc.kind-wrong", doc.where(("kind",)), expected=kind, actual=actual)])
        problems = errors_only(schema.check(doc, self.schemas, f"{kind}.schema.json"))
        if not problems:
            problems = errors_only(docs_check.CHECKS[kind](doc, [doc]))
        if problems:
            raise ValidationError(problems)
        return doc

    # ------------------------------------------------------------------ submissions
    def submission_document(self, source: str | Path | Document | dict | list | tuple,
                            scheme: str | Scheme | None = None) -> Document:
        """One submission document: a file (YAML, JSON, workbook), parsed data, or several files merged."""
        if isinstance(source, Document):
            return source
        if isinstance(source, dict):
            return load_data(source)
        if isinstance(source, (list, tuple)):
            docs: list[Document] = []
            problems: list[Problem] = []
            progress.begin(progress.READ, len(source))
            for item in source:
                try:
                    docs.append(self.submission_document(item, scheme))
                except ZhibiaoError as exc:  # read every file: a user fixes them all in one round
                    problems += exc.problems
                progress.advance(progress.READ)
            if problems:
                raise SubmissionError(problems, summary=messages.render(
                    "submission.errors", {"file": "、".join(self.display(x) if not isinstance(x, (Document, dict))
                                                           else getattr(x, "path", "<数据>") for x in source),
                                          "count": len(problems)}))
            return merge_documents(docs)
        return self.load(source, scheme)

    def read_submission(self, source: str | Path | Document | dict, scheme: str | Scheme | None = None,
                        previous: PreviousSource | None = None) -> tuple[Submission, Scheme]:
        """A submission checked against its scheme (the one it names, unless `scheme` is given). `previous`:
        where last period's values the submission does not give are read (the results database)."""
        doc = self.submission_document(source, scheme)
        self._refuse_other_kind(doc, "submission")
        if scheme is not None:
            found = self.scheme(scheme)
            return read_submission(doc, found, self.schemas, previous=previous), found
        named = doc.data.get("scheme") if isinstance(doc.data, dict) else None
        found, problems = None, []
        if isinstance(named, str):
            ident, _, ver = named.partition("@")
            version = doc.data.get("version")
            try:
                found = self.scheme(ident, ver or (version if isinstance(version, str) else None))
            except UsageError as exc:  # said at the submission's `scheme:` line, where the fix is
                where = doc.where(("scheme",))
                problems = [dataclasses.replace(p, location=where, pointer="scheme") for p in exc.problems]
        return read_submission(doc, found, self.schemas, problems, previous), found

    def scheme_for(self, header: dict, scheme: str | Scheme | None = None) -> Scheme:
        """The scheme a (schema-checked) submission names with `scheme` (and `version`), unless one is given."""
        if scheme is not None:
            return self.scheme(scheme)
        ident, _, ver = str(header["scheme"]).partition("@")
        version = header.get("version")
        return self.scheme(ident, ver or (version if isinstance(version, str) else None))

    # ------------------------------------------------------------------ review and indicator forms
    def read_reviews(self, source: str | Path | Document, procedure: str | Path | None = None,
                     overrides: dict[str, Any] | None = None) -> tuple[list[CollegeReview], ReviewProcedure]:
        """A review submission checked against its procedure (the one it names, unless a file is given)."""
        doc = self.submission_document(source)
        self._refuse_other_kind(doc, "review-submission")
        ident = self._named(doc, "procedure", procedure, [p.id for p in self.catalog.review_procedures])
        proc = self.procedure(ident, procedure).with_parameters(overrides or {})
        reviews = read_reviews(doc, proc)
        self._form_schema(doc, "review-submission")
        return reviews, proc

    def read_indicator_values(self, source: str | Path | Document, objectives: str | Path | None = None,
                              ) -> tuple[list[IndicatorValue], Objectives]:
        """An indicator submission checked against its objectives (the ones it names, unless a file is given)."""
        doc = self.submission_document(source)
        self._refuse_other_kind(doc, "indicator-submission")
        ident = self._named(doc, "objectives", objectives, [o.id for o in self.catalog.objectives])
        found = self.objectives(ident, objectives)
        values = read_values(doc, found)
        self._form_schema(doc, "indicator-submission")
        return values, found

    def _refuse_other_kind(self, doc: Document, wanted: str) -> None:
        """Say what a file of another kind is and which command reads it, rather than list its keys as unknown."""
        problems = docs_check.other_kind(doc, wanted, self.kinds())
        if problems and wanted == "submission":  # as every refused submission: nothing scored, nothing written
            raise SubmissionError(problems, summary=messages.render("submission.errors", {"file": doc.path,
                                                                                            "count": 1}))
        if problems:
            raise SubmissionError(problems)

    def _named(self, doc: Document, key: str, given: str | Path | None, known: list[str]) -> str | None:
        """The standards document a form names (`procedure:` / `objectives:`), refused with a suggestion when no
        such document exists — never silently replaced by the default. A file given explicitly takes precedence."""
        ident = doc.data.get(key) if isinstance(doc.data, dict) else None
        if not isinstance(ident, str) or given is not None:
            return None
        if ident not in known and (known or not self.catalog.problems):
            raise SubmissionError([Problem.of(f"form.{key}-unknown", doc.where((key,)), pointer=key, actual=ident,
                                              expected=known, suggestion=suggestion(ident, known))])
        return ident

    def _form_schema(self, doc: Document, kind: str) -> None:
        """What a form's own schema says beyond what its reader checks (the reader's messages come first)."""
        problems = schema.check(doc, self.schemas, f"{kind}.schema.json")
        if problems:
            raise SubmissionError(problems)

    # ------------------------------------------------------------------ validation
    def validate(self, paths: Iterable[str | Path | Document] | None = None, *, base: str | None = None,
                 scheme: str | Scheme | None = None, previous: PreviousSource | None = None,
                 ) -> tuple[list[Problem], int]:
        """Every problem (errors and warnings) in the given files, folders or loaded documents (default rules/
        and standards/), and how many documents were read. Submissions are checked against their scheme (or
        `scheme`) exactly as scoring reads them; with `base` (a git revision), a controlled document whose
        content changed since then must carry a higher version and a new revision record."""
        given = list(paths) if paths is not None else [p for p in (self.rules, self.standards_dir) if p.exists()]
        docs: list[Document] = [d for d in given if isinstance(d, Document)]
        targets = [Path(p) for p in given if not isinstance(p, Document)]
        files = self.yaml_files(targets)
        problems: list[Problem] = []
        for f in dict.fromkeys(files):
            try:
                docs.append(self.load(f, scheme))
            except ZhibiaoError as exc:
                problems += exc.problems
        kinds = self.kinds()
        valid: list[tuple[Document, str]] = []
        for doc in docs:
            kind, found = docs_check.kind_of(doc, kinds)
            problems += found
            if kind is None:
                continue
            if kind == "submission":
                problems += self._check_submission(doc, scheme, previous)
                continue
            if kind in FORMS:  # review and indicator submissions: read exactly as the commands read them
                problems += self._check_form(doc, FORMS[kind])
                continue
            found = docs_check.check_document(doc, kind, self.schemas)
            problems += found
            if not found:
                valid.append((doc, kind))
        # the default (rules/ and standards/) already holds everything links may point to
        valid_paths = {d.path for d, _ in valid}
        broken = [d for d in docs if d.path not in valid_paths]
        problems += docs_check.semantic_checks(valid, self.context_documents if paths is not None else [], broken)
        if base:
            problems += self.check_against_base(docs, base)
        count = len(docs) + len({p.location.file for p in problems} - {d.path for d in docs})  # unreadable ones too
        return sorted(problems, key=lambda p: (p.location.file, p.location.line or 0, p.location.column or 0)), count

    @cached_property
    def context_documents(self) -> list[Document]:
        """Schema-valid controlled documents of rules/ and standards/: what cross-file links may point to when
        only some files are validated (an overlay in examples/ is checked against its base in standards/)."""
        out: list[Document] = []
        kinds = self.kinds()
        for f in self.yaml_files([p for p in (self.rules, self.standards_dir) if p.exists()]):
            try:
                doc = self.load(f)
            except ZhibiaoError:
                continue
            kind, found = docs_check.kind_of(doc, kinds)
            if kind is not None and not found and not docs_check.check_document(doc, kind, self.schemas):
                out.append(doc)
        return out

    def _check_form(self, doc: Document, read: str) -> list[Problem]:
        try:
            getattr(self, read)(doc)
        except ZhibiaoError as exc:
            return exc.problems
        return []

    def _check_submission(self, doc: Document, scheme: str | Scheme | None,
                          previous: PreviousSource | None = None) -> list[Problem]:
        """Exactly what scoring would say: its errors, or its warnings (e.g. an incomplete list of subjects)."""
        try:
            return list(self.read_submission(doc, scheme, previous)[0].warnings)
        except ZhibiaoError as exc:
            return exc.problems

    def check_against_base(self, docs: list[Document], base: str) -> list[Problem]:
        """Refuse documents that changed since `base` without a higher version and a new revision record."""
        if self.history is None:
            raise UsageError([Problem.of("git.unknown-revision", Location(base), actual=base)])
        old_docs = self.documents_at(self.history.snapshots_at(base))
        by_path = {d.path.split(":", 1)[1]: d for d in old_docs}
        by_id = {(d.data.get("kind"), d.data.get("id")): d for d in old_docs}
        problems: list[Problem] = []
        for doc in docs:
            if not isinstance(doc.data, dict) or doc.data.get("kind") == "submission":
                continue
            old = by_path.get(doc.path) or by_id.get((doc.data.get("kind"), doc.data.get("id")))
            if old is None or content_hash(old.data) == content_hash(doc.data):
                continue
            problems += _bump_problems(doc, old, base)
        return problems


def _bump_problems(doc: Document, old: Document, base: str) -> list[Problem]:
    d, o = doc.data, old.data
    new_v, old_v = str(d.get("version", "")), str(o.get("version", ""))
    out: list[Problem] = []
    if version_key(new_v) <= version_key(old_v):
        out.append(Problem.of("repo.version-not-raised", doc.where(("version",)), pointer="version", base=base,
                              actual=new_v, old=old_v, expected=suggest_next(old_v)))
    new_revs, old_revs = d.get("revisions") or [], o.get("revisions") or []
    if len(new_revs) <= len(old_revs):
        ptr = ("revisions", len(new_revs) - 1) if new_revs else ("revisions",)
        out.append(Problem.of("repo.revision-missing", doc.where(ptr), pointer="revisions", base=base,
                              old=len(old_revs), actual=len(new_revs)))
    return out


def suggest_next(version: str) -> str:
    parts = list(version_key(version)) or [1, 0, 0]
    parts[-1] += 1
    return ".".join(str(x) for x in parts)
