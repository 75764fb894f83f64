"""Language names as users type them, for explicit switch requests.

"한국어로 해 주세요", "can you speak Thai?", "nói tiếng Việt được không" all
name a language. Matching is by substring on lower-cased text, longest name
first, so "tiếng việt" wins over "việt".
"""

from __future__ import annotations

import re

LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    "ko": ("한국어", "한국말", "한글로", "korean", "tiếng hàn", "韩语", "韓語", "韩文", "韓文", "ภาษาเกาหลี",
           "корейск", "koreys", "корей хэл", "कोरियन", "कोरियाली", "bahasa korea", "koreano", "ភាសាកូរ៉េ",
           "coréen", "韓国語"),
    "en": ("english", "영어", "tiếng anh", "英语", "英語", "ภาษาอังกฤษ", "английск", "ingliz", "англи хэл",
           "अंग्रेजी", "bahasa inggris", "ingles", "ingles po", "ភាសាអង់គ្លេស", "anglais", "inglés"),
    "zh": ("中文", "汉语", "漢語", "华语", "普通话", "chinese", "중국어", "tiếng trung", "tiếng hoa", "ภาษาจีน",
           "китайск", "xitoy", "хятад хэл", "चिनियाँ", "bahasa mandarin", "bahasa cina", "mandarin", "intsik",
           "ភាសាចិន", "chinois"),
    "vi": ("tiếng việt", "tieng viet", "vietnamese", "베트남어", "越南语", "越南語", "ภาษาเวียดนาม", "вьетнамск",
           "vyetnam", "вьетнам хэл", "भियतनामी", "bahasa vietnam", "ភាសាវៀតណាម", "vietnamien"),
    "th": ("ภาษาไทย", "thai", "태국어", "tiếng thái", "泰语", "泰語", "тайск", "tay tili", "тай хэл",
           "थाई", "bahasa thailand", "ភាសាថៃ", "thaï"),
    "ru": ("русский", "по-русски", "по русски", "на русском", "russian", "러시아어", "tiếng nga", "俄语", "俄語",
           "ภาษารัสเซีย", "rus tili", "rus tilida", "орос хэл", "रुसी", "bahasa rusia", "ruso", "ភាសារុស្ស៊ី",
           "russe"),
    "uz": ("o'zbek", "o‘zbek", "oʻzbek", "ozbek", "uzbek", "ўзбек", "узбекск", "우즈베크어", "우즈벡어",
           "tiếng uzbek", "乌兹别克", "узбек хэл", "ภาษาอุซเบก"),
    "ne": ("नेपाली", "nepali", "네팔어", "tiếng nepal", "尼泊尔语", "непальск", "балба хэл", "bahasa nepal",
           "ภาษาเนปาล"),
    "mn": ("монгол хэл", "монголоор", "mongolian", "몽골어", "tiếng mông cổ", "蒙古语", "монгольск",
           "mo'g'ul", "मङ्गोलियन", "bahasa mongolia", "ภาษามองโกเลีย"),
    "id": ("bahasa indonesia", "indonesian", "인도네시아어", "tiếng indonesia", "印尼语", "印度尼西亚语",
           "индонезийск", "ภาษาอินโดนีเซีย"),
    "tl": ("tagalog", "filipino", "pilipino", "타갈로그어", "필리핀어", "tiếng philippines", "菲律宾语",
           "тагальск", "ภาษาตากาล็อก"),
    "km": ("ភាសាខ្មែរ", "ខ្មែរ", "khmer", "크메르어", "캄보디아어", "tiếng khmer", "高棉语", "кхмерск",
           "ภาษาเขมร"),
    "ja": ("日本語", "japanese", "일본어", "tiếng nhật", "日语", "японск", "ภาษาญี่ปุ่น"),
    "my": ("မြန်မာ", "burmese", "myanmar language", "미얀마어", "tiếng miến điện"),
    "si": ("සිංහල", "sinhala", "sinhalese", "싱할라어"),
    "bn": ("বাংলা", "bengali", "bangla", "벵골어"),
    "kk": ("қазақ", "kazakh", "казахск", "카자흐어"),
    "ky": ("кыргыз", "kyrgyz", "киргизск", "키르기스어"),
    "ur": ("اردو", "urdu", "우르두어"),
    "fr": ("français", "francais", "french", "프랑스어", "tiếng pháp", "法语", "французск"),
}

_INDEX: list[tuple[str, str]] = sorted(
    ((name, code) for code, names in LANGUAGE_NAMES.items() for name in names),
    key=lambda item: -len(item[0]),
)
# Latin-script names must match whole words ("thai" not inside "thailand"),
# allowing the Uzbek/Indonesian suffixes people attach ("o'zbekcha", "inglizda").
_WORD = {name: re.compile(rf"(?<![a-z]){re.escape(name)}(?:cha|da|ga|ni|tilida|tili)?(?![a-z])", re.IGNORECASE)
         for name, _ in _INDEX if name.isascii()}


def named_languages(text: str) -> list[str]:
    """Codes of the languages a message names, in order of first mention."""
    lowered = text.lower()
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for name, code in _INDEX:
        if name.isascii():
            match = _WORD[name].search(lowered)
            start = match.start() if match else -1
        else:
            start = lowered.find(name)
        if start < 0:
            continue
        end = start + len(name)
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        found.append((start, code))
    seen: list[str] = []
    for _, code in sorted(found):
        if code not in seen:
            seen.append(code)
    return seen


def requested_language(text: str, written_in: str | None = None) -> str | None:
    """The language a switch request asks for.

    A request written in one of the languages it names asks for that one ("Можно дальше на
    русском? По-узбекски долго печатать" is Russian, and names Uzbek last); otherwise the last
    one named is the target ("Not Korean, English please").
    """
    names = named_languages(text)
    if written_in in names:
        return written_in
    return names[-1] if names else None
