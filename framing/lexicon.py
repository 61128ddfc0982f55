"""Lexicons: signal rules as YAML data that researchers read, edit and diff.

One file per signal family (``framing/lexicons/hedge.yaml`` …)::

    family: hedge
    version: 3
    categories:
      hedge.reportative: {ja: 伝聞, en: reportative, description: "..."}
    rules:
      - id: to-sareru
        category: hedge.reportative
        phrase: とされる              # or a list of phrases, or pattern: [{lemma: と}, ...]
        where: {not_preceded_by: [...]}
        note: 伝聞の「とされる」。
        examples: [事件が起きたとされる。]
        counterexamples: [容疑者が逮捕された。]

A ``phrase`` is tokenized with the same tagger as the corpus when the lexicon loads and
matched on lemmas, so every conjugation and politeness level matches. A list of phrases
(``phrase: [暴力団, 弁護士, 刑務所]``) matches any of them: the way to list compound words that
MeCab splits (暴力団 is 暴力 + 団), which a ``lemma`` list cannot hold. Loading validates every
file and rule, then raises :class:`~framing.errors.InputErrors` listing all problems at once,
each naming the file and the rule:

* the YAML is read with a safe loader: plain data only, so a tag such as
  ``!!python/object/apply:os.system`` is refused, never run; a syntax error names its line and
  column; a key given twice in one mapping is an error (plain YAML would drop the first);
* the set of keys is closed at every level (file, category, rule, ``where``, token spec), so a
  typo is an error, not a silently ignored key;
* a ``category/id`` may be defined once, across all the files loaded together;
* a regex must compile, and must not be able to backtrack catastrophically: nested quantifiers
  such as ``(a+)+`` and repeated overlapping alternatives such as ``(a|ab)+`` are refused
  (:mod:`framing.regex_safety`). Regexes are full-matched against one attribute of one morpheme,
  a short string, so other slow shapes (``.*.*``) do little harm; but ``(a+)+`` already takes
  most of a minute on 30 characters (twice as long with each more), and a match cannot be
  interrupted.

:func:`check_examples` runs every rule on its ``examples`` (which must match) and
``counterexamples`` (which must not); ``framing lexicon check`` and the test suite use it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

import yaml

from framing.errors import FramingError, InputErrors, Problem
from framing.regex_safety import backtracking_risk
from framing.rules import (
    SPEC_KEYS,
    Pattern,
    Predicate,
    compile_pattern,
    compile_spec,
    first_literals,
)

__all__ = [
    "CATEGORIES",
    "FAMILIES",
    "FamilyIndex",
    "Lexicon",
    "Rule",
    "check_examples",
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
CATEGORY_KEYS = frozenset({"ja", "en", "description"})
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
    #: Whether ``specs`` came from a ``phrase`` (tokenized by MeCab, so each is a morpheme).
    from_phrase: bool = False

    @property
    def qualified_id(self) -> str:
        """``category/id``: unique across lexicons."""
        return f"{self.category}/{self.id}"


Candidate: TypeAlias = tuple[
    Rule, int | None, bool, tuple[Predicate, ...] | None, tuple[frozenset[str], ...]
]
"""A rule that may match from a token: see :meth:`Lexicon.candidates`."""


class Candidates(NamedTuple):
    """The candidate rules of one token type, by where a match starting at it may lie."""

    anywhere: tuple[Candidate, ...]
    """Rules with no constraint on where they start."""
    at_start: tuple[Candidate, ...]
    """Rules that must start the sentence (``sentence_start``); their ``reach`` is 0."""
    at_end: tuple[Candidate, ...]
    """Rules of bounded length that must end the sentence; ``reach`` is that length."""
    next_lemma: Mapping[str, tuple[Candidate, ...]]
    """Rules with no constraint on where they start whose matches need the next token's lemma
    to be the key (:attr:`~framing.rules.Pattern.gate`), not in :attr:`anywhere`."""
    next_surface: Mapping[str, tuple[Candidate, ...]]
    """Likewise, keyed by the next token's surface."""


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


