BBBB BBBB BBBBBBBBBBBBBBBBB
BB BBBBBBB BB BBBBBBB
     _("Awaiting review") 
        XXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXX
            XXXXXXX
                BB BBBBBBB
                    XXXX
                        XXX XXXXXXXXXXXXXX
                            XXXX XXXXXXXXXXXXXXXXXXXXXX
                                XX XXXXXXX XXXXXXXXXXXXXXXXXXXXX
                                     ngettext(u'%(counter)s service record is awaiting approval.', u'%(counter)s service records are awaiting approval.', count) 
                                        SSSSSSSSSSS SSSSSSS SSSSSS SS SSSSSSSS SSSSSSSSS
                                    
                                        PPPPPPPPPPP PPPPPPP PPPPPPP PPP PPPPPPPP PPPPPPPPP
                                    
                                XXXX
                            XXXXXX
                        XXXXX
                    XXXXX
                BBBBB
                BB BBBBBBB
                    XXXX
                        XXX XXXXXXXXXXXXXX
                            XXXX XXXXXXXXXXXXXXXXXXXXXX
                                XX XXXXXXX XXXXXXXXXXXXXXXXXXXXX
                                     ngettext(u'%(counter)s activity report is awaiting review.', u'%(counter)s activity reports are awaiting review.', count) 
                                        SSSSSSSSSSS SSSSSSSS SSSSSS SS SSSSSSSS SSSSSSS
                                    
                                        PPPPPPPPPPP PPPPPPPP PPPPPPP PPP PPPPPPPP PPPPPPP
                                    
                                XXXX
                            XXXXXX
                        XXXXX
                    XXXXX
                BBBBB
            XXXXXXXX
        XXXXXXXX
    BBBBBBBB
BBBBB
