BBBB BBBB gettext(u'A place opened up for you: %(title)s') S SSSSS SSSSSS SS SSS SSSS SSSSSSSSS