def _group(rules: Sequence[Rule]) -> Candidates:
    """The :class:`Candidates` of a token type from which each of ``rules``, and no other
    rule, can start a match (see :meth:`Lexicon.candidates`)."""
    groups: tuple[list[Candidate], list[Candidate], list[Candidate]] = ([], [], [])
    gated: dict[str, dict[str, list[Candidate]]] = {"lemma": {}, "surface": {}}
    for rule in rules:
        pattern = rule.pattern
        op = pattern.steps[0][1]
        reach: int | None = None
        if rule.where.get("sentence_start"):
            reach = 0
        elif rule.where.get("sentence_end"):
            reach = pattern.max_length
        fixed = op == "1" and pattern.fixed
        rest = tuple(t for t, _ in pattern.steps[1:]) if fixed else None
        anchors = () if fixed else tuple(v for n, v in pattern.anchors if n)
        candidate = (rule, reach, op == "1", rest, anchors)
        if reach is None and pattern.gate is not None:
            attribute, values = pattern.gate
            by_value = gated[attribute]
            for value in values:
                by_value.setdefault(value, []).append(candidate)
            continue
        groups[0 if reach is None else 1 if reach == 0 else 2].append(candidate)
    anywhere, at_start, at_end = map(tuple, groups)
    next_lemma, next_surface = (
        {k: tuple(v) for k, v in gated[name].items()} for name in ("lemma", "surface")
    )
    return Candidates(anywhere, at_start, at_end, next_lemma, next_surface)


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
    _by_type: dict[Any, Candidates] = field(default_factory=dict)
    _by_rules: dict[tuple[Rule, ...], Candidates] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for rule in self.rules:
            self.index.add(rule)

    def __repr__(self) -> str:
        files = ", ".join(Path(p).name for p in self.paths)
        rules = len(self.distinct_rules)
        return f"Lexicon({rules} rules from {files}; sha256 {self.sha256[:12]})"

    @property
    def distinct_rules(self) -> list[Rule]:
        """One :class:`Rule` per ``category/id`` (a rule with a list of phrases has one
        compiled pattern, and so one entry in :attr:`rules`, per phrase)."""
        first: dict[str, Rule] = {}
        for rule in self.rules:
            first.setdefault(rule.qualified_id, rule)
        return list(first.values())

    def __reduce__(self) -> tuple[Any, tuple[list[str], str]]:
        # Compiled rules hold closures; a lexicon travels (to worker processes, in pickles)
        # as its files and is compiled again on arrival.
        return _reload, (self.paths, self.sha256)

    def candidates(self, m: Any) -> Candidates:
        """Rules that can match starting at ``m``, each as ``(rule, reach, first_done, rest,
        anchors)``, grouped by where in the sentence such a match may start.

        A rule is a candidate when ``m`` can be the first token of a match
        (:meth:`~framing.rules.Pattern.can_start`). ``reach`` is the pattern's maximum length
        when the rule must end the sentence (a match starting earlier than ``content end -
        reach`` cannot end it), ``0`` when it must start the sentence, else ``None``.
        ``first_done`` says that the first step is a plain one-token step that ``m`` passes,
        so matching may resume at the second step; ``rest`` then holds the tests of the
        following steps when each matches exactly one token (else ``None``). Otherwise
        ``anchors`` holds the value sets of the pattern's anchors
        (:attr:`~framing.rules.Pattern.anchors`) other than a first step ``m`` passes: a
        sentence must have a lemma or surface in each of them to hold a match.

        A rule with no constraint on where it starts whose matches span two tokens or more,
        the second with one of a few lemmas or surfaces (:attr:`~framing.rules.Pattern.gate`:
        と報じられる, とも伝えられる), is filed under each such value in ``next_lemma`` or
        ``next_surface`` instead of ``anywhere``: it is tried only where the next token has one
        (most candidate attempts failed on that token).

        Every attribute a spec can test is a property of the token's type, so the answer is
        cached per type: ``m`` with its sentence and offsets set to -1, as in
        :attr:`~framing.detection.Analysis.types`.
        """
        key = m if m[10] == -1 else m._replace(sentence=-1, start=-1, end=-1)
        found = self._by_type.get(key)
        if found is None:
            index = self.index
            rules = [
                *index.by_lemma.get(m.lemma, ()),
                *index.by_surface.get(m.surface, ()),
                *index.by_pos1.get(m.pos1, ()),
                *index.unindexed,
            ]
            passing = tuple(rule for rule in dict.fromkeys(rules) if rule.pattern.can_start(m))
            # The grouping depends only on which rules pass: most types share one of a few
            # hundred such sets (a plain noun: the nominal ending and the transcript turn).
            found = self._by_rules.get(passing)
            if found is None:
                found = self._by_rules[passing] = _group(passing)
            if len(self._by_type) < 200_000:  # bounded: a huge corpus has many types
                self._by_type[key] = found
        return found

    @property
    def known_types(self) -> Mapping[Any, Candidates]:
        """:meth:`candidates` already computed, by token type (for hot loops)."""
        return self._by_type

    @cached_property
    def end_reach(self) -> int:
        """The longest ``reach`` of a rule that must end the sentence (0 if there is none):
        such a rule is tried only on a sentence's last ``end_reach`` content tokens."""
        return max(
            (
                length
                for rule in self.rules
                if rule.where.get("sentence_end") and not rule.where.get("sentence_start")
                if (length := rule.pattern.max_length) is not None
            ),
            default=0,
        )

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


