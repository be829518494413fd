"""`python build.py check`: the whole build, finishers included, into a throwaway folder.

Everything a build checks (content, data, links, the audit of figures, and whatever the
finishers scan, such as personal data) is checked, and site/ is never touched.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from terang import fmt
from terang.cli.common import add_site_options, new_parser, options, run


def parser() -> argparse.ArgumentParser:
    """The command's options, with Indonesian help."""
    p = new_parser(
        "python build.py check",
        "Memeriksa semua isi, data, tautan, audit angka dan data pribadi seperti saat build, tanpa menulis ke folder site/.",
        "Contoh: python build.py check --strict",
    )
    add_site_options(p, out=False)
    p.add_argument("-q", "--quiet", action="store_true", help="hanya tampilkan kesalahan")
    return p


def main(argv: list[str]) -> int:
    """Check the project; exit 1 when there is any error, 0 otherwise."""
    args = parser().parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="terang-periksa-") as folder:
            result = run(options(args, out=Path(folder) / "site"), failed="Pemeriksaan gagal")
    except OSError:  # no temporary folder can be made (or removed): run() has reported anything else
        print("Pemeriksaan gagal: folder sementara (TMPDIR, bawaan /tmp) tidak dapat ditulis atau sudah penuh; "
              "kosongkan ruang disk atau isi TMPDIR dengan folder lain yang bisa ditulis.", file=sys.stderr)
        return 1
    if isinstance(result, int):
        return result
    if not args.quiet:
        from terang.data.datasets import found_notes

        for note in found_notes(result.site.datasets):
            print(note)
        for a in result.site.mismatches:
            print(f"Catatan: angka '{a.figure.id}' ({fmt.number(a.figure.value)}) berbeda dari jumlah tabel "
                  f"'{a.dataset.id}' ({fmt.number(a.summed)}), selisih {fmt.number(abs(a.difference))}. "
                  "Situs menampilkan keduanya dengan terbuka; pakai --strict untuk menganggapnya kesalahan.")
        print(f"Pemeriksaan selesai: tidak ada kesalahan. {result.pages} halaman dan {result.files} berkas diperiksa; folder site/ tidak diubah.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
