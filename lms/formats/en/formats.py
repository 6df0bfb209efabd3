"""English date and time formats: months written in full and times as "2:54 PM".

Django's defaults write "Dec. 7, 2026, 2:54 p.m.": an abbreviation whose full stop doubles the
one of any sentence that ends with it ("Checked on Dec. 7, 2026, 2:54 a.m.."), and a style
less formal than a certificate or a report wants. Spanish keeps Django's formats.
"""

DATE_FORMAT = "F j, Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "F j, Y, g:i A"
SHORT_DATETIME_FORMAT = "m/d/Y g:i A"
