import pytest

from bot.text.cues import asked_facet, asked_facets, is_closing, topic_of, topics, topics_of


@pytest.mark.parametrize("text, lang, facet", [
    ("비자 연장할 때 서류 뭐 챙겨가요", "ko", "ask_documents"),
    ("얼마나 걸려요?", "ko", "ask_processing_time"),   # "얼마" inside a time question is not a fee
    ("수수료 얼마예요", "ko", "ask_fee"),
    ("giay to gia han visa can nhung gi", "vi", "ask_documents"),   # typed without diacritics
    ("Giấy tờ gia hạn visa cần những gì", "vi", "ask_documents"),
    ("外国人登录证补办要多少钱", "zh", "ask_fee"),
    ("ต่อวีซ่าต้องไปยื่นที่ไหน", "th", "ask_location"),
    ("Продление визы можно онлайн?", "ru", "ask_online"),
    ("Vizani uzaytirish uchun qanday hujjatlar kerak", "uz", "ask_documents"),
    ("pasport yangilash qancha vaqt oladi", "uz", "ask_processing_time"),
    ("berapa lama proses perpanjangan visa", "id", "ask_processing_time"),
    ("magkano po ang bayad sa extension", "tl", "ask_fee"),
    ("ប្តូរកាត ត្រូវការឯកសារអ្វីខ្លះ", "km", "ask_documents"),
    ("Визний хугацаа сунгахад ямар бичиг баримт хэрэгтэй вэ", "mn", "ask_documents"),
    ("भिसा नवीकरण कहाँ गर्ने", "ne", "ask_location"),
    ("where do I call about my pension", "en", "contact_info"),   # a phone question, not a place
    ("can i do the 출국만기보험 claim online", "en", "ask_online"),
])
def test_the_thing_asked_is_found_in_any_tier1_language(text: str, lang: str, facet: str) -> None:
    assert asked_facet(text, lang) == facet


@pytest.mark.parametrize("text, lang", [
    ("체류자격 변경하고 싶어요", "ko"),        # 자격 inside 체류자격 is not "who qualifies"
    ("I want to extend my visa", "en"),
    ("xin chào", "vi"),
])
def test_a_plain_topic_asks_no_facet(text: str, lang: str) -> None:
    assert asked_facets(text, lang) == []


@pytest.mark.parametrize("text, lang", [
    ("아 아니요, 그거 말고 귀국비용보험이요", "ko"),
    ("maksud sy yg asuransi biaya pulang", "id"),
])
def test_a_name_that_contains_a_cue_word_asks_nothing(text: str, lang: str) -> None:
    assert asked_facets(text, lang) == []


@pytest.mark.parametrize("text, lang, closing", [
    ("네 잘 알겠습니다, 감사합니다", "ko", True),
    ("ok thank you so much, bye", "en", True),
    ("cam on chi nhieu", "vi", True),
    ("thanks, how do I extend my visa?", "en", False),           # a thanks before a question
    ("cảm ơn, giấy tờ cần những gì", "vi", False),              # asks something
    ("thank you " + "very " * 20, "en", False),                  # too long to be only a closing
])
def test_closings(text: str, lang: str, closing: bool) -> None:
    assert is_closing(text, lang) is closing


@pytest.mark.parametrize("text, topic", [
    ("ถ้าหนูหย่ากับเขา วีซ่า F-6 จะโดนยกเลิกไหมคะ", "marriage_ended"),
    ("남편 귀책으로 이혼하면 계속 체류할 수 있나요", "marriage_ended"),
    ("мы в разводе, что будет с визой", "marriage_ended"),           # a stem finds its inflected forms
    ("eri bilan ajrashdik, vizam nima bo'ladi", "marriage_ended"),
    ("хочу сменить работу, начальник орёт", "workplace_change"),
    ("pengen pindah pabrik, gaji gak dibayar", "workplace_change"),
    ("how do I extend my visa", None),
    ("pisahkan dokumen yang asli", None),                             # "separate the papers", not a separation
    ("Страховка сама переходит на новую работу?", None),              # insurance moving with a job
])
def test_topic_words_in_any_language(text: str, topic: str | None) -> None:
    found = topic_of(text)
    assert (found.name if found else None) == topic


def test_topic_services_and_intents_exist() -> None:
    from bot.core.intents import ALL
    from catalogue.loader import read_catalogue

    service_ids = {s.id for s in read_catalogue().services}  # the YAML itself: no database needed
    names = {topic.name for topic in topics()}
    for topic in topics():
        assert topic.intent in ALL and set(topic.reread) <= set(ALL)
        assert set(topic.services) <= service_ids, topic.name
        assert topic.within is None or topic.within in names, topic.name


def test_a_child_points_at_the_child_rearing_status_only_within_a_marriage_that_ended() -> None:
    names = lambda text, discussed=(): [t.name for t in topics_of(text, discussed)]  # noqa: E731
    assert "raising_child" in names("ถ้าหนูหย่ากับเขา หนูมีลูกสาว 3 ขวบ")           # divorce and a daughter
    assert names("my kid needs a daycare place") == []                              # a child alone: no topic
    assert names("결혼이민 F-6이신데 이혼하면 못 있게 되나요. 자녀는 없으시고요") == ["marriage_ended"]  # no child
    assert names("naghiwalay kami, walang anak") == ["marriage_ended"]
    assert names("the child lives with me, what papers?", ("IMM-CHG-F63", "IMM-CHG-F62")) == ["raising_child"]
