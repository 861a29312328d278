# ruff: noqa: SIM905  (word lists read and edit better as text than as list literals)
"""Name parts, titles and positions for synthetic rosters.

Lists are ordered from most to least common; the generator draws from them with Zipf-like weights,
which reproduces the long tail of Indonesian names (a few very frequent parts such as Sri, Siti,
Muhammad, Agus, and a large vocabulary of rarer ones). These are invented combinations of common
name parts, not real people.
"""

# ---- name parts by naming tradition: (male given, female given, family or closing names) -----------------
JAVANESE_MALE = (
    "Agus Budi Joko Bambang Slamet Eko Heru Wahyu Hadi Bayu Dedi Edy Teguh Rudi Didik Yudi Sigit Arif Imam "
    "Sutrisno Suharto Sugeng Widodo Priyo Gatot Purwanto Bowo Tri Dwi Sapto Nur Adi Yoyok Totok Hery Anton "
    "Hartono Suyanto Kuswanto Margono Parjo Wagiman Sukirno Sumarno Tukimin Tarno Giyanto Darsono Paijo"
).split()
JAVANESE_FEMALE = (
    "Sri Siti Endang Yuli Puji Tri Dwi Eka Retno Dyah Rini Wulan Ratna Nining Tutik Sulastri Suryani Sumiati "
    "Suparmi Sukarni Tukini Wagiyem Sunarti Ngatini Yuni Dwi Rahayu Lestari Kartini Suwarni Murni Partini"
).split()
JAVANESE_CLOSING_MALE = (
    "Santoso Setiawan Prasetyo Purnomo Wibowo Nugroho Hartono Susanto Kurniawan Widodo Utomo Raharjo "
    "Susilo Sugiarto Supriyadi Sumarno Riyanto Mulyono Wahyudi Suprapto Sutrisno Haryanto Subagyo Suwarno "
    "Hidayat Saputro Cahyono Sulistyo Wijayanto Budiman Hermanto Triyono Sukamto Supardi Suparman Wiyono"
).split()
JAVANESE_CLOSING_FEMALE = (
    "Rahayu Lestari Astuti Handayani Wahyuni Mulyani Suryani Utami Pratiwi Wulandari Kusumawati Setyowati "
    "Purwanti Susanti Yuliani Rahmawati Haryati Sulistyowati Widayati Suharti Sumiyati Ningsih Wahyuningsih "
    "Puspitasari Hastuti Indriyani Sugiyarti Rusmiyati Yuniarti Sriyatun Endah Winarni Mardiyah"
).split()
JAVANESE_PREFIXES = "Su Sa Har Pur Wi Mul Sar Sut Sum Sup Sug Mar War Kus Har Ra Ka Ti Da".split()
JAVANESE_MALE_ENDINGS = (
    "yanto yono wanto harto tono jono narto parno diyanto giyanto priyanto trisno gito kirno mardi sarno "
    "wadi rdi yadi yatno tomo man jito kardi"
).split()
JAVANESE_FEMALE_ENDINGS = "yati wati ningsih narti parmi karni mini tini yani rni yem tun ni sih".split()

SUNDANESE_MALE = (
    "Asep Ujang Dede Cecep Yayan Dadang Ade Agus Nandang Deden Engkos Iwan Usep Aep Ayi Jajang Ence Oman "
    "Dadan Endang Atep Wawan Enjang Undang Komarudin Didin Hendra Rahmat"
).split()
SUNDANESE_FEMALE = (
    "Euis Neneng Iis Cucu Enok Imas Teti Lilis Nani Yeni Elis Entin Ai Nunung Tati Ika Rina Siti Dewi Ani "
    "Yanti Wiwin Popon Iin"
).split()
SUNDANESE_CLOSING_MALE = (
    "Suryana Sopandi Mulyana Sukmana Permana Hidayat Gunawan Kurniawan Saepudin Sutisna Supriatna Rustandi "
    "Hermawan Setiawan Ruhiyat Nurdin Sobari Suhendar Rohendi Suparman Kusnadi Sumpena Wiharja Sudrajat "
    "Somantri Koswara Firmansyah Ramdani Mulyadi Hidayatulloh Nugraha Sumarna Juhana Kosasih"
).split()
SUNDANESE_CLOSING_FEMALE = (
    "Nurhayati Rohayati Kurniasih Sumiati Rukmini Komariah Hasanah Aisyah Maryam Sopiah Rosita Nuraeni "
    "Lestari Yulianti Rahmawati Hermawati Herawati Suryani Rosmiati Juariah Nurjanah Mulyati Kartika"
).split()

