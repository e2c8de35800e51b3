BBBB BBBB BBBBBBBBBBBBBBBBB
XXXX
    XXXX gettext(u'E-mail') XXXXX
    XXXXFFFFFFFFFFFXXXXX
    XXXX gettext(u'Privacy notice accepted') XXXXX
    XXXX XFFFFFFFFFFF FFFFXXXXXX
XXXXX
BBBBBBBBBB BBBBBBBBBBBBB
     gettext(u'Real name and mobile number are private: use them only to organise volunteering, never publish them.') 
BBBBBBBBBBBBB
