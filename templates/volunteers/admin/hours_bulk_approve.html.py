BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBB BBBB BBBBBBBBBBBBBBBBB

BBBBB BBBBBBBB gettext(u'Approve service records') BBBBBBBB

BBBBB BBBBBB
     gettext(u'Approve service records') 
    BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBB BBBBBBBBBBBBBBBB BBBB
BBBBBBBB BBBBBB

BBBBB BBBBBBBBBBBBBBBBB
    BB BBBBB
        XXX
             ngettext(u"Approve this record? Its hours join the volunteer's totals.", u"Approve these %(counter)s records? Their hours join the volunteers' totals.", count) 
                SSSSSSS SSSS SSSSSSS SSS SSSSS SSSS SSS SSSSSSSSSSS SSSSSSS
            
                PPPPPPP PPPPP PPPPPPPPPPP PPPPPPPP PPPPP PPPPP PPPP PPP PPPPPPPPPPP PPPPPPP
            
        XXXX
        XXXXXX XXXXXXXXXXXXXXX XXXXXXXXXXXXXXXX
            XXXXXXX
                XXXX
                    XXXX gettext(u'Volunteer') XXXXX
                    XXXX gettext(u'Activity') XXXXX
                    XXXX gettext(u'Date') XXXXX
                    XXXX gettext(u'Hours') XXXXX
                    XXXX gettext(u'Notes') XXXXX
                XXXXX
            XXXXXXXX
            XXXXXXX
                BBB BBBBB BB BBBBB
                    XXXX
                        XXXXXX XXXXXXX XXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXX
                        XXXXXXXXX
                        XXXXFFFFFFFFFFFFXXXXX
                        XXXXXXXXX
                        XXXX
                            BB BBBBBBBBBBBBBBBBBBBBBXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXX BBBBB
                            BB BBBBBBBBBBBBBBBBBBBBBBBBBXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXX  gettext(u'Checked in far from the event') BBBBB
                        XXXXX
                    XXXXX
                BBBBBB
            XXXXXXXX
        XXXXXXXX
    BBBBB
BBBBBBBB BBBBBBBBBBBBBBBBB

BBBBB BBBBBBBBBBBBBBBBBBBB
    BB BBBBBBBBB
        XXX gettext(u'These records are not awaiting approval and are left as they are:') XXXX
        XXXX
            BBB BBBBBBB BBBBB BBBBBBBB BB BBBBBBBBB
                XXXX X  X XXXXX
            BBBBBB
        XXXXX
    BBBBB
BBBBBBBB BBBBBBBBBBBBBBBBBBBB

BBBBB BBBBBBBBBBBB
    BB BBBBB
         gettext(u'Yes, approve') 
         gettext(u'No, go back') 
        BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
    BBBB
        BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
    BBBBB
BBBBBBBB BBBBBBBBBBBB