BATAK_MALE = (
    "Maruli Tumpal Parlindungan Lamhot Togar Hotman Ronald Jhon Bonar Poltak Martua Sahat Gomgom Horas "
    "Binsar Jonner Robert Daniel Hendra Fernando Ramses Sabar Marihot Pardamean Halomoan Rudolf Saut Manahan"
).split()
BATAK_FEMALE = (
    "Rosmawati Tiurma Sondang Lenny Martha Rumondang Nurmala Hotmaida Rospita Dameria Tiominar Erna "
    "Juliana Rini Melva Roslina Mariani Nurhaida Rosdiana Lasma Hotnida Tetty"
).split()
BATAK_SURNAMES = (
    "Siregar Simanjuntak Nasution Harahap Lubis Sitompul Hutagalung Panjaitan Simatupang Pardede Sinaga "
    "Situmorang Sihombing Manurung Tampubolon Silalahi Pasaribu Hasibuan Damanik Saragih Ginting Sembiring "
    "Tarigan Purba Napitupulu Marpaung Hutapea Sitorus Gultom Simbolon Hutabarat Aritonang Simamora "
    "Pohan Rangkuti Daulay Batubara Tambunan Sianturi Sihotang Munthe Nainggolan Sinurat Lumbantobing"
).split()

MINANG_MALE = (
    "Afrizal Zulkifli Yusrizal Syafrizal Hendri Erizal Dasman Syamsul Nofrizal Syofyan Zainal Asril "
    "Yulizar Masrizal Jasman Dedi Efendi Irwan Zulhendri Yondri Fadli Rahmat Edison Alfian Nasrul Azwar "
    "Yuherman Desrizal Zulfahmi Hendrizal Amris Elfiandri Syaiful Mardianto Yasril"
).split()
MINANG_FEMALE = (
    "Yuliza Elfi Rahmi Yenni Desmawati Yusnimar Yusnidar Nurhasni Erniwati Fitri Rosmaniar Asmanidar "
    "Nelfi Yetti Elvi Syafrida Lismawati Yulinar Rahmawati Nurlela Yusmaniar Deswita Hasnah Rosnelly"
).split()
MINANG_CLOSING = (
    "Putra Putri Syam Ali Amir Sutan Chaniago Piliang Tanjung Koto Sikumbang Jambak Melayu"
).split()

BUGIS_MALE = (
    "Baharuddin Syamsuddin Hasanuddin Nurdin Jamaluddin Arsyad Hamka Rusdi Baso Amiruddin Ridwan "
    "Haeruddin Muhlis Asri Syahrir Basri Mappaturung Sukri Alimuddin Firdaus Akbar Irwan Awaluddin "
    "Kamaruddin Mustari Jufri Rahman Sudirman Mansyur Hamzah Syarifuddin Abdullah Muhtar Salahuddin"
).split()
BUGIS_FEMALE = (
    "Sitti Hasnawati Nurhayati Darmawati Rahmawati Irma Nurhaedah Hasna Megawati Sukmawati Asmawati "
    "Haslinda Rosdiana Nurhikmah Murni Hamsinah Nuraeni Harnida Hasmawati Rosmini Nurbaya Sumarni"
).split()
BUGIS_CLOSING = "Daeng Said Sulaiman Mappiare Latif Rasyid Makkulau Pabbicara Tahir Amir Ali Hafid".split()

BALINESE_ORDER = (
    ("Putu", "Wayan", "Gede", "Luh"),
    ("Made", "Kadek", "Nengah"),
    ("Nyoman", "Komang"),
    ("Ketut",),
)
BALINESE_CASTE_MALE = ("Gusti", "Gusti Ngurah", "Ida Bagus", "Anak Agung", "Dewa", "Gusti Bagus")
BALINESE_CASTE_FEMALE = ("Gusti Ayu", "Ida Ayu", "Anak Agung Ayu", "Desak", "Gusti Ayu")
BALINESE_MALE = (
    "Suarna Sudarma Artawan Wiryawan Adnyana Mahendra Astawa Sutama Sudiarta Suardana Mertayasa Sukadana "
    "Wirawan Arsana Widana Suwitra Darmawan Budiasa Subagia Sumerta Sudana Kariasa Dharma Yasa Antara "
    "Suparta Sukarta Wisnawa Sedana Parwata Swastika Putra Sudarsana Widiarta"
).split()
BALINESE_FEMALE = (
    "Ariani Suartini Sukerti Widiastuti Sriani Suwarni Sudiani Astiti Kartini Suastini Sumiati "
    "Wiradnyani Yuliantari Mariani Puspawati Sulasmi Sukarmi Suweni Ratnadi Sri Eka Dewi Putri Ayu"
).split()

