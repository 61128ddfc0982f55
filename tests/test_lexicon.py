"""The shipped lexicons and their validation.

Every rule's ``examples`` must produce a hit of that rule, and its ``counterexamples`` no hit
of its category: the lexicon files are their own test table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.detection import detect_text
from framing.errors import InputErrors
from framing.lexicon import CATEGORIES, FAMILIES, Lexicon, Rule, default_lexicon_paths, load_lexicon

SHIPPED = load_lexicon()
RULE_IDS = [rule.qualified_id for rule in SHIPPED.rules]


def _medium(rule: Rule) -> str:
    return str(rule.where.get("medium", "article"))


def test_shipped_lexicons_load() -> None:
    assert [p.stem for p in default_lexicon_paths()] == list(FAMILIES)
    assert set(SHIPPED.versions) == set(FAMILIES)
    assert SHIPPED.families == list(FAMILIES)
    assert set(SHIPPED.categories) <= set(CATEGORIES)
    assert len(SHIPPED.sha256) == 64
    assert len(set(RULE_IDS)) == len(RULE_IDS)


def test_every_category_has_a_rule_and_a_label() -> None:
    assert set(SHIPPED.categories) == set(CATEGORIES)
    for category in CATEGORIES:
        labels = SHIPPED.category_labels[category]
        assert labels.get("ja") and labels.get("en"), category


def test_every_rule_has_examples_and_a_note() -> None:
    for rule in SHIPPED.rules:
        assert rule.examples, rule.qualified_id
        assert rule.note, rule.qualified_id
        assert rule.category in FAMILIES[rule.family], rule.qualified_id


@pytest.mark.parametrize("rule", SHIPPED.rules, ids=RULE_IDS)
def test_rule_examples_match(rule: Rule, lexicon: Lexicon) -> None:
    missed = []
    for example in rule.examples:
        hits = detect_text(example, lexicon, medium=_medium(rule))
        if not any(hit.rule == rule.qualified_id for hit in hits):
            missed.append(f"{example} -> {[(h.rule, h.text) for h in hits]}")
    assert not missed, missed


@pytest.mark.parametrize(
    "rule",
    [r for r in SHIPPED.rules if r.counterexamples],
    ids=[r.qualified_id for r in SHIPPED.rules if r.counterexamples],
)
def test_rule_counterexamples_do_not_match(rule: Rule, lexicon: Lexicon) -> None:
    wrong = []
    for counterexample in rule.counterexamples:
        hits = detect_text(counterexample, lexicon, medium=_medium(rule))
        bad = [(h.rule, h.text) for h in hits if h.category == rule.category]
        if bad:
            wrong.append(f"{counterexample} -> {bad}")
    assert not wrong, wrong


def test_rule_lookup() -> None:
    rule = SHIPPED.rule("hedge.reportative/to-sareru")
    assert (rule.id, rule.family, rule.category) == ("to-sareru", "hedge", "hedge.reportative")
    assert rule.source.endswith("hedge.yaml")
    with pytest.raises(KeyError):
        SHIPPED.rule("hedge.reportative/no-such-rule")


# --- loading your own lexicons -------------------------------------------------------------------

GOOD = """\
family: hedge
version: 7
categories:
  hedge.custom: {ja: 独自, en: custom}
rules:
  - id: to-sareru
    category: hedge.reportative
    phrase: とされる
    note: 伝聞。
    examples: [事件が起きたとされています。]
    counterexamples: [事件が起きた。]
  - id: custom
    category: hedge.custom
    pattern: [{lemma: 模様, pos1: 名詞}]
    examples: [混乱している模様だ。]
"""


def test_load_a_custom_lexicon(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    lexicon = load_lexicon([path])
    assert [r.qualified_id for r in lexicon.rules] == [
        "hedge.reportative/to-sareru",
        "hedge.custom/custom",
    ]
    assert lexicon.versions == {"mine": 7}
    assert lexicon.category_labels["hedge.custom"] == {"ja": "独自", "en": "custom"}
    assert lexicon.paths == [str(path)]
    # a phrase is tokenized and matched on lemmas, so other conjugations match too
    for text, expected in [("事件が起きたとされた。", "とされ"), ("起きたとされます。", "とされ")]:
        hits = detect_text(text, lexicon)
        assert [h.rule for h in hits] == ["hedge.reportative/to-sareru"]
        assert hits[0].text.startswith(expected)
    assert [h.category for h in detect_text("混乱している模様だ。", lexicon)] == ["hedge.custom"]


def test_load_a_folder_and_extra_files(tmp_path: Path) -> None:
    folder = tmp_path / "lexicons"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "notes.txt").write_text("not a lexicon", encoding="utf-8")
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        GOOD.replace("id: to-sareru", "id: to-sareru-2").replace("id: custom", "id: custom-2"),
        encoding="utf-8",
    )
    lexicon = load_lexicon([folder], extra=[extra])
    assert len(lexicon.rules) == 4
    shipped_plus = load_lexicon(extra=[extra])
    assert len(shipped_plus.rules) == len(SHIPPED.rules) + 2
    assert shipped_plus.sha256 != SHIPPED.sha256


BAD = """\
family: hedge
version: 1
colour: blue
rules:
  - id: unknown-key
    category: hedge.reportative
    phrase: とされる
    exampels: [事件が起きたとされる。]
    examples: [事件が起きたとされる。]
  - id: bad-category
    category: hedge.rumour
    phrase: とされる
    examples: [事件が起きたとされる。]
  - id: bad-regex
    category: hedge.reportative
    pattern: [{surface: {regex: "(さ|せ"}}]
    examples: [事件が起きたとされる。]
  - id: no-examples
    category: hedge.reportative
    phrase: とされる
  - id: phrase-and-pattern
    category: hedge.reportative
    phrase: とされる
    pattern: [{lemma: と}]
    examples: [事件が起きたとされる。]
  - id: unknown-condition
    category: hedge.reportative
    phrase: とされる
    where: {followed: [{lemma: の}], sentence_end: yes-please}
    examples: [事件が起きたとされる。]
  - category: hedge.reportative
    phrase: とされる
    examples: [事件が起きたとされる。]
