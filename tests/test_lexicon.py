"""The shipped lexicons and their validation.

Every rule's ``examples`` must produce a hit of that rule, and its ``counterexamples`` no hit
of its category: the lexicon files are their own test table.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.detection import detect_text
from framing.errors import InputErrors, Problem
from framing.lexicon import (
    CATEGORIES,
    FAMILIES,
    Lexicon,
    Rule,
    check_examples,
    check_lemmas,
    default_lexicon_paths,
    load_lexicon,
)

SHIPPED = load_lexicon()
RULES = SHIPPED.distinct_rules  # one per rule id (a list of phrases compiles to several)
RULE_IDS = [rule.qualified_id for rule in RULES]


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


@pytest.mark.parametrize("rule", RULES, ids=RULE_IDS)
def test_rule_examples_match(rule: Rule, lexicon: Lexicon) -> None:
    missed = []
    for example in rule.examples:
        hits = detect_text(example, lexicon, medium=_medium(rule))
        if not any(hit.rule == rule.qualified_id for hit in hits):
            missed.append(f"{example} -> {[(h.rule, h.text) for h in hits]}")
    assert not missed, missed


@pytest.mark.parametrize(
    "rule",
    [r for r in RULES if r.counterexamples],
    ids=[r.qualified_id for r in RULES if r.counterexamples],
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
    # reported on the second file, naming the rule and the file that defined it first
    assert [p.path for p in caught.value.problems] == [str(b), str(b)]
    assert [p.message.split(":")[0] for p in caught.value.problems] == [
        "rule 'to-sareru'",
        "rule 'custom'",
    ]
    assert all("more than one file" in p.message for p in caught.value.problems)
    assert all(f"already defined in {a}" in p.message for p in caught.value.problems)


def test_lexicon_pickles_as_its_files_and_has_a_short_repr() -> None:
    import pickle

    lexicon = load_lexicon()
    again = pickle.loads(pickle.dumps(lexicon))
    assert again.sha256 == lexicon.sha256
    assert [r.qualified_id for r in again.rules] == [r.qualified_id for r in lexicon.rules]
    assert len(repr(lexicon)) < 300 and lexicon.sha256[:12] in repr(lexicon)


# --- robustness: every bad lexicon is reported with its file and rule ----------------------------

RULE = "  - {{id: {id}, category: hedge.epistemic, {body}, examples: [雨かもしれない。]}}\n"


def _bad(tmp_path: Path, content: str, name: str = "bad.yaml") -> list[Problem]:
    """Problems found in a lexicon file holding ``content``."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_lexicon([path])
    assert all(p.path == str(path) for p in caught.value.problems), caught.value.problems
    return caught.value.problems