# --- reading YAML safely -------------------------------------------------------------------------


# libyaml's parser when PyYAML was built with it (about ten times faster), else PyYAML's own.
if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LexiconLoader(_SafeLoader):
    """:class:`yaml.SafeLoader` that also refuses a key given twice in one mapping.

    The safe loader builds plain data only (strings, numbers, booleans, lists, mappings); a tag
    such as ``!!python/object/apply:os.system`` is an error, never a call. Plain PyYAML keeps the
    last of two equal keys and silently drops the first (a second ``examples:`` would hide the
    first list), so a repeated key is an error here.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            try:
                repeated = key in seen
            except TypeError:  # an unhashable key: the safe loader reports it below
                continue
            if repeated:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"found the key {key!r} twice",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_TAG = re.compile(r"constructor for the tag '([^']*)'")


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _yaml_problem(where: str, text: str, error: yaml.YAMLError) -> Problem:
    """One line naming the file, line and column of a YAML error."""
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        at = f"column {mark.column + 1}"
        tag = _TAG.search(str(error.problem))
        if tag:
            return Problem(
                where,
                mark.line + 1,
                f"YAML tag '{tag.group(1)}' at {at} is not allowed: a lexicon holds plain data "
                "only (strings, numbers, true/false, lists, mappings); tags that build objects "
                "are refused",
            )
        context = f"{_one_line(error.context)}: " if error.context else ""
        return Problem(
            where, mark.line + 1, f"invalid YAML at {at}: {context}{_one_line(error.problem)}"
        )
    if isinstance(error, yaml.reader.ReaderError):
        line = text.count("\n", 0, error.position) + 1
        return Problem(where, line, f"invalid YAML: {_one_line(error.reason)}")
    return Problem(where, None, f"invalid YAML: {_one_line(error)}")


def _read_yaml(path: Path, problems: list[Problem]) -> tuple[bool, Any]:
    """``(ok, data)``: the file's YAML as plain data, or ``(False, None)`` with a problem added."""
    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.append(Problem(where, None, f"cannot read the lexicon: {error.strerror}"))
        return False, None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(
                where,
                line,
                f"not UTF-8 (byte 0x{raw[error.start]:02x} at byte {error.start}); "
                "save the lexicon as UTF-8",
            )
        )
        return False, None
    try:
        return True, yaml.load(text, Loader=_LexiconLoader)  # a SafeLoader: plain data only
    except yaml.YAMLError as error:
        problems.append(_yaml_problem(where, text, error))
    except RecursionError:
        problems.append(Problem(where, None, "invalid YAML: lists or mappings nested too deeply"))
    return False, None


