"""Token patterns: the matching half of the rule engine.

A pattern is a sequence of token specs. A spec constrains attributes of one
:class:`~framing.tokens.Morpheme`:

* ``surface``, ``lemma``, ``orth_base``, ``pos1``…``pos4``, ``cType``, ``cForm``, ``kind``:
  a value, a list of alternatives, or ``{regex: "..."}`` (full match);
* ``pos``: the POS levels joined by ``-`` must equal the value or start with it
  (``pos: 名詞`` matches ``名詞-普通名詞-一般``);
* ``not``: a nested spec the token must *not* match;
* ``op``: ``"?"`` (optional), ``"*"`` (any number), ``"+"`` (one or more); default once.

Matching is greedy with backtracking and never crosses a sentence boundary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from framing.tokens import Morpheme

__all__ = [
    "ATTRIBUTES",
    "OPS",
    "SPEC_KEYS",
    "Pattern",
    "Predicate",
    "compile_pattern",
    "compile_spec",
    "first_literals",
]

ATTRIBUTES = (
    "surface",
    "lemma",
    "orth_base",
    "pos1",
    "pos2",
    "pos3",
    "pos4",
    "cType",
    "cForm",
    "kind",
)
SPEC_KEYS = frozenset((*ATTRIBUTES, "pos", "not", "op"))
OPS = ("?", "*", "+")
Op = Literal["1", "?", "*", "+"]
Predicate = Callable[[Morpheme], bool]


#: Where each attribute sits in a :class:`Morpheme` tuple (predicates index it directly).
_INDEX = {name: Morpheme._fields.index(name) for name in (*ATTRIBUTES, "pos")}


def _value_test(index: int, value: Any, where: str) -> Predicate:
    if isinstance(value, str):
        return lambda m: m[index] == value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        options = frozenset(value)
        return lambda m: m[index] in options
    if isinstance(value, Mapping) and set(value) == {"regex"} and isinstance(value["regex"], str):
        try:
            fullmatch = re.compile(value["regex"]).fullmatch
        except re.error as error:
            raise ValueError(f"{where}: invalid regex {value['regex']!r}: {error}") from None
        return lambda m: fullmatch(m[index]) is not None  # type: ignore[arg-type]
    raise ValueError(
        f"{where}: expected a string, a non-empty list of strings or {{regex: ...}}, got {value!r}"
    )


def _pos_test(value: Any, where: str) -> Predicate:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{where}: 'pos' takes a string or a list of strings, got {value!r}")
    prefixes = frozenset(values)
    dashed = tuple(v + "-" for v in values)
    index = _INDEX["pos"]

    def test(m: Morpheme) -> bool:
        pos: str = m[index]  # type: ignore[assignment]
        return pos in prefixes or pos.startswith(dashed)

    return test


def _negated(inner: Predicate) -> Predicate:
    return lambda m: not inner(m)


def _all(tests: Sequence[Predicate]) -> Predicate:
    if not tests:
        return lambda m: True
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        a, b = tests
        return lambda m: a(m) and b(m)
    if len(tests) == 3:
        a, b, c = tests
        return lambda m: a(m) and b(m) and c(m)
    head, rest = tests[0], _all(tests[1:])
    return lambda m: head(m) and rest(m)


def compile_spec(spec: Mapping[str, Any], where: str = "spec") -> Predicate:
    """Compile one token spec into a predicate (``op`` is ignored here).

    Raises
    ------
    ValueError
        Naming the unknown key or bad value, and the allowed keys.
    """
    if not isinstance(spec, Mapping):
        raise ValueError(f"{where}: a token spec must be a mapping, got {spec!r}")
    unknown = sorted(set(spec) - SPEC_KEYS)
    if unknown:
        raise ValueError(
            f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(SPEC_KEYS))}"
        )
    tests: list[Predicate] = []
    for key, value in spec.items():
        if key == "op":
            continue
        if key == "not":
            tests.append(_negated(compile_spec(value, f"{where}.not")))
        elif key == "pos":
            tests.append(_pos_test(value, f"{where}.pos"))
        else:
            tests.append(_value_test(_INDEX[key], value, f"{where}.{key}"))
    return _all(tests)


@dataclass(frozen=True)
class Pattern:
    """A compiled sequence of token specs.

    ``anchors`` holds, for each step that every match passes (op once or ``+``) and whose spec
    names its lemma or surface as a value or list, ``(step, values)``: a sentence with no token
    whose lemma or surface is among ``values`` cannot hold a match, so matching can skip it.
    ``gate`` is ``(attribute, values)`` (``lemma`` or ``surface``) when every match spans at
    least two tokens and each step its second token may pass names its lemma (or else its
    surface) as a value or list: the token after a match's first must then have that attribute
    among ``values``.
    """

    steps: tuple[tuple[Predicate, Op], ...]
    anchors: tuple[tuple[int, frozenset[str]], ...] = ()
    gate: tuple[Literal["lemma", "surface"], frozenset[str]] | None = None

    @cached_property
    def max_length(self) -> int | None:
        """The most tokens a match can span, or ``None`` when a step repeats."""
        if any(op in ("*", "+") for _, op in self.steps):
            return None
        return len(self.steps)

    @cached_property
    def head_length(self) -> int | None:
        """How many steps come before the last when each of them matches exactly one token and
        the last is ``*`` (a fixed head, then any run: ``に 因る …*``); else ``None``."""
        *head, (_, last) = self.steps
        if last != "*" or any(op != "1" for _, op in head):
            return None
        return len(head)

    @cached_property
    def min_length(self) -> int:
        """The fewest tokens a match can span."""
        return sum(op in ("1", "+") for _, op in self.steps)

    def match_at(self, tokens: Sequence[Morpheme], i: int, limit: int) -> int | None:
        """End index (exclusive) of the longest match starting at ``tokens[i]``, or ``None``.

        ``limit`` is the index of the first token after the sentence.
        """
        return self._match(tokens, 0, i, limit)

    def match_from(self, tokens: Sequence[Morpheme], step: int, i: int, limit: int) -> int | None:
        """Like :meth:`match_at`, for a match whose first ``step`` steps are already done."""
        return self._match(tokens, step, i, limit)

    def can_start(self, m: Morpheme) -> bool:
        """Whether a match can begin with ``m``.

        The first token of a match is matched by one of the leading optional steps or by the
        first required step.
        """
        for test, op in self.steps:
            if test(m):
                return True
            if op in ("1", "+"):
                return False
        return False

    @cached_property
    def fixed(self) -> bool:
        """Whether every step matches exactly one token."""
        return all(op == "1" for _, op in self.steps)

    def _match(self, tokens: Sequence[Morpheme], step: int, i: int, limit: int) -> int | None:
        if step == len(self.steps):
            return i
        test, op = self.steps[step]
        if op == "1":
            if i < limit and test(tokens[i]):
                return self._match(tokens, step + 1, i + 1, limit)
            return None
        if op == "?":
            if i < limit and test(tokens[i]):
                end = self._match(tokens, step + 1, i + 1, limit)
                if end is not None:
                    return end
            return self._match(tokens, step + 1, i, limit)
        j = i
        while j < limit and test(tokens[j]):
            j += 1
        minimum = i + 1 if op == "+" else i
        while j >= minimum:
            end = self._match(tokens, step + 1, j, limit)
            if end is not None:
                return end
            j -= 1
        return None


def compile_pattern(specs: Sequence[Mapping[str, Any]], where: str = "pattern") -> Pattern:
    """Compile a list of token specs; raises ``ValueError`` naming the bad spec."""
    if not isinstance(specs, Sequence) or isinstance(specs, str) or not specs:
        raise ValueError(f"{where}: a pattern is a non-empty list of token specs")
    steps: list[tuple[Predicate, Op]] = []
    for n, spec in enumerate(specs):
        op = spec.get("op", "1") if isinstance(spec, Mapping) else "1"
        if op not in ("1", *OPS):
            raise ValueError(f"{where}[{n}]: op {op!r} is not one of {', '.join(OPS)}")
        steps.append((compile_spec(spec, f"{where}[{n}]"), op))
    if all(op in ("?", "*") for _, op in steps):
        raise ValueError(f"{where}: every step is optional, so the pattern would match nothing")
    anchors = []
    for n, (spec, (_, op)) in enumerate(zip(specs, steps, strict=True)):
        if op in ("1", "+"):
            values = _literals(spec.get("lemma")) or _literals(spec.get("surface"))
            if values:
                anchors.append((n, values))
    return Pattern(tuple(steps), tuple(anchors), _gate(specs, [op for _, op in steps]))


def _gate(
    specs: Sequence[Mapping[str, Any]], ops: Sequence[Op]
) -> tuple[Literal["lemma", "surface"], frozenset[str]] | None:
    """The lemmas (or else surfaces) one of which the second token of every match has, or
    ``None`` when a match may be a single token or a step it may come from names neither.

    The first token of a match passes one of the leading optional steps or the first
    required one (step ``k``); the second then passes step ``k`` again (when it repeats) or
    one of the steps after ``k`` up to the next required one.
    """
    first_required = next(n for n, op in enumerate(ops) if op in ("1", "+"))
    second: set[int] = set()  # the steps the second token of a match may pass
    for k in range(first_required + 1):
        if ops[k] in ("*", "+"):
            second.add(k)
        n = k + 1
        while n < len(ops) and ops[n] in ("?", "*"):
            second.add(n)
            n += 1
        if n == len(ops):
            return None  # a match may end after step k: it may be a single token
        second.add(n)
    for attribute in ("lemma", "surface"):
        found = [_literals(specs[n].get(attribute)) for n in sorted(second)]
        if all(found):
            return attribute, frozenset().union(*found)  # type: ignore[arg-type]
    return None


def _literals(value: Any) -> frozenset[str] | None:
    """The values a plain (non-regex) spec value allows, or ``None``."""
    values = [value] if isinstance(value, str) else value
    if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
        return frozenset(values)
    return None


def first_literals(specs: Sequence[Mapping[str, Any]]) -> tuple[str, frozenset[str]] | None:
    """``(attribute, values)`` that the first token must have, for indexing; ``None`` if unknown.

    The attribute is ``lemma``, ``surface`` or ``pos1`` (from ``pos1`` or the first level of
    ``pos``).
    """
    if not specs:
        return None
    first = specs[0]
    if first.get("op", "1") in ("?", "*"):
        return None
    for key in ("lemma", "surface", "pos1", "pos"):
        values = _literals(first.get(key))
        if values:
            if key == "pos":
                return "pos1", frozenset(v.split("-", 1)[0] for v in values)
            return key, values
    return None
