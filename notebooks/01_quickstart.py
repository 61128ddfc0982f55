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
# # 01 クイックスタート (quickstart)
#
# シード記事（`seeds/000_fcc0ace334e89954.txt`: ベネズエラ急襲を解説する記事 1 本と、
# そこに埋め込まれたツイート 11 件）を読み込み、
# フレーミングのシグナル（ヘッジ・強調・疑問・呼びかけ・フレーム・発言の帰属・文体）
# を検出して数えます。
#
# 流れ (pipeline): **読み込み** `framing.load` → **文書表** `framing.documents` →
# **ハイライト表示** `view` → **シグナル表** `framing.signals` → **件数と出現率**
# `framing.count_signals`。
#
# どの表も 1 行 = 1 観測の整然データ (tidy) で、列の意味は `docs/tables.md` にあります。
# ノートブック自体は計算をせず、`framing` の関数を呼んで結果を表示するだけです。

# %%
from pathlib import Path

import pandas as pd
from IPython.display import display

import framing
from framing.display import view

pd.set_option("display.max_colwidth", 70)
pd.set_option("display.width", 200)

# ノートブックのある場所 (notebooks/) からでも、リポジトリのルートからでも動くように
HERE = Path.cwd()
ROOT = HERE if (HERE / "seeds").is_dir() else HERE.parent
SEED = ROOT / "seeds" / "000_fcc0ace334e89954.txt"
print("framing", framing.__version__, "·", SEED.relative_to(ROOT))

# %% [markdown]
# ## 1. 読み込み (ingest)
#
# `framing.load` はファイルを読み、文書に分けた `Corpus` を返します。
# 形態素解析と検出は最初に必要になったときに一度だけ行われ、
# 以後の関数はその結果を使い回します（同じ `corpus` を渡すこと）。記事に埋め込まれたツイートは、
# それぞれ独立した文書（`medium = tweet`、`parent` = 記事の `doc_id`）になります。`voice` 列は、
# 記事 (`article`)・報道機関のアカウント (`news`)・個人 (`individual`) の区別です。

# %%
corpus = framing.load(SEED)
docs = framing.documents(corpus)
display(docs["medium"].value_counts().rename("文書数 (documents)"))
docs[["doc_id", "outlet", "medium", "voice", "handle", "published", "parent"]]

# %% [markdown]
# ## 2. 記事をハイライト表示 (the article with its hits highlighted)
#
# `view(corpus, doc_id)` は文書をカテゴリー別に色分けして表示します。色はシグナルの系統 (family)
# ごと、同じ系統のカテゴリーは下線の種類で区別します。マウスを重ねると、
# カテゴリーと検出したルールの ID が出ます。表示される文字はすべて HTML エスケープ済みです。
#
# まずヘッジ (hedge) と発言の帰属 (attribution) だけに絞って表示します。

# %%
article_id = docs.loc[docs["medium"] == "article", "doc_id"].iloc[0]
view(corpus, article_id, signals=["hedge", "attribution"])

# %% [markdown]
# 全カテゴリーを重ねて表示すると、次のようになります（フレーム語と受動態のように、
# 重なる箇所は背景が濃くなります）。

# %%
view(corpus, article_id)

# %% [markdown]
# ツイートも同じように表示できます（ここでは報道機関のアカウントのもの）。

# %%
news_tweet = docs.loc[docs["voice"] == "news", "doc_id"].iloc[0]
view(corpus, news_tweet)

# %% [markdown]
# ## 3. シグナル表 (signals table)
#
# `framing.signals` は 1 行 = 1 ヒット。`start`/`end` は文書の `text` への文字オフセットで、 `text
# == 文書.text[start:end]` が成り立ちます。`quoted` は目印が「」などの引用の中にあるか、
# `source_named` はヘッジの文が情報源を名指ししているか（帰属では匿名でないか）です。

# %%
hits = framing.signals(corpus)
print(f"{len(hits)} 件のヒット (hits) · {hits['doc_id'].nunique()} 文書")
hits[["doc_id", "sentence", "category", "rule", "text", "quoted", "source_named"]].head(12)

# %% [markdown]
# カテゴリー別の件数（記事とツイートの合計）:

# %%
hits.groupby(["signal", "category"]).size().rename("hits").to_frame()

# %% [markdown]
# ## 4. 文書ごとの件数と出現率 (counts per document, with rates)
#
# `framing.count_signals` は文書 × カテゴリーごとに 1 行（0 件の組み合わせも含む）。出現率は 2
# 通り: `per_1k_morphemes`（1,000 形態素あたりのヒット数）と
# `per_100_sentences`（そのカテゴリーを含む文の割合、コードブックの単位は文）。

# %%
counts = framing.count_signals(corpus)
counts[counts["doc_id"] == article_id][
    [
        "category",
        "hits",
        "sentences_with",
        "morphemes",
        "sentences",
        "per_1k_morphemes",
        "per_100_sentences",
    ]
].round(2)

# %% [markdown]
# 全文書を並べると（1,000 形態素あたり）、短いツイートでは 1
# 件のヒットでも率が大きく振れることがわかります。グループ間の比較には、区間つきの
# `framing.compare` を使います（ノートブック 02）。

# %%
counts.pivot_table(
    index=["doc_id", "voice"], columns="signal", values="per_1k_morphemes", aggfunc="sum"
).round(1)

# %% [markdown]
# ## 5. ヘッジと情報源 (hedges and `source_named`)
#
# 伝聞ヘッジ（とされる・と報じられる）は、「誰が」言ったのかを書かずに情報を伝えられる表現です。
# `source_named` が `True` なのは、同じ文に「〜によると」「〜の発表では」
# のような情報源がある場合です。

# %%
hedges = hits[hits["signal"] == "hedge"]
pd.crosstab(hedges["category"], hedges["source_named"], margins=True, margins_name="計")

# %% [markdown]
# 情報源が名指しされているヘッジ:

# %%
hedges[hedges["source_named"].fillna(False)][["doc_id", "text", "sentence_text"]]

# %% [markdown]
# 情報源のない伝聞ヘッジの例（最初の 8 件）:

# %%
unsourced = hedges[
    (hedges["category"] == "hedge.reportative") & ~hedges["source_named"].fillna(False)
]
unsourced[["sentence", "text", "sentence_text"]].head(8)

# %% [markdown]
# 伝聞ヘッジのうち情報源を名指ししているものの割合:

# %%
reportative = hedges[hedges["category"] == "hedge.reportative"]
named = int(reportative["source_named"].sum())
share = named / len(reportative)
print(f"伝聞ヘッジ {len(reportative)} 件のうち、情報源あり {named} 件 ({share:.0%})")

# %% [markdown]
# シード記事では、出来事の多くが「〜とされる」「〜と伝えられる」という形で、
# 出どころを示さずに伝えられています。次のノートブック (02) では、媒体（チャンネル）
# どうしをこうした率で比較します。
