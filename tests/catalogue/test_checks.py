"""The reviewer's office coverage line (python -m catalogue check)."""

from __future__ import annotations

from catalogue.checks import office_coverage
from catalogue.records import Catalogue, Office


def test_office_coverage_counts_what_a_user_can_be_sent_to_per_kind() -> None:
    offices = (
        Office("OFF-A", {"ko": "가", "en": "A"}, None, None, kind="immigration", areas=("안산시",), phone="1345"),
        Office("OFF-B", {"ko": "나", "en": "B"}, None, None, kind="immigration", address={"ko": "주소", "en": "addr"},
               phone="031-000-0000", hours="Mon-Fri 09:00-18:00"),
        Office("OFF-C", {"ko": "다", "en": "C"}, None, None, kind="job_center", areas=("김포시",)),
    )
    coverage = {c.kind: c for c in office_coverage(Catalogue(services=(), offices=offices))}
    immigration = coverage["immigration"]
    assert (immigration.offices, immigration.with_areas, immigration.with_address,
            immigration.with_own_phone, immigration.with_hours) == (2, 1, 1, 1, 1)  # 1345 is not an own phone
    assert (coverage["job_center"].offices, coverage["job_center"].with_areas) == (1, 1)
