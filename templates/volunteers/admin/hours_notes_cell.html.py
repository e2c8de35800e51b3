BBBB BBBB
XXX XXXXXXXXXXXXXXXXXXBB BBBBBBBBBBBBBBBB BBBBBXX
    BB BBBBBBBBBBBBBBBBB
        XXXX XXXXXXXXXXXXXXXX XXXXXXX gettext(u'Flagged as wrong by the volunteer') XX
            XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXX
            XXXXX XXXXXXXXXXXXXXXXXX gettext(u'Flagged as wrong:') XXXXXXX
            FFFFFFFFFFFFFFFF
        XXXXXX
    BBBBB
    BB BBBBBBBBBBBBBBBBBBBBB
        XXXX XXXXXXXXXXXXXXX XXXXXXX gettext(u'The phone was far from the event at check-in or check-out') XX
            XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXX  gettext(u'Checked in far from the event') 
        XXXXXX
    BBBBB
XXXXX
