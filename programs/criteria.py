"""The 13 criteria of a child-friendly commune (Decision 06/QĐ-TTg of 03/01/2019, Art. 3) with
their maximum points. Criteria 6 (125) and 7 (50) follow DESIGN.md; the other maxima are our reading
of the Decision's annex so that the total is 1,000 points, and each assessment stores its own
maximum per criterion so a commune can correct them.
"""

from django.utils.translation import gettext_lazy as _

CRITERIA: list[tuple[int, str, int]] = [
    (1, _("Resources for carrying out children's rights"), 100),
    (2, _("Birth registration of children"), 50),
    (3, _("Children abused or at risk of abuse"), 100),
    (4, _("Children in conflict with the law or addicted to drugs"), 50),
    (5, _("Accidents and injuries among children"), 100),
    (6, _("Special-circumstance children supported"), 125),
    (7, _("Full immunisation of children under 1"), 50),
    (8, _("Malnutrition of children under 5"), 75),
    (9, _("Periodic health checks of children"), 50),
    (10, _("Preschool and school attendance"), 100),
    (11, _("Children's participation"), 75),
    (12, _("Play, culture and sport for children"), 75),
    (13, _("Satisfaction of children and residents"), 50),
]
CRITERION_NAMES = {number: name for number, name, _max in CRITERIA}
TOTAL_MAX = sum(m for _n, _name, m in CRITERIA)
