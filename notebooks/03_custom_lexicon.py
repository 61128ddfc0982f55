# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 独自のレキシコンを書く (writing a custom lexicon)
#
# framing の検出ルールはコードではなくデータ（YAML のレキシコン）です。研究者が読んで、直して、
# 差分 (diff) を取れる形になっています。このノートブックでは、新しいシグナルの系統 (family)
# `emotion`（情動語: 驚き・不安）を書き、
#
# 1. `framing.load_lexicon` で検証し、
# 2. わざと壊した版で、問題が**まとめて**報告されることを確かめ、
# 3. 同梱のレキシコンに足してシード記事に使います。
#
# ファイルは一時ディレクトリに書くので、リポジトリは変わりません。

# %%
import tempfile
from pathlib import Path

import pandas as pd
from IPython.display import display

import framing
from framing.cli import main as framing_cli
from framing.display import view
from framing.lexicon import default_lexicon_paths

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 200)

HERE = Path.cwd()
ROOT = HERE if (HERE / "seeds").is_dir() else HERE.parent
SEED = ROOT / "seeds" / "000_fcc0ace334e89954.txt"
workdir = tempfile.TemporaryDirectory(prefix="framing-lexicon-")
WORK = Path(workdir.name)

# %% [markdown]
# ## 1. 同梱のレキシコンを見る (the shipped lexicons)
#
# 系統ごとに 1 ファイル（`framing/lexicons/*.yaml`）。ファイルの形は:
#
# - `family`（系統名）、`version`（整数）、`description`（任意）
# - `categories`: カテゴリー ID → `{ja: 日本語名, en: 英語名, description: 説明}`
# - `rules`: ルールのリスト。各ルールは - `id`（カテゴリー内で一意）と `category` - `phrase`（語句。
#   コーパスと同じ形態素解析器で分割され、見出し語 (lemma)
#   で照合されるので活用や丁寧さの違いも拾う）**または** `pattern`（形態素ごとの条件のリスト:
#   `lemma`・`surface`・`pos1` など） - `where`（任意の文脈条件: `quoted`、`sentence_end`、
#   `preceded_by`、`not_followed_by`、`medium` …） - `note`（説明）、`examples`（必ず当たるべき文、
#    1 つ以上必須）、`counterexamples` （当たってはいけない文）
#
# 同梱のヘッジのレキシコンの冒頭:

# %%
shipped = default_lexicon_paths()
print([p.name for p in shipped])
print("\n".join(shipped[0].read_text(encoding="utf-8").splitlines()[:40]))

# %% [markdown]
# ## 2. 新しい系統 `emotion` を書く (a new family)
#
# - `emotion.surprise`（驚き）: 驚く・驚き・衝撃 … ただし引用（「」）の中は数えない (`where:
#   {quoted: false}`)。定型句「異例中の異例」は `phrase` で書く。
# - `emotion.alarm`（不安・懸念）: 不安・懸念・緊張・脅威 …
#
# 既存の系統にカテゴリーを足すこともできます（例: `family: frame` のファイルに `frame.environment`
# を宣言する）。

# %%
EMOTION_YAML = """\
# 情動語 (emotion): 書き手が出来事を「驚き」や「不安」の感情で色づけているか。
family: emotion
version: 1
description: >
  surprise = 出来事を驚くべきこと・異例のこととして示す語; alarm = 不安・懸念・緊張を示す語。
categories:
  emotion.surprise: {ja: 驚き, en: surprise, description: 出来事を驚くべきこととして示す}
  emotion.alarm: {ja: 不安・懸念, en: alarm, description: 不安・懸念・緊張を示す}
rules:
  - id: surprise-terms
    category: emotion.surprise
    pattern:
      - {lemma: [驚く, 驚き, 衝撃, 驚愕, 仰天]}
    where: {quoted: false}
    note: 驚き・衝撃。引用（「」）の中は数えない（書き手自身の言葉だけ）。
    examples:
      - そのままアメリカ本土へ移送された、という情報まで出ているのだから驚きです。
      - 最大の衝撃はマドゥロ夫妻の拘束だった。
    counterexamples:
      - 彼は「衝撃を受けた」と語った。
  - id: irei-chu-no-irei
    category: emotion.surprise
    phrase: 異例中の異例
    note: 定型句「異例中の異例」（phrase は見出し語で照合される）。
    examples: [異例中の異例。]
    counterexamples: [異例の人事が発表された。]
  - id: alarm-terms
    category: emotion.alarm
    pattern:
      - {lemma: [不安, 懸念, 緊張, 脅威, 危機感]}
    note: 不安・懸念・緊張・脅威。
    examples:
      - 国連のグテーレス事務総長も懸念を示しました。
      - 地域の緊張が高まっている。
    counterexamples:
      - 緊迫した試合だった。
"""
CUSTOM = WORK / "emotion.yaml"
CUSTOM.write_text(EMOTION_YAML, encoding="utf-8")
print(CUSTOM.name, "に書きました")

