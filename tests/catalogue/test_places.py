"""Place names in any script, and the offices that serve them."""

from __future__ import annotations

from catalogue.places import Gazetteer, Place, default_gazetteer, offices_for
from catalogue.records import Office

ANSAN = Place("안산시", "경기도", ("Ansan", "Ансан", "安山", "อันซาน", "ansan-si"))
YEONGDEUNGPO = Place("서울특별시 영등포구", "서울특별시", ("Yeongdeungpo", "永登浦"))
SMALL = Gazetteer([ANSAN, YEONGDEUNGPO, Place("서울특별시 중구", "서울특별시", ())])


def test_a_place_is_found_in_every_script_and_with_its_suffix_dropped() -> None:
    for text in ("where is the office, i live in ansan", "Я живу в Ансане", "我住在安山", "ผมอยู่ที่อันซาน",
                 "안산 살아요", "Thanh pho Ansan-si", "안산시 단원구"):
        assert [p.name for p in SMALL.find(text)] == ["안산시"], text


def test_a_one_letter_stem_never_matches() -> None:
    # "중구" would give "중", which is in countless Korean words.
    assert SMALL.find("중요한 질문이 있어요") == []


def test_two_places_in_one_message_are_both_found() -> None:
    assert {p.name for p in SMALL.find("moving from Ansan to Yeongdeungpo")} == {"안산시", "서울특별시 영등포구"}


def test_offices_for_a_place_prefer_the_city_then_the_province() -> None:
    city = Office("OFF-A", {"ko": "안산", "en": "Ansan"}, None, None, areas=("안산시",))
    province = Office("OFF-P", {"ko": "수원", "en": "Suwon"}, None, None, areas=("경기도",))
    job = Office("OFF-J", {"ko": "고용센터", "en": "Job Center"}, None, None, kind="job_center", areas=("안산시",))
    assert offices_for(ANSAN, [province, city, job], "immigration") == [city]
    assert offices_for(ANSAN, [province, job], "immigration") == [province]
    assert offices_for(ANSAN, [province, city, job], "job_center") == [job]
    assert offices_for(None, [city], "immigration") == []


def test_the_shipped_gazetteer_knows_the_largest_foreign_resident_cities() -> None:
    gazetteer = default_gazetteer()
    if not gazetteer.places:
        return  # no places.yml yet: nothing to check
    for name in ("안산시", "화성시", "시흥시", "수원시", "부천시"):
        assert gazetteer.get(name) is not None, name


def test_ordinary_words_that_contain_a_place_name_are_not_places() -> None:
    gazetteer = default_gazetteer()
    if not gazetteer.places:
        return
    # "at the airport", "having breakfast", a cat, 2,000 won, a younger brother, language study.
    for text in ("toi dang o san bay", "toi an sang", "고양이 키워요", "이천원이에요", "남동생이 있어요", "어학연수 비자"):
        assert gazetteer.find(text) == [], text
    assert [p.name for p in gazetteer.find("Я живу в Ансане")] == ["안산시"]
    assert [p.name for p in gazetteer.find("म अन्सानमा बस्छु")] == ["안산시"]
    assert [p.name for p in gazetteer.find("qayerga borish kerak? Ansanda yashayman")] == ["안산시"]


def test_a_place_joined_by_a_hyphen_is_found() -> None:
    # Tagalog "taga-" (from), a Mongolian case ending after a hyphen, and the suffix forms.
    for text in ("taga-Ansan ako, saan ako pupunta", "ansan-д амьдардаг", "Ansan-si", "Thanh pho ANSAN-SI"):
        assert [p.name for p in SMALL.find(text)] == ["안산시"], text
    assert SMALL.find("mag-aapply ako, e-mail") == []


def test_a_hyphenated_spelling_is_not_also_read_as_its_parts() -> None:
    gazetteer = default_gazetteer()
    if not gazetteer.places:
        return
    # Чхунчхон-Пукто is 충청북도; Чхунчхон alone is 춘천시.
    assert [p.name for p in gazetteer.find("живу в провинции Чхунчхон-Пукто")] == ["충청북도"]
    assert [p.name for p in gazetteer.find("живу в Чхунчхоне")] == ["춘천시"]
    assert [p.name for p in gazetteer.find("pag taga-Busan, saan pupunta")] == ["부산광역시"]
