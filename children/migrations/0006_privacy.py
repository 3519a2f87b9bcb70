"""Legal basis, consent and the representative's requests; the purposes and their rules as data.

The rules below are the starting point an administrator edits (Administration → Purposes of
processing) when a decree changes them. ``confirmed`` stays unticked where the text was checked only
through secondary sources or the article is not yet known; ``note`` says what is still to confirm.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

PDP_LAW = "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15"
ART24 = (
    f"{PDP_LAW}, khoản 2 Điều 24: xử lý dữ liệu cá nhân của trẻ em nhằm công bố, tiết lộ thông tin về đời sống "
    "riêng tư, bí mật cá nhân của trẻ em từ đủ 07 tuổi trở lên phải có sự đồng ý của trẻ em và người đại diện "
    "theo pháp luật; Luật Trẻ em 2016, Điều 6 (hành vi bị nghiêm cấm)"
)
SECONDARY = (
    "Điều 24 Luật 91/2025/QH15 đối chiếu qua bài viết trích dẫn nguyên văn (plo.vn 29/12/2025; "
    "suckhoetreem.vn 27/07/2025), chưa đối chiếu Công báo; khoản của Điều 6 Luật Trẻ em cần xác nhận; "
    "chưa thấy Nghị định 356/2025/NĐ-CP quy định khác về độ tuổi này."
)
PURPOSES = [
    {
        "code": "registry",
        "name": "Quản lý sổ theo dõi trẻ em của xã",
        "description": "Lập và cập nhật thông tin trẻ em trên địa bàn: nhân thân, người chăm sóc, hoàn cảnh đặc biệt, "
        "sức khỏe, hộ tịch, hỗ trợ đã nhận.",
        "basis": "legal_duty",
        "citation": "Luật Trẻ em 2016 (trách nhiệm của Ủy ban nhân dân cấp xã) và Nghị định 56/2017/NĐ-CP; "
        f"{PDP_LAW}, khoản 1 Điều 19 (xử lý dữ liệu không cần sự đồng ý trong các trường hợp luật quy định)",
        "every_child": True,
        "child_consent_age": None,
        "child_consent_source": "",
        "note": "Cần xác nhận: điều, khoản của Luật Trẻ em giao Ủy ban nhân dân cấp xã quản lý thông tin trẻ em, "
        "và điểm cụ thể của khoản 1 Điều 19 Luật 91/2025/QH15 (chưa đối chiếu văn bản chính thức).",
        "order": 1,
    },
    {
        "code": "share_above",
        "name": "Chia sẻ với cấp trên (huyện, tỉnh) để báo cáo, thống kê",
        "description": "Báo cáo định kỳ, chỉ tiêu thống kê và danh sách gửi cấp trên theo quy định.",
        "basis": "legal_duty",
        "citation": f"Thông tư 13/2021/TT-BLĐTBXH (chỉ tiêu thống kê về trẻ em); {PDP_LAW}, khoản 1 Điều 19",
        "every_child": True,
        "child_consent_age": None,
        "child_consent_source": "",
        "note": "Cần xác nhận: điểm cụ thể của khoản 1 Điều 19 Luật 91/2025/QH15; việc gửi danh sách có tên "
        "(không chỉ số liệu) lên cấp trên.",
        "order": 2,
    },
    {
        "code": "event_photos",
        "name": "Chụp ảnh trẻ em tại sự kiện, hoạt động",
        "description": "Ảnh chụp trẻ em tại Tháng hành động, ngày 1/6, Tết Trung thu và các hoạt động khác.",
        "basis": "consent",
        "citation": "Luật Trẻ em 2016, Điều 6; Nghị định 56/2017/NĐ-CP, Điều 33 (hình ảnh cá nhân là thông tin "
        f"bí mật đời sống riêng tư của trẻ em); {PDP_LAW}, Điều 24",
        "every_child": False,
        "child_consent_age": 7,
        "child_consent_source": ART24,
        "note": SECONDARY,
        "order": 3,
    },
    {
        "code": "forum",
        "name": "Tham gia Diễn đàn trẻ em",
        "description": "Danh sách, ý kiến và hình ảnh của trẻ em tham gia Diễn đàn trẻ em các cấp.",
        "basis": "consent",
        "citation": "Thông tư 29/2019/TT-BLĐTBXH (Diễn đàn trẻ em: có sự đồng ý bằng văn bản của cha, mẹ hoặc "
        f"người chăm sóc trẻ em); {PDP_LAW}, Điều 24",
        "every_child": False,
        "child_consent_age": 7,
        "child_consent_source": ART24,
        "note": SECONDARY + " Điều, khoản của Thông tư 29/2019 về sự đồng ý cần xác nhận.",
        "order": 4,
    },
]


def load(apps, schema_editor):
    Purpose = apps.get_model("children", "Purpose")
    for row in PURPOSES:
        Purpose.objects.update_or_create(code=row["code"], defaults={**row, "confirmed": False})


def unload(apps, schema_editor):
    apps.get_model("children", "Purpose").objects.filter(code__in=[row["code"] for row in PURPOSES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("children", "0005_import_batch"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Purpose",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(max_length=30, unique=True, verbose_name="code")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("description", models.TextField(blank=True, verbose_name="what it covers")),
                (
                    "basis",
                    models.CharField(
                        choices=[
                            ("legal_duty", "a legal duty of the commune"),
                            ("consent", "consent of the legal representative"),
                        ],
                        max_length=12,
                        verbose_name="default legal basis",
                    ),
                ),
                ("citation", models.CharField(max_length=500, verbose_name="legal source")),
                (
                    "every_child",
                    models.BooleanField(
                        default=False,
                        help_text="Unticked: the purpose applies only to the children it is used for (a photograph, a forum).",
                        verbose_name="applies to every child of the registry",
                    ),
                ),
                (
                    "child_consent_age",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Where consent is the basis, from this age the child must agree too. Empty: not needed.",
                        null=True,
                        verbose_name="child's own agreement needed from age",
                    ),
                ),
                (
                    "child_consent_source",
                    models.CharField(blank=True, max_length=500, verbose_name="source of that age"),
                ),
                (
                    "confirmed",
                    models.BooleanField(
                        default=False,
                        help_text="Ticked once checked against the official text.",
                        verbose_name="sources confirmed",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="what is still to confirm")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
            ],
            options={
                "verbose_name": "purpose of processing",
                "verbose_name_plural": "purposes of processing",
                "ordering": ["order", "code"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalPurpose",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("code", models.SlugField(max_length=30, verbose_name="code")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("description", models.TextField(blank=True, verbose_name="what it covers")),
                (
                    "basis",
                    models.CharField(
                        choices=[
                            ("legal_duty", "a legal duty of the commune"),
                            ("consent", "consent of the legal representative"),
                        ],
                        max_length=12,
                        verbose_name="default legal basis",
                    ),
                ),
                ("citation", models.CharField(max_length=500, verbose_name="legal source")),
                (
                    "every_child",
                    models.BooleanField(
                        default=False,
                        help_text="Unticked: the purpose applies only to the children it is used for (a photograph, a forum).",
                        verbose_name="applies to every child of the registry",
                    ),
                ),
                (
                    "child_consent_age",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Where consent is the basis, from this age the child must agree too. Empty: not needed.",
                        null=True,
                        verbose_name="child's own agreement needed from age",
                    ),
                ),
                (
                    "child_consent_source",
                    models.CharField(blank=True, max_length=500, verbose_name="source of that age"),
                ),
                (
                    "confirmed",
                    models.BooleanField(
                        default=False,
                        help_text="Ticked once checked against the official text.",
                        verbose_name="sources confirmed",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="what is still to confirm")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical purpose of processing",
                "verbose_name_plural": "historical purposes of processing",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRightsRequest",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("correction", "correction of data"), ("deletion", "deletion of data")],
                        max_length=12,
                        verbose_name="request",
                    ),
                ),
                ("requested_by", models.CharField(max_length=120, verbose_name="requested by")),
                (
                    "relation",
                    models.CharField(
                        choices=[
                            ("father", "father"),
                            ("mother", "mother"),
                            ("grandparent", "grandparent"),
                            ("sibling", "sibling"),
                            ("relative", "other relative"),
                            ("carer", "carer or guardian"),
                            ("other", "other"),
                        ],
                        max_length=12,
                        verbose_name="relation to the child",
                    ),
                ),
                ("received_on", models.DateField(verbose_name="received on")),
                ("details", models.TextField(verbose_name="what is asked")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("received", "received, to be decided"),
                            ("accepted", "accepted, to be carried out"),
                            ("refused", "refused"),
                            ("done", "done"),
                        ],
                        default="received",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("decided_on", models.DateField(blank=True, null=True, verbose_name="decided on")),
                ("reason", models.TextField(blank=True, verbose_name="reason for the decision")),
                ("done_on", models.DateField(blank=True, null=True, verbose_name="done on")),
                ("outcome", models.TextField(blank=True, verbose_name="what was done")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "child",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="children.child",
                        verbose_name="child",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
                    ),
                ),
                (
                    "done_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="done by",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "received_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="received by",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical request of the legal representative",
                "verbose_name_plural": "historical requests of legal representatives",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalConsent",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("given_by", models.CharField(max_length=120, verbose_name="given by")),
                (
                    "relation",
                    models.CharField(
                        choices=[
                            ("father", "father"),
                            ("mother", "mother"),
                            ("grandparent", "grandparent"),
                            ("sibling", "sibling"),
                            ("relative", "other relative"),
                            ("carer", "carer or guardian"),
                            ("other", "other"),
                        ],
                        max_length=12,
                        verbose_name="relation to the child",
                    ),
                ),
                ("given_on", models.DateField(verbose_name="consent given on")),
                ("child_agreed", models.BooleanField(default=False, verbose_name="the child also agreed")),
                (
                    "document",
                    models.CharField(
                        blank=True,
                        help_text="Its number, or where the signed paper is kept.",
                        max_length=150,
                        verbose_name="written form",
                    ),
                ),
                ("withdrawn_on", models.DateField(blank=True, null=True, verbose_name="withdrawn on")),
                (
                    "withdrawal_note",
                    models.CharField(blank=True, max_length=300, verbose_name="withdrawal: by whom and how"),
                ),
                ("recorded_at", models.DateTimeField(blank=True, editable=False, verbose_name="recorded at")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "child",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="children.child",
                        verbose_name="child",
                    ),
                ),
                (
                    "guardian",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="children.guardian",
                        verbose_name="guardian",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
                (
                    "withdrawal_recorded_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="withdrawal recorded by",
                    ),
                ),
                (
                    "purpose",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="children.purpose",
                        verbose_name="purpose",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical consent",
                "verbose_name_plural": "historical consents",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalChildBasis",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "basis",
                    models.CharField(
                        choices=[
                            ("legal_duty", "a legal duty of the commune"),
                            ("consent", "consent of the legal representative"),
                        ],
                        max_length=12,
                        verbose_name="legal basis",
                    ),
                ),
                (
                    "citation",
                    models.CharField(
                        blank=True,
                        help_text="Required for a legal duty: the law and article.",
                        max_length=500,
                        verbose_name="legal source",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                ("recorded_at", models.DateTimeField(blank=True, editable=False, verbose_name="recorded at")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "child",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="children.child",
                        verbose_name="child",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
                (
                    "purpose",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="children.purpose",
                        verbose_name="purpose",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical legal basis for a child",
                "verbose_name_plural": "historical legal bases for children",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="RightsRequest",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("correction", "correction of data"), ("deletion", "deletion of data")],
                        max_length=12,
                        verbose_name="request",
                    ),
                ),
                ("requested_by", models.CharField(max_length=120, verbose_name="requested by")),
                (
                    "relation",
                    models.CharField(
                        choices=[
                            ("father", "father"),
                            ("mother", "mother"),
                            ("grandparent", "grandparent"),
                            ("sibling", "sibling"),
                            ("relative", "other relative"),
                            ("carer", "carer or guardian"),
                            ("other", "other"),
                        ],
                        max_length=12,
                        verbose_name="relation to the child",
                    ),
                ),
                ("received_on", models.DateField(verbose_name="received on")),
                ("details", models.TextField(verbose_name="what is asked")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("received", "received, to be decided"),
                            ("accepted", "accepted, to be carried out"),
                            ("refused", "refused"),
                            ("done", "done"),
                        ],
                        default="received",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("decided_on", models.DateField(blank=True, null=True, verbose_name="decided on")),
                ("reason", models.TextField(blank=True, verbose_name="reason for the decision")),
                ("done_on", models.DateField(blank=True, null=True, verbose_name="done on")),
                ("outcome", models.TextField(blank=True, verbose_name="what was done")),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="rights_requests",
                        to="children.child",
                        verbose_name="child",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
                    ),
                ),
                (
                    "done_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="done by",
                    ),
                ),
                (
                    "received_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="received by",
                    ),
                ),
            ],
            options={
                "verbose_name": "request of the legal representative",
                "verbose_name_plural": "requests of legal representatives",
                "ordering": ["-received_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Consent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("given_by", models.CharField(max_length=120, verbose_name="given by")),
                (
                    "relation",
                    models.CharField(
                        choices=[
                            ("father", "father"),
                            ("mother", "mother"),
                            ("grandparent", "grandparent"),
                            ("sibling", "sibling"),
                            ("relative", "other relative"),
                            ("carer", "carer or guardian"),
                            ("other", "other"),
                        ],
                        max_length=12,
                        verbose_name="relation to the child",
                    ),
                ),
                ("given_on", models.DateField(verbose_name="consent given on")),
                ("child_agreed", models.BooleanField(default=False, verbose_name="the child also agreed")),
                (
                    "document",
                    models.CharField(
                        blank=True,
                        help_text="Its number, or where the signed paper is kept.",
                        max_length=150,
                        verbose_name="written form",
                    ),
                ),
                ("withdrawn_on", models.DateField(blank=True, null=True, verbose_name="withdrawn on")),
                (
                    "withdrawal_note",
                    models.CharField(blank=True, max_length=300, verbose_name="withdrawal: by whom and how"),
                ),
                ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded at")),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consents",
                        to="children.child",
                        verbose_name="child",
                    ),
                ),
                (
                    "guardian",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="children.guardian",
                        verbose_name="guardian",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
                (
                    "withdrawal_recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="withdrawal recorded by",
                    ),
                ),
                (
                    "purpose",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="children.purpose",
                        verbose_name="purpose",
                    ),
                ),
            ],
            options={
                "verbose_name": "consent",
                "verbose_name_plural": "consents",
                "ordering": ["purpose__order", "-given_on", "-pk"],
                "indexes": [models.Index(fields=["child", "purpose", "given_on"], name="consent_child_purpose")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("withdrawn_on__isnull", True), ("withdrawn_on__gte", models.F("given_on")), _connector="OR"
                        ),
                        name="consent_withdrawn_after_given",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ChildBasis",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "basis",
                    models.CharField(
                        choices=[
                            ("legal_duty", "a legal duty of the commune"),
                            ("consent", "consent of the legal representative"),
                        ],
                        max_length=12,
                        verbose_name="legal basis",
                    ),
                ),
                (
                    "citation",
                    models.CharField(
                        blank=True,
                        help_text="Required for a legal duty: the law and article.",
                        max_length=500,
                        verbose_name="legal source",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded at")),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="processing_bases",
                        to="children.child",
                        verbose_name="child",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recorded by",
                    ),
                ),
                (
                    "purpose",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="children.purpose",
                        verbose_name="purpose",
                    ),
                ),
            ],
            options={
                "verbose_name": "legal basis for a child",
                "verbose_name_plural": "legal bases for children",
                "constraints": [
                    models.UniqueConstraint(fields=("child", "purpose"), name="child_basis_once_per_purpose")
                ],
            },
        ),
        migrations.RunPython(load, unload),
    ]
