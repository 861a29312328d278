"""Data tables for the Indonesian name normaliser.

Every entry is written in "compact" form: lower case with dots, commas and spaces removed, so that
"S.Pd.", "S. Pd", "SPd" and "s.pd" are one entry ("spd"). Keep each table sorted by kind and add to it
freely: the normaliser and its tests read nothing else.
"""

# Academic degrees and professional titles (gelar akademik/profesi), written before or after a name.
ACADEMIC_PREFIX = frozenset({
    "drs", "dra", "dr", "drg", "ir", "prof", "profdr", "profdrir", "drir", "drh", "apt", "ns", "bd",
})

ACADEMIC_SUFFIX = frozenset({
    # diploma (ahli pratama / ahli madya)
    "ap", "amd", "amdkep", "amdkeb", "amdkes", "amdfarm", "amdgz", "amdak", "amdkom", "amdpd", "amdt",
    "amdrad", "amdtem", "amdan", "ama", "amapd", "bsc", "ba", "sm",
    # sarjana (S1)
    "spd", "spdi", "spdsd", "ssi", "sh", "shi", "se", "sei", "sak", "ssos", "sip", "sikom", "skom", "st",
    "sked", "skep", "skm", "sfarm", "sgz", "stp", "spt", "sp", "shut", "spi", "sag", "sthi", "sth", "ssn",
    "shum", "spsi", "ssy", "sds", "sars", "sstp", "sipem", "sksi", "sgiz", "skeb",
    "strkeb", "strkep", "str", "sst", "ssttrkeb", "skg", "skh", "sft", "sfar", "ssit", "sstpar",
    "sap", "sadm", "sab", "spar", "spwk", "sstat", "stri", "sa", "ss", "sn",
    # profession / specialist
    "ak", "ca", "cpa", "apt", "ners", "spa", "spog", "sppd", "spb", "spm", "spkk", "sprad", "span",
    "sptht", "spkj", "spjp", "spn", "spot", "spu", "sppk", "spp", "spmk", "spdv", "spbs",
    # magister (S2)
    "msi", "mm", "mpd", "mh", "msc", "ma", "mt", "mkes", "mkom", "map", "mag", "mpdi", "mhum",
    "mkm", "mkn", "mba", "mp", "mfarm", "mkep", "mak", "mec", "mep", "mip", "mpa", "msos", "mtp",
    "mars", "mhi", "mei", "mpsi", "mkeb", "meng", "mphil", "mcom", "mstat", "mth", "mtr",
    "msitr", "mpwk", "mmpd",
    # doktor (S3) written after the name, and miscellaneous
    "phd", "dphil", "dr", "drs", "dra", "dea", "ir", "mse", "cfp", "cht", "ipm", "ipu", "asean eng",
})

# Religious and honorific titles that are not part of a person's own name.
RELIGIOUS = frozenset({
    "h", "hj", "haji", "hajjah", "hajah", "kh", "kiai", "kyai", "ust", "ustd", "ustadz", "ustaz",
    "ustadzah", "ustazah", "tgk", "teungku", "tuan guru", "tgh", "buya", "habib", "syekh", "syaikh",
    "pdt", "pendeta", "pastor", "romo", "fr", "sr", "bhikkhu", "bhiksu", "ida pedanda",
    "dn", "dkn", "diaken", "pnt", "penatua", "gus", "ning",
})

# Forms of address and honorifics used in informal mentions ("pak camat Joko", "bu Siti").
ADDRESS = frozenset({
    "pak", "bpk", "bapak", "bp", "bu", "ibu", "ib", "sdr", "sdri", "sdra", "saudara", "saudari",
    "mas", "mbak", "mba", "bang", "abang", "kak", "kakak", "uda", "uni", "teh", "kang", "akang",
    "cak", "ning", "daeng", "om", "tante", "yth", "yang terhormat", "tn", "ny", "nn", "nona", "nyonya",
    "tuan", "beliau", "oknum", "terlapor",
})

# Position words that precede a name in mentions; the longest phrase wins ("kepala desa" before "kepala").
POSITIONS = frozenset({
    "camat", "sekcam", "lurah", "seklur", "kades", "kepala desa", "kepdes", "sekdes", "perangkat desa",
    "kadus", "kepala dusun", "bupati", "wabup", "wakil bupati", "walikota", "wali kota", "wawali",
    "wakil walikota", "wakil wali kota", "gubernur", "wagub", "wakil gubernur", "sekda",
    "sekretaris daerah", "kadis", "kepala dinas", "kaban", "kepala badan", "kabag", "kepala bagian",
    "kabid", "kepala bidang", "kasi", "kepala seksi", "kasubag", "kasubbag", "kepala subbagian",
    "kepsek", "kepala sekolah", "guru", "dosen", "dokter", "bidan", "perawat", "penyuluh", "staf",
    "staff", "pegawai", "asn", "pns", "pppk", "honorer", "pj", "plt", "plh", "kapus",
    "kepala puskesmas", "direktur", "dirut", "kepala", "kakanwil", "kakankemenag", "menteri",
    "dirjen", "sekjen", "inspektur", "auditor", "analis", "pelaksana", "pengawas", "bendahara",
    "operator", "satpol pp", "kasatpol pp", "kapolsek", "danramil", "babinsa", "ketua", "sekretaris",
})

