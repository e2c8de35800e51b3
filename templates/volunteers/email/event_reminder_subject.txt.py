BBBB BBBB gettext(u'Tomorrow: %(title)s') SSSSSSSSS SSSSSSSSS
