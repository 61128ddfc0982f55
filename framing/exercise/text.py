"""The words of worksheets and grade reports, in Japanese and English.

Templates read them as ``t.<name>``; a missing name is an error (the Jinja environment uses
``StrictUndefined``), so both languages must define the same names.
"""

from __future__ import annotations

from framing.exercise.codebook import Lang

__all__ = ["TEXT"]

_JA: dict[str, str] = {
    # worksheet
    "worksheet_title": "フレーミング分析 練習問題",
    "name": "氏名",
    "class_": "クラス",
    "date": "日付",
    "how_to": "やり方",
    "step_read": (
        "番号のついた文を一つずつ読みます。"
        "文は記事の順に並んでいるので、前後の文も手がかりにしてください。"
    ),
    "step_choose": (
        "下の「使えるカテゴリー」のうち、その文に当てはまるものを選びます。"
        "一つの文に複数当てはまることも、どれも当てはまらないこともあります。"
    ),
    "step_quoted": "目印が引用（「」）の中にあっても、その文がしていることとして数えます。",
    "step_write": (
        "当てはまるものを answers.csv に1行に1つずつ書きます。sentence 列に文の番号、"
        "category 列にカテゴリーの ID（英字）を書きます。"
    ),
    "step_none": "どのカテゴリーにも当てはまらない文は、書かなくてかまいません。",
    "step_save": (
        "Excel で保存するときは「CSV UTF-8（コンマ区切り）」がおすすめです"
        "（ふつうの「CSV」でも読めます）。"
        "ファイル名は自分の名前にしてください（例: yamada.csv）。"
    ),
    "example_intro": "answers.csv の書き方の例（形式の例で、正解とは関係ありません）:",
    "categories": "使えるカテゴリー",
    "col_id": "ID",
    "col_name": "名前",
    "col_meaning": "説明",
    "col_markers": "目印の例",
    "sentences": "文",
    "document": "記事",
    "sheet_count": "文の数",
    # key
    "key_title": "解答と理由（教員用）",
    "key_note": (
        "このファイルは key.json から作られた読み物です。解答の正本は key.csv です。"
        "key.csv を編集して解答を足したり消したりし、もう一度採点してください。"
    ),
    "key_none": "この文には、この練習で問うカテゴリーはありません。",
    "col_sentence": "文",
    "col_category": "カテゴリー",
    "col_reason": "理由",
    # grades
    "summary_title": "採点結果（クラス全体）",
    "by_student": "学生ごとの成績",
    "col_student": "学生",
    "students_count": "学生の数",
    "sentence_heading": "文",
    "col_precision": "適合率",
    "col_recall": "再現率",
    "col_f1": "F1",
    "col_kappa": "κ",
    "col_tp": "正解",
    "col_fn": "見落とし",
    "col_fp": "誤り",
    "by_category": "カテゴリーごと（見落としの多い順）",
    "col_key_answers": "解答の数",
    "col_miss_rate": "見落とし率",
    "col_wrong": "誤りの数",
    "col_mean_f1": "平均F1",
    "col_mean_kappa": "平均κ",
    "hardest": "難しかった文",
    "col_students_wrong": "間違えた学生",
    "col_text": "本文",
    "no_errors": "全員が全問正解でした。",
    "skipped": "採点できなかったファイル",
    "col_file": "ファイル",
    "col_problem": "問題",
    "about_scores": "指標について",
    "about_unit": (
        "採点の単位は（文, カテゴリー）の組です。解答にある組を学生も付けていれば「正解」、"
        "付けていなければ「見落とし」、解答にない組を付けていれば「誤り」です。"
    ),
    "about_pr": (
        "適合率 = 正解 ÷（正解 + 誤り）、再現率 = 正解 ÷（正解 + 見落とし）、"
        "F1 はその調和平均です。"
        "付けるべき組も付けた組もないカテゴリーは、すべて 1 とします。"
    ),
    "about_kappa": (
        "κ（コーエンのカッパ）は、文 × カテゴリーのすべてのマス（あり／なし）で解答との一致を、"
        "偶然の一致を差し引いて測ります。1 は完全一致、0 は偶然程度です。"
        "解答と学生がどちらも全マス同じ値で完全に一致するときは 1 とします。"
    ),
    "all": "全体",
    # feedback
    "feedback_title": "フィードバック",
    "scores": "成績",
    "per_sentence": "文ごとのフィードバック",
    "nothing_to_mark": (
        "この文には、この練習で問うカテゴリーはありません。何も付けなかったのは正解です。"
    ),
    "outcome_correct": "正解",
    "outcome_missed": "見落とし",
    "outcome_wrong": "誤り",
}

