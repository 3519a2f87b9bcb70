"""How the rules on legal basis and consent apply to one child: pure functions, no queries.

For a purpose and a child, the basis is the one the officer recorded for the child (``ChildBasis``)
or else the purpose's default. Where the basis is consent, what counts on a day is a consent in force
that day (given on or before it, not yet withdrawn), and, when the child has reached the rule's age,
one the child agreed to as well.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import Child, age_on
from .models import Basis, ChildBasis, Consent, Purpose


@dataclass(frozen=True)
class PurposeStatus:
    """Where one child stands for one purpose on a day."""

    purpose: Purpose
    basis: str
    citation: str
    applies: bool  # the purpose applies to this child (every child, or recorded for this one)
    state: str  # "legal_duty", "valid", "child_must_agree", "withdrawn", "missing"
    consent: Consent | None  # the consent in force, or the latest one
    override: ChildBasis | None

    @property
    def lacks_basis(self) -> bool:
        return self.state in {"child_must_agree", "withdrawn", "missing"}

    @property
    def missing_required(self) -> bool:
        """Consent is the basis, the purpose applies to the child, and no consent counts."""
        return self.applies and self.lacks_basis


def purpose_status(
    purpose: Purpose, *, child: Child, consents: list[Consent], override: ChildBasis | None, on: date
) -> PurposeStatus:
    """The basis and the consent state of ``child`` for ``purpose`` on ``on`` (``consents``: the child's
    consents for this purpose, any order)."""
    basis = override.basis if override else purpose.basis
    citation = (override.citation if override and override.citation else "") or purpose.citation
    applies = purpose.every_child or override is not None
    latest = max(consents, key=lambda c: (c.given_on, c.pk), default=None)
    if basis == Basis.LEGAL_DUTY:
        return PurposeStatus(purpose, basis, citation, applies, "legal_duty", latest, override)
    in_force = [c for c in consents if c.in_force_on(on)]
    age = age_on(child.date_of_birth, on)
    agreed = [c for c in in_force if c.child_agreed or not purpose.child_must_agree(age)]
    if agreed:
        state, shown = "valid", max(agreed, key=lambda c: (c.given_on, c.pk))
    elif in_force:
        state, shown = "child_must_agree", max(in_force, key=lambda c: (c.given_on, c.pk))
    elif latest is not None and latest.withdrawn_on is not None and latest.withdrawn_on <= on:
        state, shown = "withdrawn", latest
    else:
        state, shown = "missing", None
    return PurposeStatus(purpose, basis, citation, applies, state, shown, override)


def refusal(status: PurposeStatus, child: Child, on: date) -> str:
    """Why ``child`` may not be used for the purpose (a sentence naming the child), for an error message."""
    names = {"name": child.full_name, "purpose": status.purpose.name}
    if status.state == "withdrawn":
        return _("%(name)s: the consent for “%(purpose)s” was withdrawn on %(day)s.") % {
            **names,
            "day": date_format(status.consent.withdrawn_on, "SHORT_DATE_FORMAT"),
        }
    if status.state == "child_must_agree":
        return _(
            "%(name)s is %(age)s: from the age of %(min)s the child must also agree to “%(purpose)s”, "
            "and that is not recorded."
        ) % {**names, "age": age_on(child.date_of_birth, on), "min": status.purpose.child_consent_age}
    return _("%(name)s: no consent of the legal representative for “%(purpose)s” is recorded.") % names
