import pytest

from bot.core import scripts
from bot.core.scripts import char_script, script_counts, split_han_hangul, token_script


def test_chinese_with_a_korean_word_inside_is_cut_into_script_runs() -> None:
    assert split_han_hangul("我的사장님一直拖欠工资") == ["我的", "사장님", "一直拖欠工资"]
    assert split_han_hangul("我想去출입국사무소") == ["我想去", "출입국사무소"]


def test_hanja_with_a_korean_particle_stays_one_korean_token() -> None:
    assert split_han_hangul("外國人登錄證을") == ["外國人登錄證을"]
    assert split_han_hangul("韓國語로") == ["韓國語로"]


def test_tokens_without_both_scripts_come_back_whole() -> None:
    for token in ("HiKorea에서", "외국인등록증", "签证", "visa"):
        assert split_han_hangul(token) == [token]


@pytest.mark.parametrize(
    ("token", "expected"),
    [("visa", "latin"), ("D-2", "latin"), ("1345", None), ("--", None), ("HiKorea에서", "hangul"),
     ("외국인", "hangul"), ("签证", "han"), ("ビザ", "kana"), ("виза", "cyrillic"), ("វីសា", "khmer"),
     ("gia hạn", "latin"), ("ẞ", "latin"), ("αβγ", "greek"), ("👍", None)],
)
def test_token_script(token: str, expected: str | None) -> None:
    assert token_script(token) == expected


def test_ascii_fast_path_agrees_with_counting_letters() -> None:
    for token in ["ok", "A1", "1a", "_x_", "[]", "^`", "Zz9", "@home", "12:30"]:
        counts = script_counts(token)
        slow = max(counts, key=counts.__getitem__) if counts else None
        assert token_script(token) == slow, token


def test_character_memo_stays_bounded_under_hostile_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scripts, "_SCRIPT_OF", {})
    monkeypatch.setattr(scripts, "_SCRIPT_OF_LIMIT", 100)
    text = "".join(chr(cp) for cp in range(0x4E00, 0x4E00 + 1000))
    assert script_counts(text) == {"han": 1000}
    assert len(scripts._SCRIPT_OF) == 100
    assert char_script(chr(0x4E00 + 999)) == "han"  # past the limit: still right, just not remembered