# %% [markdown]
# ## 3. 検証する (validate with `framing.load_lexicon`)
#
# `load_lexicon` はファイルを読み、キー・カテゴリー・パターン・条件をすべて検査してから、
# ルールを組み立てます。

# %%
custom = framing.load_lexicon([CUSTOM])
print("系統とバージョン (versions):", custom.versions)
print("カテゴリー (categories):", custom.categories)
pd.DataFrame(
    {
        "rule": [r.qualified_id for r in custom.rules],
        "where": [dict(r.where) for r in custom.rules],
        "examples": [len(r.examples) for r in custom.rules],
        "counterexamples": [len(r.counterexamples) for r in custom.rules],
        "note": [r.note for r in custom.rules],
    }
)

# %% [markdown]
# 例文 (examples) と反例 (counterexamples) を実際に解析して、
# ルールが当たる・当たらないことも確かめます。コマンドラインの `framing lexicon check
# emotion.yaml` と同じです（0 = すべて合格）。

# %%
framing_cli(["lexicon", "check", str(CUSTOM)])

# %% [markdown]
# ## 4. わざと壊してみる (a deliberately broken version)
#
# 次の版には 6 つの誤りがあります: `version` が文字列、カテゴリー名のつづり違い
# (`emotion.suprise`)、キーのつづり違い (`exampels`)、そのため例文がない、`where`
# の値が真偽値でない、 `phrase` と `pattern` の両方がある。framing は最初の誤りで止まらず、
# **すべての問題を一度に** `framing.InputErrors` として報告します（ファイル名・ルール
# ID・直し方つき）。

# %%
BROKEN_YAML = """\
family: emotion
version: "2"
categories:
  emotion.surprise: {ja: 驚き, en: surprise}
rules:
  - id: surprise-terms
    category: emotion.suprise
    pattern:
      - {lemma: [驚く, 衝撃]}
    where: {quoted: "いいえ"}
    exampels: [驚きです。]
  - id: irei-chu-no-irei
    category: emotion.surprise
    phrase: 異例中の異例
    pattern: [{lemma: 異例}]
    examples: [異例中の異例。]
"""
BROKEN = WORK / "emotion_broken.yaml"
BROKEN.write_text(BROKEN_YAML, encoding="utf-8")
try:
    framing.load_lexicon([BROKEN])
except framing.InputErrors as error:
    print(error)
    problems = error.problems

# %% [markdown]
# 問題は `error.problems` にリストとしても入っています（ファイル・行・内容）:

# %%
pd.DataFrame(
    {
        "file": [Path(p.path).name for p in problems],
        "line": [p.line for p in problems],
        "message": [p.message for p in problems],
    }
)

# %% [markdown]
# ## 5. 使う (use it next to the shipped lexicons)
#
# `lexicon=` にファイルのリストを渡すと、同梱のレキシコンが**置き換わります**。
# 同梱のものに足したいときは、`default_lexicon_paths()` と独自のファイルを並べて渡します。

# %%
lexicon_paths = [*default_lexicon_paths(), CUSTOM]
hits = framing.signals(SEED, lexicon=lexicon_paths)
emotion = hits[hits["signal"] == "emotion"]
print(f"emotion のヒット: {len(emotion)} 件 / 全 {len(hits)} 件")
emotion[["doc_id", "sentence", "category", "rule", "text", "quoted", "sentence_text"]]

# %% [markdown]
# 何度も使うときは、レキシコンを指定して一度 `framing.load` し、その `Corpus`
# を各関数に渡します（`Corpus` にはレキシコンが入っているので、以後の関数には `lexicon=`
# を渡しません）。独自のカテゴリーも、件数表・比較・ハイライト表示にそのまま現れます。
# ここでは記事・報道機関のツイート・個人のツイート (`voice`) の出現率を比べます。

# %%
corpus = framing.load(SEED, lexicon=lexicon_paths)
voices = framing.compare(corpus, by="voice", categories=["emotion.surprise", "emotion.alarm"])
voices[
    ["category", "group", "documents", "hits", "morphemes", "per_1k_morphemes", "ci_low", "ci_high"]
]

# %%
article_id = framing.documents(corpus).query("medium == 'article'")["doc_id"].iloc[0]
display(view(corpus, article_id, signals=["emotion", "hedge.reportative"]))

# %% [markdown]
# 凡例の「驚き」「不安・懸念」は、YAML の `categories`
# に書いた日本語名です（同梱の系統以外は灰色で表示されます）。

# %%
workdir.cleanup()
