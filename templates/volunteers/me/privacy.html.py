BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB gettext(u'Privacy notice') BBBBBBBB
BBBBB BBBBBBB
BBB BBBBBBBBBBBBBBBBBBBB BB BBBBBBBBBBB
XXXX XXXXXXXXXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXX gettext(u'Breadcrumb') XX
  XXXX
    XXXXXX XXXXXXBB BBBBBBBBBBBBB BB BBBBXXXXBBBBXBBBBBXX gettext(u'Home') XXXXXXXXX
    XXX XXXXXXXXXXXXXXXXXXXX gettext(u'Privacy notice') XXXXX
  XXXXX
XXXXXX
XXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXX
  XXXX XXXXXXXXXXXXXXXXXX
    XXXXXXXX XXXXXXXXXXX XXXXX XXXXXXXXX
      XXXX gettext(u'Privacy notice') XXXXX
      XX XXXXXXXXXXXXXXXXXXX gettext(u'Version %(version)s') SSSSSSS SSSSSSSSSSSXXXX
      BBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBXXX gettext(u"Qingshui is run by %(organisation)s for Shiyan's water-protection volunteers. We collect as little about you as we can and use it only to organise volunteering.") SSSSSSSS SS SSS SS SSSSSSSSSSSSSSSS SSS SSSSSSSS SSSSSSSSSSSSSSSS SSSSSSSSSSS SS SSSSSSS SS SSSSSS SSSSS SSS SS SS SSS SSS SSS SS SSSS SS SSSSSSSS SSSSSSSSSSSSSXXXXBBBBBBB

      XXXX gettext(u'What we collect') XXXXX
      XXXX
        XXXX gettext(u'Your e-mail address and password (stored only as a secure hash), to sign you in and send you messages.') XXXXX
        XXXX gettext(u'A display name of your choice, shown instead of your real name.') XXXXX
        XXXX gettext(u'If you give them: your real name, mainland mobile number, home township, skills and preferred language.') XXXXX
        XXXX gettext(u'What you do on the portal: the teams you join, the events you sign up for, check-ins and service hours.') XXXXX
      XXXXX
      XXX gettext(u'We never ask for your national ID number.') XXXX

      XXXX gettext(u'Who sees it') XXXXX
      XXXX
        XXXX gettext(u'Everyone: nothing about you, unless you choose to show your display name in public rankings.') XXXXX
        XXXX gettext(u'Other members of your teams: your display name only.') XXXXX
        XXXX gettext(u'Leaders of the teams you belong to: your display name, real name and mobile number, so they can organise activities and reach you on the day.') XXXXX
        XXXX gettext(u'Portal staff: everything above, to approve teams and hours and to keep the portal safe.') XXXXX
      XXXXX
      XXX gettext(u'We use your data only to organise volunteering on this portal. Public pages, maps and feeds never show real names or phone numbers.') XXXX

      XXXX gettext(u'Your choices') XXXXX
      XXXX
        XXXX gettext(u'You can change or remove your real name, mobile number and other details at any time on <a href="%(url)s">your profile</a>, and switch reminders and rankings on or off.') SSS SSS SSSSSS SS SSSSSS SSSS SSSS SSSSS SSSSSS SSSSSS SSS SSSSS SSSSSSS SS SSS SSSS SS SS SSSSSSSSSSSSSSSSSSS SSSSSSSSSSSS SSS SSSSSS SSSSSSSSS SSS SSSSSSSS SS SS SSSSXXXXX
        XXXXBBB BBBBBBBBBBBBBBBBBBBB BB BBBBBBBB gettext(u'You can download a copy of your data or delete your account on <a href="%(data_url)s">your data page</a>. Deleting your account removes your personal details; approved service hours stay in the totals without your name.') SSS SSS SSSSSSSS S SSSS SS SSSS SSSS SS SSSSSS SSSS SSSSSSS SS SS SSSSSSSSSSSSSSSSSSSSSSSS SSSS SSSSSSSSS SSSSSSSS SSSS SSSSSSS SSSSSSS SSSS SSSSSSSS SSSSSSSS SSSSSSSS SSSSSSS SSSSS SSSS SS SSS SSSSSS SSSSSSS SSSS SSSSSXXXXX
      XXXXX
      BBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBB BB BBBBBBBBBBBBBBB
        XXX gettext(u'Contact staff:')  BB BBBBBBBBBBBBBBBXX XXXXXXXXXXXXXXXXXXXBBBBBBB BBBBBBBBBBBBBBB X BBBBBXXXX
      BBBBBBBBBBBB
    XXXXXXXXXX
  XXXXXX
XXXXXXXXXX
BBBBBBBB
