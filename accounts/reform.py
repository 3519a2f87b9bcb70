"""The area tree changes by date (the 2025 reform): communes merge into a new commune, a village
passes to another commune. The past is never rewritten: the old commune and its villages are closed
the day before (``valid_to``) and the villages are **re-created** under the receiving commune from the
day itself, with new codes. Records dated before stay on the old areas (and so in every past figure);
what is still open moves, each app moving its own (``reporting.reform`` runs the steps in one
transaction and records them in ``Reorganisation``).

This module holds the accounts step: the areas, the units and the memberships.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from .audit import acting_as
from .models import Area, Membership, Reorganisation, Unit


@dataclass
class Move:
    """What a merger (or a village moving alone) does; filled in by each app's step."""

    sources: list[Area]  # communes whose villages move
    target: Area  # the receiving commune (unsaved until the run when it is new)
    on_date: date
    villages: list[Area]  # the old villages that move
    village_map: dict[int, Area] = field(default_factory=dict)  # old village pk → its new village
    close_sources: bool = True  # False when villages move alone
    user: object = None
    dry_run: bool = True
    lines: list[str] = field(default_factory=list)
    unit_map: dict | None = None  # old unit pk → the receiving commune's unit (set by the run)
    record: object = None  # the Reorganisation written by the run

    @property
    def day_before(self) -> date:
        return self.on_date - timedelta(days=1)

    @property
    def old_area_ids(self) -> list[int]:
        return [a.pk for a in self.sources] + [v.pk for v in self.villages]

    def new_area_for(self, old: Area | None) -> Area | None:
        """The area that continues ``old`` from the day on (a village's new village, else the target)."""
        if old is None:
            return None
        if old.kind == Area.Kind.VILLAGE:
            return self.village_map.get(old.pk)
        return self.target

    def say(self, line: str) -> None:
        self.lines.append(line)


def new_village_code(village: Area, target: Area) -> str:
    return f"{target.code}-{village.code}"[:20]


def predecessors(commune: Area) -> list[Area]:
    """The communes merged into ``commune`` (newest change first), for what a new commune carries on
    from them, such as last year's plan."""
    codes = []
    for change in Reorganisation.objects.filter(target=commune):
        codes += [c for c in change.sources if c not in codes]
    found = {a.code: a for a in Area.objects.filter(code__in=codes)}
    return [found[c] for c in codes if c in found]


def unit_in(unit: Unit, commune: Area) -> Unit | None:
    """The unit of ``commune`` that took over ``unit`` of a merged commune: the same village's unit,
    or the unit of the same kind; None when the commune has none."""
    if unit.commune_id == commune.pk:
        return unit
    units = Unit.objects.filter(commune=commune)
    if unit.kind == Unit.Kind.VILLAGE and unit.village_id:
        return units.filter(village__code=new_village_code(unit.village, commune)).first()
    return units.filter(kind=unit.kind).order_by("pk").first()


def plan_move(
    *,
    sources: list[Area],
    target: Area | None = None,
    target_code: str = "",
    target_name: str = "",
    parent: Area | None = None,
    on_date: date,
    villages: list[Area] | None = None,
    user=None,
    dry_run: bool = True,
) -> Move:
    """Check a merger (``villages=None``: every village of the sources moves and the sources close)
    or a move of some villages, and describe the new areas. Nothing is written."""
    fmt = on_date.strftime("%d/%m/%Y")
    if not sources and not villages:
        raise ValidationError(_("Choose the communes to merge or the villages to move."))
    for commune in sources:
        if commune.kind != Area.Kind.COMMUNE:
            raise ValidationError(_("%(name)s is not a commune.") % {"name": commune.name})
        if not commune.is_valid_on(on_date - timedelta(days=1)):
            raise ValidationError(_("%(name)s does not exist on %(date)s.") % {"name": commune.name, "date": fmt})
    if target is None:
        target = Area.objects.filter(code=target_code).first() if target_code else None
    if target is None:
        if not target_code or not target_name:
            raise ValidationError(_("Give the code and the name of the new commune."))
        if parent is None or parent.kind not in (Area.Kind.PROVINCE, Area.Kind.DISTRICT):
            raise ValidationError(_("Choose the province the new commune belongs to."))
        target = Area(code=target_code, name=target_name, kind=Area.Kind.COMMUNE, parent=parent, valid_from=on_date)
        target.full_clean()
    elif target.kind != Area.Kind.COMMUNE or not target.is_valid_on(on_date):
        raise ValidationError(_("%(name)s is not a commune existing on %(date)s.") % {"name": target.name, "date": fmt})
    if any(s.pk == target.pk for s in sources if target.pk):
        raise ValidationError(_("A commune cannot be merged into itself."))
    close_sources = villages is None
    if villages is None:
        villages = list(
            Area.objects.filter(parent__in=sources, kind=Area.Kind.VILLAGE)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on_date))
            .order_by("path")
        )
    else:
        for village in villages:
            if village.kind != Area.Kind.VILLAGE or not village.is_valid_on(on_date):
                raise ValidationError(
                    _("%(name)s is not a village existing on %(date)s.") % {"name": village.name, "date": fmt}
                )
        sources = sorted({v.parent for v in villages}, key=lambda a: a.path)
    move = Move(
        sources=list(sources), target=target, on_date=on_date, villages=villages, close_sources=close_sources,
        user=user, dry_run=dry_run,
    )  # fmt: skip
    for village in villages:
        code = new_village_code(village, target)
        if Area.objects.filter(code=code).exists():
            raise ValidationError(_("The code %(code)s is already used.") % {"code": code})
        move.village_map[village.pk] = Area(
            code=code, name=village.name, kind=Area.Kind.VILLAGE, valid_from=on_date, terrain=village.terrain
        )
    return move


