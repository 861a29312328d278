"""user_create and the createuser command."""

import pytest
from django.core.exceptions import ValidationError
from typer.testing import CliRunner

from netra.accounts.models import User
from netra.accounts.services import user_create
from netra.audit.models import Event
from netra.cli import app
from tests.accounts.helpers import PASSWORD, make_tree, national_office

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_user_create_hashes_password_and_records_an_event():
    office = national_office()
    user = user_create(
        username="ani",
        password=PASSWORD,
        office=office,
        role="pimpinan",
        email="ani@bawaslu.go.id",
        full_name="Ani Wulandari",
    )
    assert user.check_password(PASSWORD) and user.password != PASSWORD
    assert user.get_full_name() == "Ani Wulandari"
    assert Event.objects.filter(action="user.create", object_id=str(user.pk)).exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"password": "12345678"}, "password"),
        ({"password": "ani"}, "password"),
        ({"role": "raja"}, "role"),
        ({"username": " "}, "username"),
        ({"office": None}, "office"),
    ],
)
def test_user_create_rejects_bad_input(kwargs, field):
    values = {"username": "ani", "password": PASSWORD, "office": national_office(), "role": "pimpinan"}
    values.update(kwargs)
    with pytest.raises(ValidationError):
        user_create(**values)
    assert not User.objects.exists()


def test_usernames_are_unique_regardless_of_case():
    office = national_office()
    user_create(username="ani", password=PASSWORD, office=office, role="pimpinan")
    with pytest.raises(ValidationError):
        user_create(username="ANI", password=PASSWORD, office=office, role="pimpinan")


def test_createuser_for_a_regional_office_with_password_on_stdin():
    make_tree()
    result = runner.invoke(
        app,
        [
            "createuser",
            "budi",
            "--office-region",
            "21.01.01",
            "--role",
            "staf_penanganan",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    user = User.objects.get(username="budi")
    assert user.office.name == "Bawaslu Kabupaten Bintan" and user.check_password(PASSWORD)


def test_createuser_for_a_national_office():
    make_tree()
    result = runner.invoke(
        app,
        ["createuser", "citra", "--office-kind", "bkn", "--role", "analis", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert User.objects.get(username="citra").office.kind == "bkn"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--office-region", "99.99", "--role", "analis"], "no office"),
        (["--office-kind", "ppk", "--role", "analis"], "bawaslu_ri or bkn"),
        (["--office-region", "21.01", "--role", "raja"], "unknown role"),
        (["--role", "analis"], "exactly one"),
    ],
)
def test_createuser_clear_errors(args, message):
    make_tree()
    result = runner.invoke(app, ["createuser", "dewi", *args, "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code != 0
    assert message in result.output
    assert not User.objects.filter(username="dewi").exists()


def test_createuser_weak_password_is_refused():
    make_tree()
    result = runner.invoke(
        app,
        ["createuser", "dewi", "--office-region", "21", "--role", "analis", "--password-stdin"],
        input="12345678\n",
    )
    assert result.exit_code == 1
    assert not User.objects.filter(username="dewi").exists()


def test_offices_ensure_command():
    from tests.accounts.helpers import make_regions

    make_regions()
    result = runner.invoke(app, ["offices", "ensure"])
    assert result.exit_code == 0 and "7 offices created" in result.output
    assert "0 offices created" in runner.invoke(app, ["offices", "ensure"]).output


def test_production_settings_hash_with_argon2():
    from django.conf import settings as django_settings
    from django.test import override_settings

    from netra import settings as netra_settings

    assert netra_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=netra_settings.PASSWORD_HASHERS):
        user = user_create(username="ani", password=PASSWORD, office=national_office(), role="admin")
        assert user.password.startswith("argon2$")
    assert django_settings.PASSWORD_HASHERS != netra_settings.PASSWORD_HASHERS  # the fixture is active


def test_createuser_without_a_terminal_needs_password_stdin():
    make_tree()
    result = runner.invoke(app, ["createuser", "dewi", "--office-region", "21", "--role", "analis"])
    assert result.exit_code == 2 and "--password-stdin" in result.output
    assert not User.objects.filter(username="dewi").exists()


def test_unknown_roles_in_required_2fa_setting_fail_the_system_check(settings):
    from netra.accounts.checks import check_required_2fa_roles

    settings.NETRA_REQUIRE_2FA_ROLES = ["pimpinan", "pimpnan"]
    errors = check_required_2fa_roles()
    assert [e.id for e in errors] == ["netra.accounts.E001"] and "pimpnan" in errors[0].msg
    settings.NETRA_REQUIRE_2FA_ROLES = ["pimpinan", "admin"]
    assert check_required_2fa_roles() == []