MUHAMMAD_WRITTEN = (
    ("Muhammad", 55),
    ("Muhamad", 10),
    ("Mohammad", 8),
    ("Mohamad", 5),
    ("Moh.", 6),
    ("Moch.", 5),
    ("M.", 7),
    ("Muh.", 3),
    ("Mochammad", 1),
)
MUSLIM_MALE = (
    "Ahmad Abdul Ali Umar Hasan Husain Ibrahim Ismail Yusuf Hamzah Syaiful Fauzi Rizki Rizky Fajar Ilham "
    "Arif Hidayat Ikhsan Zainal Anwar Amin Lukman Ridwan Taufik Syamsul Khairul Mustofa Zulkarnain "
    "Abdullah Rahmat Irfan Ahmad Achmad Imam Nur Saiful Agus Hendra Rudi Faisal Hasbi Miftahul Nurul "
    "Ainul Khoirul Luthfi Hafiz Habibi Syarif Rasyid Fikri Iqbal Hanif Yasin Sholeh Bahrul Asyhari"
).split()
ABDUL_COMPANIONS = (
    "Rahman Aziz Karim Rahim Malik Hakim Ghani Latif Majid Wahab Rasyid Halim Hamid Kadir Jalil Gaffar "
    "Muis Rauf Haris Somad Manan Mukti Rozak Basir Syukur"
).split()
MUSLIM_FEMALE = (
    "Siti Nur Fitri Fitriani Rahmawati Hidayah Husna Azizah Nurul Aminah Fatimah Aisyah Khadijah Zainab "
    "Halimah Maryam Nurjanah Rohmah Muslimah Nurhasanah Fauziah Laila Aini Hayati Umi Ummi Khoirunnisa "
    "Lailatul Mufidah Zahra Salma Nabila Aulia Annisa Syarifah Hafsah Latifah Mutmainah Rofiqoh"
).split()
MUSLIM_CLOSING_MALE = (
    "Hakim Arifin Hidayat Abidin Bahri Anam Hidayatullah Rahman Syah Ramadhan Saputra Pratama Fauzi "
    "Mubarok Habibi Maulana Hasan Ansori Ashari Syahputra Firdaus Fadillah Hamdani Rosyid Zakaria "
    "Alamsyah Nasution Siregar Lubis Harahap Wijaya Gunawan Munir Ma'ruf Basri Yusuf Hanafi Zulfikar"
).split()
MUSLIM_CLOSING_FEMALE = (
    "Aminah Fatimah Aisyah Khadijah Zainab Halimah Maryam Rohmah Hasanah Azizah Khoiriyah Nurhayati "
    "Fadhilah Rahmawati Kurniawati Safitri Maulida Amalia Solihah Mardiyah Hidayati Fauziyah Zulaikha"
).split()

