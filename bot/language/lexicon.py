"""Small word lists that rescue the cases fastText gets wrong.

fastText's lid.176 model is weak on one-word messages ("salom", "kumusta")
and on Vietnamese typed without diacritics. A few hundred function words and
greetings per language fix most of that at the cost of a set lookup.
"""

from __future__ import annotations

# Whole messages (lower-cased, punctuation stripped) that settle the language.
WHOLE_MESSAGES: dict[str, str] = {}

_GREETINGS: dict[str, tuple[str, ...]] = {
    "ko": ("annyeong", "annyeonghaseyo", "gamsahamnida", "kamsahamnida", "gomawo", "ne", "aniyo"),
    "en": ("hi", "hello", "hey", "thanks", "thank you", "thx", "bye", "goodbye", "yes", "no", "help",
           "good morning", "good evening", "yeah", "nope", "please"),
    "vi": ("xin chao", "chao", "chao ban", "cam on", "cảm ơn", "xin chào", "chào", "chào bạn", "vâng", "dạ",
           "không", "có", "tạm biệt", "tam biet", "cám ơn", "cam on ban", "da", "vang", "khong"),
    "uz": ("salom", "assalomu alaykum", "assalomu aleykum", "rahmat", "katta rahmat", "xayr", "ha", "yo'q",
           "yoq", "yo‘q", "xo'p", "xop", "салом", "рахмат", "раҳмат", "хайр", "йўқ", "ҳа"),
    "tl": ("kumusta", "kamusta", "salamat", "salamat po", "maraming salamat", "oo", "opo", "hindi po",
           "paalam", "magandang umaga", "magandang gabi", "kumusta po", "kamusta po", "sige", "sige po"),
    "id": ("halo", "hai", "terima kasih", "makasih", "trima kasih", "selamat pagi", "selamat siang",
           "selamat malam", "ya", "tidak", "nggak", "gak", "sampai jumpa", "permisi", "tolong"),
    "ru": ("привет", "здравствуйте", "спасибо", "пока", "да", "нет", "добрый день", "до свидания", "помогите",
           "хорошо", "спс"),
    "mn": ("сайн байна уу", "сайн уу", "баярлалаа", "баяртай", "тийм", "үгүй", "sain baina uu", "bayarlalaa",
           "сайн байцгаана уу", "за"),
    "kk": ("сәлем", "сәлеметсіз бе", "рақмет", "рахмет", "иә", "жоқ"),
    "ky": ("саламатсызбы", "рахмат сизге", "ооба", "жок"),
    "fr": ("bonjour", "merci", "salut", "au revoir", "oui", "non", "merci beaucoup", "bonsoir"),
    "ne": ("namaste", "dhanyabad", "dhanyavad", "नमस्ते", "धन्यवाद"),
    "th": ("sawasdee", "sawatdee", "khob khun", "khop khun"),
    "km": ("suosdei", "sousdey", "orkun", "arkoun"),
}
for _lang, _words in _GREETINGS.items():
    for _w in _words:
        WHOLE_MESSAGES.setdefault(_w, _lang)

# Function words of the Latin-script languages, lower-case, no diacritics
# needed where people usually drop them (Vietnamese on phone keyboards).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the i is are am how what where when can could my me to do does you for a an need want "
        "it of in on with and or if please get have has will would should there this that which "
        "who why work card visa's am i'm don't can't lost apply".split()
    ),
    "vi": frozenset(
        "toi muon lam the nao duoc khong cho hoi can gi o dau bao nhieu co la cua va em anh chi "
        "ban xin chao cam on gia han thi minh oi a nhe roi chua sao bi mat dang ky the ngoai "
        "nguoi hay voi ve tu den phai phi nay kia".split()
    ),
    "id": frozenset(
        "saya apa bagaimana gimana yang untuk di ini itu tidak bisa mau dengan ada kapan berapa dan "
        "ke dari sudah belum aku kamu anda tolong cara mengurus perpanjang kartu hilang kerja "
        "boleh harus bagaimanakah dimana kak pak bu dong ya nggak gak juga lagi".split()
    ),
    "tl": frozenset(
        "ang ng mga po ko ba sa na ako paano ano saan magkano kailangan gusto may hindi lang naman "
        "yung nang kung ito iyan siya kami tayo namin natin ninyo kayo ka mo niya pwede puwede "
        "pano kelan kailan bakit wala meron opo ho nga din rin pa".split()
    ),
    "uz": frozenset(
        "men qanday kerak uchun bilan va bu nima qayerda qachon mumkin yoq ha rahmat salom bormi "
        "emas olish qilish ishlash menga sizga qancha necha qaysi bo'ladimi bo'lsa kerakmi "
        "ishlasam uzaytirish viza karta yo'qotdim iltimos aka opa".split()
    ),
    "fr": frozenset(
        "je le la les de des est pour comment une un et vous mon ma pas que qui avec dans "
        "puis-je j'ai ai faire carte besoin quel quelle où".split()
    ),
}

# Tokens that carry no language: visa codes, acronyms and brand names that
# every community writes the same way.
NEUTRAL_WORDS: frozenset[str] = frozenset(
    "ok okay k kk lol ok! arc visa vise viza topik kiip eps hikorea hi-korea gov.kr govkr 1345 "
    "sms id pdf url http https www kakao kakaotalk line telegram zalo facebook d2 d4 e9 e7 f6 "
    "f4 f5 h2 d10".split()
)
