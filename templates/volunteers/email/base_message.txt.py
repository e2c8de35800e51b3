BBBB BBBB gettext(u'Hello %(name)s,') SSSSS SSSSSSSSS

BBBBB BBBBBBBBBBBBBBB
BB BBBBB

 gettext(u'When')  pgettext(u'label separator', u': ') FFFFFFFFFFF FFFFXFFFFFFFFFF
 gettext(u'Where')  pgettext(u'label separator', u': ')  
BB BBBBBBBBBBBBBBBBBBB gettext(u'Meeting point')  pgettext(u'label separator', u': ') 
BBBBBBB BBBBBBBBBBBBBBBBBBB gettext(u'What to bring')  pgettext(u'label separator', u': ') 
BBBBBXXXXXXXXX
BBBBB
XX 
 gettext(u'Qingshui')  X XXXXXXXXXXXX
