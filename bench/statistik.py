"""Deterministic SIMULASI statistics news: the numbers a statistics article holds, for the privacy scan.

Each item has what Indonesian statistics news is made of: tables of counts with thousands separators
(62.949), percentages (45,5%), rupiah (Rp16.800, Rp 4.280.515.200), dates, years and ranges,
regulation and letter numbers (Nomor 59 Tahun 2025, 400.5/123/Dinsos/2025), kecamatan codes
(36.04.05) and the one official phone number, listed in kontak_resmi. None of it is personal data, so
a build of any number of these items must report nothing (tests/test_privasi_wider.py). Every
title says SIMULASI; nothing here is ever committed as content.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OFFICIAL_PHONE = "(0254) 200123"
KECAMATAN = [("05", "Kramatwatu"), ("06", "Waringinkurung"), ("07", "Bojonegara"), ("08", "Pulo Ampel"), ("09", "Ciruas"),
             ("11", "Kragilan"), ("12", "Pontang"), ("13", "Tirtayasa"), ("14", "Tanara"), ("15", "Cikande"), ("16", "Kibin"),
             ("17", "Carenang"), ("18", "Binuang"), ("19", "Petir"), ("20", "Tunjung Teja"), ("22", "Baros"), ("23", "Cikeusal"),
             ("24", "Pamarayan"), ("25", "Kopo"), ("26", "Jawilan"), ("27", "Ciomas"), ("28", "Pabuaran"), ("29", "Padarincang"),
             ("30", "Anyar"), ("31", "Cinangka"), ("32", "Mancak"), ("33", "Gunungsari"), ("34", "Bandung"), ("35", "Lebak Wangi")]
SUBJECTS = ["peserta BPJS Ketenagakerjaan", "nelayan", "guru ngaji", "kader posyandu", "pekerja rentan", "petani", "penduduk"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]


def number(value: int) -> str:
    """62949 -> '62.949', as Indonesian text writes it."""
    return f"{value:,}".replace(",", ".")


def percent(value: float) -> str:
    """45.5 -> '45,5%'."""
    return f"{value:.1f}".replace(".", ",") + "%"


def count(rng: random.Random) -> int:
    """A count, often one whose text starts with 62 (the +62 of a phone number) to try the scan."""
    return rng.choice([rng.randint(62_000, 62_999), rng.randint(1_000, 99_999), rng.randint(620_000, 629_999),
                       rng.randint(100, 999), rng.randint(6_200_000, 6_299_999)])


def long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def table(rng: random.Random, year: int) -> str:
    """Counts per kecamatan for two years, with codes, changes and shares: the cells a search index joins."""
    rows = ["| Kecamatan | Kode | " + f"{year - 1} | {year} | Perubahan | Porsi |", "|---|---|--:|--:|--:|--:|"]
    for code, name in rng.sample(KECAMATAN, rng.randint(4, 9)):
        before, after = count(rng), count(rng)
        rows.append(f"| {name} | 36.04.{code} | {number(before)} | {number(after)} | {number(after - before)} | {percent(rng.uniform(0, 100))} |")
    return "\n".join(rows) + "\n"


def budget(rng: random.Random, year: int) -> str:
    """Monthly budget and spending in rupiah."""
    rows = ["| Bulan | Anggaran (Rp) | Realisasi (Rp) | Serapan |", "|---|--:|--:|--:|"]
    for month in rng.sample(MONTHS, 4):
        plan = rng.randint(100_000_000, 9_999_999_999)
        spent = rng.randint(plan // 2, plan)
        rows.append(f"| {month} {year} | {number(plan)} | {number(spent)} | {percent(100 * spent / plan)} |")
    return "\n".join(rows) + "\n"


def article(rng: random.Random, index: int) -> tuple[str, str]:
    """(slug, Markdown) of one SIMULASI statistics news item."""
    day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(1800))
    subject = rng.choice(SUBJECTS)
    code, place = rng.choice(KECAMATAN)
    total, women = count(rng), count(rng)
    low, high = sorted((count(rng), count(rng)))
    amount = rng.randint(10_000_000, 9_999_999_999)
    start = day - dt.timedelta(days=rng.randint(20, 90))
    body = [
        f"Jumlah {subject} di Kecamatan {place} (kode 36.04.{code}) tercatat {number(total)} orang per {long_date(day)}, "
        f"naik {percent(rng.uniform(0, 30))} dari tahun {day.year - 1}. Sebanyak {number(women)} orang di antaranya perempuan.",
        "",
        f"Iuran per orang Rp{number(rng.choice([16800, 10800, 36800, 4200]))} per bulan, dibayar sesuai Peraturan Bupati Serang "
        f"Nomor {rng.randint(1, 99)} Tahun {day.year} dan UU 27/2022. Anggaran tahun {day.year} sebesar Rp {number(amount)}, "
        f"atau Rp{number(amount // 12)} per bulan ({number(amount // 1000)} ribu rupiah).",
        "",
        f"Data dihimpun {start.strftime('%d/%m/%Y')}-{day.strftime('%d/%m/%Y')} ({start.isoformat()} s.d. {day.isoformat()}), "
        f"pukul 08.00-16.00 WIB, dengan surat Nomor 400.5/{rng.randint(1, 999)}/Dinsos/{day.year}. "
        f"Perkiraannya antara {number(low)} - {number(high)} orang; rasionya {number(low)}/{number(high)}; "
        f"rentang tahun {day.year - 4}–{day.year}.",
        "",
        f"## Sebaran per kecamatan\n\n{table(rng, day.year)}",
        f"## Anggaran\n\n{budget(rng, day.year)}",
        f"Keterangan lebih lanjut: layanan pengaduan {OFFICIAL_PHONE} pada hari kerja.",
    ]
    title = f"SIMULASI: {subject.capitalize()} di {place} {number(total)} orang"
    front = (f"---\njudul: \"{title}\"\ntanggal: {day.isoformat()}\nringkasan: \"Angka SIMULASI {subject} {day.year}.\"\n"
             f"topik: [statistik, simulasi]\n---\n")
    return f"statistik-{index:05d}", front + "\n".join(body) + "\n"


def generate(out: Path, items: int, seed: int = 13) -> Path:
    """Write a Terang project with `items` SIMULASI statistics news items under `out`; returns `out`."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "templates", out / "templates")
    (out / "content/berita").mkdir(parents=True)
    (out / "situs.yml").write_text(
        "judul: SIMULASI Statistik Program\ndeskripsi: Korpus SIMULASI berita statistik.\n"
        f"penerbit: SIMULASI Pemerintah Kabupaten\nkontak_resmi: ['{OFFICIAL_PHONE}']\n"
        "menu:\n  - {judul: Beranda, url: /}\n  - {judul: Berita, url: /berita/}\n", encoding="utf-8")
    for index in range(items):
        slug, text = article(rng, index)
        (out / f"content/berita/{slug}.md").write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="Write SIMULASI statistics news items into a new Terang project.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    generate(args.out, args.items, args.seed)


if __name__ == "__main__":
    main()