def test_yaml_syntax_error_is_one_line_with_line_and_column(tmp_path: Path) -> None:
    (problem,) = _bad(tmp_path, "family: hedge\nversion: 1\nrules:\n  - id: a\n   category: x\n")
    assert problem.line == 5
    assert problem.message.startswith("invalid YAML at column 4: while parsing")
    assert "\n" not in str(problem)
    assert str(problem).startswith(f"{tmp_path / 'bad.yaml'}:5: invalid YAML")


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
        "!!python/object:os.PathLike",
    ],
)
def test_yaml_tags_that_build_objects_are_refused_and_never_run(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    body = f'phrase: {tag} ["touch {marker}"]'
    content = HEAD + "  - id: a\n    category: hedge.epistemic\n    " + body + "\n"
    (problem,) = _bad(tmp_path, content)
    assert problem.line == 6
    assert "is not allowed" in problem.message and "plain data only" in problem.message
    assert tag.removeprefix("!!").split(":")[0] in problem.message
    assert not marker.exists()


def test_a_key_given_twice_is_an_error(tmp_path: Path) -> None:
    content = (
        HEAD + "  - id: a\n    category: hedge.epistemic\n    phrase: かも\n"
        "    examples: [雨かもしれない。]\n    examples: [晴れ。]\n"
    )
    (problem,) = _bad(tmp_path, content)
    assert problem.line == 8
    assert "the key 'examples' twice" in problem.message


def test_yaml_merge_keys_are_not_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "merge.yaml"
    path.write_text(
        "family: hedge\nversion: 1\nrules:\n"
        "  - &base {id: a, category: hedge.epistemic, phrase: かも, examples: [雨かもしれない。]}\n"
        "  - {<<: *base, id: b}\n",
        encoding="utf-8",
    )
    assert [r.id for r in load_lexicon([path]).rules] == ["a", "b"]


@pytest.mark.parametrize(
    ("content", "parts"),
    [
        ("family: hedge\nversion: 1\nrulez: []\nrules: []\n", ["unknown top-level key(s) rulez"]),
        (
            "family: hedge\nversion: 1\ncategories: {hedge.x: {ja: x, colour: red}}\nrules: []\n",
            ["category 'hedge.x'", "unknown key(s) colour", "allowed: description, en, ja"],
        ),
        (
            "family: hedge\nversion: 1\ncategories: {hedge.x: 独自}\nrules: []\n",
            ["category 'hedge.x'", "must be a mapping"],
        ),
        (HEAD + RULE.format(id="r", body="phrase: かも, tags: [x]"), ["rule 'r'", "tags"]),
        (
            HEAD + RULE.format(id="r", body="phrase: かも, where: {sentense_end: true}"),
            ["rule 'r'", "unknown condition 'sentense_end'", "sentence_end"],
        ),
        (
            HEAD + RULE.format(id="r", body="pattern: [{lemma: かも, pos_1: 助詞}]"),
            ["rule 'r'.pattern[0]", "unknown key(s) pos_1", "allowed:"],
        ),
        (
            HEAD + RULE.format(id="r", body="pattern: [{lemma: かも, not: {lema: x}}]"),
            ["rule 'r'.pattern[0].not", "unknown key(s) lema"],
        ),
        (
            HEAD
            + RULE.format(id="r", body="phrase: かも, where: {preceded_by: [{lemma: x, y: 1}]}"),
            ["rule 'r'.where.preceded_by[0]", "unknown key(s) y"],
        ),
        (
            HEAD + RULE.format(id="r", body="phrase: かも, where: {sentence_has: [{lema: x}]}"),
            ["rule 'r'.where.sentence_has", "unknown key(s) lema"],
        ),
        (
            HEAD + RULE.format(id="r", body="pattern: [{1: x, lemma: かも}]"),
            ["rule 'r'.pattern", "unknown key(s) 1"],
        ),
        (HEAD + RULE.format(id="r", body="pattern: かも"), ["rule 'r'", "'pattern' must be"]),
        (HEAD + RULE.format(id="r", body="pattern: []"), ["rule 'r'", "'pattern' must be"]),
        (HEAD + RULE.format(id="5", body="phrase: かも"), ["rule #1", "'id' must be"]),
        (
            HEAD + "  - {id: r, category: [a], phrase: かも, examples: [x]}\n",
            ["rule 'r'", "category ['a'] is not one of"],
        ),
        (
            HEAD + RULE.format(id="r", body="phrase: かも, where: {preceded_by: {lemma: x}}"),
            ["rule 'r'.where.preceded_by", "takes a list of token specs"],
        ),
        ("family: hedge\nversion: true\nrules: []\n", ["'version' must be an integer"]),
        (HEAD + RULE.format(id="r", body="phrase: かも, note: [x]"), ["rule 'r'", "'note'"]),
    ],
)
def test_every_level_is_checked(tmp_path: Path, content: str, parts: list[str]) -> None:
    messages = [p.message for p in _bad(tmp_path, content)]
    assert any(all(part in m for part in parts) for m in messages), messages


def test_duplicate_ids_in_one_file_name_both_rules(tmp_path: Path) -> None:
    first, second = RULE.format(id="r", body="phrase: かも"), RULE.format(id="r", body="phrase: か")
    content = HEAD + first + second
    (problem,) = _bad(tmp_path, content)
    assert problem.message == (
        "rule 'r': duplicate id in category 'hedge.epistemic' (first used by rule #1)"
    )


def test_a_file_named_twice_is_loaded_once(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert len(load_lexicon([path, tmp_path], extra=[path]).rules) == 2


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "sjis.yaml"
    path.write_bytes(("family: hedge\nversion: 1\n# " + "伝聞").encode("shift_jis") + b"\n")
    with pytest.raises(InputErrors) as caught:
        load_lexicon([path])
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == (str(path), 3)
    assert problem.message.startswith("not UTF-8")


def test_deeply_nested_yaml_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (problem,) = _bad(tmp_path, "rules: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "nest" in problem.message  # PyYAML: "nested too deeply"; libyaml: "nesting depth"


def test_invalid_regex_names_file_rule_regex_and_reason(tmp_path: Path) -> None:
    content = HEAD + RULE.format(id="r", body='pattern: [{surface: {regex: "(さ|せ"}}]')
    (problem,) = _bad(tmp_path, content)
    assert problem.message.startswith("rule 'r'.pattern[0].surface: invalid regex '(さ|せ'")
    assert "missing ), unterminated subpattern" in problem.message


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ('pattern: [{surface: {regex: "(か+)+"}}]', "rule 'r'.pattern[0].surface"),
        ('pattern: [{lemma: x, not: {cForm: {regex: "(.*形){3}"}}}]', "rule 'r'.pattern[0].not"),
        (
            'phrase: かも, where: {followed_by: [{lemma: {regex: "(a|ab)+"}}]}',
            "rule 'r'.where.followed_by[0].lemma",
        ),
        (
            'phrase: かも, where: {preceded_by: [[{lemma: x}], [{pos1: {regex: "(名*)*"}}]]}',
            "rule 'r'.where.preceded_by[1][0].pos1",
        ),
        (
            'phrase: かも, where: {sentence_lacks: [{surface: {regex: "(\\\\w+\\\\s?)+"}}]}',
            "rule 'r'.where.sentence_lacks.surface",
        ),
    ],
)
def test_catastrophic_regexes_are_refused_at_load(tmp_path: Path, body: str, where: str) -> None:
    (problem,) = _bad(tmp_path, HEAD + RULE.format(id="r", body=body))
    assert problem.message.startswith(where), problem.message
    assert "may backtrack catastrophically" in problem.message
    assert "(?>" in problem.message


def test_every_problem_of_every_file_at_once(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(HEAD + RULE.format(id="x", body='pattern: [{surface: {regex: "(a+)+"}}]'))
    b.write_text("family: hedge\nversion: 1\nrules: [\n", encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_lexicon([a, b])
    assert [(p.path, p.line) for p in caught.value.problems] == [(str(a), None), (str(b), 4)]


CHECKED = """\
family: hedge
version: 1
rules:
  - id: kamo
    category: hedge.epistemic
    phrase: かもしれない
    examples: [雨かもしれない。, 晴れるだろう。]
    counterexamples: [雨が降るかもしれない。]
  - id: tweet-only
    category: hedge.epistemic
    phrase: らしい
    where: {medium: tweet}
    examples: [雨らしい。]
"""


def test_check_examples_names_file_rule_and_text(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(CHECKED, encoding="utf-8")
    problems = check_examples(load_lexicon([path]))
    rule = f"{path}: rule 'kamo' (hedge.epistemic/kamo)"
    assert [str(p) for p in problems] == [
        f"{rule}: example does not match: 晴れるだろう。",
        f"{rule}: counterexample matches: 雨が降るかもしれない。",
    ]


def test_the_shipped_lexicons_pass_check_examples() -> None:
    assert check_examples(SHIPPED) == []


PHRASES = """\
family: frame
version: 1
rules:
  - id: compounds
    category: frame.justice
    phrase: [暴力団, 弁護士]
    examples: [暴力団の幹部が逮捕された。, 弁護士に相談した。]
    counterexamples: [暴力的な映像だった。]
"""


def test_a_list_of_phrases_matches_any_of_them(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(PHRASES, encoding="utf-8")
    lexicon = load_lexicon([path])
    assert [r.qualified_id for r in lexicon.distinct_rules] == ["frame.justice/compounds"]
    assert [[dict(s) for s in r.specs] for r in lexicon.rules] == [
        [{"lemma": "暴力"}, {"lemma": "団"}],
        [{"lemma": "弁護"}, {"lemma": "士"}],
    ]
    assert check_examples(lexicon) == []
    hits = detect_text("暴力団と弁護士が会った。", lexicon)
    assert [(h.text, h.rule) for h in hits] == [
        ("暴力団", "frame.justice/compounds"),
        ("弁護士", "frame.justice/compounds"),
    ]


@pytest.mark.parametrize("phrase", ["[]", "[暴力団, 3]", "{a: b}", '""'])
def test_a_bad_phrase_list_is_an_error(tmp_path: Path, phrase: str) -> None:
    (problem,) = _bad(tmp_path, PHRASES.replace("[暴力団, 弁護士]", phrase))
    assert "'phrase' must be a non-empty string or a non-empty list of them" in problem.message


def test_check_lemmas_names_compounds_mecab_splits(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    pattern = "pattern: [{lemma: [逮捕, 暴力団, そう-伝聞]}]"
    path.write_text(PHRASES.replace("phrase: [暴力団, 弁護士]", pattern), encoding="utf-8")
    (problem,) = check_lemmas(load_lexicon([path]))
    assert str(problem) == (
        f"{path}: rule 'compounds' (frame.justice/compounds): lemma '暴力団' is never one "
        "morpheme (MeCab reads 暴力|団); list it under 'phrase' instead"
    )


def test_check_lemmas_trusts_phrases(tmp_path: Path) -> None:
    # MeCab reads まで alone as ま|で, but a phrase's morphemes come from MeCab in context.
    path = tmp_path / "mine.yaml"
    path.write_text(PHRASES.replace("[暴力団, 弁護士]", "言うまでもない"), encoding="utf-8")
    assert check_lemmas(load_lexicon([path])) == []


def test_the_shipped_lexicons_have_no_split_lemmas() -> None:
    assert check_lemmas(SHIPPED) == []


def test_check_lemmas_trusts_a_lemma_its_examples_have(tmp_path: Path) -> None:
    # 何時 is UniDic's lemma of いつ, though the kanji alone read 何|時.
    path = tmp_path / "mine.yaml"
    pattern = "pattern: [{lemma: 何時}]"
    path.write_text(PHRASES.replace("phrase: [暴力団, 弁護士]", pattern), encoding="utf-8")
    (problem,) = check_lemmas(load_lexicon([path]))
    assert "lemma '何時' is never one morpheme (MeCab reads 何|時)" in problem.message
    text = path.read_text(encoding="utf-8")
    attested = text.replace("[暴力的な映像だった。]", "[暴力的な映像だった。, いつ？]")
    path.write_text(attested, encoding="utf-8")
    assert check_lemmas(load_lexicon([path])) == []


def test_lexicon_check_command_lists_every_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from framing.cli import main

    path = tmp_path / "mine.yaml"
    path.write_text(CHECKED.replace("    where: {medium: tweet}\n", ""), encoding="utf-8")
    assert main(["lexicon", "check", str(path)]) == 1
    out = capsys.readouterr().out
    for text in ["晴れるだろう。", "雨が降るかもしれない。"]:
        (line,) = [line for line in out.splitlines() if text in line]
        assert line.startswith(f"{path}: ") and "kamo" in line
    assert "2 failure(s)" in out


def test_lexicon_check_command_reports_an_invalid_lexicon(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from framing.cli import main

    path = tmp_path / "mine.yaml"
    path.write_text(HEAD + RULE.format(id="r", body='pattern: [{lemma: {regex: "(a*)*"}}]'))
    assert main(["lexicon", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: rule 'r'.pattern[0].lemma: regex '(a*)*' may backtrack" in err


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from(["", "かも", "regex", "(a+)+", "(", "lemma", "?", "tweet", "hedge.x"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(
        st.sampled_from(["lemma", "regex", "op", "not", "pos", "x", "preceded_by", "medium"]),
        inner,
        max_size=3,
    ),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    field=st.sampled_from(
        ["id", "category", "phrase", "pattern", "where", "examples", "counterexamples", "note"]
    ),
    value=_VALUES,
    top=st.none() | st.sampled_from(["family", "version", "categories", "rules", "description"]),
    top_value=_VALUES,
)
def test_any_data_gives_a_lexicon_or_input_errors(
    field: str, value: Any, top: str | None, top_value: Any
) -> None:
    """Whatever a rule field (and perhaps a top-level key) holds, loading never crashes."""
    rule: dict[str, Any] = {
        "id": "r",
        "category": "hedge.epistemic",
        "pattern": [{"lemma": "かも"}],
        "examples": ["雨かもしれない。"],
    }
    if field == "phrase":
        del rule["pattern"]
    rule[field] = value
    data: dict[str, Any] = {"family": "hedge", "version": 1, "rules": [rule]}
    if top is not None:
        data[top] = top_value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        try:
            load_lexicon([path])
        except InputErrors as error:
            assert error.problems and all(p.path == str(path) for p in error.problems)
