"""Lexicons: signal rules as YAML data that researchers read, edit and diff.

One file per signal family (``framing/lexicons/hedge.yaml`` …)::

    family: hedge
    version: 3
    categories:
      hedge.reportative: {ja: 伝聞, en: reportative, description: "..."}
    rules:
      - id: to-sareru
        category: hedge.reportative
        phrase: とされる              # or pattern: [{lemma: と}, {lemma: 為る}, ...]
        where: {not_preceded_by: [...]}
        note: 伝聞の「とされる」。
        examples: [事件が起きたとされる。]
        counterexamples: [容疑者が逮捕された。]

A ``phrase`` is tokenized with the same tagger as the corpus when the lexicon loads and
matched on lemmas, so every conjugation and politeness level matches. Loading validates every
file and rule, then raises :class:`~framing.errors.InputErrors` listing all problems at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from framing.errors import FramingError, InputErrors, Problem
from framing.rules import Pattern, compile_pattern, compile_spec, first_literals

__all__ = [
    "CATEGORIES",
    "FAMILIES",
    "FamilyIndex",
    "Lexicon",
    "Rule",
    "default_lexicon_paths",
    "load_lexicon",
]

#: The codebook's categories, by family, in codebook order.
FAMILIES: dict[str, tuple[str, ...]] = {
    "hedge": ("hedge.reportative", "hedge.inferential", "hedge.epistemic"),
    "booster": ("booster",),
    "question": ("question.rhetorical", "question.genuine"),
    "engagement": ("engagement",),
    "frame": (
        "frame.sovereignty",
        "frame.justice",
        "frame.economic",
        "frame.humanitarian",
        "frame.military",
    ),
    "attribution": ("attribution",),
    "style": ("style.nominal_ending", "style.agentless_passive"),
}
CATEGORIES: tuple[str, ...] = tuple(c for cats in FAMILIES.values() for c in cats)

FILE_KEYS = frozenset({"family", "version", "description", "categories", "rules"})
RULE_KEYS = frozenset(
    {
        "id",
        "category",
        "phrase",
        "pattern",
        "where",
        "note",
        "examples",
        "counterexamples",
        "anonymous",
    }
)
SEQUENCE_CONDITIONS = frozenset(
    {"preceded_by", "not_preceded_by", "followed_by", "not_followed_by"}
)
SET_CONDITIONS = frozenset({"sentence_has", "sentence_lacks"})
BOOL_CONDITIONS = frozenset(
    {
        "sentence_end",
        "sentence_start",
        "question",
        "dialogue",
        "quoted",
        "in_title",
        "next_is_question",
        "japanese",
        "transcript",
        "interview",
    }
)
WHERE_KEYS = SEQUENCE_CONDITIONS | SET_CONDITIONS | BOOL_CONDITIONS | {"medium"}


@dataclass(frozen=True, eq=False)
class Rule:
    """One compiled rule.

    ``where`` holds the context conditions: booleans about the sentence (``question``,
    ``dialogue``, ``sentence_end`` …), compiled neighbour patterns (``preceded_by`` …),
    token sets (``sentence_has``/``sentence_lacks``) and ``medium``.
    """

    id: str
    family: str
    category: str
    pattern: Pattern
    specs: tuple[Mapping[str, Any], ...]
    where: Mapping[str, Any]
    note: str
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    anonymous: bool
    source: str

    @property
    def qualified_id(self) -> str:
        """``category/id``: unique across lexicons."""
        return f"{self.category}/{self.id}"


@dataclass
class FamilyIndex:
    """Rules indexed by the literal their first token must have."""

    by_lemma: dict[str, list[Rule]] = field(default_factory=dict)
    by_surface: dict[str, list[Rule]] = field(default_factory=dict)
    by_pos1: dict[str, list[Rule]] = field(default_factory=dict)
    unindexed: list[Rule] = field(default_factory=list)

    def add(self, rule: Rule) -> None:
        literal = first_literals(rule.specs)
        if literal is None:
            self.unindexed.append(rule)
            return
        attribute, values = literal
        index = {"lemma": self.by_lemma, "surface": self.by_surface, "pos1": self.by_pos1}[
            attribute
        ]
        for value in values:
            index.setdefault(value, []).append(rule)


@dataclass
class Lexicon:
    """All loaded rules, indexed for matching.

    ``versions`` maps each lexicon file's stem (``hedge``, ``mine``) to its ``version``;
    ``sha256`` digests the files' bytes; ``category_labels`` holds the ja/en names declared
    under ``categories``.
    """

    rules: list[Rule]
    versions: dict[str, int]
    sha256: str
    paths: list[str]
    category_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    index: FamilyIndex = field(default_factory=lambda: FamilyIndex())
    _by_type: dict[Any, tuple[tuple[Rule, int | None, bool], ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for rule in self.rules:
            self.index.add(rule)

    def __repr__(self) -> str:
        files = ", ".join(Path(p).name for p in self.paths)
        return f"Lexicon({len(self.rules)} rules from {files}; sha256 {self.sha256[:12]})"

    def __reduce__(self) -> tuple[Any, tuple[list[str], str]]:
        # Compiled rules hold closures; a lexicon travels (to worker processes, in pickles)
        # as its files and is compiled again on arrival.
        return _reload, (self.paths, self.sha256)

    def candidates(self, m: Any) -> tuple[tuple[Rule, int | None, bool], ...]:
        """Rules that can match starting at ``m``: ``(rule, reach, first_done)`` triples.

        A rule is a candidate when ``m`` can be the first token of a match
        (:meth:`~framing.rules.Pattern.can_start`). ``reach`` is the pattern's maximum length
        when the rule must end the sentence (a match starting earlier than ``content end -
        reach`` cannot end it), ``0`` when it must start the sentence, else ``None``.
        ``first_done`` says that the first step is a plain one-token step that ``m`` passes,
        so matching may resume at the second step.

        Every attribute a spec can test is a property of the token's type, so the answer is
        cached per type (surface, lemma, POS, conjugation, base form, kind).
        """
        key = (m[:9], m.kind)
        found = self._by_type.get(key)
        if found is None:
            index = self.index
            rules = [
                *index.by_lemma.get(m.lemma, ()),
                *index.by_surface.get(m.surface, ()),
                *index.by_pos1.get(m.pos1, ()),
                *index.unindexed,
            ]
            kept = []
            for rule in dict.fromkeys(rules):
                op = rule.pattern.steps[0][1]
                if not rule.pattern.can_start(m):
                    continue
                if rule.where.get("sentence_start"):
                    reach = 0
                elif rule.where.get("sentence_end"):
                    reach = rule.pattern.max_length
                else:
                    reach = None
                kept.append((rule, reach, op == "1"))
            found = tuple(kept)
            if len(self._by_type) < 500_000:
                self._by_type[key] = found
        return found

    @property
    def families(self) -> list[str]:
        """Families with at least one rule, in codebook order."""
        present = {rule.family for rule in self.rules}
        return [f for f in FAMILIES if f in present] + sorted(present - set(FAMILIES))

    @property
    def categories(self) -> list[str]:
        """Categories with at least one rule, in codebook order."""
        present = {rule.category for rule in self.rules}
        return [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))

    def rule(self, qualified_id: str) -> Rule:
        """Look a rule up by ``category/id``."""
        for rule in self.rules:
            if rule.qualified_id == qualified_id:
                return rule
        raise KeyError(qualified_id)


def _reload(paths: list[str], sha256: str) -> Lexicon:
    lexicon = load_lexicon(paths)
    if lexicon.sha256 != sha256:
        raise FramingError(
            f"the lexicon files changed since this lexicon was loaded ({', '.join(paths)})"
        )
    return lexicon


def default_lexicon_paths() -> list[Path]:
    """The lexicons shipped with framing, in codebook order."""
    folder = resources.files("framing").joinpath("lexicons")
    return [Path(str(folder.joinpath(f"{family}.yaml"))) for family in FAMILIES]


def _phrase_specs(phrase: str) -> list[dict[str, Any]]:
    from framing.tokens import tokenize

    return [{"lemma": m.lemma} for m in tokenize(phrase)]


def _compile_where(where: Any, ctx: str, problems: list[str]) -> dict[str, Any]:
    if where is None:
        return {}
    if not isinstance(where, Mapping):
        problems.append(f"{ctx}: 'where' must be a mapping")
        return {}
    compiled: dict[str, Any] = {}
    for key, value in where.items():
        if key not in WHERE_KEYS:
            problems.append(
                f"{ctx}: unknown condition {key!r}; allowed: {', '.join(sorted(WHERE_KEYS))}"
            )
            continue
        try:
            if key in BOOL_CONDITIONS:
                if not isinstance(value, bool):
                    raise ValueError(f"{key} takes true or false, got {value!r}")
                compiled[key] = value
            elif key == "medium":
                if value not in ("article", "tweet"):
                    raise ValueError(f"medium takes 'article' or 'tweet', got {value!r}")
                compiled[key] = value
            elif key in SEQUENCE_CONDITIONS:
                alternatives = value if value and isinstance(value[0], list) else [value]
                compiled[key] = [
                    (compile_pattern(alt, f"{ctx}.where.{key}"), len(alt)) for alt in alternatives
                ]
            else:
                if not isinstance(value, list) or not value:
                    raise ValueError(f"{key} takes a non-empty list of token specs")
                compiled[key] = [compile_spec(spec, f"{ctx}.where.{key}") for spec in value]
        except (ValueError, TypeError, AttributeError, KeyError) as error:
            problems.append(f"{ctx}: {error}")
    return compiled


def _strings(value: Any, name: str, ctx: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{ctx}: '{name}' must be a list of strings")
        return ()
    return tuple(value)


def _load_file(
    path: Path, problems: list[Problem]
) -> tuple[list[Rule], str | None, int, dict[str, dict[str, str]]]:
    where = str(path)
    try:
        text = path.read_text("utf-8")
    except OSError as error:
        problems.append(Problem(where, None, f"cannot read the lexicon: {error.strerror}"))
        return [], None, 0, {}
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problems.append(Problem(where, line, f"invalid YAML: {getattr(error, 'problem', error)}"))
        return [], None, 0, {}
    if not isinstance(data, Mapping):
        problems.append(
            Problem(where, None, "a lexicon file is a mapping with 'family', 'version' and 'rules'")
        )
        return [], None, 0, {}
    errors: list[str] = []
    unknown = sorted(set(data) - FILE_KEYS)
    if unknown:
        errors.append(
            f"unknown top-level key(s) {', '.join(unknown)}; "
            f"allowed: {', '.join(sorted(FILE_KEYS))}"
        )
    family = data.get("family")
    if not isinstance(family, str) or not family:
        errors.append("'family' must be a non-empty string")
        family = None
    version = data.get("version")
    if not isinstance(version, int):
        errors.append("'version' must be an integer")
        version = 0
    labels: dict[str, dict[str, str]] = {}
    categories = data.get("categories") or {}
    if not isinstance(categories, Mapping):
        errors.append("'categories' must be a mapping of category -> {ja, en, description}")
        categories = {}
    for category, info in categories.items():
        labels[str(category)] = {str(k): str(v) for k, v in (info or {}).items()}
    known = set(FAMILIES.get(family or "", ())) | set(labels)
    rules: list[Rule] = []
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list):
        errors.append("'rules' must be a list")
        raw_rules = []
    seen: set[str] = set()
    for n, raw in enumerate(raw_rules):
        ctx = f"rule #{n + 1}"
        if not isinstance(raw, Mapping):
            errors.append(f"{ctx}: a rule must be a mapping")
            continue
        rule_id = raw.get("id")
        if isinstance(rule_id, str) and rule_id:
            ctx = f"rule {rule_id!r}"
        else:
            errors.append(f"{ctx}: missing 'id'")
        bad_keys = sorted(set(raw) - RULE_KEYS)
        if bad_keys:
            errors.append(
                f"{ctx}: unknown key(s) {', '.join(bad_keys)}; "
                f"allowed: {', '.join(sorted(RULE_KEYS))}"
            )
        category = raw.get("category")
        if category not in known:
            errors.append(
                f"{ctx}: category {category!r} is not one of "
                f"{', '.join(sorted(known)) or '(none declared)'}"
            )
        if isinstance(rule_id, str) and f"{category}/{rule_id}" in seen:
            errors.append(f"{ctx}: duplicate id in category {category!r}")
        if isinstance(rule_id, str):
            seen.add(f"{category}/{rule_id}")
        phrase, pattern = raw.get("phrase"), raw.get("pattern")
        specs: list[dict[str, Any]] = []
        if (phrase is None) == (pattern is None):
            errors.append(f"{ctx}: give exactly one of 'phrase' or 'pattern'")
        elif phrase is not None:
            if not isinstance(phrase, str) or not phrase.strip():
                errors.append(f"{ctx}: 'phrase' must be a non-empty string")
            else:
                specs = _phrase_specs(phrase)
        else:
            specs = pattern if isinstance(pattern, list) else []
        compiled = None
        if specs:
            try:
                compiled = compile_pattern(specs, f"{ctx}.pattern")
            except ValueError as error:
                errors.append(str(error))
        conditions = _compile_where(raw.get("where"), ctx, errors)
        examples = _strings(raw.get("examples"), "examples", ctx, errors)
        counterexamples = _strings(raw.get("counterexamples"), "counterexamples", ctx, errors)
        if not examples:
            errors.append(f"{ctx}: every rule needs at least one example that it must match")
        anonymous = raw.get("anonymous", False)
        if not isinstance(anonymous, bool):
            errors.append(f"{ctx}: 'anonymous' takes true or false")
        if (
            compiled is not None
            and family
            and isinstance(rule_id, str)
            and isinstance(category, str)
        ):
            rules.append(
                Rule(
                    id=rule_id,
                    family=family,
                    category=category,
                    pattern=compiled,
                    specs=tuple(specs),
                    where=conditions,
                    note=str(raw.get("note") or ""),
                    examples=examples,
                    counterexamples=counterexamples,
                    anonymous=bool(anonymous),
                    source=where,
                )
            )
    problems.extend(Problem(where, None, message) for message in errors)
    return rules, family, int(version), labels


def load_lexicon(
    paths: Iterable[str | Path] | None = None, *, extra: Sequence[str | Path] = ()
) -> Lexicon:
    """Load and validate lexicon files.

    Parameters
    ----------
    paths:
        Lexicon files (or folders of ``*.yaml``) that replace the shipped ones; ``None`` for
        the shipped lexicons.
    extra:
        Files added on top of ``paths``.

    Raises
    ------
    InputErrors
        Listing every problem in every file (file, rule id, problem, allowed keys).
    """
    files: list[Path] = []
    for given in [*(default_lexicon_paths() if paths is None else paths), *extra]:
        path = Path(given)
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    problems: list[Problem] = []
    rules: list[Rule] = []
    versions: dict[str, int] = {}
    labels: dict[str, dict[str, str]] = {}
    digest = hashlib.sha256()
    for path in files:
        file_rules, family, version, file_labels = _load_file(path, problems)
        rules.extend(file_rules)
        labels.update(file_labels)
        if family:
            versions[path.stem] = version
        if path.is_file():
            digest.update(path.read_bytes())
    ids = [rule.qualified_id for rule in rules]
    for rule_id in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(
            Problem(rule_id, None, "the same category/id is defined in more than one file")
        )
    if problems:
        raise InputErrors(problems)
    return Lexicon(rules, versions, digest.hexdigest(), [str(p) for p in files], labels)