CHRISTIAN_MALE = (
    "Yohanes Yosef Petrus Paulus Fransiskus Agustinus Stefanus Markus Lukas Matius Yakobus Daniel Samuel "
    "Ignatius Antonius Bernadus Dominikus Michael Ronald Jefri Frans Marthen Yulius Herman Alfons Kornelis "
    "Benediktus Aloysius Sebastianus Gregorius Yonas Yosua Elias Simon Andreas Filipus Thomas Timotius"
).split()
CHRISTIAN_FEMALE = (
    "Maria Theresia Elisabeth Yohana Magdalena Veronika Katarina Kristina Grace Novita Yuliana Natalia "
    "Meiti Deisy Florentina Imelda Agnes Lusia Sisilia Adriana Yosina Ester Debora Marlina Yuliana Fransiska "
    "Martha Rut Priskila Anastasia Angelina Regina Sofia Wilhelmina Margaretha Stefani"
).split()
EASTERN_SURNAMES = (
    "Manafe Fanggidae Ndoen Tefa Benu Nope Bessie Kase Seran Nahak Bere Mau Lake Tanone Radja Wadu Lado "
    "Ratu Kaka Dapa Bili Tukan Kelen Lamanepa Sumual Lumentut Wowor Mamoto Rondonuwu Pangemanan Tanod "
    "Rumengan Lengkong Kaunang Worang Tumbelaka Supit Mandagi Sondakh Lumanauw Kalalo Pattinama Latuheru "
    "Sahetapy Tahapary Pattiasina Pelupessy Latumahina Ririmasse Wattimena Tuhumury Siahaya Matulessy "
    "Manuhutu Wenda Kogoya Wonda Rumbiak Mandacan Yikwa Tabuni Wanimbo Murib Karubaba Rumbewas Ayomi "
    "Kaisiepo Sawaki Wamafma Mansoben Indey Yoku Rumaropen Sinaga Tambunan Bataona Making Koten Openg"
).split()

ACEH_MALE = (
    "Mahdi Zulfikar Rizal Munawar Zulkifli Safrizal Fadhil Muzakir Junaidi Taufiq Iskandar Nasruddin "
    "Syukri Mukhlis Mukhtar Razali Bustami Marzuki Azhari Anwar Fakhrurrazi Khairul Husaini Jamaluddin"
).split()
ACEH_FEMALE = (
    "Nurul Rosmiati Darmawati Zuraida Nurhayati Fitriani Rahmah Mardhiah Husna Safriana Cutnyak Yusniar "
    "Nurhasanah Rismawati Hayatun Erlina Munira Zahrul Suryani"
).split()

MODERN_MALE = (
    "Dimas Aditya Bayu Galih Yoga Reza Rizal Andri Hendra Fikri Rian Dani Fahmi Yudha Angga Randi Rendi "
    "Ardi Dedy Ferdi Ilham Fajar Rizky Arya Putra Andika Bagus Dwiki Eko Feri Hendri Indra Kevin Rangga"
).split()
MODERN_FEMALE = (
    "Dian Rina Yuni Dewi Indah Ratna Novi Eka Fitri Putri Ayu Rini Mega Nanda Anisa Dina Maya Lia Tika "
    "Vina Wulan Sari Intan Mira Novia Desi Lina Ani Yanti Wati Rika Sinta Ayu Tri Nurul Devi Ria"
).split()
MODERN_CLOSING_MALE = (
    "Saputra Pratama Setiawan Kurniawan Wijaya Hidayat Nugraha Ramadhan Permana Kusuma Firmansyah "
    "Hermawan Syahputra Prakoso Maulana Santoso Gunawan Irawan Yulianto Susanto Mahendra Aditama"
).split()
MODERN_CLOSING_FEMALE = (
    "Putri Sari Lestari Permata Anggraini Puspita Wulandari Maharani Safitri Oktaviani Rahmawati Kusuma "
    "Handayani Novitasari Purnamasari Andriani Kurniasari Susanti Yuliana Pertiwi Ramadhani Utami"
).split()

# Derived given names (root + suffix: "Febri" + "ansyah", "Novi" + "anti"), a large share of the names of
# people born since the 1970s and the main source of the long tail.
DERIVED_ROOTS = (
    "Febri Novi Desi Ardi Indri Yudi Dwi Rudi Hari Sri Yuli Adi Widi Rizki Ferdi Andri Fitri Suci Dedi "
    "Heri Yeni Tuti Putri Wahyudi Hendri Yani Rini Okti Agusti Septi Juli Marti Apri Eki Rahmadi Supri "
    "Budi Joni Edi Tri Dani Ari Nopi Evi Reni Dewi Mardi Purwadi Hadi Susi Rosi Lusi"
).split()
DERIVED_MALE = "ansyah anto awan yanto ianto ono adi ardi andi yadi atmoko ardiansyah".split()
DERIVED_FEMALE = "ani anti ana ati asari ningsih yanti wati ka yana ningrum astuti".split()

