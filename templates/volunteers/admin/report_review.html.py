BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBB BBBB BBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBB

BBBBB BBBBBBBBBBBB
    XXXX XXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX
        XXX
            BBBBBB BBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
            BB BBBBBBBBBBBB gettext(u'submitted %(when)s') SSSSSSSSS SSSSSSSSBBBBB
            BB BBBBBBBBBB X  gettext(u'reviewed by %(who)s, %(when)s') SSSSSSSS SS SSSSSSSS SSSSSSSSBBBBB
        XXXX
        BB BBBBBBBBBBBBB BB BBBBBBBBBB BBB BBBBBBBBBBBBBBBBBBBB
            BBBBBBBBBB BBBBBBBBBBBBBBBB
                 gettext(u'Returned to the leader:')  
            BBBBBBBBBBBBB
        BBBBB
        BB BBBBBBBBBB
            XXX
                 ngettext(u'Approving the report also approves the %(counter)s service record submitted with it, and tells the leader by e-mail.', u'Approving the report also approves the %(counter)s service records submitted with it, and tells the leader by e-mail.', count) 
                    SSSSSSSSS SSS SSSSSS SSSS SSSSSSSS SSS SSSSSSSSSSS SSSSSSS SSSSSS SSSSSSSSS SSSS SSS SSS SSSSS SSS SSSSSS SS SSSSSSS
                
                    PPPPPPPPP PPP PPPPPP PPPP PPPPPPPP PPP PPPPPPPPPPP PPPPPPP PPPPPPP PPPPPPPPP PPPP PPP PPP PPPPP PPP PPPPPP PP PPPPPPP
                
            XXXX
            XXXX XXXXXXXXXXXXXXXXXXXXXXX
                XXXXX XXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
                    BBBBBBBBBB
                    XXXXXX XXXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXX
                    XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Approve') XXXXXXXXX
                XXXXXXX
                XX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXX XXXXXXXX gettext(u'Return to the leader') XXXX
            XXXXXX
        BBBBB
        BB BBBBBBBBBB
            XXXXX XXXXXXX XXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX gettext(u'View on the site')  XXXXXXXXX
        BBBBB
    XXXXXX

    XXX XXXXXXXXXXXXX gettext(u'What the team did') XXXXX
    XXXX XXXXXXXXXXXXXXXXXXXXXXXFFFFFFFFFFXXXXXX

    XXXX XXXXXXXXXXXXXXXXXXXXXXX
        XXXX
            XXXX gettext(u'Team') XXXXX
            XXXXBB BBBBBBBBXX XXXXXXXXXXXXBBBBBBBBBXXXXX
            XXXX gettext(u'Date') XXXXX
            XXXXFFFFFFFFFFFFXXXXX
            XXXX gettext(u'Type') XXXXX
            XXXXXXXXX
            XXXX gettext(u'Where') XXXXX
            XXXX
                BB BBBBBBBBBBBB X BBBBB
                BB BBBBBBBBBB BB BBB BBBBXXXXXXXXXXXFFFFFFFFFFFFFX FFFFFFFFFFFFFXXXXXXXXBBBBB
            XXXXX
            XXXX gettext(u'Event') XXXXX
            XXXX
                BB BBBBBBBBBBBB
                    BB BBBBBBBBBXX XXXXXXXXXXXXBBBBBBBBB
                BBBB
                     gettext(u'None (an activity not announced as an event)') 
                BBBBB
            XXXXX
            XXXX gettext(u'Campaign') XXXXX
            XXXX
                BB BBBBBBBBBBBBBBB
                    BB BBBBBBBBBBBBXX XXXXXXX XXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXBBBBBBBBB
                BBBBXBBBBB
            XXXXX
            XXXX gettext(u'Written by') XXXXX
            XXXXFFFFFFFFFFFBB BBBBBBBBBBBBBBBBBBBBBBB XXBBBBBXXXXX
        XXXXX
        XXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXX
            XXXXXXXX XXXXXXXXXXXXXXXXXX gettext(u'Figures') XXXXXXXXXX
            XXXXXXX
                BBB BBBBBB BBBBB BB BBBBBBB
                    XXXX
                        XXX XXXXXXXXXXXXFFFFFFFFXXXXX
                        XXXXFFFFFFFFFFFFFFFFXXXXX
                    XXXXX
                BBBBBB
            XXXXXXXX
        XXXXXXXX
    XXXXXX

    XXX XXXXXXXXXXXXX gettext(u'Photos') XXXXX
    BB BBBBBB
        XXX XXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX
            BBB BBBBB BB BBBBBB
                XXXX
                    XX XXXXXXX XXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX
                        BBBBB BBBBBBBBBBB BBBBBBBBBBBB BBBBBBBBBBB BBBBBBBBBBBBBBBBB
                    XXXX
                    BB BBBBBBBBBBBBBXXXXXXXBBBBB
                XXXXX
            BBBBBB
        XXXXX
    BBBB
        XXX gettext(u'No photos.') XXXX
    BBBBB

    XXX XXXXXXXXXXXXX gettext(u'Service hours with this report') XXXXX
    BB BBBBBBB
        XXX
            BBB BBBBBB BBBBBB BBBBB BB BBBBBB
                 gettext(u'%(label)s: %(count)s (%(hours)s h)') SSSSSSSSSS SSSSSSSSS SSSSSSSSSS SSBB BBB BBBBBBBBBBBB X BBBBB
            BBBBBB
        XXXX
        XXXXXX XXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXX
            XXXXXXX
                XXXX
                    XXXX gettext(u'Volunteer') XXXXX
                    XXXX gettext(u'Hours') XXXXX
                    XXXX gettext(u'Status') XXXXX
                    XXXX gettext(u'Notes') XXXXX
                XXXXX
            XXXXXXXX
            XXXXXXX
                BBB BBBBBBB BBBBB BBBBB BB BBBBBBB
                    XXXX
                        XXXX
                            BB BBBBBBBBBBBBBBBXX XXXXXXBBB BBBBBBBBBBBBBBB BBBBBBBBBXXXXXXBBBBBBBBB
                        XXXXX
                        XXXXXXXXX
                        XXXX
                            BB BBBBBBBBBBBBB BB BBBBBBBBBBB
                                BBBBBB BBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBB
                            BBBB
                                BBBBBB BBBBBBBBBBBBBBBBBBBBBBBBB
                            BBBBB
                        XXXXX
                        XXXX
                            BB BBBBBBBBBBBBBBBBBXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXX BBBBB
                            BB BBBBBBBBBBBBBBBBBBBBBXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXX  gettext(u'Checked in far from the event') BBBBB
                        XXXXX
                    XXXXX
                BBBBBB
            XXXXXXXX
        XXXXXXXX
    BBBB
        XXX gettext(u'No service hours come with this report.') XXXX
    BBBBB
