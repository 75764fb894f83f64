from pathlib import Path

from bot.language.ngram_model import NgramLanguageModel, _class_of, ngrams, training_texts


def test_ngrams_are_padded_and_lower_cased() -> None:
    grams = ngrams("Hi D2")
    assert " h" in grams and "hi " in grams and "d" in grams
    assert all(g == g.lower() for g in grams)


def test_romanised_text_of_non_latin_languages_gets_its_own_class() -> None:
    assert _class_of("th", "yak pai goyong senteo") == "th-Latn"
    assert _class_of("th", "อยากไปศูนย์จัดหางาน") == "th"
    assert _class_of("vi", "toi muon hoi") == "vi"


def test_model_merges_romanised_classes_back(tmp_path: Path) -> None:
    model = NgramLanguageModel({"th": ["อยากต่อวีซ่า", "ทำงานที่ไหน"] * 3, "th-Latn": ["yak tor visa krub"] * 3,
                                "id": ["saya mau perpanjang visa"] * 3})
    scores = model.scores("yak tor visa")
    assert set(scores) == {"th", "id"}
    assert max(scores, key=scores.get) == "th"
    assert abs(sum(scores.values()) - 1.0) < 1e-6


def test_training_texts_strip_entity_annotations(tmp_path: Path) -> None:
    lang_dir = tmp_path / "nlu" / "vi"
    lang_dir.mkdir(parents=True)
    (lang_dir / "x.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: extend_stay\n  examples: |\n'
        '    - gia hạn visa [D-2]{"entity": "visa_status", "value": "D-2"} nhé\n', encoding="utf-8")
    texts = training_texts(tmp_path / "nlu", tmp_path / "missing.tsv")
    assert texts == {"vi": ["gia hạn visa D-2 nhé"]}


def test_uzbek_kazakh_kyrgyz_also_learn_the_russian_keyboard_spelling(tmp_path: Path) -> None:
    extra = tmp_path / "extra.tsv"
    extra.write_text("lang\ttext\nuz\tқанча турады\nuz\tviza qancha\nky\tкөмөк керек\nru\tсколько стоит\n",
                     encoding="utf-8")
    texts = training_texts(tmp_path / "no-nlu", extra)
    assert texts["uz"] == ["қанча турады", "viza qancha", "канча турады"]
    assert texts["ky"] == ["көмөк керек", "комок керек"]
    assert texts["ru"] == ["сколько стоит"]  # Russian is what the others fold into
    assert "kk" not in texts  # no empty class for a language without texts
