"""Write stage: build the whole site in a folder beside the target, then swap it in."""

from __future__ import annotations

import ctypes
import filecmp
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from contextlib import contextmanager
from dataclasses import replace
from typing import Callable, Iterator, Sequence

from terang.errors import Problem, raise_if
from terang.model import OutputFile
from terang.publish import interrupt
from terang.publish.beside import new_prefix, old_prefix, staging_folders

MARKER = ".terang"  # marks a folder as Terang's output, so we never replace anything else
PUBLISHED_UMASK = 0o022  # files 0644, folders 0755: readable by the web server, writable by the editor only


def collisions(files: list[OutputFile]) -> list[Problem]:
    """Two inputs that would write the same output file."""
    owners: dict[str, str] = {}
    problems = []
    for f in files:
        key = f.path.lower()  # hosts on case-insensitive disks would merge these too
        if key in owners and owners[key] != f.origin:
            problems.append(Problem(f.origin, 0, f"menghasilkan berkas '{f.path}' yang juga dihasilkan oleh {owners[key]}; ganti salah satu nama"))
        owners.setdefault(key, f.origin)
    return problems


def check_target(out: Path, root: Path) -> list[Problem]:
    """Refuse an output folder that holds anything but an earlier Terang site."""
    out, root = out.resolve(), root.resolve()
    if out == root or root.is_relative_to(out) or any(out.is_relative_to(root / d) for d in ("content", "data", "templates")):
        return [Problem(str(out), 0, "folder keluaran tidak boleh folder proyek, content/, data/ atau templates/; pakai misalnya --out site")]
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        return [Problem(str(out), 0, "folder keluaran sudah berisi berkas lain yang bukan situs Terang; kosongkan atau pilih folder lain dengan --out")]
    return []


Finisher = Callable[[Path], list[Problem]]


@contextmanager
def staging_folder(out: Path) -> Iterator[Path]:
    """A fresh folder beside `out` to build the new site in; removed unless it was swapped in.

    Callers hold terang.publish.lock.build_lock(out): without it, clean_leftovers could remove the
    staging folder of another build that is running.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out)
    # filecmp remembers answers by size and time: a file changed by hand with both kept would
    # still count as equal in a long-running process (serve, tests) and be linked as it is.
    filecmp.clear_cache()
    staging = Path(tempfile.mkdtemp(prefix=new_prefix(out), dir=out.parent))
    # A web server reads the site as another user: whatever the editor's umask (077 keeps files
    # private), what is published is created 0644/0755, by this process and by Pagefind alike.
    # Cache files keep their 0600 (mkstemp ignores the umask).
    umask = os.umask(PUBLISHED_UMASK)
    try:
        yield staging
    finally:
        os.umask(umask)
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def write_file(staging: Path, out: Path, f: OutputFile) -> OutputFile:
    """Write one file into the staging folder now (`out`: the resolved output folder); what to keep of it (not its bytes)."""
    target = f"{staging}/{f.path}"  # plain strings: thousands of pages, pathlib would cost more than the writing
    folder = target.rpartition("/")[0]
    try:
        os.mkdir(folder)  # most pages have a folder of their own, whose parent exists already
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    place(f, target, f"{out}/{f.path}")
    return replace(f, data=b"", written=True)


def write_site(out: Path, files: list[OutputFile], finishers: Sequence[Finisher], staging: Path) -> Path | None:
    """Write the files not yet in `staging` (from staging_folder()), finish it, then swap it with `out` in one step.

    Finishers run on the complete staging folder before the swap (a search indexer, a scan
    for personal data); any problem they report cancels the swap and keeps the old site.
    Returns the folder that now holds the previous site, for the caller to remove (remove_later()).
    """
    out = out.resolve()
    for f in files:
        if not f.written:
            write_file(staging, out, f)
    (staging / MARKER).write_text("Folder ini dibuat oleh Terang dan diganti utuh setiap build.\n", encoding="utf-8")
    for finish in finishers:
        raise_if(finish(staging))
    os.chmod(staging, 0o755)
    interrupt.check()  # a Ctrl+C that Python lost on the way still keeps the old site
    return swap(staging, out)


def place(f: OutputFile, target: Path | str, current: Path | str) -> None:
    """Write one file; when the current site holds the same bytes, link to it instead.

    Unchanged files keep their inode and modification time, so a rebuild rewrites only
    what changed and rsync/FTP uploads only what changed.
    """
    target, current = os.fspath(target), os.fspath(current)
    if f.source and f.source == current and not os.path.islink(current):  # a page reused as it is
        try:
            _link(current, target)
            return
        except OSError:
            pass  # gone meanwhile, another file system, or no hard links: the checks below decide
    if os.path.isfile(current) and not os.path.islink(current):
        if f.source:
            same = os.path.samefile(f.source, current) or filecmp.cmp(f.source, current, shallow=False)
        else:
            same = os.path.getsize(current) == len(f.data) and Path(current).read_bytes() == f.data
        if same:
            try:
                _link(current, target)
                return
            except OSError:
                pass  # another file system or no hard links: write a copy
    if f.source:
        shutil.copyfile(f.source, target)
    else:
        with open(target, "wb") as handle:
            handle.write(f.data)


def _link(current: str, target: str) -> None:
    """Link a file of the published site into the new one; one an older build left unreadable becomes 0644."""
    os.link(current, target)
    try:  # once linked, never fail: the caller would write a copy through the link, into the published file
        mode = os.stat(target).st_mode
        if mode & 0o444 != 0o444:
            os.chmod(target, (mode | 0o444) & 0o7777)
    except OSError:
        pass  # not ours to change: the file stays as the earlier build left it


def swap(new: Path, out: Path) -> Path | None:
    """Put `new` in place of `out`: an atomic exchange on Linux, two renames elsewhere.

    Returns the folder that holds the previous site now (None when there was none). Its name is
    a staging name, so a build that dies before removing it leaves it to the next one to clean.
    """
    if not out.exists():
        os.rename(new, out)
        return None
    old = Path(tempfile.mkdtemp(prefix=old_prefix(out), dir=out.parent))
    os.rmdir(old)
    if _exchange(new, out):
        os.rename(new, old)  # `new` holds the previous site now; staging_folder() must not remove it on its way out
        return old
    os.rename(out, old)
    os.rename(new, out)
    return old


def remove_later(folder: Path | None) -> Callable[[], None]:
    """Start removing `folder` in another process, so the build saves its caches meanwhile; returns the wait.

    Thousands of removals in this process would wait for the interpreter lock, and on a disk
    mounted with discard they cost the kernel seconds. Without `rm`, the wait removes it here.
    """
    if folder is None:
        return lambda: None
    rm = shutil.which("rm") if os.name == "posix" else None
    if rm is None:
        return lambda: shutil.rmtree(folder, ignore_errors=True)
    process = subprocess.Popen([rm, "-rf", "--", str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait() -> None:
        process.wait()
        shutil.rmtree(folder, ignore_errors=True)  # whatever rm could not remove, if anything

    return wait


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def clean_leftovers(out: Path) -> None:
    """Remove staging folders that an interrupted build left beside `out`."""
    for leftover in staging_folders(out):
        shutil.rmtree(leftover, ignore_errors=True)
