from datetime import timedelta

from django.utils import timezone, translation

from halqa.console import metrics


def test_a_busier_day_outside_the_window_does_not_scale_or_name_the_chart():
    today = timezone.localdate()
    counts = {today: 3, today - timedelta(days=metrics.DAYS): 9}  # the second is not drawn
    with translation.override("en"):
        chart = metrics.daily_chart(counts, today)
    assert (chart.top, chart.total) == (3, 3)
    assert chart.busiest is not None
    assert chart.busiest.day == today
    assert chart.columns[-1].height == metrics.HEIGHT - metrics.PAD  # the tallest drawn column


def test_columns_mirror_between_english_and_arabic():
    today = timezone.localdate()
    counts = {today - timedelta(days=n): n + 1 for n in range(metrics.DAYS)}
    with translation.override("en"):
        ltr = metrics.daily_chart(counts, today)
    with translation.override("ar"):
        rtl = metrics.daily_chart(counts, today)
    for a, b in zip(ltr.columns, rtl.columns, strict=True):
        assert a.day == b.day
        assert a.height == b.height
        assert round(a.x + b.x + a.width, 2) == metrics.WIDTH