# ---- naming traditions by province (first two digits of the Kemendagri code) -------------------------
# Rough shares for synthetic data only; the point is that names differ by region, as they do.
PROVINCE_TRADITIONS = {
    "11": {"aceh": 0.75, "muslim": 0.15, "javanese": 0.1},
    "12": {"batak": 0.5, "muslim": 0.3, "javanese": 0.2},
    "13": {"minang": 0.85, "muslim": 0.1, "javanese": 0.05},
    "14": {"muslim": 0.45, "minang": 0.2, "javanese": 0.2, "batak": 0.15},
    "31": {"javanese": 0.35, "muslim": 0.25, "sundanese": 0.2, "batak": 0.1, "christian": 0.1},
    "32": {"sundanese": 0.7, "javanese": 0.15, "muslim": 0.15},
    "33": {"javanese": 0.9, "muslim": 0.1},
    "34": {"javanese": 0.9, "muslim": 0.05, "christian": 0.05},
    "35": {"javanese": 0.8, "muslim": 0.2},
    "36": {"sundanese": 0.55, "muslim": 0.3, "javanese": 0.15},
    "51": {"balinese": 0.85, "javanese": 0.1, "muslim": 0.05},
    "52": {"muslim": 0.85, "balinese": 0.1, "javanese": 0.05},
    "53": {"christian": 0.9, "muslim": 0.1},
    "71": {"christian": 0.8, "muslim": 0.2},
    "73": {"bugis": 0.8, "muslim": 0.15, "christian": 0.05},
    "76": {"bugis": 0.8, "muslim": 0.2},
    "74": {"bugis": 0.5, "muslim": 0.4, "javanese": 0.1},
    "75": {"muslim": 0.9, "bugis": 0.1},
    "81": {"christian": 0.55, "muslim": 0.45},
    "82": {"muslim": 0.7, "christian": 0.3},
}
DEFAULT_TRADITIONS = {
    "muslim": 0.45,
    "javanese": 0.3,
    "bugis": 0.05,
    "batak": 0.05,
    "christian": 0.1,
    "sundanese": 0.05,
}
PAPUA_TRADITIONS = {"christian": 0.75, "muslim": 0.15, "javanese": 0.1}

# ---- positions: (jabatan, share of ASN, unit kind, typical titles) ------------------------------------
POSITIONS = (
    ("Guru", 0.30, "school", ("S.Pd.", "S.Pd.I.", "S.Pd.SD", "S.Si.", "S.Ag.")),
    ("Pelaksana", 0.14, "opd", ("", "", "A.Md.", "S.E.", "S.Sos.")),
    ("Staf", 0.10, "opd", ("", "", "S.E.", "S.Sos.", "S.IP.", "S.Kom.")),
    ("Analis Kebijakan", 0.04, "opd", ("S.Sos.", "S.IP.", "S.H.", "S.E.", "S.AP.")),
    ("Analis Keuangan", 0.03, "opd", ("S.E.", "S.Ak.", "S.E., Ak.")),
    ("Perawat", 0.05, "health", ("S.Kep., Ns.", "A.Md.Kep.", "S.Kep.")),
    ("Bidan", 0.035, "health", ("A.Md.Keb.", "S.Tr.Keb.", "S.Keb.")),
    ("Dokter", 0.015, "health", ("dr.",)),
    ("Penyuluh Pertanian", 0.02, "opd", ("S.P.", "S.TP.", "A.Md.")),
    ("Penyuluh Agama", 0.01, "religion", ("S.Ag.", "S.Pd.I.", "S.H.I.")),
    ("Kepala Sekolah", 0.03, "school", ("S.Pd.", "S.Pd., M.Pd.", "Drs.")),
    ("Pengawas Sekolah", 0.005, "opd", ("S.Pd., M.Pd.", "Drs.", "Dra.")),
    ("Dosen", 0.02, "campus", ("S.T., M.T.", "S.E., M.Si.", "Dr.", "S.Pd., M.Pd.", "S.H., M.H.")),
    ("Kepala Seksi", 0.04, "opd", ("S.Sos.", "S.E.", "S.H.", "S.T.", "S.Sos., M.Si.")),
    ("Kepala Subbagian", 0.02, "opd", ("S.E.", "S.Sos.", "S.AP.")),
    ("Kepala Bidang", 0.012, "opd", ("S.Sos., M.Si.", "S.T., M.T.", "S.E., M.M.", "Drs.")),
    ("Pranata Komputer", 0.01, "opd", ("S.Kom.", "A.Md.Kom.", "S.T.")),
    ("Arsiparis", 0.008, "opd", ("A.Md.", "S.Sos.")),
    ("Auditor", 0.006, "opd", ("S.E., Ak.", "S.E., M.Ak.", "S.E.")),
    ("Bendahara", 0.008, "opd", ("S.E.", "A.Md.")),
    ("Camat", 0.0025, "kecamatan", ("S.STP., M.Si.", "S.Sos., M.M.", "S.IP., M.Si.", "Drs.")),
    ("Sekretaris Camat", 0.0025, "kecamatan", ("S.STP.", "S.Sos.", "S.IP.")),
    ("Lurah", 0.0035, "kecamatan", ("S.STP.", "S.Sos.", "S.IP.", "")),
    ("Kepala Dinas", 0.002, "opd", ("S.Sos., M.Si.", "Drs., M.M.", "Ir., M.T.", "S.H., M.H.")),
    ("Sekretaris Dinas", 0.002, "opd", ("S.Sos., M.Si.", "S.E., M.M.")),
)
OPD_UNITS = (
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Sosial",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pertanian",
    "Dinas Perhubungan",
    "Dinas Lingkungan Hidup",
    "Dinas Komunikasi dan Informatika",
    "Badan Kepegawaian dan Pengembangan SDM",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Sekretariat Daerah",
    "Sekretariat DPRD",
    "Inspektorat",
    "Satuan Polisi Pamong Praja",
    "Badan Penanggulangan Bencana Daerah",
    "Dinas Koperasi dan UKM",
    "Dinas Pariwisata",
)
CENTRAL_AGENCIES = (
    ("Kementerian Agama", 0.45),
    ("Kementerian Keuangan", 0.12),
    ("Kementerian Hukum", 0.08),
    ("Badan Pusat Statistik", 0.05),
    ("Kementerian Kesehatan", 0.05),
    ("Badan Pertanahan Nasional", 0.06),
    ("Kementerian Pendidikan Tinggi, Sains, dan Teknologi", 0.12),
    ("Kementerian Dalam Negeri", 0.03),
    ("Badan Kepegawaian Negara", 0.02),
    ("Kementerian Sosial", 0.02),
)
ACADEMIC_PREFIXES_OLD = ("Drs.", "Dra.", "Ir.")

