window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "id_str" : "1875000000000000001",
      "full_text" : "国連が緊急会合を開くとのこと &amp; 各国が注目 https://t.co/AbCdEf",
      "created_at" : "Sat Jan 03 12:00:00 +0000 2026",
      "lang" : "ja",
      "entities" : {
        "urls" : [
          { "url" : "https://t.co/AbCdEf", "expanded_url" : "https://example.com/un" }
        ]
      }
    }
  },
  {
    "tweet" : {
      "id_str" : "1875000000000000002",
      "full_text" : "続報です。\n現地は落ち着いているようだ。",
      "created_at" : "Sun Jan 04 01:02:03 +0000 2026",
      "lang" : "ja",
      "in_reply_to_status_id_str" : "1875000000000000001"
    }
  }
]
