"""The declared keys of every kind of file: front matter, key figures, tables and the site config."""

from __future__ import annotations

from terang.inputs.schema import Field


def F(name: str, kind: str = "teks", required: bool = False, example: str = "", choices: tuple[str, ...] = (),
      span: tuple[int, int] | None = None) -> Field:
    return Field(name, kind, required, choices, example, span)


# Ranges of the whole numbers (schema.Field.span): values outside them are mistakes, and some
# would stop the build later (year 0 has no calendar date; 0 news a page divides by zero).
YEARS = (1800, 2100)  # regulations: from Staatsblad-era rules still cited, to far enough ahead
ORDER = (-1000, 1000)
THRESHOLD = (3, 100)  # the same bounds terang.data.participants enforces for 'ambang'


BERITA = (
    F("judul", required=True, example="Judul berita"),
    F("tanggal", "tanggal", True, "2025-12-09"),
    F("ringkasan", required=True, example="Satu atau dua kalimat"),
    F("topik", "daftar", True, "[jaminan sosial]"),
    F("gambar"),
    F("gambar_alt"),
    F("draf", "ya/tidak"),
    F("sumber", "sumber"),
    F("regulasi", "daftar-slug"),
)

STATUS = ("berlaku", "diubah", "dicabut")

REGULASI = (
    F("jenis", required=True, example="Peraturan Bupati"),
    F("singkatan"),
    F("nomor", required=True, example='"59"'),
    F("tahun", "bilangan", True, "2025", span=YEARS),
    F("tentang", required=True, example="Penyelenggaraan Program ..."),
    F("status", "pilihan", True, "berlaku", STATUS),
    F("tanggal_penetapan", "tanggal"),
    F("berkas"),
    F("ringkasan"),
    F("sumber", "sumber"),
    F("tanggal_pengundangan", "tanggal"),
    F("tempat_terbit", example="Kabupaten Contoh"),
    F("teu_badan", example="Indonesia. Pemerintah Pusat"),
    F("bidang_hukum", example="Hukum Administrasi Negara"),
    F("subjek", "daftar", example="[jaminan sosial]"),
    F("bahasa", example="Bahasa Indonesia"),
    F("mengubah", "daftar-slug", example="[pp-44-2015]"),
    F("mencabut", "daftar-slug", example="[perbup-1-2020]"),
)

HALAMAN = (
    F("judul", required=True, example="Judul halaman"),
    F("ringkasan"),
    F("urutan", "bilangan", span=ORDER),
    F("draf", "ya/tidak"),
    F("pertanyaan", example="Apakah saya termasuk?"),
    F("induk", "slug", example="siapa-yang-dilindungi"),
    F("tabel", "slug", example="peserta-per-segmen"),
    F("baris", example="Nelayan"),
    F("pengumuman", "daftar", example="[Iuran Anda dibayar APBD.]"),
)

FRONT_MATTER = {"berita": BERITA, "regulasi": REGULASI, "halaman": HALAMAN}

ANGKA = (
    F("id", "slug", True, "peserta"),
    F("label", required=True, example="Nelayan yang dijamin"),
    F("nilai", "bilangan", example="1500"),  # required unless 'rumus' computes it (terang.data.formula)
    F("satuan", required=True, example="orang"),
    F("tanggal", "tanggal", True, "2025-12-09"),
    F("sumber", "sumber", True, "[publisia.id]"),
    F("dasar_hukum", "slug"),
    F("rincian", "slug"),
    F("keterangan"),
    F("catatan"),
    F("perkiraan", "ya/tidak"),
    F("rumus", example="peserta-dijamin * iuran-minimum-bpu * 12"),
)

# Satu Data Indonesia metadata a table may carry (Perpres 39/2019: a data standard names the concept,
# definition, classification, measure and unit), plus how often it is renewed, who produces it and the
# indicator's code. The frequencies are the terms of BPS's statistical metadata (MS-Keg).
FREQUENCIES = ("harian", "mingguan", "bulanan", "triwulanan", "empat-bulanan", "semesteran", "tahunan", "tidak-tetap")
SDI = (
    F("konsep"),
    F("definisi"),
    F("klasifikasi"),
    F("ukuran"),
    F("satuan"),
    F("frekuensi", "pilihan", choices=FREQUENCIES),
    F("produsen_data"),
    F("kode_indikator"),
)

DATASET = (
    F("judul", required=True, example="Peserta per segmen"),
    F("deskripsi", required=True, example="Satu kalimat tentang isi tabel"),
    F("tanggal", "tanggal", True, "2025-12-09"),
    F("sumber", "sumber", True, "[publisia.id]"),
    F("berkas", example="peserta-per-segmen.csv"),
    F("kolom", "kolom"),
    F("dasar_hukum", "slug"),
    F("catatan"),
    F("sasaran", "slug"),
    F("angka", "angka"),
    F("mentah", example="peserta-2025.csv"),
    F("ambang", "bilangan", span=THRESHOLD),
    F("simulasi", "ya/tidak"),
    F("lembar", example="Data"),  # the sheet of an .xlsx that holds the table
    F("baris_judul", "bilangan", example="4", span=(1, 1_048_576)),  # the header row, when it cannot be found
    F("baris_jumlah", "pilihan", example="periksa", choices=("periksa", "tidak-ada")),  # total rows: drop and check them
    F("format_angka", "pilihan", example="inggris", choices=("indonesia", "inggris")),  # inggris: 1,234.5 (default 1.234,5)
    *SDI,
)

KOLOM = (
    F("nama", required=True, example="jumlah"),
    F("label", required=True, example="Jumlah pekerja"),
    F("jenis", "pilihan", True, "bilangan", ("teks", "bilangan", "desimal", "persen", "rupiah", "tanggal", "wilayah", "periode")),
    F("negatif", "pilihan", example="boleh", choices=("boleh",)),  # a number column that may hold values below zero
)

SITUS = (
    F("judul", required=True, example="Transparansi Program ..."),
    F("deskripsi", required=True, example="Satu kalimat tentang situs"),
    F("penerbit", required=True, example="Pemerintah Kabupaten ..."),
    F("base_url"),
    F("bahasa"),
    F("lisensi"),
    F("menu", "menu"),
    F("ringkasan_program"),
    F("angka_beranda", "daftar-slug"),
    F("dasar_hukum", "slug"),
    F("berita_di_beranda", "bilangan", span=(0, 50)),
    F("berita_per_halaman", "bilangan", span=(1, 100)),
    F("gambar_bagikan", example="gambar/bagikan.png"),
    F("gambar_bagikan_alt", example="Judul situs di atas latar biru"),
    F("kontak_resmi", "kontak"),
    F("judul_pendek", example="Jaminan Sosial Pekerja Rentan"),
    F("halaman_kontak", "slug", example="tempat-bertanya"),
)

# One official contact written as a mapping in kontak_resmi (a plain text item is a phone number the
# privacy scan lets through, and is not shown).
KONTAK = (
    F("nama", required=True, example="Kantor Cabang Contoh"),
    F("telepon", "daftar", example='["(0254) 000000"]'),
    F("surel", example="kontak@contoh.go.id"),
    F("alamat", example="Jl. Contoh No. 1"),
    F("situs", "url", example="https://contoh.go.id/"),
    F("jam", example="Senin–Jumat, 08.00–16.00"),
    F("sumber", "sumber", True, "[Surat Dinas ... Nomor ...]"),
)
