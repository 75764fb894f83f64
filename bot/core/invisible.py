"""Characters that change nothing a reader sees but break text processing.

C0/C1 controls (a NUL ends a C string), zero-width and direction marks, word
joiners, the byte-order mark. Tab and newline are kept: they separate words.
Language ID and the sentence encoder both replace these with a space.
"""

import re

INVISIBLE_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
