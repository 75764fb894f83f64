"""Revised Romanization of Korean, close enough for search.

Users type Korean terms in Latin letters ("oegugin deungnokjeung"). We index
each Korean title in romanised form; the character n-gram matcher absorbs
the small differences that full sound-change rules would fix.
"""

from __future__ import annotations

_INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_VOWELS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
           "yu", "eu", "ui", "i"]
_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
           "ng", "t", "t", "k", "t", "p", "t"]
# Final consonant carried over to a following vowel-initial syllable (liaison).
_LIAISON = {1: "g", 4: "n", 7: "d", 8: "r", 16: "m", 17: "b", 19: "s", 22: "j"}


def romanise(text: str) -> str:
    out: list[str] = []
    syllables = list(text)
    for i, ch in enumerate(syllables):
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            out.append(ch)
            continue
        initial, vowel, final = code // 588, (code % 588) // 28, code % 28
        prev = ord(syllables[i - 1]) - 0xAC00 if i else -1
        onset = _INITIALS[initial]
        if 0 <= prev < 11172:
            prev_final = prev % 28
            if initial == 11 and prev_final in _LIAISON:
                onset = ""  # the previous syllable already carried the sound over
            elif initial == 5 and prev_final in (16, 21):  # ㅁ/ㅇ + ㄹ -> n
                onset = "n"
        nxt = ord(syllables[i + 1]) - 0xAC00 if i + 1 < len(syllables) else -1
        if final and 0 <= nxt < 11172 and nxt // 588 == 11 and final in _LIAISON:
            coda = ""
            next_onset = _LIAISON[final]
            out.append(onset + _VOWELS[vowel] + coda + next_onset)
            continue
        out.append(onset + _VOWELS[vowel] + _FINALS[final])
    return "".join(out)
