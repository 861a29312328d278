"""Translatable labels for the law's vocabulary (the law package itself stays free of Django)."""

from django.utils.translation import gettext_lazy as _

INDICATORS = {
    "karier": _("Karier ASN"),
    "hubungan_partai_politik": _("Hubungan dengan partai politik"),
    "kegiatan_kampanye": _("Kegiatan kampanye"),
    "pelayanan_publik": _("Pelayanan publik"),
}
SANCTION_KINDS = {
    "moral": _("Sanksi moral"),
    "disiplin": _("Hukuman disiplin"),
    "ptdh": _("Pemberhentian tidak dengan hormat"),
    "satgas": _("Diputus Satgas"),
}
LEVELS = {"ringan": _("ringan"), "sedang": _("sedang"), "berat": _("berat")}
PHASES = {
    "bakal_calon": _("Sebelum penetapan calon (bakal calon)"),
    "calon": _("Setelah penetapan calon"),
    "any": _("Kapan saja"),
}
CONFIDENCE = {
    "V": _("dibaca dari naskah peraturan"),
    "S": _("dua sumber sekunder atau lebih sepakat"),
    "1": _("satu sumber sekunder"),
    "M": _("belum diverifikasi"),
}
