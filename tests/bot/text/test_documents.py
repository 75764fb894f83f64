from bot.text.documents import find_documents, name_index
from catalogue.records import Document


def test_longest_name_wins_and_latin_names_need_word_boundaries() -> None:
    names = {"arc": "RESIDENCE-CARD", "arc certificate": "CERT-ARC"}
    assert [e["value"] for e in find_documents("I need an ARC certificate", names, "t")] == ["CERT-ARC"]
    assert find_documents("search for archive", names, "t") == []


def test_one_index_from_titles_aliases_and_names_seen_in_training() -> None:
    document = Document(id="CERT-ARC", service="CERT-ARC", printable_at_home=True,
                        names={"en": "Certificate of Alien Registration Facts", "vi": "Giấy xác nhận"},
                        aliases=("ARC cert", "ID"))
    index = name_index([document], {"Xác nhận ĐKNN": "CERT-ARC"})
    assert index["giay xac nhan"] == "CERT-ARC" and index["arc cert"] == "CERT-ARC"
    assert index["xac nhan dknn"] == "CERT-ARC"
    assert "id" not in index  # too short: it would match inside other words


def test_a_latin_name_followed_by_a_particle_or_han_is_still_found() -> None:
    names = {"arc": "RESIDENCE-CARD"}
    for text, start in (("ARC를 잃어버렸어요", 0), ("我的ARC掉了", 2), ("บัตรARCหาย", 4)):
        (entity,) = find_documents(text, names, "t")
        assert (entity["value"], entity["start"], entity["end"]) == ("RESIDENCE-CARD", start, start + 3), text
    # Latin letters and digits still continue the word.
    assert find_documents("ARCs and ARC2 and marc", names, "t") == []


def test_spans_hold_in_the_original_text_with_diacritics_and_particles() -> None:
    names = {"giay xac nhan": "CERT-ARC", "외국인등록증": "RESIDENCE-CARD"}
    text = "Cần in Giấy xác nhận và 외국인등록증을 잃어버렸어요"
    found = find_documents(text, names, "t")
    assert [(e["value"], text[e["start"]:e["end"]]) for e in found] == [
        ("CERT-ARC", "Giấy xác nhận"), ("RESIDENCE-CARD", "외국인등록증")]
