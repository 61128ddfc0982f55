window.YTD.tweets.part0 = [
  {"tweet": {"id_str": "1", "full_text": "最初のツイート。"}},
  {"tweet": {"id_str": "2", "created_at": "Wed Jan 03 12:00:00 +0000 2026"}},
  {"tweet": {"id_str": "3", "full_text": null}},
  {"tweet": {"id_str": "4", "full_text": "最後のツイート。"}}
]