# --- validating and compiling ---------------------------------------------------------------------


def _names(keys: Iterable[Any]) -> str:
    return ", ".join(sorted(str(k) for k in keys))


def _unknown(given: Iterable[Any], allowed: frozenset[str]) -> list[Any]:
    return [k for k in given if not isinstance(k, str) or k not in allowed]


def _spec_problems(spec: Any, where: str) -> list[str]:
    """What compiling a token spec would not catch, or would catch badly.

    A key that is not text (compiling sorts the keys, which fails on mixed types), and a regex
    that may backtrack catastrophically (:func:`~framing.regex_safety.backtracking_risk`).
    """
    if not isinstance(spec, Mapping):
        return []
    odd = [key for key in spec if not isinstance(key, str)]
    if odd:
        return [f"{where}: unknown key(s) {_names(odd)}; allowed: {_names(SPEC_KEYS)}"]
    problems: list[str] = []
    for key, value in spec.items():
        if key == "not":
            problems.extend(_spec_problems(value, f"{where}.not"))
        elif isinstance(value, Mapping) and isinstance(value.get("regex"), str):
            regex = value["regex"]
            risk = backtracking_risk(regex)
            if risk is not None:
                problems.append(
                    f"{where}.{key}: regex {regex!r} may backtrack catastrophically ({risk}); "
                    "rewrite it, or make the inner part atomic with (?>...) or a possessive "
                    "quantifier such as a++"
                )
    return problems


def _compile(specs: Any, where: str, problems: list[str]) -> Pattern | None:
    """Compile a pattern, adding its problems (bad keys or values, risky regexes)."""
    found: list[str] = []
    if isinstance(specs, list):
        for n, spec in enumerate(specs):
            found.extend(_spec_problems(spec, f"{where}[{n}]"))
    if found:
        problems.extend(found)
        return None
    try:
        return compile_pattern(specs, where)
    except (ValueError, TypeError) as error:
        problems.append(str(error) if str(error).startswith(where) else f"{where}: {error}")
        return None


def _compile_where(where: Any, ctx: str, problems: list[str]) -> dict[str, Any]:
    if where is None:
        return {}
    if not isinstance(where, Mapping):
        problems.append(f"{ctx}: 'where' must be a mapping")
        return {}
    compiled: dict[str, Any] = {}
    for key, value in where.items():
        if not isinstance(key, str) or key not in WHERE_KEYS:
            problems.append(
                f"{ctx}: unknown condition {key!r}; allowed: {', '.join(sorted(WHERE_KEYS))}"
            )
            continue
        here = f"{ctx}.where.{key}"
        if key in BOOL_CONDITIONS:
            if isinstance(value, bool):
                compiled[key] = value
            else:
                problems.append(f"{ctx}: {key} takes true or false, got {value!r}")
        elif key == "medium":
            if value in ("article", "tweet"):
                compiled[key] = value
            else:
                problems.append(f"{ctx}: medium takes 'article' or 'tweet', got {value!r}")
        elif key in SEQUENCE_CONDITIONS:
            if not isinstance(value, list) or not value:
                problems.append(
                    f"{here}: takes a list of token specs, or a list of such lists "
                    f"(alternatives), got {value!r}"
                )
                continue
            alternatives = value if isinstance(value[0], list) else [value]
            found = [
                (_compile(alt, f"{here}[{n}]" if alt is not value else here, problems), alt)
                for n, alt in enumerate(alternatives)
            ]
            if all(pattern is not None for pattern, _ in found):
                compiled[key] = [(pattern, len(alt)) for pattern, alt in found]
        else:
            if not isinstance(value, list) or not value:
                problems.append(f"{here}: takes a non-empty list of token specs, got {value!r}")
                continue
            bad = [problem for spec in value for problem in _spec_problems(spec, here)]
            if bad:
                problems.extend(bad)
                continue
            try:
                compiled[key] = [compile_spec(spec, here) for spec in value]
            except (ValueError, TypeError) as error:
                problems.append(str(error) if str(error).startswith(here) else f"{here}: {error}")
    return compiled