def _save(obj, user):
    acting_as(obj, user).save()
    return obj


def move_areas(move: Move) -> None:
    """The accounts step: the new commune and villages, the closed old ones, units and memberships."""
    before = move.day_before.strftime("%d/%m/%Y")
    on = move.on_date.strftime("%d/%m/%Y")
    if move.target.pk is None:
        move.say(_("New commune %(name)s (%(code)s) under %(parent)s from %(date)s.")
                 % {"name": move.target.name, "code": move.target.code, "parent": move.target.parent.name, "date": on})  # fmt: skip
    for village in move.villages:
        new = move.village_map[village.pk]
        move.say(_("Village %(name)s (%(old)s) closes on %(before)s and continues as %(new)s in %(target)s.")
                 % {"name": village.name, "old": village.code, "before": before, "new": new.code, "target": move.target.name})  # fmt: skip
    if move.close_sources:
        for commune in move.sources:
            move.say(_("Commune %(name)s closes on %(date)s.") % {"name": commune.name, "date": before})
    moving = _memberships_moving(move)
    for m in moving:
        move.say(_("%(user)s: %(role)s of %(old)s until %(before)s, of %(new)s from %(date)s.")
                 % {"user": m.user, "role": m.get_role_display(), "old": m.area.name, "before": before,
                    "new": (move.target if m.area.kind == Area.Kind.COMMUNE else move.village_map[m.area.pk]).name,
                    "date": on})  # fmt: skip
    if move.dry_run:
        return
    user = move.user
    if move.target.pk is None:
        _save(move.target, user)
    for village in move.villages:
        new = move.village_map[village.pk]
        new.parent = move.target
        new.full_clean()
        _save(new, user)
        village.valid_to = move.day_before
        _save(village, user)
    if move.close_sources:
        for commune in move.sources:
            commune.valid_to = move.day_before
            _save(commune, user)
    unit_map = _units(move)
    for m in moving:
        new_area = move.target if m.area.kind == Area.Kind.COMMUNE else move.village_map[m.area.pk]
        new_unit = unit_map.get(m.unit_id) if m.unit_id else None
        m.valid_to = move.day_before
        _save(m, user)
        if not Membership.objects.filter(user=m.user, role=m.role, area=new_area, unit=new_unit).exists():
            new = Membership(user=m.user, role=m.role, area=new_area, unit=new_unit, valid_from=move.on_date)
            new.full_clean()
            _save(new, user)
    move.unit_map = unit_map


def _memberships_moving(move: Move) -> list[Membership]:
    areas = [v.pk for v in move.villages] + ([s.pk for s in move.sources] if move.close_sources else [])
    return list(
        Membership.objects.filter(area__in=areas, is_active=True)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=move.on_date))
        .select_related("user", "area", "unit")
        .order_by("area__path", "user__username")
    )


def _units(move: Move) -> dict[int, Unit]:
    """Old unit pk → the receiving commune's unit of the same kind (created when missing)."""
    mapping = {}
    for unit in Unit.objects.filter(commune__in=move.sources).select_related("village"):
        if unit.kind == Unit.Kind.VILLAGE:
            if unit.village_id not in move.village_map:
                continue
            new_village = move.village_map[unit.village_id]
            new = Unit.objects.filter(commune=move.target, village=new_village).first() or _save(
                Unit(commune=move.target, kind=unit.kind, village=new_village, name=new_village.name), move.user
            )
        else:
            if not move.close_sources:
                continue
            new = Unit.objects.filter(commune=move.target, kind=unit.kind).order_by("pk").first()
            if new is None:
                name = unit.name.replace(unit.commune.name, move.target.name)
                if Unit.objects.filter(commune=move.target, name=name).exists():
                    name = f"{name} ({unit.commune.name})"
                new = _save(Unit(commune=move.target, kind=unit.kind, name=name), move.user)
        mapping[unit.pk] = new
    return mapping
