BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBB BBBB BBBBBBBBBBBBBBBBB

BBBBB BBBBBBBBBBBB
    XXXX
        XXXX gettext(u'Starts') XXXXX
        XXXXXXXXX
        XXXX gettext(u'Where') XXXXX
        XXXX X XXXXX
    XXXXX
    BB BBBBBBBBBBBB
        XXX gettext(u'This event is already cancelled.') XXXX
        XX XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX gettext(u'Back') XXXX
    BBBB BBBBBBB
        XXX gettext(u'A past event cannot be cancelled.') XXXX
        XX XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX gettext(u'Back') XXXX
    BBBB
        XXX
             ngettext(u'%(counter)s person signed up or waiting will be told by e-mail.', u'%(counter)s people signed up or waiting will be told by e-mail.', count) 
                SSSSSSSSSSS SSSSSS SSSSSS SS SS SSSSSSS SSSS SS SSSS SS SSSSSSS
            
                PPPPPPPPPPP PPPPPP PPPPPP PP PP PPPPPPP PPPP PP PPPP PP PPPPPPP
            
        XXXX
        XXXXX XXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXX
            BBBBBBBBBB
            XXXXXX XXXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXX
            BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
            XXX XXXXXXXXXXXXXXX
                XXXXBBBBBBBBBBBBBB BBBBBBBBBBBXXXXX
            XXXXX
            XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXX gettext(u'Cancel the event') XXXXXXXXX
            XX XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX gettext(u'Back') XXXX
        XXXXXXX
    BBBBB
BBBBBBBB
