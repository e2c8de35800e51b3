BBBB BBBB gettext(u'Cancelled: %(title)s') SSSSSSSSSS SSSSSSSSS