_EN: dict[str, str] = {
    "worksheet_title": "Framing analysis exercise",
    "name": "Name",
    "class_": "Class",
    "date": "Date",
    "how_to": "Instructions",
    "step_read": (
        "Read the numbered sentences one by one. They follow the order of their articles, so "
        "the sentences around each one are clues too."
    ),
    "step_choose": (
        "Decide which of the categories listed below each sentence carries. A sentence may "
        "carry several, or none."
    ),
    "step_quoted": (
        "A marker inside quotes (「」) counts all the same: label what the sentence does."
    ),
    "step_write": (
        "Write each answer on its own row of answers.csv: the sentence number in the sentence "
        "column and the category id in the category column."
    ),
    "step_none": "Leave out the sentences that carry none of the categories.",
    "step_save": (
        "In Excel, save as 'CSV UTF-8 (comma delimited)' (plain 'CSV' works too). Name the "
        "file after yourself (e.g. yamada.csv)."
    ),
    "example_intro": "How answers.csv looks (an example of the format, not of the answers):",
    "categories": "Categories you may use",
    "col_id": "id",
    "col_name": "name",
    "col_meaning": "meaning",
    "col_markers": "typical markers",
    "sentences": "Sentences",
    "document": "Article",
    "sheet_count": "Sentences",
    "key_title": "Answer key with reasons (for the instructor)",
    "key_note": (
        "This file is a readable copy made from key.json. The answers themselves live in "
        "key.csv: edit key.csv to add or remove answers, then grade again."
    ),
    "key_none": "None of the exercise's categories.",
    "col_sentence": "sentence",
    "col_category": "category",
    "col_reason": "reason",
    "summary_title": "Grades: class summary",
    "by_student": "Scores by student",
    "col_student": "student",
    "students_count": "Students",
    "sentence_heading": "Sentence",
    "col_precision": "precision",
    "col_recall": "recall",
    "col_f1": "F1",
    "col_kappa": "kappa",
    "col_tp": "correct",
    "col_fn": "missed",
    "col_fp": "wrong",
    "by_category": "By category (most missed first)",
    "col_key_answers": "key answers",
    "col_miss_rate": "miss rate",
    "col_wrong": "wrong marks",
    "col_mean_f1": "mean F1",
    "col_mean_kappa": "mean kappa",
    "hardest": "Hardest sentences",
    "col_students_wrong": "students wrong",
    "col_text": "text",
    "no_errors": "Every student got every sentence right.",
    "skipped": "Files not graded",
    "col_file": "file",
    "col_problem": "problem",
    "about_scores": "About the scores",
    "about_unit": (
        "The unit is a (sentence, category) pair. A pair in the key that the student marked is "
        "correct; one the student did not mark is missed; a marked pair not in the key is wrong."
    ),
    "about_pr": (
        "precision = correct / (correct + wrong), recall = correct / (correct + missed), F1 is "
        "their harmonic mean. A category with nothing to mark and nothing marked scores 1."
    ),
    "about_kappa": (
        "Kappa (Cohen's) measures agreement with the key over every cell of the sentence x "
        "category grid (present / absent), corrected for chance: 1 is perfect agreement, 0 is "
        "chance level. When key and student agree perfectly with every cell the same value, "
        "kappa is 1."
    ),
    "all": "all",
    "feedback_title": "Feedback",
    "scores": "Scores",
    "per_sentence": "Sentence by sentence",
    "nothing_to_mark": (
        "None of the exercise's categories is in this sentence; leaving it unmarked is right."
    ),
    "outcome_correct": "correct",
    "outcome_missed": "missed",
    "outcome_wrong": "wrong",
}

TEXT: dict[Lang, dict[str, str]] = {"ja": _JA, "en": _EN}