"""


def test_validation_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_lexicon([path])
    problems = caught.value.problems
    assert all(p.path == str(path) for p in problems)
    messages = [p.message for p in problems]

    def one(*parts: str) -> str:
        found = [m for m in messages if all(part in m for part in parts)]
        assert len(found) == 1, (parts, messages)
        return found[0]

    one(
        "unknown top-level key(s) colour",
        "allowed: categories, description, family, rules, version",
    )
    one("rule 'unknown-key'", "unknown key(s) exampels", "allowed:")
    one("rule 'bad-category'", "category 'hedge.rumour' is not one of", "hedge.reportative")
    one("rule 'bad-regex'", "invalid regex '(さ|せ'")
    one("rule 'no-examples'", "at least one example")
    one("rule 'phrase-and-pattern'", "exactly one of 'phrase' or 'pattern'")
    one("rule 'unknown-condition'", "unknown condition 'followed'", "allowed:", "followed_by")
    one("rule 'unknown-condition'", "sentence_end takes true or false")
    one("rule #7", "missing 'id'")
    assert len(problems) == 9
    text = str(caught.value)
    assert text.startswith("9 problem(s):")
    assert all(f"{path}: " in line for line in text.splitlines()[1:])


HEAD = "family: hedge\nversion: 1\nrules:\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("family: hedge\nversion: 1\nrules: [\n", "invalid YAML"),
        ("- just\n- a list\n", "a lexicon file is a mapping"),
        ("family: hedge\nversion: one\nrules: []\n", "'version' must be an integer"),
        ("version: 1\nrules: []\n", "'family' must be a non-empty string"),
        ("family: hedge\nversion: 1\nrules: {a: 1}\n", "'rules' must be a list"),
        (
            f"{HEAD}  - {{id: a, category: hedge.epistemic, phrase: '  ', examples: [x]}}\n",
            "rule 'a': 'phrase' must be a non-empty string",
        ),
        (
            f"{HEAD}  - {{id: a, category: hedge.epistemic, phrase: かも, examples: x}}\n",
            "rule 'a': 'examples' must be a list of strings",
        ),
        (
            f"{HEAD}  - {{id: a, category: hedge.epistemic, phrase: かも, examples: [x]}}\n"
            "  - {id: a, category: hedge.epistemic, phrase: かも, examples: [x]}\n",
            "rule 'a': duplicate id in category 'hedge.epistemic'",
        ),
        (
            f"{HEAD}  - {{id: a, category: hedge.epistemic, phrase: かも, examples: [x],"
            " where: {medium: radio}}\n",
            "medium takes 'article' or 'tweet', got 'radio'",
        ),
        (
            f"{HEAD}  - {{id: a, category: hedge.epistemic, pattern: [{{lemma: かも, op: '?'}}],"
            " examples: [x]}\n",
            "every step is optional",
        ),
    ],
)
def test_file_level_problems(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_lexicon([path])
    assert any(message in p.message and p.path == str(path) for p in caught.value.problems), (
        caught.value.problems
    )


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        "family: hedge\nversion: 1\nrules:\n  - id: a\n   category: x\n", encoding="utf-8"
    )
    with pytest.raises(InputErrors) as caught:
        load_lexicon([path])
    (problem,) = caught.value.problems
    assert problem.line == 5


def test_missing_lexicon_file(tmp_path: Path) -> None:
    with pytest.raises(InputErrors, match="cannot read the lexicon"):
        load_lexicon([tmp_path / "absent.yaml"])


def test_same_rule_in_two_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(GOOD, encoding="utf-8")
    b.write_text(GOOD, encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_lexicon([a, b])
    assert {p.path for p in caught.value.problems} == {
        "hedge.reportative/to-sareru",
        "hedge.custom/custom",
    }
    assert all("more than one file" in p.message for p in caught.value.problems)


def test_lexicon_pickles_as_its_files_and_has_a_short_repr() -> None:
    import pickle

    lexicon = load_lexicon()
    again = pickle.loads(pickle.dumps(lexicon))
    assert again.sha256 == lexicon.sha256
    assert [r.qualified_id for r in again.rules] == [r.qualified_id for r in lexicon.rules]
    assert len(repr(lexicon)) < 300 and lexicon.sha256[:12] in repr(lexicon)
