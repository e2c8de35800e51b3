BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBB BBBB BBBBBBBBBBBBBBBBB

BBBBB BBBBBBBBBBBB
    XXXX
        XXXX gettext(u'County') XXXXX
        XXXXBB BBBBBBBBBBBBBBB X BBBBBXXXXX
        XXXX gettext(u'Registered by') XXXXX
        XXXXFFFFFFFFFFFBB BBBBBBBBBBBBB XXBBBBBXXXXX
        XXXX gettext(u'Description') XXXXX
        XXXXFFFFFFFFFFFFXXXXX
    XXXXX
    BB BBBBBBBB BB BBBBBBBBB
        XXX gettext(u'Approve this team? It becomes public, can take members and create events, and its creator is told by e-mail.') XXXX
    BBBB
        XXX gettext(u'Reject this team? It stays hidden from the public and cannot create events.') XXXX
    BBBBB
    XXXXX XXXXXXXXX XXXXXXXXXXXXXX
        BBBBBBBBBB
        XXXXXX XXXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXX
        BB BBBBBBBB BB BBBBBBBBB
            XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Yes, approve') XXXXXXXXX
        BBBB
            XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXX gettext(u'Yes, reject') XXXXXXXXX
        BBBBB
        XX XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX gettext(u'Back') XXXX
    XXXXXXX
BBBBBBBB
