"""The site config, situs.yml: everything that names the programme lives there, not in code."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import replace
from pathlib import Path

from terang.errors import Problem
from terang.inputs.fields import F, KONTAK, SITUS
from terang.inputs.paths import inside
from terang.inputs.schema import check
from terang.inputs.yamlsafe import read_yaml
from terang.model import Config, Contact, MenuItem

CONFIG_FILE = "situs.yml"
SITE_PATH = re.compile(r"^/(?![/\\])[^\s\"'<>\\]*$")  # one leading slash: "//host" would leave the site
MENU = (F("judul", required=True, example="Beranda"), F("url", required=True, example="/"))


def load_config(root: Path, base_url: str | None = None) -> tuple[Config | None, list[Problem]]:
    """Read situs.yml; `base_url` from the command line wins over the file."""
    if not (root / CONFIG_FILE).is_file():
        return None, [Problem(CONFIG_FILE, 0, "berkas konfigurasi situs.yml tidak ditemukan di folder proyek")]
    located, problems = read_yaml(root, CONFIG_FILE)
    if located is None:
        return None, problems
    values, problems = check(located, SITUS, CONFIG_FILE)
    menu = []
    for index in range(len(values.get("menu", ()))):
        item, found = check(located, MENU, CONFIG_FILE, prefix=f"menu[{index}]")
        problems.extend(found)
        if not found:
            url = item["url"]
            if not SITE_PATH.match(url) or ".." in url.split("/"):
                problems.append(Problem(CONFIG_FILE, located.line(f"menu[{index}].url"), f"url menu '{url}' harus alamat di situs ini yang diawali satu '/', misalnya /berita/"))
            menu.append(MenuItem(item["judul"], url))
    phones, contacts, found = read_contacts(located, values.get("kontak_resmi", ()))
    problems += found
    url = base_url if base_url is not None else values.get("base_url", "")
    if url and not re.match(r"^https?://[^/\s]+(/\S*)?$", url):
        line = located.line("base_url") if base_url is None else 0
        problems.append(Problem(CONFIG_FILE if base_url is None else "--base-url", line, f"base_url '{url}' harus alamat lengkap, misalnya https://contoh.go.id/transparansi/"))
    problems += share_image_problems(root, values, located)
    if problems:
        return None, problems
    config = Config(
        title=values["judul"], description=values["deskripsi"], publisher=values["penerbit"],
        base_url=(url.rstrip("/") + "/") if url else "", language=values.get("bahasa", "id"),
        licence=values.get("lisensi", ""), menu=tuple(menu), programme_summary=values.get("ringkasan_program", ""),
        home_figures=values.get("angka_beranda", ()), legal_basis=values.get("dasar_hukum", ""),
        news_on_home=values.get("berita_di_beranda", 3), official_phones=phones, contacts=contacts,
        short_title=values.get("judul_pendek", ""), contact_page=values.get("halaman_kontak", ""),
        news_per_page=values.get("berita_per_halaman", 10),
        share_image=values.get("gambar_bagikan", ""), share_image_alt=values.get("gambar_bagikan_alt", ""),
    )
    return replace(config, build_date=build_date()), []


def read_contacts(located, items: tuple) -> tuple[tuple[str, ...], tuple[Contact, ...], list[Problem]]:
    """kontak_resmi: the phone numbers the privacy scan lets through, and the contacts to show.

    A text item is only a phone number allowed on the site. A mapping is a contact shown on the home
    page and in every footer; it must name the source it was checked against.
    """
    phones: list[str] = []
    contacts: list[Contact] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            phones.append(item)
            continue
        values, found = check(located, KONTAK, CONFIG_FILE, prefix=f"kontak_resmi[{index}]")
        if not found and not any(values.get(k) for k in ("telepon", "surel", "alamat", "situs")):
            found = [Problem(CONFIG_FILE, located.line(f"kontak_resmi[{index}]"),
                             f"kontak '{values['nama']}' perlu paling sedikit satu cara menghubungi: telepon, surel, alamat atau situs")]
        problems += found
        if not found:
            phones += values.get("telepon", ())
            contacts.append(Contact(values["nama"], values["sumber"], tuple(values.get("telepon", ())), values.get("surel", ""),
                                    values.get("alamat", ""), values.get("situs", ""), values.get("jam", "")))
    return tuple(phones), tuple(contacts), problems


def share_image_problems(root: Path, values: dict, located) -> list[Problem]:
    """gambar_bagikan must be a file under content/ and needs its alt text."""
    image, alt = values.get("gambar_bagikan", ""), values.get("gambar_bagikan_alt", "")
    if image and not alt:
        return [Problem(CONFIG_FILE, located.line("gambar_bagikan"), "'gambar_bagikan' perlu 'gambar_bagikan_alt': tulis apa yang tampak di gambar untuk pembaca tunanetra")]
    if image:
        _, message = inside(root / "content", image)
        if message:
            return [Problem(CONFIG_FILE, located.line("gambar_bagikan"), message)]
    if alt and not image:
        return [Problem(CONFIG_FILE, located.line("gambar_bagikan_alt"), "'gambar_bagikan_alt' hanya dipakai bersama 'gambar_bagikan'")]
    return []


def build_date() -> dt.date | None:
    """The build date shown in the footer: only from SOURCE_DATE_EPOCH, so builds stay reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
