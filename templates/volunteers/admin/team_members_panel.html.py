BBBB BBBB BBBBBBBBBBBBBBBBB
BB BBBBBBB
    XXX
         ngettext(u'%(counter)s person, active or asking to join.', u'%(counter)s people, active or asking to join.', count) 
            SSSSSSSSSSS SSSSSSS SSSSSS SS SSSSSS SS SSSSS
        
            PPPPPPPPPPP PPPPPPP PPPPPP PP PPPPPP PP PPPPP
        
        XX XXXXXXXX gettext(u"See this team's events") XXXX
    XXXX
    XXXXXX XXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX
        XXXXXXX
            XXXX
                XXXX gettext(u'Display name') XXXXX
                XXXX gettext(u'Role') XXXXX
                XXXX gettext(u'Status') XXXXX
                XXXX gettext(u'Since') XXXXX
            XXXXX
        XXXXXXXX
        XXXXXXX
            BBB BBBBBBBBBBB BBBB BB BBBBBBB
                XXXX
                    XXXX
                        BB BBBBBBBBBBBBBBBB BBB BBBBBBBBBBBBBBBBBBBBBBBBB
                            XX XXXXXXBBB BBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBXXXXXX
                        BBBB
                            
                        BBBBB
                    XXXXX
                    XXXXXXXXX
                    XXXXBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBXXXXX
                    XXXXFFFFFFFFFFFFXXXXX
                XXXXX
            BBBBBB
        XXXXXXXX
    XXXXXXXX
    BB BBBB
        XXX ngettext(u'…and %(counter)s more.', u'…and %(counter)s more.', count) SSSS SSSSSSSSSSS SSSSSPPPP PPPPPPPPPPP PPPPPXXXX
    BBBBB
BBBB
    XXX gettext(u'Nobody has joined this team yet.') XXXX
BBBBB
