window.YTD.tweets.part0 = [
  {"tweet": {"id_str": "5", "full_text": "形の違う付属情報。", "entities": [], "created_at": 5}},
  {"tweet": {"id_str": 6, "full_text": "URLがnull。", "entities": {"urls": null, "media": [{"expanded_url": "https://example.com/m"}, 3]}}}
]