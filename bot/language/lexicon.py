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

# Particles no other language we meet writes as a word: Filipinos add "po" to English and Korean
# words alike ("hi po, good evening", "salamat po"), so one of them makes Taglish Tagalog.
PARTICLES: dict[str, frozenset[str]] = {
    "tl": frozenset({"po", "opo"}),
}

# Romanised forms of languages with their own script: the words that give
# them away when people type in Latin letters.
ROMANISED_WORDS: dict[str, frozenset[str]] = {
    "ko": frozenset("haeyo haedo dwaeyo doenayo imnida isseoyo eopseoyo eodi eotteoke juseyo hamnida gamsahamnida "
                    "annyeonghaseyo mwo museun wae eonje eolma hago sipeoyo gatayo geureom nae".split()),
    "zh": frozenset("qing wen zenme wo xiang shenme nali keyi ma ni hao xiexie yao banli duoshao shijian "
                    "meiyou haishi zhege".split()),
    "th": frozenset("yak pai mai krub khrap ka kha tong arai bang tham ngan mee chan phom dai laew yang "
                    "thaorai sawasdee khob khun".split()),
    "km": frozenset("knhom nov tver yang mech ban luy pel te chong orkun bong srey min ot joy tov "
                    "kanleng ey nas".split()),
    "ne": frozenset("malai garnu garne kasari chha parchha dai kahile aauchha samma huncha hunchha bhayo "
                    "cha gareko paisa kati kun".split()),
    "mn": frozenset("yaj ve bayarlalaa baina uu bol hiih amidardag yu hezee avah sain bna medeh "
                    "hergtei".split()),
    "ru": frozenset("skolko zhdat posle kak mne nuzhno privet pochemu gde chto mozhno spasibo rabota "
                    "zdravstvuyte".split()),
    "ja": frozenset("desu masu arigatou gozaimasu onegai shimasu nan doko sumimasen".split()),
    "my": frozenset("ka la kha pay thay bu lote ya lae mingalaba".split()),
    "si": frozenset("mage padi deke nathuwa thiyanawa mokada karanne ayubowan".split()),
    "bn": frozenset("dhore beton dicche na ki korbo ami amar kono".split()),
    "ur": frozenset("ne se nahi di ab kya karun janab mujhe hai hain".split()),
    "kk": frozenset("eki jatyr isteimin boldy jalaqy bermei qalay kerek".split()),
    "ky": frozenset("emne kylam jatat berbei aidan kantip".split()),
}

# Words that tell the Cyrillic languages apart when the special letters
# (ө ү ң ә і ў қ ғ ҳ) are missing, as they often are on Russian keyboards.
CYRILLIC_WORDS: dict[str, frozenset[str]] = {
    "ru": frozenset("как что где когда можно нужно мне я у меня это не нет да пожалуйста спасибо помогите "
                    "сколько почему если или для на по при".split()),
    "mn": frozenset("вэ юу уу бэ байна болох хэрэгтэй яаж хаана хэзээ би миний танд баярлалаа сайн гэж "
                    "ажил хүүхэд хэд".split()),
    "ky": frozenset("кантип эмне болобу барбы акысызбы кылса кылам канча менен үчүн керекпи жатат "
                    "берилет алат беле".split()),
    "kk": frozenset("қалай қайда керек бола ма мен сіз рақмет жоқ иә неше үшін".split()),
    "uz": frozenset("қандай керак учун билан нима қаерда мумкин йўқ ҳа раҳмат менга қанча бўладими".split()),
}

# Tokens that carry no language: visa codes, acronyms and brand names that
# every community writes the same way.
NEUTRAL_WORDS: frozenset[str] = frozenset(
    "ok okay k kk lol ok! arc visa vise viza topik kiip eps hikorea hi-korea gov.kr govkr 1345 "
    "sms id pdf url http https www kakao kakaotalk line telegram zalo facebook d2 d4 e9 e7 f6 "
    "f4 f5 h2 d10".split()
    # Korean words every community types in Latin letters inside its own
    # language ("toejikgeum ban luy pel na?" is Khmer): they carry no language.
    + "sajang sajangnim alba oegugin deungnokjeung chulipguk toejikgeum gosiwon jeonip singo senteo "
      "goyong jumin geongang boheom hoesa gongjang hakdang eorinijip gukmin yeongeum".split()
)
