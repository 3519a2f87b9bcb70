"""send_report_reminders: e-mails before the deadline and when overdue, once a day, only to those
who still have to report."""

import datetime as dt
import io

from django.core import mail
from django.core.management import call_command

from accounts.models import User
from reporting import services
from reporting.models import Period, Reminder

from .conftest import at, typed_values


def _emails(world):
    for n in range(1, 9):
        User.objects.filter(username=f"thon{n}").update(email=f"thon{n}@example.vn")


def test_reminds_every_village_head_who_has_not_submitted_three_days_before(world, cal, user_named):
    _emails(world)
    v1, thon1 = world["villages"][0], user_named("thon1")
    sub = services.submission_save(
        period=cal["v6"], area=v1, user=thon1, values=typed_values(cal["v6"], v1), now=at(2022, 5, 1)
    )
    services.submission_submit(submission=sub, user=thon1, now=at(2022, 5, 1))
    call_command("send_report_reminders", "--on", "2022-05-02", "--days", "3", stdout=io.StringIO())
    recipients = sorted(r for m in mail.outbox for r in m.to)
    assert recipients == [f"thon{n}@example.vn" for n in range(2, 9)]
    assert "05/05/2022" in mail.outbox[0].subject and "Báo cáo 6 tháng của thôn 2022" in mail.outbox[0].subject
    # a second run the same day sends nothing
    call_command("send_report_reminders", "--on", "2022-05-02", "--days", "3", stdout=io.StringIO())
    assert len(mail.outbox) == 7


def test_no_reminder_on_other_days_and_overdue_reminders_after_the_deadline(world, cal):
    _emails(world)
    call_command("send_report_reminders", "--on", "2022-05-01", "--days", "3", stdout=io.StringIO())
    assert mail.outbox == []
    call_command("send_report_reminders", "--on", "2022-05-06", stdout=io.StringIO())
    assert len(mail.outbox) == 8 and "quá hạn" in mail.outbox[0].subject
    assert Reminder.objects.filter(kind="overdue", sent_on=dt.date(2022, 5, 6)).count() == 8
    mail.outbox.clear()
    call_command("send_report_reminders", "--on", "2022-05-07", stdout=io.StringIO())
    assert mail.outbox == []  # weekly while overdue
    call_command("send_report_reminders", "--on", "2022-05-13", stdout=io.StringIO())
    assert len(mail.outbox) == 8


def test_home_panel_lists_overdue_reports_with_working_links(world, cal, client_for):
    from django.urls import reverse
    from django.utils import timezone

    # The real date is long after 2022: the 2022 periods are history, not to-dos on top of the home page.
    body = client_for("thon1").get(reverse("home")).content.decode()
    assert "Báo cáo năm của thôn 2022" not in body
    # This year's annual report, its deadline passed yesterday: overdue, with a link to the form.
    today = timezone.localdate()
    vhxh = User.objects.get(username="vhxh")
    services.calendar_create_year(area=world["commune"], year=today.year, user=vhxh)
    va = Period.objects.get(area=world["commune"], year=today.year, report_type__code="village-annual")
    services.period_update(
        period=va, user=vhxh, opens_on=today - dt.timedelta(days=10), deadline=today - dt.timedelta(days=1)
    )
    body = client_for("thon1").get(reverse("home")).content.decode()
    assert "quá hạn" in body and f"Báo cáo năm của thôn {today.year}" in body
    assert reverse("reporting:report", args=[va.pk, world["villages"][0].pk]) in body


def test_reports_waiting_for_review_show_on_the_reviewers_home(world, cal, client_for, user_named):
    from django.urls import reverse

    v2, thon2 = world["villages"][1], user_named("thon2")
    sub = services.submission_save(
        period=cal["v6"], area=v2, user=thon2, values=typed_values(cal["v6"], v2), now=at(2022, 5, 1)
    )
    sub = services.submission_submit(submission=sub, user=thon2, now=at(2022, 5, 1))
    services.period_update(period=cal["v6"], user=user_named("vhxh"), closes_on=dt.date(2022, 6, 30))
    body = client_for("vhxh").get(reverse("home")).content.decode()
    assert reverse("reporting:submission", args=[sub.pk]) in body  # closed period, still to review
    assert (
        reverse("reporting:submission", args=[sub.pk]) not in client_for("huyen").get(reverse("home")).content.decode()
    )
