"""The Indonesian label and hint of every declared key, shared by `python build.py new` and the editor at /_admin/.

HINTS and LABELS are keyed by the kind of file, then by key: 'berita', 'regulasi', 'halaman' (front matter,
terang.inputs.fields), 'angka' (data/angka_kunci.yml and a table's 'angka'), 'data' (data/<id>.yml, with
the Satu Data Indonesia keys), 'kolom' (one column of a table), 'riwayat' (data/riwayat.yml) and 'sumber'
(one source written as a mapping). HINTS speak of the file as it is typed in a text editor; FORM_HINTS
replace the few of them that describe YAML syntax (brackets, quotes, true/false) with words for a form.
"""

from __future__ import annotations

DRAFT_HINT = "true = belum terbit (lihat dengan: python build.py serve --drafts); ganti false saat siap terbit"
DRAFT_FORM_HINT = "centang bila belum siap terbit; draf hanya tampil di pratinjau yang dijalankan dengan python build.py serve --drafts"

HINTS: dict[str, dict[str, str]] = {
    "berita": {
        "judul": "judul berita: singkat, jelas, tanpa singkatan yang asing bagi warga",
        "tanggal": "tanggal terbit, TTTT-BB-HH",
        "ringkasan": "satu atau dua kalimat untuk daftar berita dan pratinjau tautan",
        "topik": "satu atau beberapa topik dalam kurung siku, dipisah koma",
        "gambar": "berkas gambar di dalam content/, misalnya berkas/penandatanganan.jpg",
        "gambar_alt": "wajib bila ada gambar: tulis apa yang tampak, untuk pembaca tunanetra",
        "draf": DRAFT_HINT,
        "sumber": "asal informasi, misalnya [{nama: nama media atau dinas, judul: judul berita, url: https://..., tanggal: 2025-12-09, diakses: 2025-12-10}]; tanpa url jika tidak ada alamat daringnya",
        "regulasi": "nama berkas (tanpa .md) regulasi di content/regulasi/ yang disebut, misalnya [perbup-1-2024]",
    },
    "regulasi": {
        "jenis": "jenis peraturan, misalnya Peraturan Bupati Contoh",
        "singkatan": "singkatan jenisnya, misalnya Perbup Contoh",
        "nomor": "nomor peraturan, dalam tanda kutip",
        "tahun": "tahun peraturan, angka saja",
        "tentang": "judul peraturan setelah kata 'tentang'",
        "status": "berlaku, diubah atau dicabut",
        "tanggal_penetapan": "tanggal ditetapkan, TTTT-BB-HH (kosongkan bila tidak diketahui)",
        "berkas": "salinan PDF resmi di dalam content/, misalnya berkas/perbup-1-2024.pdf",
        "ringkasan": "satu atau dua kalimat tentang isi peraturan, dalam bahasa sehari-hari",
        "sumber": "tempat teks resmi didapat, misalnya [{nama: JDIH kabupaten, url: https://...}]",
        "tanggal_pengundangan": "tanggal diundangkan, TTTT-BB-HH (kosongkan bila tidak diketahui)",
        "tempat_terbit": "tempat penetapan, misalnya Kabupaten Contoh",
        "teu_badan": "badan pembuat peraturan (TEU), misalnya Kabupaten Contoh",
        "bidang_hukum": "bidang hukum menurut JDIH, misalnya Hukum Administrasi Negara",
        "subjek": "subjek atau kata kunci, misalnya [jaminan sosial, ketenagakerjaan]",
        "bahasa": "bahasa teks resmi, misalnya Bahasa Indonesia",
        "mengubah": "nama berkas regulasi yang diubah oleh peraturan ini, misalnya [perbup-1-2020]",
        "mencabut": "nama berkas regulasi yang dicabut oleh peraturan ini, misalnya [perbup-1-2020]",
    },
    "halaman": {
        "judul": "judul halaman, juga dipakai di daftar halaman beranda",
        "ringkasan": "satu kalimat di bawah judul dan di beranda",
        "urutan": "urutan di beranda: angka kecil tampil lebih dulu",
        "draf": DRAFT_HINT,
        "pertanyaan": "pertanyaan warga yang dijawab halaman ini, tampil paling atas di beranda, misalnya Apakah saya termasuk?",
        "induk": "nama berkas halaman tempat halaman ini didaftar, misalnya siapa-yang-dilindungi",
        "tabel": "tabel di data/ yang satu barisnya dibahas halaman ini, misalnya peserta-per-segmen (bersama baris)",
        "baris": "isi kolom pertama baris itu, persis seperti di tabel, misalnya Nelayan",
        "pengumuman": "poin singkat untuk versi cetak papan pengumuman, paling banyak 6, misalnya [\"Iuran dibayar APBD.\"]",
    },
    "angka": {
        "id": "nama pendek angka: huruf kecil, angka dan tanda hubung, misalnya peserta-dijamin; dipakai di [[angka:ID]], jangan diganti setelah terbit",
        "label": "apa yang dihitung, dalam satu frasa, misalnya Nelayan yang dijamin",
        "nilai": "bilangan bulat tanpa titik ribuan, misalnya 1500; wajib, kecuali angka ini dihitung dengan rumus",
        "satuan": "satuan angka, misalnya orang, atau rupiah per orang per bulan",
        "tanggal": "tanggal angka itu diumumkan atau berlaku, TTTT-BB-HH",
        "sumber": "asal angka: nama dinas, surat atau media, dengan judul, alamat web dan tanggalnya bila ada",
        "dasar_hukum": "nama berkas regulasi (tanpa .md) yang menjadi dasar angka ini, misalnya perbup-1-2024",
        "rincian": "tabel di data/ yang merinci angka ini, misalnya peserta-per-segmen; jumlah tabelnya dibandingkan dengan angka ini",
        "keterangan": "penjelasan singkat untuk pembaca: apa arti angka ini",
        "catatan": "hal yang perlu diketahui pembaca, misalnya bagian yang belum terverifikasi",
        "perkiraan": "true bila angka ini perkiraan, bukan angka resmi; situs menandainya sebagai perkiraan",
        "rumus": "hanya untuk angka yang dihitung dari angka lain, misalnya peserta-dijamin * iuran-minimum-bpu * 12; nilai lalu dikosongkan",
    },
    "data": {
        "judul": "judul tabel, tampil di halaman Data",
        "deskripsi": "satu kalimat tentang isi tabel",
        "tanggal": "tanggal data itu (bukan tanggal menyunting), TTTT-BB-HH",
        "sumber": "asal data tabel, misalnya Dinas Tenaga Kerja, dengan judul, alamat web dan tanggalnya bila ada",
        "berkas": "berkas tabel di data/ (CSV atau XLSX), misalnya peserta-per-segmen.csv; kosongkan bila tabel dibuat dari 'mentah'",
        "kolom": "setiap kolom tabel: nama seperti di baris judul, label untuk situs, dan jenis isinya",
        "dasar_hukum": "nama berkas regulasi (tanpa .md) yang menjadi dasar data ini, misalnya perbup-1-2024",
        "catatan": "hal yang perlu diketahui pembaca tabel",
        "sasaran": "nama kolom bilangan yang berisi sasaran (target), bila ada",
        "angka": "angka kunci yang disebut lagi oleh sumber tabel ini, dengan nilai dan sumbernya sendiri",
        "mentah": "nama berkas daftar peserta di data/mentah/, atau pola seperti *.csv; hanya jumlahnya yang terbit",
        "ambang": "sel berisi kurang dari angka ini disembunyikan (bawaan 5; antara 3 dan 100)",
        "simulasi": "true hanya untuk data uji coba; halamannya diberi tanda SIMULASI",
        "lembar": "nama lembar (tab) Excel yang berisi tabel, bila berkas XLSX punya beberapa lembar",
        "baris_judul": "nomor baris judul kolom seperti terlihat di Excel, bila Terang tidak menemukannya sendiri",
        "baris_jumlah": "periksa: baris Jumlah/Total dibuang lalu dicocokkan; tidak-ada: tabel tanpa baris jumlah",
        "format_angka": "inggris bila seluruh berkas memakai titik desimal (1,234.5); bawaan indonesia (1.234,5)",
        "konsep": "Satu Data Indonesia: gagasan yang diukur, dalam satu frasa",
        "definisi": "Satu Data Indonesia: batasan saat menghitung, siapa atau apa yang masuk hitungan",
        "klasifikasi": "Satu Data Indonesia: pengelompokan baris tabel, misalnya segmen pekerjaan atau kecamatan",
        "ukuran": "Satu Data Indonesia: apa yang dihitung, misalnya jumlah pekerja",
        "satuan": "Satu Data Indonesia: satuan angka tabel, misalnya orang",
        "frekuensi": "Satu Data Indonesia: seberapa sering data diperbarui",
        "produsen_data": "Satu Data Indonesia: instansi atau unit yang menghasilkan data",
        "kode_indikator": "Satu Data Indonesia: kode indikator dari produsen data atau forum Satu Data daerah, ditulis apa adanya",
    },
    "kolom": {
        "nama": "nama kolom persis seperti di baris judul tabel, misalnya jumlah",
        "label": "judul kolom yang tampil di situs, misalnya Jumlah pekerja",
        "jenis": "isi kolom: teks, bilangan, desimal, persen, rupiah, tanggal, wilayah (kode Kemendagri) atau periode (tahun dan bulan)",
        "negatif": "boleh: kolom angka ini boleh berisi nilai di bawah nol, misalnya selisih",
    },
    "riwayat": {
        "angka": "id angka kunci yang berubah, dari data/angka_kunci.yml; angka hasil rumus tidak dicatat di sini",
        "tanggal": "tanggal perubahan mulai berlaku, TTTT-BB-HH",
        "nilai_lama": "nilai sebelum perubahan",
        "nilai_baru": "nilai sesudah perubahan; perubahan terakhir harus sama dengan nilai di data/angka_kunci.yml",
        "alasan": "mengapa angka berubah, misalnya Koreksi dari Dinas Tenaga Kerja",
    },
    "sumber": {
        "nama": "nama media, dinas atau dokumen, misalnya publisia.id",
        "judul": "judul berita atau dokumen, persis seperti di sumbernya",
        "url": "alamat lengkap yang diawali https://, disalin dari bilah alamat peramban; jangan menebak",
        "tanggal": "tanggal terbit sumber itu",
        "diakses": "tanggal Anda membuka halaman itu; hanya bila ada alamat web",
    },
}

