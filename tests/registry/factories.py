"""Staff users at offices of each level, for access tests."""

from netra.accounts.models import Office, User


def officer(username: str, region_code: str, kind: str = Office.Kind.BAWASLU_KABKOTA) -> User:
    office = Office.objects.create(
        name=f"Bawaslu {region_code or 'RI'}",
        kind=kind,
        region_id=region_code or None,
        region_code=region_code,
    )
    return User.objects.create_user(
        username=username, password="x-Very-long-pass-1", office=office, role="analis"
    )


def national_officer(username: str = "ri") -> User:
    return officer(username, "", kind=Office.Kind.BAWASLU_RI)