# Noble, caste and birth-order name parts. They belong to the legal name, so they are kept as tokens,
# but mentions often drop them ("Andi Baso" is "Baso"), so they weigh little in matching.
WEAK_NAME_PARTS = frozenset({
    # Aceh, Minang, Malay, Sumatra
    "teuku", "cut", "tengku", "tuanku", "sutan", "datuk", "datuak", "marah", "sidi", "puti",
    # Javanese, Sundanese
    "raden", "rd", "r", "rr", "roro", "ajeng", "mas", "raden ajeng", "raden mas", "bendoro", "kanjeng",
    "gusti", "kgpaa", "rm", "ra", "ray",
    # Bugis, Makassar, Mandar
    "andi", "karaeng", "opu", "puang", "la", "wa", "besse",
    # Bali
    "i", "ni", "ida", "anak", "gst", "ag", "ngurah", "desak",
    "putu", "wayan", "gede", "luh", "made", "kadek", "nengah", "nyoman", "komang", "ketut", "kt", "pt",
    "md", "kd", "km", "wy", "ngh", "gd", "cokorda",
    # Christian baptismal forms commonly abbreviated
    "fx",
})

# Words naming the office after a position phrase ("kepala dinas pendidikan Joko"): dropped with it.
UNIT_WORDS = frozenset({
    "dinas", "badan", "kantor", "bagian", "bidang", "seksi", "pendidikan", "kesehatan", "sosial", "pu",
    "pupr", "perhubungan", "pertanian", "perikanan", "peternakan", "pariwisata", "kebudayaan", "pmd",
    "dukcapil", "kependudukan", "capil", "lingkungan", "hidup", "dlh", "bkd", "bkpsdm", "bappeda",
    "bpbd", "kominfo", "perdagangan", "perindustrian", "koperasi", "umkm", "tenaga", "kerja",
    "disdik", "dinkes", "dishub", "satpol", "pp", "rsud", "puskesmas", "kecamatan", "kelurahan", "desa",
    "sd", "smp", "sma", "smk", "negeri", "sdn", "smpn", "sman", "smkn", "kabupaten", "kab", "kota",
    "provinsi", "prov", "pemkab", "pemkot", "pemprov", "setda", "dprd", "kemenag", "agama", "umum",
    "kepegawaian", "keuangan", "perencanaan", "pemerintahan", "ekonomi", "pembangunan",
})

# Spelling variants of frequent names, in the form they reach after old-spelling conversion and
# collapsing of doubled letters. Canonical forms are themselves collapsed, so normalising is idempotent.
VARIANTS = {
    # Muhammad
    "muhamad": "muhamad", "mohamad": "muhamad", "mohamed": "muhamad", "muhamed": "muhamad",
    "mukhamad": "muhamad", "mokhamad": "muhamad", "mokhamat": "muhamad", "muhamat": "muhamad",
    "mohamat": "muhamad", "mokh": "muhamad", "moh": "muhamad", "muh": "muhamad", "mhd": "muhamad",
    "mohd": "muhamad", "muhd": "muhamad", "mukh": "muhamad", "mch": "muhamad", "mkh": "muhamad",
    "mu": "muhamad", "mochd": "muhamad", "mohd.": "muhamad",
    # Ahmad
    "akhmad": "ahmad", "ahmat": "ahmad", "akhmat": "ahmad", "ahmadi": "ahmadi", "amad": "ahmad",
    # Abdul
    "abd": "abdul", "abdl": "abdul", "abdoel": "abdul",
    # Others that are written many ways
    "nurul": "nurul", "nor": "nur", "noor": "nur",
    "sitti": "siti", "st": "siti", "yusup": "yusuf", "yusof": "yusuf", "jusuf": "yusuf",
    "mustafa": "mustofa", "mustapa": "mustofa", "ridhwan": "ridwan", "taufiq": "taufik",
    "taupik": "taufik", "syaifudin": "saifudin", "syaiful": "saiful", "fauziah": "fauziyah",
    "zainudin": "zainudin", "zaenudin": "zainudin", "zaenal": "zainal", "rifki": "rizki",
    "hidayatulah": "hidayatulah", "nurhayati": "nurhayati", "sulaeman": "sulaiman",
    "ismael": "ismail", "ibrohim": "ibrahim", "khairul": "khairul", "khoirul": "khairul",
    "choirul": "khairul", "khaerul": "khairul", "khoiril": "khairul",
}

# Old (pre-1972 EYD / Van Ophuijsen) spellings, applied in this order.
OLD_SPELLINGS = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("ch", "kh"))
