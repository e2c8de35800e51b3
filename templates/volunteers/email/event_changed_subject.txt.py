BBBB BBBB gettext(u'Changed: %(title)s') SSSSSSSS SSSSSSSSS
