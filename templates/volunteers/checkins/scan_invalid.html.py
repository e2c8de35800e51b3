BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB gettext(u'This code cannot be used') BBBBBBBB
BBBBB BBBBXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXBBBBBBBB
BBBBB BBBBBBB
XXXXXXXX XXXXXXXXXXXXXXXX
  XXXX XXXXXXXXXXXXXXXX XXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXXXXXXX
      XXXX gettext(u'This code cannot be used') XXXXX
      XX XXXXXXXXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX
      XXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX gettext(u'What to do') XXXXX
      XXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXXX gettext(u'Ask the team leader to show the check-in code again.') XXXXX
        XXXX gettext(u"Scan the code the leader is showing now with your phone's camera or WeChat.") XXXXX
        XXXX gettext(u'The code changes every minute, so a photo of it or a link someone forwarded will not work.') XXXXX
      XXXXX
      XXXXX XXXXXXXXXX XXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBXX gettext(u'My events') XXXXXXXX
    XXXXXX
  XXXXXX
XXXXXXXXXX
BBBBBBBB
