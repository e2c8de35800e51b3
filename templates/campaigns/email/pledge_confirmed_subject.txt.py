BBBB BBBB gettext(u'Thank you for your pledge: %(title)s') SSSSS SSS SSS SSSS SSSSSSS SSSSSSSSS
