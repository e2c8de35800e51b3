BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBB BBBB

BBBBB BBBBBBBBBBBB
    XXXX
        XXXX gettext(u'Display name') XXXXX
        XXXXXXXXX
        XXXX gettext(u'Campaign') XXXXX
        XXXXXXXXX
        XXXX gettext(u'Pledged at') XXXXX
        XXXXFFFFFFFFFFF FFFFXXXXX
    XXXXX
    BB BBBB
        XXX gettext(u'Hide this pledge? Its name disappears from the campaign page and it is no longer counted.') XXXX
    BBBB
        XXX gettext(u'Show this pledge again? Its name is listed on the campaign page and it counts again.') XXXX
    BBBBB
    XXXXX XXXXXXXXX XXXXXXXXXXXXXX
        BBBBBBBBBB
        XXXXXX XXXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXX
        XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXBB BBBB XXXXXXXBBBBBXXBB BBBB gettext(u'Yes, hide it') BBBB gettext(u'Yes, show it') BBBBBXXXXXXXXX
        XX XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX gettext(u'Back') XXXX
    XXXXXXX
BBBBBBBB
