BBBB BBBB BBBBBBBBBBBBBBBBB
BB BBBBB
     _("Volunteer teams") 
        XXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXX
            XXXXXXX
                XXXX
                    XXX XXXXXXXXXXXXXX
                        XXXX XXXXXXXXXXXXXXXXXXXXXX
                            XX XXXXXXXX
                                 ngettext(u'%(counter)s team is awaiting approval.', u'%(counter)s teams are awaiting approval.', count) 
                                    SSSSSSSSSSS SSSS SS SSSSSSSS SSSSSSSSS
                                
                                    PPPPPPPPPPP PPPPP PPP PPPPPPPP PPPPPPPPP
                                
                            XXXX
                        XXXXXX
                    XXXXX
                XXXXX
            XXXXXXXX
        XXXXXXXX
    BBBBBBBB
BBBBB