# The hints above that describe how a value is typed in YAML, reworded for the editor's form fields.
FORM_HINTS: dict[str, dict[str, str]] = {
    "berita": {
        "tanggal": "tanggal terbit",
        "topik": "satu atau beberapa topik, satu topik per butir, misalnya jaminan sosial",
        "gambar": "pilih atau unggah gambar; gambar baru disimpan di content/gambar/",
        "draf": DRAFT_FORM_HINT,
        "sumber": "asal informasi: nama media atau dinas, dengan judul, alamat web dan tanggalnya bila ada",
        "regulasi": "regulasi di content/regulasi/ yang disebut berita ini",
    },
    "regulasi": {
        "jenis": "jenis lain yang belum ada di daftar: buat regulasi pertamanya dengan python build.py new regulasi, lalu muat ulang editor",
        "nomor": "nomor peraturan persis seperti tertulis, misalnya 59",
        "tanggal_penetapan": "tanggal ditetapkan; kosongkan bila tidak diketahui",
        "tanggal_pengundangan": "tanggal diundangkan; kosongkan bila tidak diketahui",
        "berkas": "pilih atau unggah salinan PDF resmi; PDF baru disimpan di content/berkas/",
        "sumber": "tempat teks resmi didapat, misalnya JDIH kabupaten dengan alamat webnya",
        "subjek": "subjek atau kata kunci, satu per butir, misalnya jaminan sosial",
        "mengubah": "regulasi yang diubah oleh peraturan ini",
        "mencabut": "regulasi yang dicabut oleh peraturan ini",
    },
    "halaman": {
        "draf": DRAFT_FORM_HINT,
        "induk": "halaman tempat halaman ini didaftar; hanya satu tingkat, halaman induk tidak boleh punya induk",
        "tabel": "tabel di data/ yang satu barisnya dibahas halaman ini; isi juga Baris tabel",
        "pengumuman": "poin singkat untuk versi cetak papan pengumuman, satu poin per butir, paling banyak 6 butir",
    },
    "angka": {"perkiraan": "centang bila angka ini perkiraan, bukan angka resmi; situs menandainya sebagai perkiraan"},
    "data": {"simulasi": "centang hanya untuk data uji coba; halamannya diberi tanda SIMULASI"},
}

