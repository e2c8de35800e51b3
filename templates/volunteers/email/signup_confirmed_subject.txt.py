BBBB BBBB gettext(u'You have a place: %(title)s') SSS SSSS S SSSSSS SSSSSSSSS
