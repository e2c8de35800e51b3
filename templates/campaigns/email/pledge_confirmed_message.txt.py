BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBBBBB gettext(u'You pledged “%(pledge)s” in the campaign “%(title)s”. Thank you!') SSS SSSSSSS SSSSSSSSSSSS SS SSS SSSSSSSS SSSSSSSSSSSS SSSSS SSSS

 ngettext(u'%(n)s person has pledged so far.', u'%(n)s people have pledged so far.', count) SSSSS SSSSSS SSS SSSSSSS SS SSSSPPPPP PPPPPP PPPP PPPPPPP PP PPPP
 gettext(u'See how the campaign is going, or withdraw your pledge if you change your mind:') 
BBBBBBBB