# ---- calibration against published name counts ---------------------------------------------------------
# Ditjen Dukcapil's most frequent complete names on e-KTP (2024 release, reported by dukcapil.kemendagri.go.id
# and the national press). Male counts are published; for women only Nurhayati's count (254,922) was found,
# so ranks 2-10 are given counts falling evenly from 200,000 to 100,000: an assumption, marked as such.
HEAD_NAMES_MALE = (
    ("Sutrisno", 144_497),
    ("Slamet", 115_354),
    ("Mulyadi", 111_685),
    ("Herman", 101_990),
    ("Supardi", 93_202),
    ("Ismail", 89_732),
    ("Supriyanto", 87_929),
    ("Wahyudi", 85_502),
    ("Junaidi", 85_375),
    ("Suparman", 84_749),
)
HEAD_NAMES_FEMALE = (
    ("Nurhayati", 254_922),
    ("Sulastri", 200_000),
    ("Sumiati", 187_500),
    ("Sri Wahyuni", 175_000),
    ("Sumarni", 162_500),
    ("Sunarti", 150_000),
    ("Siti Aminah", 137_500),
    ("Aminah", 125_000),
    ("Ernawati", 112_500),
    ("Kartini", 100_000),
)
E_KTP_HOLDERS = 200_000_000  # wajib KTP-el: 198.6 million in 2021 (Dukcapil), about 200 million since
# Parts that open a name and are not, alone, a person's whole name (no published list has "Siti" or "Dwi"
# alone among the frequent names, as it would if they were used that way).
NEVER_ALONE = frozenset(
    (
        "Siti Sitti Sri Nur Nurul Dwi Tri Eka Catur Dyah Puji Ahmad Achmad Abdul Andi Muhammad Muhamad "
        "Mohammad Mohamad Moh. Moch. M. Muh. Mochammad Teuku Cut Maria Yohanes Theresia "
        "Putu Made Luh Ni I Ida Gusti Anak Dewa Desak Yuli Umi Ummi Hj. "
        "Fitri Rini Rina Dewi Putri Ayu Ani Yanti Wati Sari"
    ).split()
)
