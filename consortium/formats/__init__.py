"""Dates and times as each of the portal's languages writes them (FORMAT_MODULE_PATH).

Only what reads differently from Django's own locale formats, or is missing there, is set here; input formats
come from Django, except for English, whose are American. Sentences place a date where its form needs no case
ending that a formatter cannot produce: after a colon, in a label, or in a case the format already has.
"""
