"""The plan as an official document (KẾ HOẠCH, Decree 30/2020/NĐ-CP): sections I–V as the commune
issued them, with the funding (IV), who does what and the reporting regime (V, V.10), the
recipients and the signature. Values that are the commune's own entry rather than the issued plan's
(``own_fields``: a due date, a budget, the plan's date…) are printed with a marker and a note."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from accounts.letterhead import letterhead
from accounts.models import Unit
from core.downloads import document_name
from core.pdf import render_pdf

from .models import Assignment, Plan

K = Unit.Kind
# Section V: the heading of each kind of unit, in the order the plan lists them (the seed's words).
UNIT_HEADINGS = {
    K.CULTURE_SOCIAL: "Công chức Văn hóa – Xã hội",
    K.SCHOOL: "Các đơn vị trường học",
    K.JUSTICE: "Công chức Tư pháp",
    K.ACCOUNTING: "Công chức Kế toán – Tài chính",
    K.HEALTH_STATION: "Trạm Y tế xã",
    K.POLICE: "Công an xã",
    K.YOUTH_UNION: "Đề nghị Đoàn xã",
    K.FATHERLAND_FRONT: "Đề nghị Ủy ban Mặt trận tổ quốc Việt Nam xã và các đoàn thể:",
    K.VILLAGE: "Các thôn bản",
}
OWN_MARK = "(*)"


@dataclass
class Task:
    text: str
    assignments: list[Assignment]

    @property
    def first(self) -> Assignment:
        return self.assignments[0]


@dataclass
class UnitSection:
    heading: str
    tasks: list[Task] = field(default_factory=list)


def target_lines(plan: Plan) -> list[str]:
    """Section II as printed: a target that ``continues_previous`` shares its line with the one before."""
    lines: list[str] = []
    for target in plan.targets.order_by("order", "pk"):
        if target.continues_previous and lines:
            lines[-1] = f"{lines[-1]} {target.title}"
        else:
            lines.append(target.title)
    return lines


def unit_sections(plan: Plan) -> list[UnitSection]:
    """Section V.1–9: the tasks of each kind of unit, in the plan's order; a task given alike to
    several units of a kind (every village) is printed once."""
    assignments = Assignment.objects.filter(activity__plan=plan).select_related("unit").order_by("pk")
    by_kind: dict[str, dict[str, Task]] = {}
    for a in assignments:
        tasks = by_kind.setdefault(a.unit.kind, {})
        tasks.setdefault(a.task, Task(a.task, [])).assignments.append(a)
    order = [*UNIT_HEADINGS, *(kind for kind, _label in K.choices if kind not in UNIT_HEADINGS)]
    labels = dict(K.choices)
    return [
        UnitSection(UNIT_HEADINGS.get(kind, str(labels[kind])), list(by_kind[kind].values()))
        for kind in order
        if kind in by_kind
    ]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def plan_context(plan: Plan, *, made_by) -> dict:
    issued = plan.issued_on or (timezone.localdate(plan.approved_at) if plan.approved_at else timezone.localdate())
    head = letterhead(
        issuer=plan.commune,
        on=issued,
        kind="plan",
        number=plan.number,
        suffix="KH-UBND",
        **({"signer_name": plan.signer_name} if plan.signer_name else {}),
    )
    sections = unit_sections(plan)
    subject = plan.title
    if subject.lower().startswith("kế hoạch "):
        subject = subject[len("kế hoạch ") :]
    return {
        **head,
        "date_marker": f" {OWN_MARK}" if plan.is_own("issued_on") else "",
        "plan": plan,
        "subject": subject[:1].upper() + subject[1:],
        "purpose": _lines(plan.purpose),
        "requirements": _lines(plan.requirements),
        "targets": target_lines(plan),
        "activities": [
            {
                "number": a.number,
                "title": a.title,
                "paragraphs": _lines(a.description),
                # an activity the plan states as one paragraph: its title is the paragraph's start
                "inline": bool(a.description) and a.description.startswith(a.title),
            }
            for a in plan.activities.order_by("number")
        ],
        "funding": _lines(plan.funding),
        "units": sections,
        "reporting_number": len(sections) + 1,
        "reporting": _lines(plan.reporting),
        "own_mark": OWN_MARK,
        "has_own": plan.is_own("issued_on")
        or any(a.own_fields for s in sections for t in s.tasks for a in t.assignments),
        "draft": not plan.is_approved,
        "made_by": str(made_by),
        "made_at": timezone.localtime(),
    }


def plan_pdf(plan: Plan, *, made_by) -> bytes:
    return render_pdf("programs/pdf/plan.html", plan_context(plan, made_by=made_by))


def plan_filename(plan: Plan) -> str:
    """ke-hoach-bao-ve-cham-soc-tre-em-2022-y-tich.pdf"""
    return document_name("Kế hoạch bảo vệ chăm sóc trẻ em", plan.year, plan.commune.name, ext="pdf")
