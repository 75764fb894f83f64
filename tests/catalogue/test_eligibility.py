import pytest

from catalogue.eligibility import eligible, part_time_hours
from catalogue.loader import read_catalogue
from tests.conftest import FIXTURE_CATALOGUE

records = read_catalogue(FIXTURE_CATALOGUE)
RULE = records.rules["part_time_hours"]
PTJOB = records.service("IMM-PTJOB")


def test_open_services_are_for_everyone() -> None:
    assert eligible(records.service("IMM-EXT"), None).eligible is True


def test_status_needed_when_unknown() -> None:
    assert eligible(PTJOB, None).reasons == ("status_needed",)


def test_listed_and_unlisted_statuses() -> None:
    assert eligible(PTJOB, "D-2").eligible is True
    result = eligible(PTJOB, "E-9")
    assert result.eligible is False and result.reasons == ("status_not_listed:E-9",)


def test_research_students_are_excluded_by_rule() -> None:
    result = eligible(PTJOB, "D-2-5", records.rules)
    assert result.eligible is False and "D-2-5" in result.reasons[0]


@pytest.mark.parametrize("course, topik, certified, hours, weekends", [
    ("language_course", 2, False, 20, False),
    ("language_course", 1, False, 10, False),
    ("language_course", 2, True, 25, False),
    ("bachelor_1_2", 3, False, 25, True),
    ("bachelor_1_2", 2, False, 10, False),
    ("bachelor_3_4", 4, True, 30, True),
    ("graduate", 4, False, 30, True),
    ("graduate", None, False, 15, False),
])
def test_part_time_hours_table(course: str, topik: int | None, certified: bool, hours: int, weekends: bool) -> None:
    result = part_time_hours(RULE, course, topik_level=topik, certified_school=certified)
    assert (result.weekday_hours, result.weekends_unlimited) == (hours, weekends)


def test_unknown_course_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown course"):
        part_time_hours(RULE, "kindergarten", topik_level=6)


def test_sub_status_lists_need_the_sub_code() -> None:
    from catalogue.eligibility import status_in

    assert status_in("D-4-1", ["D-2", "D-4-1"]) is True
    assert status_in("D-4-3", ["D-2", "D-4-1"]) is False
    assert status_in("D-4", ["D-2", "D-4-1"]) is None  # only the sub-code can tell
    assert status_in("D-2-2", ["D-2", "D-4-1"]) is True
    assert status_in(None, ["D-2"]) is None


def test_every_korean_proof_the_rule_defines_counts() -> None:
    from catalogue.eligibility import KoreanProof, part_time_hours
    from catalogue.loader import read_catalogue

    rule = read_catalogue().rules["part_time_hours"]
    assert part_time_hours(rule, "bachelor_1_2", proof=KoreanProof(sejong="intermediate_1")).weekday_hours == 25
    assert part_time_hours(rule, "bachelor_3_4", proof=KoreanProof(sejong="intermediate_1")).weekday_hours == 10
    assert part_time_hours(rule, "bachelor_1_2", proof=KoreanProof(kiip_pretest=61)).korean_level_met
    assert not part_time_hours(rule, "bachelor_1_2", proof=KoreanProof(kiip_pretest=60)).korean_level_met
    assert part_time_hours(rule, "graduate", proof=KoreanProof(english={"toefl_ibt": 80})).weekday_hours == 30
    # The English track is for degree students, not for the language course.
    assert not part_time_hours(rule, "language_course", proof=KoreanProof(english={"ielts": 7})).korean_level_met
