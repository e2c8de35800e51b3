BBBB BBBB gettext(u'Your request to join %(team_name)s') SSSS SSSSSSS SS SSSS SSSSSSSSSSSSS
