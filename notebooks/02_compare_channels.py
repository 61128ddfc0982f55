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
# # 02 チャンネルの比較 (comparing the livedoor channels)
#
# livedoor ニュースコーパスの 9 チャンネル（トピックニュース、Sports Watch、IT ライフハック、
# 家電チャンネル、 MOVIE ENTER、独女通信、エスマックス、livedoor HOMME、Peachy）を「媒体 (outlet)」
# とみなして、フレーミングのシグナルの出現率を比べます。
#
# 1. チャンネルごとの出現率と 95% ブートストラップ区間 (rates with intervals) — `framing.compare`
# 2. 各チャンネルを他のチャンネル全体と比べた検定と効果量 (significance, rate ratio)
# 3. 特徴語 (keyness) — `framing.keyness`
# 4. 主権–司法軸 (sovereignty–justice axis) — `framing.axis`
# 5. 最も強い差の用例 (KWIC evidence) — `framing.kwic`
# 6. シード記事の「声」の比較（記事・報道機関のツイート・個人のツイート）と、記事の節ごとの軸—
#    `framing.compare(by="voice")`、`framing.section_axis`
#
# コーパス: `../shared/corpora/livedoor`（全 7,367 記事）は、環境変数 `FRAMING_FULL=1`
# のときだけ使います。ふだん（CI を含む）は、リポジトリに同梱した各チャンネル 10 記事のサンプル
# (`corpus/livedoor`) を使うので 1 分もかかりません。サンプルは小さいので、区間は広く、
# 検定の結果も参考程度に読んでください。

# %%
import os
from pathlib import Path

import pandas as pd
from IPython.display import SVG, display

import framing
from framing import charts
from framing.labels import category_colour, category_label
from framing.report import strongest_differences

pd.set_option("display.max_colwidth", 60)
pd.set_option("display.width", 200)

HERE = Path.cwd()
ROOT = HERE if (HERE / "seeds").is_dir() else HERE.parent
SEED = ROOT / "seeds" / "000_fcc0ace334e89954.txt"
SAMPLE = ROOT / "corpus" / "livedoor"
SHARED = ROOT.parent / "shared" / "corpora" / "livedoor"

FULL = os.environ.get("FRAMING_FULL") == "1"
if FULL and SHARED.is_dir():
    LIVEDOOR = SHARED
    print(f"全コーパス (full corpus): {SHARED}")
else:
    LIVEDOOR = SAMPLE
    reason = (
        f"FRAMING_FULL=1 ですが {SHARED} がありません"
        if FULL
        else "全コーパスを使うには FRAMING_FULL=1 を設定"
    )
    print(f"同梱サンプル (embedded sample): {SAMPLE.relative_to(ROOT)} ({reason})")

# %% [markdown]
# ## 1. 読み込み (ingest)
#
# 信号の検出は全コアのワーカープロセスで行われる (`jobs=` で数を指定、`engine="dask"` で
# Dask クラスタ)。`cache=True` にすると解析結果がディスクに残り、ノートブックを再実行しても
# 形態素解析をやり直さない (`framing cache info` / `framing cache clear`)。

# %%
corpus = framing.load(LIVEDOOR, cache=True)
docs = framing.documents(corpus)
sizes = framing.count_signals(corpus).drop_duplicates("doc_id")
pd.DataFrame(
    {
        "文書 (documents)": docs.groupby("outlet").size(),
        "形態素 (morphemes)": sizes.groupby("outlet")["morphemes"].sum(),
        "文 (sentences)": sizes.groupby("outlet")["sentences"].sum(),
    }
)

# %% [markdown]
# ## 2. 出現率と区間 (rates with 95% intervals)
#
# `framing.compare` はチャンネル × カテゴリーごとに 1 行: 1,000 形態素あたりの出現率
# `per_1k_morphemes`、文書を再標本化したブートストラップ区間 `ci_low`–`ci_high`、
# 他のチャンネル全体の率 `rest_per_1k_morphemes`、率の比 `rate_ratio`、
# 検定（カイ二乗またはフィッシャー）と多重比較で調整した p 値 `p_adjusted`（Holm 法）です。
#
# 図: 点 = 出現率、横線 = 95% 区間。塗りつぶしの点は、他のチャンネルとの差が有意なもの（調整済み p
# < 0.05）。色はシグナルの系統 (family) です。

