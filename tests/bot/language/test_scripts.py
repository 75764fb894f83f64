from bot.language.scripts import split_han_hangul


def test_chinese_with_a_korean_word_inside_is_cut_into_script_runs() -> None:
    assert split_han_hangul("我的사장님一直拖欠工资") == ["我的", "사장님", "一直拖欠工资"]
    assert split_han_hangul("我想去출입국사무소") == ["我想去", "출입국사무소"]


def test_hanja_with_a_korean_particle_stays_one_korean_token() -> None:
    assert split_han_hangul("外國人登錄證을") == ["外國人登錄證을"]
    assert split_han_hangul("韓國語로") == ["韓國語로"]


def test_tokens_without_both_scripts_come_back_whole() -> None:
    for token in ("HiKorea에서", "외국인등록증", "签证", "visa"):
        assert split_han_hangul(token) == [token]
