window.YTD.account.part0 = [
  {
    "account" : {
      "username" : "example_news",
      "accountId" : "42",
      "accountDisplayName" : "Example News"
    }
  }
]