def _strings(value: Any, name: str, ctx: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{ctx}: '{name}' must be a list of strings")
        return ()
    return tuple(value)


def _category_labels(categories: Any, errors: list[str]) -> dict[str, dict[str, str]]:
    """The ``categories`` mapping: category -> {ja, en, description}."""
    if categories is None:
        return {}
    if not isinstance(categories, Mapping):
        errors.append("'categories' must be a mapping of category -> {ja, en, description}")
        return {}
    labels: dict[str, dict[str, str]] = {}
    for category, info in categories.items():
        ctx = f"category {category!r}"
        if not isinstance(category, str) or not category:
            errors.append(f"{ctx}: a category name must be a non-empty string, got {category!r}")
            continue
        if info is None:
            info = {}
        if not isinstance(info, Mapping):
            errors.append(f"{ctx}: must be a mapping with ja, en and description, got {info!r}")
            continue
        bad = _unknown(info, CATEGORY_KEYS)
        if bad:
            errors.append(f"{ctx}: unknown key(s) {_names(bad)}; allowed: {_names(CATEGORY_KEYS)}")
        not_text = [k for k, v in info.items() if k in CATEGORY_KEYS and not isinstance(v, str)]
        if not_text:
            errors.append(f"{ctx}: {_names(not_text)} must be text")
        labels[category] = {k: v for k, v in info.items() if k in CATEGORY_KEYS}
    return labels


def _load_file(
    path: Path, problems: list[Problem]
) -> tuple[list[Rule], str | None, int, dict[str, dict[str, str]]]:
    where = str(path)
    ok, data = _read_yaml(path, problems)
    if not ok:
        return [], None, 0, {}
    if not isinstance(data, Mapping):
        problems.append(
            Problem(where, None, "a lexicon file is a mapping with 'family', 'version' and 'rules'")
        )
        return [], None, 0, {}
    errors: list[str] = []
    unknown = _unknown(data, FILE_KEYS)
    if unknown:
        errors.append(f"unknown top-level key(s) {_names(unknown)}; allowed: {_names(FILE_KEYS)}")
    family = data.get("family")
    if not isinstance(family, str) or not family:
        errors.append("'family' must be a non-empty string")
        family = None
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        errors.append("'version' must be an integer")
        version = 0
    labels = _category_labels(data.get("categories"), errors)
    known = set(FAMILIES.get(family or "", ())) | set(labels)
    rules: list[Rule] = []
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list):
        errors.append("'rules' must be a list")
        raw_rules = []
    first: dict[str, str] = {}
    for n, raw in enumerate(raw_rules):
        rules.extend(_load_rule(raw, f"rule #{n + 1}", family, known, first, errors, where))
    problems.extend(Problem(where, None, message) for message in errors)
    return rules, family, int(version), labels


