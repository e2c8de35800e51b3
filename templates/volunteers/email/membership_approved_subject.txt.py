BBBB BBBB gettext(u'Welcome to %(team_name)s') SSSSSSS SS SSSSSSSSSSSSS
