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
# # 04 授業での練習問題 (the classroom round trip)
#
# ジャーナリズム教育のための練習問題を、シード記事から作って採点するまでの一巡りです。
#
# 1. **作る** — `make_exercise`: 検出結果から文を抜き出し、番号つきのワークシートと解答（キー）
#    を作る
# 2. **書き出す** — `write_exercise`: `worksheet.html`・`worksheet.md`（学生用）、空の
#    `answers.csv`、 `key.csv`・`key.json`・`key.md`（教員用、理由つき）
# 3. 学生が `answers.csv` に答えを書く（ここでは 3 人分をシミュレート）
# 4. **採点する** — `grade`: 適合率・再現率・F1・κ と、文ごとのフィードバック
# 5. **書き出す** — `write_grades`: 成績表・フィードバック・クラスのまとめ
#
# コマンドラインでは `framing exercise make …` / `framing exercise grade …` で同じことができます。
# ファイルは一時ディレクトリに書きます。

# %%
import tempfile
from pathlib import Path

import pandas as pd
from IPython.display import Markdown, display

import framing
from framing.exercise import format_overview, grade, make_exercise, write_exercise, write_grades

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 200)

HERE = Path.cwd()
ROOT = HERE if (HERE / "seeds").is_dir() else HERE.parent
SEED = ROOT / "seeds" / "000_fcc0ace334e89954.txt"
workdir = tempfile.TemporaryDirectory(prefix="framing-exercise-")
WORK = Path(workdir.name)

# %% [markdown]
# ## 1. 練習問題を作る (make an exercise)
#
# テーマはヘッジ（伝聞・推量・可能性）。`signals=["hedge"]` は系統名で、3
# つのカテゴリーに展開されます。文は `seed` で決まる乱数で選ばれ（同じ `seed` なら同じワークシート）
# 、ヘッジを含む文と含まない文が混ざるように抜き出されます。

# %%
corpus = framing.load(SEED)
exercise = make_exercise(
    framing.sentences(corpus), framing.signals(corpus), signals=["hedge"], n_sentences=8, seed=0
)
print("カテゴリー:", exercise.categories)
print("文の数:", len(exercise.sentences), "· 解答の数:", len(exercise.answers))

# %%
EXERCISE = WORK / "exercise"
for path in write_exercise(exercise, EXERCISE):
    print(path.relative_to(WORK))

# %% [markdown]
# ## 2. ワークシート (the worksheet, `worksheet.md`)
#
# 学生に配るのはこのページ（または印刷用の `worksheet.html`）です。

# %%
display(Markdown((EXERCISE / "worksheet.md").read_text(encoding="utf-8")))

# %% [markdown]
# 教員用のキー (`key.csv`) は採点の正本です。教員が行を直してから採点することもできます。
# 理由つきの版は `key.md` にあります。

# %%
print((EXERCISE / "key.csv").read_text(encoding="utf-8"))
display(Markdown((EXERCISE / "key.md").read_text(encoding="utf-8")))

# %% [markdown]
# ## 3. 学生の答え (simulated students' `answers.csv`)
#
# 3 人分の答えを書きます。正解とは関係なく、よくある間違い（「という」をすべて伝聞とみなす、
# 推量と可能性の取り違え、見落とし）を含めた答えです。
#
# - `sato.csv`: ふつうの答え
# - `suzuki.csv`: 全角数字やメモ欄 (`note`) も使った答え（読み込み側で受け付けます）
# - `tanaka.csv`: カテゴリーのつづり違い・ワークシートにない文番号・カテゴリー ID ではなく日本語名、
#   という誤りのあるファイル

# %%
STUDENTS = WORK / "answers"
STUDENTS.mkdir()
(STUDENTS / "sato.csv").write_text(
    "sentence,category\n"
    "3,hedge.reportative\n"
    "4,hedge.reportative\n"
    "5,hedge.reportative\n"
    "6,hedge.inferential\n"
    "8,hedge.epistemic\n",
    encoding="utf-8",
)
(STUDENTS / "suzuki.csv").write_text(
    "sentence,category,note\n"
    "２,hedge.epistemic,不思議ではない\n"
    "３,hedge.reportative,とされています\n"
    "5,hedge.inferential,聞きます\n"
    "6,hedge.inferential,見られています\n"
    "6,hedge.epistemic,可能性\n"
    "8,hedge.epistemic,可能性が高い\n",
    encoding="utf-8",
)
(STUDENTS / "tanaka.csv").write_text(
    "sentence,category\n3,hedge.reportive\n12,hedge.reportative\n4,伝聞\n",
    encoding="utf-8",
)
answer_files = sorted(STUDENTS.glob("*.csv"))
print([p.name for p in answer_files])

# %% [markdown]
# ## 4. 採点する (grade)
#
# 壊れたファイルがあると、既定ではすべての問題（ファイル名と行番号つき）を一度に報告して止まります。
#
#

# %%
try:
    grade(EXERCISE, answer_files)
except framing.FramingError as error:
    print(error)

# %% [markdown]
# `skip_bad=True` にすると、読めるファイルだけを採点し、読めなかったファイルは `skipped`
# に残します。

# %%
report = grade(EXERCISE, answer_files, skip_bad=True)
print(format_overview(report))

# %% [markdown]
# 学生 × カテゴリーごとの得点 (`grades_table`)。`all` は全カテゴリーをまとめたもの。単位は「文 ×
# カテゴリー」の組で、`tp` = 正しく印をつけた組、`fp` = キーにない印、`fn` = 見落とし、 `tn` =
# 正しく印をつけなかった組。`kappa` はキーとの一致度（偶然の一致を差し引いたもの）です。

# %%
report.grades_table().round(2)

# %% [markdown]
# 文ごとのフィードバック (`feedback_table`): `correct`（正解）、`missed`（見落とし）、
# `wrong`（誤り）。

# %%
report.feedback_table()

# %% [markdown]
# クラス全体: 見落としの多いカテゴリーと、間違いの多い文。

# %%
display(report.category_table().round(2))
report.hardest_sentences()

# %% [markdown]
# ## 5. 成績とフィードバックを書き出す (write the grades)

# %%
GRADES = WORK / "grades"
for path in write_grades(report, GRADES):
    print(path.relative_to(WORK))

# %% [markdown]
# 学生に返すフィードバック（`feedback/suzuki.md`）:

# %%
display(Markdown((GRADES / "feedback" / "suzuki.md").read_text(encoding="utf-8")))

# %%
workdir.cleanup()