LABELS: dict[str, dict[str, str]] = {
    "berita": {
        "judul": "Judul", "tanggal": "Tanggal terbit", "ringkasan": "Ringkasan", "topik": "Topik", "gambar": "Gambar",
        "gambar_alt": "Keterangan gambar untuk pembaca tunanetra", "draf": "Draf (belum terbit)", "sumber": "Sumber",
        "regulasi": "Regulasi yang disebut",
    },
    "regulasi": {
        "jenis": "Jenis peraturan", "singkatan": "Singkatan jenis", "nomor": "Nomor", "tahun": "Tahun", "tentang": "Tentang",
        "status": "Status", "tanggal_penetapan": "Tanggal penetapan", "berkas": "Salinan resmi (PDF)", "ringkasan": "Ringkasan",
        "sumber": "Sumber teks resmi", "tanggal_pengundangan": "Tanggal pengundangan", "tempat_terbit": "Tempat penetapan",
        "teu_badan": "Badan pembuat (TEU)", "bidang_hukum": "Bidang hukum", "subjek": "Subjek", "bahasa": "Bahasa",
        "mengubah": "Mengubah", "mencabut": "Mencabut",
    },
    "halaman": {
        "judul": "Judul", "ringkasan": "Ringkasan", "urutan": "Urutan di beranda", "draf": "Draf (belum terbit)",
        "pertanyaan": "Pertanyaan warga", "induk": "Halaman induk", "tabel": "Tabel data", "baris": "Baris tabel",
        "pengumuman": "Poin papan pengumuman",
    },
    "angka": {
        "id": "ID angka", "label": "Label", "nilai": "Nilai", "satuan": "Satuan", "tanggal": "Tanggal", "sumber": "Sumber",
        "dasar_hukum": "Dasar hukum", "rincian": "Tabel rincian", "keterangan": "Keterangan", "catatan": "Catatan",
        "perkiraan": "Perkiraan", "rumus": "Rumus",
    },
    "data": {
        "judul": "Judul tabel", "deskripsi": "Deskripsi", "tanggal": "Tanggal data", "sumber": "Sumber",
        "berkas": "Berkas tabel", "kolom": "Kolom", "dasar_hukum": "Dasar hukum", "catatan": "Catatan",
        "sasaran": "Kolom sasaran", "angka": "Angka dari sumber tabel", "mentah": "Daftar peserta (data/mentah/)",
        "ambang": "Ambang sel kecil", "simulasi": "Data simulasi", "lembar": "Lembar Excel",
        "baris_judul": "Baris judul kolom", "baris_jumlah": "Baris jumlah", "format_angka": "Format angka",
        "konsep": "Konsep", "definisi": "Definisi", "klasifikasi": "Klasifikasi", "ukuran": "Ukuran", "satuan": "Satuan",
        "frekuensi": "Frekuensi pembaruan", "produsen_data": "Produsen data", "kode_indikator": "Kode indikator",
    },
    "kolom": {"nama": "Nama kolom", "label": "Label", "jenis": "Jenis isi", "negatif": "Nilai negatif"},
    "riwayat": {"angka": "Angka", "tanggal": "Tanggal perubahan", "nilai_lama": "Nilai lama", "nilai_baru": "Nilai baru", "alasan": "Alasan"},
    "sumber": {"nama": "Nama sumber", "judul": "Judul", "url": "Alamat web (URL)", "tanggal": "Tanggal terbit", "diakses": "Tanggal diakses"},
}


def form_hint(kind: str, name: str) -> str:
    """The hint a form shows under a key: FORM_HINTS when the text-file hint speaks of YAML syntax, else HINTS."""
    return FORM_HINTS.get(kind, {}).get(name) or HINTS[kind][name]
