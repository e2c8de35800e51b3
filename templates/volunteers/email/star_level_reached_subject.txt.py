BBBB BBBB gettext(u'You are now a %(stars)s volunteer') SSS SSS SSS S SSSSSSSSS SSSSSSSSS
