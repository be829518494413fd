"""The preview's page while the last build failed: every error, then the last good page in a frame."""

from __future__ import annotations

import html

from terang.errors import Problem
from terang.preview import guide

LAST_GOOD = "terakhir"  # ?terakhir=1 shows the last good page instead of the overlay


def overlay(problems: tuple[Problem, ...], has_last_good: bool) -> str:
    """The page shown while the last build failed: the errors, then the last good page in a frame.

    Readable without JavaScript; the frame and the link show site/ as the last good build left it.
    """
    items = []
    for p in problems:
        where = f"<code>{html.escape(p.path)}</code>" + (f", baris {p.line}" if p.line else "")
        items.append(f"<li><p class=\"tempat\">{where}</p><p>{html.escape(p.message)}</p></li>")
    last = (f'<a href="?{LAST_GOOD}=1">Lihat versi terakhir yang berhasil dari halaman ini</a> · ' if has_last_good else "")
    frame = (f'<h2>Versi terakhir yang berhasil</h2>\n<iframe src="?{LAST_GOOD}=1" title="Versi terakhir yang berhasil dari halaman ini"></iframe>\n'
             if has_last_good else "")
    return (
        '<!doctype html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Build gagal: {len(problems)} kesalahan · Pratinjau</title>\n"
        "<style>body{font-family:system-ui,sans-serif;margin:0;background:#fff4e0;color:#1a1a1a;line-height:1.6}"
        "main{max-width:46rem;margin:0 auto;padding:1rem}h1{color:#7a1f00}"
        "ol{padding-left:1.5rem}li{background:#fff;border-left:6px solid #b3261e;padding:.5rem 1rem;margin:.75rem 0}"
        "li p{margin:.25rem 0}.tempat{font-weight:700}code{font-size:1rem}a{color:#0b5394}"
        "iframe{width:100%;height:70vh;border:2px solid #7a4a00;background:#fff}</style>\n"
        "</head>\n<body>\n<main>\n"
        f"<h1>Build gagal: {len(problems)} kesalahan</h1>\n"
        "<p>Situs belum diperbarui dengan perubahan terakhir. Perbaiki kesalahan di bawah ini lalu simpan berkasnya; "
        "halaman ini dimuat ulang sendiri (tanpa JavaScript: muat ulang halaman setelah menyimpan).</p>\n"
        f"<ol>\n{''.join(items)}\n</ol>\n"
        f'<p>{last}<a href="{guide.PREFIX}#arti-pesan-kesalahan">Arti pesan kesalahan dan cara memperbaikinya</a></p>\n'
        f"{frame}</main>\n</body>\n</html>\n"
    )
