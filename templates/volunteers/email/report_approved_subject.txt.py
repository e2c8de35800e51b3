BBBB BBBB gettext(u'Report approved: %(title)s') SSSSSS SSSSSSSSS SSSSSSSSS