# %%
comparison = framing.compare(corpus, by="outlet")
rates = pd.DataFrame(
    {
        "panel": comparison["category"].map(category_label),
        "colour": comparison["category"].map(category_colour),
        "row": comparison["group"],
        "value": comparison["per_1k_morphemes"],
        "low": comparison["ci_low"],
        "high": comparison["ci_high"],
        "emphasis": comparison["significant"],
        "reference": float("nan"),
    }
)
display(
    SVG(
        charts.dot_panels_svg(
            rates,
            xlabel="1,000 形態素あたり",
            chart_id="rates",
            description="チャンネル別の出現率と 95% 区間",
        )
    )
)

# %% [markdown]
# ## 3. 有意差の表 (significance table)
#
# 差の証拠が強い順（調整済み p 値の小さい順、同じなら率の比の大きい順）に 12 行。 `rate_ratio` が
# 1 より大きければ、そのチャンネルは他より多く使っています。

# %%
top = strongest_differences(comparison, n=12)
top.assign(label=top["category"].map(category_label))[
    [
        "rank",
        "group",
        "label",
        "hits",
        "per_1k_morphemes",
        "ci_low",
        "ci_high",
        "rest_per_1k_morphemes",
        "rate_ratio",
        "test",
        "p_adjusted",
        "significant",
    ]
].round({"per_1k_morphemes": 2, "ci_low": 2, "ci_high": 2, "rest_per_1k_morphemes": 2})

# %% [markdown]
# 有意な差の数（カテゴリー × チャンネル）:

# %%
comparison.pivot_table(
    index="category", columns="group", values="significant", aggfunc="sum", sort=False
).astype(int)

# %% [markdown]
# ## 4. 特徴語 (key lemmas per channel)
#
# `framing.keyness` は、各チャンネルの語（見出し語 = lemma）
# を他のチャンネル全体と比べた対数オッズ比（情報のある事前分布つき、Monroe, Colaresi & Quinn 2008）
# です。`z` が大きいほどそのチャンネルに特徴的な語です。出現率の差が「何について書いているか」
# の違いによるのか、「どう書いているか」の違いによるのかを見分ける手がかりになります。

# %%
key = framing.keyness(corpus, by="outlet", top=8)
display(
    SVG(
        charts.bars_svg(
            key.rename(columns={"group": "panel", "lemma": "label", "z": "value"}),
            xlabel="z（対数オッズ比 / 標準誤差）",
            chart_id="keyness",
            description="チャンネル別の特徴語",
        )
    )
)
key.groupby("group")["lemma"].agg("・".join).rename("特徴語 (top lemmas)").to_frame()

# %% [markdown]
# ## 5. 主権–司法軸 (sovereignty–justice axis)
#
# 文書ごとのスコア = (主権フレーム − 司法フレーム) / (両者の合計 + 1)。正なら主権・国際法の枠組み、
# 負なら犯罪・法執行の枠組みに寄っています。チャンネルのスコアは、
# どちらかのフレームを含む文書の平均（区間は文書のブートストラップ）。
# 生活・娯楽系のチャンネルではどちらのフレームもまれなので、`documents`（平均に使った文書数）
# を必ず見てください。サンプルでは 0 件のチャンネルが多く、そのスコアは空 (NaN) です。
# 全コーパスでは、スポーツの「指名」（ドラフト）や懸賞の「懸賞」のような、
# 司法以外の意味で使われた語も混ざるので、`top_terms` と下の KWIC で中身を確かめます。

# %%
axis = framing.axis(corpus, by="outlet")
groups = axis[axis["unit"] == "group"]
groups[["id", "documents", "hits_a", "hits_b", "score", "ci_low", "ci_high", "top_terms"]]

# %%
scored = groups.dropna(subset=["score"])
if scored.empty:
    print("どのチャンネルにも主権・司法フレームの語がありません")
