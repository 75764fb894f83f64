from bot.components.document_extractor import catalogue_names, find_documents, fold_same_length


def test_fold_keeps_length_and_offsets() -> None:
    for text in ["Giấy xác nhận đăng ký", "외국인등록사실증명 주세요", "ใบรับรอง", "CERTIFICATE"]:
        assert len(fold_same_length(text)) == len(text)
    assert fold_same_length("Giấy XÁC nhận đăng") == "giay xac nhan dang"


def test_finds_catalogue_names_in_any_language() -> None:
    names = {fold_same_length(k): v for k, v in catalogue_names().items()}
    text = "Tôi cần 외국인등록사실증명 để mở tài khoản"
    (entity,) = find_documents(text, names, "test")
    assert entity["value"] == "CERT-ARC"
    assert text[entity["start"]:entity["end"]] == "외국인등록사실증명"


def test_longest_name_wins_and_latin_names_need_word_boundaries() -> None:
    names = {"arc": "RESIDENCE-CARD", "arc certificate": "CERT-ARC"}
    assert [e["value"] for e in find_documents("I need an ARC certificate", names, "t")] == ["CERT-ARC"]
    assert find_documents("search for archive", names, "t") == []
