"""The import pages: upload → preview of every row and every problem → confirm, all-or-nothing."""

from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from children.models import Child

from .conftest import child_row, xlsx


def upload(client, data: bytes, name: str = "ds.xlsx"):
    return client.post(reverse("children:import"), {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize(
    ("username", "status"), [("vhxh", 200), ("thon1", 200), ("huyen", 403), ("ketoan", 403), ("truong", 403)]
)
def test_only_registry_editors_may_open_the_import_page(client_for, username, status):
    assert client_for(username).get(reverse("children:import")).status_code == status
    assert client_for(username).get(reverse("children:import_template")).status_code == status


def test_import_page_lists_the_villages_the_user_may_import_into(client_for):
    body = client_for("thon1").get(reverse("children:import")).content.decode()
    assert "Thôn 1" in body and "Thôn 2" not in body


def test_mixed_file_preview_shows_every_bad_row_and_nothing_is_saved(client_for):
    rows = [
        child_row(full_name="Đúng Một"),
        child_row(full_name="Sai Ngày", date_of_birth="31/02/2018"),
        child_row(full_name="Sai Thôn", village="Thôn 2"),
        child_row(full_name="Đúng Hai"),
    ]
    response = upload(client_for("thon1"), xlsx(rows))
    assert response.status_code == 200
    errors = response.context["row_issues"]
    assert [(i.row, i.column) for i in errors] == [(3, "Ngày sinh"), (4, "Thôn")]
    body = response.content.decode()
    assert 'id="import-errors"' in body
    assert "Đúng Một" in body and "Đúng Hai" in body  # good rows are listed too
    assert 'name="token"' not in body  # nothing to confirm
    assert Child.objects.count() == 0


def test_good_file_previews_then_imports_on_confirmation(client_for, user_named):
    client = client_for("thon1")
    rows = [child_row(full_name=f"Trẻ Số {n}", date_of_birth=f"1{n}/02/2017") for n in range(5)]
    preview = upload(client, xlsx(rows))
    assert preview.status_code == 200
    assert preview.context["created"] == 5 and not preview.context["plan"].issues
    assert Child.objects.count() == 0  # the preview saves nothing
    token = preview.context["token"]
    response = client.post(reverse("children:import_apply"), {"token": token})
    assert response.status_code == 302
    assert Child.objects.filter(village__name="Thôn 1", created_by=user_named("thon1")).count() == 5
    # the same token cannot be applied twice
    again = client.post(reverse("children:import_apply"), {"token": token})
    assert again.status_code == 302
    assert Child.objects.count() == 5


def test_another_users_token_is_refused(client_for):
    preview = upload(client_for("vhxh"), xlsx([child_row()]))
    token = preview.context["token"]
    response = client_for("thon1").post(reverse("children:import_apply"), {"token": token})
    assert response.status_code == 302
    assert Child.objects.count() == 0


def test_a_file_that_is_not_xlsx_is_refused_with_a_message(client_for):
    response = upload(client_for("vhxh"), b"Ho ten,Ngay sinh\nAn,14/03/2018\n", name="ds.csv")
    assert response.status_code == 200
    assert response.context["file_issues"]
    assert response.context["token"] is None


def test_too_large_a_file_is_refused_by_the_form(client_for):
    response = upload(client_for("vhxh"), b"PK\x03\x04" + b"0" * (5 * 1024 * 1024 + 1))
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Child.objects.count() == 0


def test_template_download_is_an_xlsx_with_the_users_villages(client_for):
    response = client_for("thon1").get(reverse("children:import_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(BytesIO(response.content))
    assert book.sheetnames[0] == "Danh sách trẻ em"
    lists = book["Danh mục"]
    all_values = {c.value for row in lists.iter_rows() for c in row if c.value}
    assert "Thôn 1" in all_values and "Thôn 2" not in all_values


def test_after_an_import_the_registry_lists_exactly_the_children_just_added(world, client_for):
    from tests.factories import make_child

    client = client_for("thon1")
    earlier = make_child(village=world["villages"][0], full_name="Lộc Văn Cũ")
    rows = [child_row(full_name=f"Trẻ Mới {n}", date_of_birth=f"1{n}.02.2017") for n in range(3)]
    token = upload(client, xlsx(rows)).context["token"]
    response = client.post(reverse("children:import_apply"), {"token": token})
    added = Child.objects.filter(import_batch__isnull=False)
    assert added.count() == 3 and added.first().import_batch.created == 3
    batch = added.first().import_batch
    assert response["Location"] == f"{reverse('children:list')}?imported={batch.pk}&sort=-created"
    page = client.get(response["Location"])
    shown = [c.full_name for c in page.context["page"]]
    assert sorted(shown) == ["Trẻ Mới 0", "Trẻ Mới 1", "Trẻ Mới 2"] and earlier.full_name not in shown
    assert 'id="imported-filter"' in page.content.decode()
    assert client_for("thon2").get(response["Location"]).context["page"].paginator.count == 0  # still scoped


def test_the_error_table_names_the_child_of_each_row(client_for):
    rows = [child_row(full_name="Đúng Một"), child_row(full_name="Nông Thị Sai", date_of_birth="31/02/2018")]
    body = upload(client_for("thon1"), xlsx(rows)).content.decode()
    table = body.split('id="import-errors"')[1].split("</table>")[0]
    assert "<td>3</td><td>Nông Thị Sai</td><td>Ngày sinh</td>" in table
    assert "Ngày sinh: ngày 31/02/2018 không có trong lịch." in table
