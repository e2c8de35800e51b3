BBBB BBBB BBBBBBBBBBBBBBBBB
XXXX
    XXXX gettext(u'Team') XXXXX
    XXXX
        BB BBBB
            XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBB BBBBBBBXXXXXX
        BBBB
             gettext(u'Organised by staff') 
        BBBBB
    XXXXX
    XXXX gettext(u'Status') XXXXX
    XXXX
        BBBBBB BBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
        BB BBBBBBBBBBBBBBBBBBBBBBBBB
    XXXXX
    XXXX gettext(u'Places taken') XXXXX
    XXXX
         gettext(u'%(taken)s of %(capacity)s, %(waiting)s on the waiting list') 
            SSSSSSSSS SS SSSSSSSSSSSSS SSSSSSSSSSS SS SSS SSSSSSS SSSS
        
    XXXXX
XXXXX
BB BBBBBBBBBBBBBBBBBBB BB BBBBBBB
    BBBBBBBBBB BBBBBBBBBBBBBBBB
        BB BBBBBBBBBBBBBBBBBBB
             gettext(u'This event is cancelled; it can no longer be changed.') 
        BBBB
             gettext(u'This event is over; it can no longer be changed.') 
        BBBBB
    BBBBBBBBBBBBB
BBBB
    BBBBBBBBBB BBBBBBBBBBBBB
         gettext(u'Volunteers who signed up are told by e-mail when the time or place changes.') 
    BBBBBBBBBBBBB
BBBBB
BB BBBBBBB
    XXX
        BBB BBBBBB BB BBBBBBB
            XX XXXXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXX
        BBBBBB
    XXXX
BBBBB
