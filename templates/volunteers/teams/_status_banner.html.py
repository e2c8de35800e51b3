BBBB BBBB
BB BBBBBBBBBBB BB BBBBBBBBB
  XX XXXXXXXXXXXXXX XXXXXXXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXX gettext(u'Awaiting approval: staff have not reviewed this team yet. Only its members and staff can see this page.') XXXX
BBBB BBBBBBBBBBB BB BBBBBBBBBB
  XX XXXXXXXXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXX gettext(u'Staff did not approve this team. Only its members and staff can see this page; contact staff if you have questions.') XXXX
BBBBB
