BBBB BBBB gettext(u'On the waiting list: %(title)s') SS SSS SSSSSSS SSSSS SSSSSSSSS
