"""Arabic date formats: Django's own leave out the date-and-time ones, which then fall back
to English word order ("نوفمبر 12, 2026")."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "j F Y، g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y g:i A"
FIRST_DAY_OF_WEEK = 6  # Saturday, as in most Arab countries
DECIMAL_SEPARATOR = "٫"
THOUSAND_SEPARATOR = "٬"
