BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBB BBBB BBBBBBBBBBBBBBBBB

BBBBB BBBBBBBBBBBB
    XXXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX
        XXX
            BBBBBB BBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
            XXXXXXXX gettext(u'%(hours)s hours') SSSSSSSSS SSSSSXXXXXXXXX
        XXXX
        BB BBBBBBBBBBBBBBBBB
            BBBBBBBBBB BBBBBBBBBBBBBBBB
                XXXXX XXXXXXXXXXXXXXXXX
                    XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXX
                     gettext(u'The volunteer flagged this record as wrong on %(when)s:') SSS SSSSSSSSS SSSSSSS SSSS SSSSSS SS SSSSS SS SSSSSSSSS
                    
                XXXXXXX
            BBBBBBBBBBBBB
        BBBBB
        BB BBBBBBBBBBBBBBBBBBBBBB
            BBBBBBBBBB BBBBBBBBBBBBBBBB
                XXXXX XXXXXXXXXXXXXXXX gettext(u"The volunteer's phone was far from the event at check-in or check-out.") XXXXXXX
            BBBBBBBBBBBBB
        BBBBB
        BB BBBBBBBBBBBBBBBBBBBB BBB BBBBBBBBBBBBB BB BBBBBBBBBB
            XXXXXXXXXXX gettext(u'Reason for rejecting') XXXXXXXXXX XXXX
        BBBBB
        BB BBBBBBBBBBB BB BBBBBBB
            XXXX XXXXXXXXXXXXXXXXXXXXXX
                BB BBBBBBBBBBB
                    XXXXX XXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
                        BBBBBBBBBB
                        XXXXXX XXXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXX
                        XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Approve') XXXXXXXXX
                    XXXXXXX
                BBBBB
                BBB BBBBBB BB BBBBBBB
                    XX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXX
                BBBBBB
            XXXXXX
        BBBBB
    XXXXXX

    XXX XXXXXXXXXXXXX gettext(u'Record') XXXXX
    XXXX
        XXXX gettext(u'Volunteer') XXXXX
        XXXX
            
            BB BBBBBBBBBBBBBBBBBXXBBBBB
            BB BBBBBBBBBBBBB X BBBBB
        XXXXX
        XXXX gettext(u'Activity') XXXXX
        XXXX
            BB BBBBBBBBBXX XXXXXXXXXXXX
            BBBB BBBBBBBBBBXX XXXXXXXXXXXX
            BBBBFFFFFFFFFFFBBBBB
            BB BBBBBBBBBBBBBBBX gettext(u'event') XBBBB BBBBBBBBBBBBBBBBX gettext(u'activity report') XBBBBB
        XXXXX
        XXXX gettext(u'Team') XXXXX
        XXXXFFFFFFFFFFFXXXXX
        XXXX gettext(u'Where') XXXXX
        XXXXFFFFFFFFFFFXXXXX
        XXXX gettext(u'Date') XXXXX
        XXXXFFFFFFFFFFFFXXXXX
        XXXX gettext(u'Source') XXXXX
        XXXXXXXXX
        XXXX gettext(u'Submitted') XXXXX
        XXXXBB BBBBBBBBBBBBFFFFFFFFFFFX BBBBXBBBBBXXXXX
        XXXX gettext(u'Decided') XXXXX
        XXXXBB BBBBBBBBBBFFFFFFFFFFFX BBBBXBBBBBXXXXX
    XXXXX

    BB BBBBBBB
        XXX XXXXXXXXXXXXX gettext(u'Check-in') XXXXX
        XXXX
            XXXX gettext(u'Checked in') XXXXX
            XXXX
                FFFFFFFFFFF FFFF
                BB BBBBBBBBBBBBBBBBBBBBB BB BBB BBBB
                     gettext(u'(%(m)s m from the event)') SSSSSS S SSSS SSS SSSSSS
                BBBBB
            XXXXX
            XXXX gettext(u'Checked out') XXXXX
            XXXX
                BB BBBBBBBBBBBBBBBBBBBBBB
                    FFFFFFFFFFF FFFF
                    BB BBBBBBBBBBBBBBBBBBBBBB BB BBB BBBB
                         gettext(u'(%(m)s m from the event)') SSSSSS S SSSS SSS SSSSSS
                    BBBBB
                BBBBXBBBBB
            XXXXX
        XXXXX
    BBBBB

    XXX XXXXXXXXXXXXX gettext(u'History') XXXXX
    XXXXXX XXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXX
        XXXXXXX
            XXXX
                XXXX gettext(u'When') XXXXX
                XXXX gettext(u'Who') XXXXX
                XXXX gettext(u'Action') XXXXX
                XXXX gettext(u'Hours') XXXXX
                XXXX gettext(u'Status') XXXXX
                XXXX gettext(u'Note') XXXXX
            XXXXX
        XXXXXXXX
        XXXXXXX
            BBB BBB BB BBBBBBB
                BBBB BBBBBBBBBBBBBBBBB
                    XXX XXXXXXXXXXXXXXX
                        XXXXFFFFFFFFFFF FFFFXXXXX
                        XXXXFFFFFFFFFFFXXXXX
                        XXXXXXXXX
                        XXXX
                            BB BBBBBBBBBBBBB BBB BBBBBBBBBBBBB BB BBBBBBBBBBBBB X BBBBBFFFFFFFFFFF
                        XXXXX
                        XXXX
                            BB BBBBBBBBBBBBBBBBB BBB BBBBBBBBBBBBBBBBB BB BBBBBBBBBBBBBBBBB X BBBBB
                        XXXXX
                        XXXXXXXXX
                    XXXXX
                BBBBBBB
            BBBBB
                XXXXXXX XXXXXXXXXXXX gettext(u'No changes recorded.') XXXXXXXXXX
            BBBBBB
        XXXXXXXX
    XXXXXXXX
BBBBBBBB

BBBBB BBBBBBBBB
    
    XXXXXXX
        XXXXXXXXXXXXXX X XXXXXXXX XXXXX XXXXXXXXXX XXXXX XXXX XXXXXXX XXXXXXXXXXXX XXXXXXX XXXXXXX XXXX X XXXXX X
        XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXX XXXXXXX X XXXXXXX XX X
    XXXXXXXX
BBBBBBBB
