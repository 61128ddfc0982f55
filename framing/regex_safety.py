"""Refuse regular expressions that may backtrack catastrophically (ReDoS).

Python's :mod:`re` engine backtracks, and a running match cannot be interrupted or given a time
limit, so a lexicon regex such as ``(a+)+`` could hang the analysis of a whole corpus on one
unlucky token. :func:`backtracking_risk` therefore checks a regex *statically*, from its parse
tree (Python's own parser, ``re._parser``), before it is ever run. It flags the two shapes that
make backtracking exponential (or polynomial with a large degree):

* a **nested quantifier**: a group repeated more than once (``+``, ``*``, ``{2,}``, ``{10}``)
  whose body holds a quantifier of variable count (``+``, ``*``, ``?``, ``{1,5}``):
  ``(a+)+``, ``(a*)*``, ``(.*a){10}``, ``(ab?)+``;
* a **repeated alternation with overlapping branches**: a repeated group holding ``|`` whose
  alternatives can begin with the same character, or one of which can match nothing:
  ``(a|aa)+``, ``(a|ab)*``, ``(x|)+``.

The check is conservative: it may refuse a regex that would in fact run fast (``(ab?)+``), never
the other way round for these shapes. An atomic group ``(?>...)`` or a possessive quantifier
(``a++``, ``a*+``), which never give back what they matched, is accepted as the inner part:
``(?>a+)+`` and ``(a++)+`` pass. Polynomial patterns without nesting (``.*.*``) are accepted:
lexicon regexes are full-matched against one attribute of one morpheme (a surface form, a
lemma, a conjugation form such as ``連用形-一般``), strings of a few dozen characters at most,
where such patterns stay fast.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

__all__ = ["backtracking_risk"]

# ``re._parser`` (``sre_parse`` before Python 3.11) has no type stubs; it is read as data.
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

_REPEATS = frozenset({_c.MAX_REPEAT, _c.MIN_REPEAT})

#: Stands for "any character" in first-character sets (a class, ``.``, a category).
_ANY = None
CharSet = frozenset[int] | None


def backtracking_risk(regex: str) -> str | None:
    """Say why ``regex`` may backtrack catastrophically, or return ``None`` when it looks safe.

    Parameters
    ----------
    regex:
        The regular expression, as written in the lexicon.

    Returns
    -------
    str or None
        A short English explanation of the risky shape (``"nested quantifier: ..."`` or
        ``"repeated alternation with overlapping branches: ..."``); ``None`` when neither shape
        occurs, or when ``regex`` does not compile (reporting that is the compiler's job).

    Examples
    --------
    >>> backtracking_risk("連用形.*") is None
    True
    >>> backtracking_risk("(a+)+")[:17]
    'nested quantifier'
    """
    try:
        tree = _parser.parse(regex)
    except (re.error, OverflowError, RecursionError, ValueError):
        return None
    for body in _repeated_bodies(tree):
        if _has_variable_repeat(body):
            return (
                "nested quantifier: a group that repeats holds a quantifier of its own, "
                "as in (a+)+ or (.*x){10}"
            )
        if _has_ambiguous_branch(body):
            return (
                "repeated alternation with overlapping branches: a group that repeats holds "
                "alternatives that can start with the same character or match nothing, "
                "as in (a|ab)+"
            )
    return None


def _children(op: Any, av: Any) -> list[Any]:
    """The sub-patterns directly inside one node."""
    if op in _REPEATS or op is _c.POSSESSIVE_REPEAT:
        return [av[2]]
    if op is _c.SUBPATTERN:
        return [av[3]]
    if op is _c.BRANCH:
        return list(av[1])
    if op is _c.ATOMIC_GROUP:
        return [av]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [av[1]]
    if op is _c.GROUPREF_EXISTS:
        return [p for p in av[1:] if p is not None]
    return []


def _nodes(pattern: Any) -> Iterator[tuple[Any, Any]]:
    """Every node of a (sub)pattern, depth first."""
    for op, av in pattern:
        yield op, av
        for child in _children(op, av):
            yield from _nodes(child)


def _repeated_bodies(pattern: Any) -> Iterator[Any]:
    """The body of every repeat that may run it more than once."""
    for op, av in _nodes(pattern):
        if (op in _REPEATS or op is _c.POSSESSIVE_REPEAT) and av[1] > 1:
            yield av[2]


def _opaque_walk(pattern: Any) -> Iterator[tuple[Any, Any]]:
    """Nodes that an enclosing repeat can backtrack into (atomic and possessive parts are not)."""
    for op, av in pattern:
        if op is _c.ATOMIC_GROUP or op is _c.POSSESSIVE_REPEAT:
            continue
        yield op, av
        for child in _children(op, av):
            yield from _opaque_walk(child)


def _has_variable_repeat(body: Any) -> bool:
    """Whether ``body`` holds a repeat of varying count (``+ * ? {1,5}``) over a non-empty part."""
    for op, av in _opaque_walk(body):
        if op in _REPEATS:
            low, high, inner = av
            if high != low and inner.getwidth()[1] > 0:
                return True
    return False


def _has_ambiguous_branch(body: Any) -> bool:
    """Whether ``body`` holds ``|`` with alternatives that start alike or can match nothing."""
    for op, av in _opaque_walk(body):
        if op is not _c.BRANCH:
            continue
        starts: list[CharSet] = []
        for alternative in av[1]:
            chars, nullable = _first_chars(alternative)
            if nullable or any(_overlap(chars, other) for other in starts):
                return True
            starts.append(chars)
    return False


def _overlap(a: CharSet, b: CharSet) -> bool:
    if a is _ANY or b is _ANY:
        return a != frozenset() and b != frozenset()
    return bool(a & b)


def _union(a: CharSet, b: CharSet) -> CharSet:
    if a is _ANY or b is _ANY:
        return _ANY
    return a | b


def _class_chars(items: Sequence[tuple[Any, Any]]) -> CharSet:
    chars: set[int] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(av)
        elif op is _c.RANGE and av[1] - av[0] <= 512:
            chars.update(range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY, a wide RANGE: treat as any character
            return _ANY
    return frozenset(chars)


def _first_chars(pattern: Any) -> tuple[CharSet, bool]:
    """Characters a match of ``pattern`` can start with, and whether it can match nothing."""
    chars: CharSet = frozenset()
    for op, av in pattern:
        start, nullable = _node_first_chars(op, av)
        chars = _union(chars, start)
        if not nullable:
            return chars, False
    return chars, True


def _node_first_chars(op: Any, av: Any) -> tuple[CharSet, bool]:
    if op is _c.LITERAL:
        return frozenset({av}), False
    if op is _c.IN:
        return _class_chars(av), False
    if op in (_c.ANY, _c.NOT_LITERAL):
        return _ANY, False
    if op in _REPEATS or op is _c.POSSESSIVE_REPEAT:
        chars, nullable = _first_chars(av[2])
        return chars, nullable or av[0] == 0
    if op is _c.SUBPATTERN:
        return _first_chars(av[3])
    if op is _c.ATOMIC_GROUP:
        return _first_chars(av)
    if op is _c.BRANCH:
        union: CharSet = frozenset()
        nullable = False
        for alternative in av[1]:
            start, empty = _first_chars(alternative)
            union, nullable = _union(union, start), nullable or empty
        return union, nullable
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return frozenset(), True
    return _ANY, True  # back-references, conditionals: assume the worst
