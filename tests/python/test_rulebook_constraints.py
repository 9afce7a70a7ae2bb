"""Engine(overrides=...) enforces each parameter's declaration (issue 13): a
value outside it raises RulebookError naming parameter, values[i] and value,
before any decision can divide by zero or wrap a month."""
import pytest

import edurules


@pytest.mark.parametrize("overrides, message", [
    ({"pe.points.minutes_per_point": "0"},
     'parameters["pe.points.minutes_per_point"].values[0].value: 0 is below the minimum 1'),
    ({"leave.training.lesson_period_minutes": "0"}, "0 is below the minimum 1"),
    ({"leave.bev.certificate_period_months": "0"}, "0 is below the minimum 1"),
    ({"leave.vov.reference_month": "4294967297"}, "4294967297 is above the maximum 12"),
    ({"leave.vov.reference_month": "65537"}, "65537 is above the maximum 12"),
    ({"leave.rate.vov": ("-1", "2025-09-01")}, "-1.00 is below the minimum 0.00"),
    ({"leave.bev.rounding": "banker"}, '"banker" is not one of the allowed values'),
])
def test_override_outside_declaration_is_refused(overrides, message):
    with pytest.raises(edurules.RulebookError, match=None) as info:
        edurules.Engine(overrides=overrides)
    assert message in str(info.value)


def test_override_inside_declaration_is_accepted():
    edurules.Engine(overrides={"pe.points.minutes_per_point": "45", "leave.month_overflow": "clamp"})
