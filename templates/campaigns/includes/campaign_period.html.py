BBBB BBBBBB BBBBBBBBBBBBB gettext(u'%(start)s – %(end)s') SSSSSSSSS S SSSSSSSBBBB gettext(u'Since %(start)s, ongoing') SSSSS SSSSSSSSSS SSSSSSSBBBBB
