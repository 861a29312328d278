"""The case's ``search_text``: lower-cased words of everything staff search by."""

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return _SPACE.sub(" ", re.sub(r"[^\w./-]+", " ", folded.lower())).strip()


def search_text_for(case) -> str:
    parts = [case.register_number or "", case.title, case.description, case.place]
    for terlapor in case.terlapor.all():
        parts += [terlapor.name, terlapor.nip, terlapor.agency_name, terlapor.position]
        if terlapor.agency_id:
            parts.append(terlapor.agency.name)
    return normalise(" ".join(p for p in parts if p))


def search_text_refresh(case) -> None:
    type(case).objects.filter(pk=case.pk).update(search_text=search_text_for(case))