def _load_rule(
    raw: Any,
    ctx: str,
    family: str | None,
    known: set[str],
    first: dict[str, str],
    errors: list[str],
    source: str,
) -> list[Rule]:
    """Validate and compile one rule; ``first`` maps ``category/id`` to the rule that used it.

    A rule with a list of phrases compiles to one :class:`Rule` per phrase, all with its id.
    """
    if not isinstance(raw, Mapping):
        errors.append(f"{ctx}: a rule must be a mapping")
        return []
    number = ctx
    rule_id = raw.get("id")
    if isinstance(rule_id, str) and rule_id:
        ctx = f"rule {rule_id!r}"
    elif rule_id is None or rule_id == "":
        errors.append(f"{ctx}: missing 'id'")
    else:
        errors.append(f"{ctx}: 'id' must be a non-empty string, got {rule_id!r}")
    bad_keys = _unknown(raw, RULE_KEYS)
    if bad_keys:
        errors.append(f"{ctx}: unknown key(s) {_names(bad_keys)}; allowed: {_names(RULE_KEYS)}")
    category = raw.get("category")
    if not isinstance(category, str) or category not in known:
        errors.append(
            f"{ctx}: category {category!r} is not one of {_names(known) or '(none declared)'}"
        )
    if isinstance(rule_id, str) and rule_id and isinstance(category, str):
        qualified = f"{category}/{rule_id}"
        if qualified in first:
            errors.append(
                f"{ctx}: duplicate id in category {category!r} (first used by {first[qualified]})"
            )
        else:
            first[qualified] = number
    phrase, pattern = raw.get("phrase"), raw.get("pattern")
    alternatives: list[list[Any]] = []  # the token specs of each pattern the rule matches
    if (phrase is None) == (pattern is None):
        errors.append(f"{ctx}: give exactly one of 'phrase' or 'pattern'")
    elif phrase is not None:
        phrases = [phrase] if isinstance(phrase, str) else phrase
        if (
            not isinstance(phrases, list)
            or not phrases
            or not all(isinstance(p, str) and p.strip() for p in phrases)
        ):
            errors.append(f"{ctx}: 'phrase' must be a non-empty string or a non-empty list of them")
        else:
            for text in phrases:
                specs = _phrase_specs(text)
                if specs:
                    alternatives.append(specs)
                else:
                    errors.append(f"{ctx}: the phrase {text!r} gives no morphemes to match")
    elif not isinstance(pattern, list) or not pattern:
        errors.append(f"{ctx}: 'pattern' must be a non-empty list of token specs, got {pattern!r}")
    else:
        alternatives.append(pattern)
    compiled = [
        (specs, pattern)
        for n, specs in enumerate(alternatives)
        if (pattern := _compile(specs, f"{ctx}.pattern" + (f"[{n}]" if n else ""), errors))
        is not None
    ]
    conditions = _compile_where(raw.get("where"), ctx, errors)
    examples = _strings(raw.get("examples"), "examples", ctx, errors)
    counterexamples = _strings(raw.get("counterexamples"), "counterexamples", ctx, errors)
    if not examples:
        errors.append(f"{ctx}: every rule needs at least one example that it must match")
    anonymous = raw.get("anonymous", False)
    if not isinstance(anonymous, bool):
        errors.append(f"{ctx}: 'anonymous' takes true or false")
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        errors.append(f"{ctx}: 'note' must be text")
    if len(compiled) != len(alternatives) or not compiled:
        return []
    if not family or not isinstance(rule_id, str) or not rule_id or not isinstance(category, str):
        return []
    return [
        Rule(
            id=rule_id,
            family=family,
            category=category,
            pattern=pattern,
            specs=tuple(specs),
            where=conditions,
            note=str(note or ""),
            examples=examples,
            counterexamples=counterexamples,
            anonymous=bool(anonymous),
            source=source,
            from_phrase=phrase is not None,
        )
        for specs, pattern in compiled
    ]


