BBBB BBBB gettext(u'%(team_name)s is approved') SSSSSSSSSSSSS SS SSSSSSSS
