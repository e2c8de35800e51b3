BBBB BBBB gettext(u'Report returned for changes: %(title)s') SSSSSS SSSSSSSS SSS SSSSSSSS SSSSSSSSS
