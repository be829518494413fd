"""Deterministic synthetic corpus for the benchmark: news, regulations and participants.

Everything generated is labelled SIMULASI and written outside the repository (or into a
git-ignored folder); nothing here is ever committed as content or data.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "pekerja nelayan desa kecamatan iuran jaminan kecelakaan kematian manfaat peserta program "
    "pemerintah daerah anggaran laporan data warga kader posyandu petani kelompok usaha kecil "
    "perlindungan sosial pendaftaran klaim kantor cabang layanan informasi publik tahun bulan "
    "keluarga ahli waris santunan biaya perawatan rumah sakit pelatihan penyuluhan pendamping"
).split()
TOPICS = ["jaminan sosial", "nelayan", "kader", "anggaran", "layanan", "data", "klaim", "desa"]
SEGMENTS = ["Nelayan", "Guru ngaji", "Anggota BPD", "Kader Posyandu", "Poktan", "Perangkat RT/RW"]
KECAMATAN = ["05", "06", "07", "08", "09", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
             "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35"]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


LINK = "](@@"  # stands for each generator's own link prefix


def news_body(rng: random.Random, count: int) -> str:
    """A 400-800 word article with headings, a list, a table and links to other items."""
    target = rng.randint(400, 800)
    parts: list[str] = []
    words = 0
    section = 1
    while words < target:
        parts.append(f"## Bagian {section}\n")
        paragraph = " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(3, 6)))
        parts.append(paragraph + "\n")
        words += paragraph.count(" ") + 1
        if section == 1:
            items = [f"- {sentence(rng, 6)}" for _ in range(4)]
            parts.append("\n".join(items) + "\n")
            words += 28
        if section == 2:
            rows = "\n".join(f"| {rng.choice(SEGMENTS)} | {rng.randint(10, 9000)} |" for _ in range(5))
            parts.append(f"| Segmen | Jumlah (SIMULASI) |\n|---|--:|\n{rows}\n")
            words += 20
        other = rng.randrange(count)
        parts.append(f"Baca juga [berita simulasi {other}{LINK}simulasi-{other:05d}/).\n")
        section += 1
    return "\n".join(parts)


def generate(out: Path, news: int, regulations: int = 20, seed: int = 20251209) -> dict[str, Path]:
    """Write the same news items as a Terang, a Pelican and a Hugo project under `out`."""
    rng = random.Random(seed)
    terang, pelican, hugo = out / "terang", out / "pelican", out / "hugo"
    for folder in (terang, pelican, hugo):
        if folder.exists():
            shutil.rmtree(folder)
    shutil.copytree(ROOT / "templates", terang / "templates")
    (terang / "situs.yml").write_text(
        "judul: SIMULASI Transparansi Program\ndeskripsi: Korpus SIMULASI untuk benchmark.\n"
        "penerbit: SIMULASI Pemerintah Kabupaten\nmenu:\n  - {judul: Beranda, url: /}\n  - {judul: Berita, url: /berita/}\n",
        encoding="utf-8")
    for folder in (terang / "content/berita", terang / "content/regulasi", terang / "content/halaman",
                   terang / "data", pelican / "content", hugo / "content/berita", hugo / "layouts/_default"):
        folder.mkdir(parents=True, exist_ok=True)
    start = dt.date(2020, 1, 1)
    for i in range(news):
        slug = f"simulasi-{i:05d}"
        title = f"SIMULASI: {sentence(rng, 6)[:-1]}"
        date = start + dt.timedelta(days=i % 2000)
        topics = rng.sample(TOPICS, 2)
        summary = sentence(rng, 14)
        body = news_body(rng, news)
        (terang / f"content/berita/{slug}.md").write_text(
            f"---\njudul: \"{title}\"\ntanggal: {date}\nringkasan: \"{summary}\"\ntopik: [{', '.join(topics)}]\n---\n"
            + body.replace(LINK, "](/berita/"), encoding="utf-8")
        (pelican / f"content/{slug}.md").write_text(
            f"Title: {title}\nDate: {date}\nTags: {', '.join(topics)}\nSlug: {slug}\nSummary: {summary}\n\n" + body.replace(LINK, "](../"),
            encoding="utf-8")
        (hugo / f"content/berita/{slug}.md").write_text(
            f"---\ntitle: \"{title}\"\ndate: {date}\ntags: [{', '.join(topics)}]\nsummary: \"{summary}\"\n---\n" + body.replace(LINK, "](../"),
            encoding="utf-8")
    for i in range(regulations):
        (terang / f"content/regulasi/simulasi-perbup-{i + 1}-2025.md").write_text(
            f"---\njenis: Peraturan Bupati (SIMULASI)\nnomor: \"{i + 1}\"\ntahun: 2025\ntentang: {sentence(rng, 6)[:-1]}\n"
            f"status: berlaku\n---\n{sentence(rng, 40)}\n", encoding="utf-8")
    (terang / "content/halaman/tentang.md").write_text("---\njudul: Tentang SIMULASI\n---\nKorpus SIMULASI.\n", encoding="utf-8")
    (pelican / "pelicanconf.py").write_text(
        "SITENAME = 'SIMULASI'\nPATH = 'content'\nTIMEZONE = 'Asia/Jakarta'\nDEFAULT_LANG = 'id'\n"
        "RELATIVE_URLS = True\nARTICLE_URL = 'berita/{slug}/'\nARTICLE_SAVE_AS = 'berita/{slug}/index.html'\n"
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\n"
        "AUTHOR_FEED_RSS = None\nDEFAULT_PAGINATION = 20\nLOAD_CONTENT_CACHE = False\n", encoding="utf-8")
    (hugo / "hugo.toml").write_text(
        "baseURL = 'http://localhost/'\nlanguageCode = 'id'\ntitle = 'SIMULASI'\nrelativeURLs = true\n"
        "disableKinds = ['RSS', 'sitemap', 'robotsTXT']\n[pagination]\npagerSize = 20\n", encoding="utf-8")
    (hugo / "layouts/_default/baseof.html").write_text(
        "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>"
        "<body>{{ block \"main\" . }}{{ end }}</body></html>\n", encoding="utf-8")
    (hugo / "layouts/_default/single.html").write_text(
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format \"2006-01-02\" }}</p>{{ .Content }}{{ end }}\n", encoding="utf-8")
    (hugo / "layouts/_default/list.html").write_text(
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
        encoding="utf-8")
    return {"terang": terang, "pelican": pelican, "hugo": hugo}


def participants(path: Path, rows: int, seed: int = 59) -> Path:
    """A participant CSV as an agency would export it; every person is SIMULASI and fictional."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nik", "nama", "alamat", "no_hp", "tanggal_lahir", "segmen", "kode_wilayah", "tanggal_terdaftar"])
        for i in range(rows):
            kec = rng.choice(KECAMATAN)
            born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(15000))
            nik = f"3604{kec}{born.day:02d}{born.month:02d}{born.year % 100:02d}{i % 10000:04d}"
            writer.writerow([nik, f"SIMULASI Peserta {i}", f"SIMULASI Jalan {i % 500}", f"08{rng.randrange(10**9, 10**10)}",
                             born.isoformat(), rng.choice(SEGMENTS), f"36.04.{kec}",
                             (dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(330))).isoformat()])
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate the SIMULASI benchmark corpus.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--news", type=int, default=1000)
    parser.add_argument("--participants", type=int, default=0)
    args = parser.parse_args()
    generate(args.out, args.news)
    if args.participants:
        participants(args.out / "peserta.csv", args.participants)


if __name__ == "__main__":
    main()