def _lexicon_files(given: Iterable[str | Path]) -> list[Path]:
    """Files to load, folders expanded to their ``*.yaml``; a file named twice is loaded once."""
    files: list[Path] = []
    seen: set[Path] = set()
    for item in given:
        path = Path(item)
        for file in sorted(path.glob("*.yaml")) if path.is_dir() else [path]:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files


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
        Listing every problem in every file at once, each naming the file (and the line for YAML
        errors) and the rule: invalid YAML or a refused YAML tag, unknown keys (file, category,
        rule, ``where``, token spec), a bad value, an invalid regex or one that may backtrack
        catastrophically (:mod:`framing.regex_safety`), a ``category/id`` used twice in one file
        or in two files.
    """
    files = _lexicon_files([*(default_lexicon_paths() if paths is None else paths), *extra])
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
    defined: dict[str, Rule] = {}
    for rule in rules:
        earlier = defined.setdefault(rule.qualified_id, rule)
        if earlier is not rule and earlier.source != rule.source:
            problems.append(
                Problem(
                    rule.source,
                    None,
                    f"rule {rule.id!r}: {rule.qualified_id} is already defined in "
                    f"{earlier.source}; the same category/id is defined in more than one file",
                )
            )
    if problems:
        raise InputErrors(problems)
    return Lexicon(rules, versions, digest.hexdigest(), [str(p) for p in files], labels)


def check_examples(lexicon: Lexicon) -> list[Problem]:
    """Run every rule on its own examples and counterexamples.

    An example must give a hit of its rule; a counterexample must give no hit of the rule's
    category. Each text is analysed as the rule's ``where.medium`` (an article by default).

    Parameters
    ----------
    lexicon:
        A loaded lexicon.

    Returns
    -------
    list of Problem
        One per failing text, in rule order, naming the rule's file and id and the text:
        ``hedge.yaml: rule 'to-sareru' (hedge.reportative/to-sareru): example does not match:
        …``. Empty when every rule passes.
    """
    from framing.detection import detect_text

    failures: list[Problem] = []
    for rule in lexicon.distinct_rules:
        medium = str(rule.where.get("medium", "article"))
        name = f"rule {rule.id!r} ({rule.qualified_id})"
        for example in rule.examples:
            hits = detect_text(example, lexicon, medium=medium)
            if not any(h.rule == rule.qualified_id for h in hits):
                failures.append(
                    Problem(rule.source, None, f"{name}: example does not match: {example}")
                )
        for example in rule.counterexamples:
            hits = detect_text(example, lexicon, medium=medium)
            if any(h.category == rule.category for h in hits):
                failures.append(
                    Problem(rule.source, None, f"{name}: counterexample matches: {example}")
                )
    return failures


def check_lemmas(lexicon: Lexicon) -> list[Problem]:
    """Find ``lemma`` values in patterns that no single morpheme can have.

    MeCab splits many compound words (暴力団 is 暴力 + 団, 弁護士 is 弁護 + 士), so a
    one-token spec listing them never matches: the rule silently misses what the researcher
    meant. Each value is tokenized with the corpus tagger; a value that comes out as several
    morphemes is reported, with the split, so that it can move to a ``phrase`` list. UniDic's
    sense-tagged lemmas (そう-伝聞, 私-代名詞) are lemmas as they are and are not tested, nor
    are rules written as a ``phrase`` (MeCab made their morphemes from the phrase in context:
    the まで of 言うまでもない is one morpheme there, though まで alone reads ま|で).

    A lemma written in kanji can name a word that the text spells otherwise (何時 is the lemma
    of いつ, though 何時 alone reads 何|時): a value that some morpheme of the rule's own
    examples or counterexamples has as its lemma is not reported. The rest are warnings.

    Returns
    -------
    list of Problem
        One per rule and value, in rule order: ``frame.yaml: rule 'justice-terms'
        (frame.justice/justice-terms): lemma '暴力団' is never one morpheme (MeCab reads
        暴力|団); list it under 'phrase' instead``. Empty when every value is one morpheme.
    """
    from framing.tokens import tokenize

    def values(spec: Mapping[str, Any]) -> Iterator[str]:
        value = spec.get("lemma")
        yield from [value] if isinstance(value, str) else value if isinstance(value, list) else []
        inner = spec.get("not")
        if isinstance(inner, Mapping):
            yield from values(inner)

    problems: list[Problem] = []
    for rule in lexicon.distinct_rules:
        if rule.from_phrase:  # MeCab made these specs from the phrase in context
            continue
        name = f"rule {rule.id!r} ({rule.qualified_id})"
        attested: set[str] | None = None  # lemmas of the rule's examples, once a value splits
        seen: set[str] = set()
        for spec in rule.specs:
            for value in values(spec):
                if value in seen or "-" in value:
                    continue
                seen.add(value)
                parts = [m.surface for m in tokenize(value)]
                if len(parts) == 1:
                    continue
                if attested is None:
                    sentences = [*rule.examples, *rule.counterexamples]
                    attested = {m.lemma for text in sentences for m in tokenize(text)}
                if value not in attested:
                    problems.append(
                        Problem(
                            rule.source,
                            None,
                            f"{name}: lemma {value!r} is never one morpheme (MeCab reads "
                            f"{'|'.join(parts)}); list it under 'phrase' instead",
                        )
                    )
    return problems