else:
    display(
        SVG(
            charts.axis_svg(
                scored.rename(columns={"id": "row", "ci_low": "low", "ci_high": "high"}),
                left_label=category_label("frame.justice"),
                right_label=category_label("frame.sovereignty"),
                xlabel="軸スコア (axis score)",
                chart_id="axis",
                description="チャンネル別の主権–司法軸スコア",
            )
        )
    )

# %% [markdown]
# ## 6. 最も強い差の用例 (KWIC evidence for the strongest difference)
#
# 数字だけでなく、実際の文脈を読んで確かめます。上の表の 1 位のカテゴリーについて、
# そのチャンネルのヒットを前後の文脈つき (keyword in context) で並べます。

# %%
strongest = top.iloc[0]
print(
    f"最も強い差: {strongest['group']} の「{category_label(strongest['category'])}」 "
    f"{strongest['per_1k_morphemes']:.2f} / 1,000 形態素"
    f"（他のチャンネル {strongest['rest_per_1k_morphemes']:.2f}、"
    f"比 {strongest['rate_ratio']:.1f}、調整済み p = {strongest['p_adjusted']:.1e}）"
)
lines = framing.kwic(corpus, category=strongest["category"], width=25)
evidence = lines[lines["outlet"] == strongest["group"]]
print(f"{len(evidence)} 行中 12 行を表示")
evidence[["doc_id", "rule", "left", "hit", "right"]].head(12)

# %% [markdown]
# ## 7. シード記事の「声」(voices in the seed)
#
# シードの記事と、そこに埋め込まれたツイートを、`voice`（記事 `article`・報道機関のアカウント
# `news`・個人のアカウント `individual`）で比べます。ツイートは短く数も少ない（報道機関 2 件、個人
# 9 件）ので、区間は広くなります。

# %%
seed = framing.load(SEED)
voices = framing.compare(seed, by="voice")
voices.assign(label=voices["category"].map(category_label)).pivot_table(
    index="label", columns="group", values="per_1k_morphemes", sort=False
).round(1)

# %%
voice_rates = pd.DataFrame(
    {
        "panel": voices["category"].map(category_label),
        "colour": voices["category"].map(category_colour),
        "row": voices["group"],
        "value": voices["per_1k_morphemes"],
        "low": voices["ci_low"],
        "high": voices["ci_high"],
        "emphasis": voices["significant"],
        "reference": float("nan"),
    }
)
display(
    SVG(
        charts.dot_panels_svg(
            voice_rates,
            xlabel="1,000 形態素あたり",
            chart_id="voices",
            description="シード記事の声別の出現率と 95% 区間",
        )
    )
)
strongest_differences(voices, n=5)[
    ["rank", "group", "category", "hits", "per_1k_morphemes", "rate_ratio", "test", "p_adjusted"]
].round(3)

# %% [markdown]
# ## 8. 記事の節ごとの主権–司法軸 (section axis)
#
# `framing.section_axis` は見出しで区切った節ごとにスコアを出します。記事がどの節で「主権・国際法」
# の枠組みを使い、どの節で「逮捕・起訴」の枠組みを使うかが、記事の流れに沿って見えます。

# %%
sections = framing.section_axis(seed)
# 見出しの前の導入部は id が節番号 ("0") になるので、表示用の名前をつける
lead = sections["id"] == sections["section"].astype(str)
sections["title"] = sections["id"].where(~lead, "（導入部 / lead）")
display(
    SVG(
        charts.axis_svg(
            sections.rename(columns={"title": "row", "ci_low": "low", "ci_high": "high"}),
            left_label=category_label("frame.justice"),
            right_label=category_label("frame.sovereignty"),
            xlabel="軸スコア (axis score)",
            chart_id="sections",
            description="シード記事の節ごとの主権–司法軸スコア",
        )
    )
)
sections[["section", "title", "hits_a", "hits_b", "score", "top_terms"]]

# %% [markdown]
# 記事の前半（出来事の経過）はどちらのフレームも少なく、「なぜ実行されたのか」
# の章で司法フレーム（法の執行・起訴・逮捕）が、「世界からの反発」
# の章で主権フレーム（国際法・主権・武力行使）が集中しているかどうかを、上の図で確かめてください。