BBBBBBBB

BBBBB BBBBBBBBB
    
    XXXXXXX
        XXXXXXXXXXXXXXX X XXXXXXXX XXXXX XXXXXXXXXX XXXXX XXXX XXXXXXX XXXXXXXXXXXX XXXXXXX XXXXXXX XXXX X XXXXX X
        XXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXX XXXXXXX X XXXXXXX XX X
        XXXXXXXXXXXXXXX X XXXXXXXXXX XXXXXX X
        XXXXXXXXXXXXXXX X XXXXXXXX XXXXX XXXXXXXXXX XXXXX XXXX XXXXX XXXXXXXXXXXX XXXXXXXXXXX X
        XXXXXXXXXXXXXXX X XX X XXXXX X X XXXXXX X
        XXXXXXXXXXXXXXX X XXXXX X X XXXXXX XXXXXXXXXX XXXXXX X
        XXXXXXXXXXXXXX X XXXXXXXXXXX XXXXX XXXXXXXX XX XXXXXXXX XXXXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXX XXXX XXXXX X
        XXXXXXXXXXXXXX XXX X XXXXXX XXXXX XXXXXXX XXXXX XXXXXXXX XXXXXX XXXXXXXXXXXXXX XXXX X
        XXXXXXXXXXXXXX X X XXXXXXX XXXXXXX X XX XXXXXXXXXX XXXXXXXXX X
    XXXXXXXX
BBBBBBBB
