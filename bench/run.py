"""One command, one corpus, one table: Terang against Pelican and Hugo on this machine.

    python3 bench/run.py --news 1000 5000 --participants 1000000 --repeat 3

Each measurement runs in a fresh process; wall time is the median of --repeat runs and peak
memory is the child's maximum resident set size (from wait4). Run it on /dev/shm (RAM disk)
and on disk with --work.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate, participants  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mb: float


@dataclass(frozen=True)
class Row:
    name: str
    size: str
    seconds: float
    peak_mb: float


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run a command to completion; its wall time and peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err}")
    return Sample(seconds, usage.ru_maxrss / 1024)


def median(samples: list[Sample]) -> tuple[float, float]:
    return statistics.median(s.seconds for s in samples), max(s.peak_mb for s in samples)


def terang_cmd(project: Path, out: Path) -> list[str]:
    return [PY, str(ROOT / "build.py"), "-q", "--proyek", str(project), "--out", str(out)]


def clear_cache(project: Path) -> None:
    shutil.rmtree(project / ".cache", ignore_errors=True)


def bench_size(work: Path, news: int, repeat: int) -> list[Row]:
    """Every build measurement at one corpus size."""
    dirs = generate(work / f"n{news}", news)
    terang, out = dirs["terang"], work / f"n{news}" / "site"
    size = f"N={news}"
    rows: list[Row] = []

    def measure(name: str, prepare, cmd: list[str], cwd: Path) -> None:
        samples = []
        for _ in range(repeat):
            prepare()
            samples.append(run(cmd, cwd))
        seconds, peak = median(samples)
        rows.append(Row(name, size, seconds, peak))

    def cold() -> None:
        clear_cache(terang)
        shutil.rmtree(out, ignore_errors=True)

    measure("Terang, cold full build (no cache)", cold, terang_cmd(terang, out), terang)
    measure("Terang, no-change rebuild", lambda: None, terang_cmd(terang, out), terang)
    article = terang / "content/berita/simulasi-00000.md"
    counter = iter(range(10**6))

    def edit() -> None:
        with article.open("a", encoding="utf-8") as handle:
            handle.write(f"\nSunting SIMULASI {next(counter)}.\n")

    measure("Terang, rebuild after editing one article", edit, terang_cmd(terang, out), terang)
    copy_target = work / f"n{news}" / "copy"
    measure("Copying the sources once", lambda: shutil.rmtree(copy_target, ignore_errors=True),
            ["cp", "-r", str(terang / "content"), str(copy_target)], terang)
    pelican_out = work / f"n{news}" / "out-pelican"
    measure("Pelican, full build", lambda: shutil.rmtree(pelican_out, ignore_errors=True),
            [PY, "-m", "pelican", "content", "-o", str(pelican_out), "-s", "pelicanconf.py", "-q"], dirs["pelican"])
    hugo_out = work / f"n{news}" / "out-hugo"
    hugo = shutil.which("hugo") or "hugo"
    measure("Hugo, full build", lambda: shutil.rmtree(hugo_out, ignore_errors=True),
            [hugo, "--quiet", "-d", str(hugo_out)], dirs["hugo"])
    return rows


def print_table(rows: list[Row]) -> None:
    pelican = {r.size: r.seconds for r in rows if r.name.startswith("Pelican")}
    hugo = {r.size: r.seconds for r in rows if r.name.startswith("Hugo")}
    print(f"| {'measurement':<46} | {'size':<9} | {'median s':>9} | {'peak MB':>8} | {'÷ Pelican':>9} | {'÷ Hugo':>7} |")
    print(f"|{'-' * 48}|{'-' * 11}|{'-' * 11}|{'-' * 10}|{'-' * 11}|{'-' * 9}|")
    for r in rows:
        vs_p = f"{r.seconds / pelican[r.size]:.2f}" if r.size in pelican else ""
        vs_h = f"{r.seconds / hugo[r.size]:.2f}" if r.size in hugo else ""
        peak = f"{r.peak_mb:.0f}" if r.peak_mb else "-"
        print(f"| {r.name:<46} | {r.size:<9} | {r.seconds:>9.3f} | {peak:>8} | {vs_p:>9} | {vs_h:>7} |")


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark Terang against Pelican and Hugo (SIMULASI corpus).")
    parser.add_argument("--news", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--participants", type=int, default=0, help="rows of the participant CSV to aggregate (0: skip)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpus (default: a temporary folder in /dev/shm)")
    args = parser.parse_args()
    base = args.work or Path("/dev/shm" if Path("/dev/shm").is_dir() else tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix="terang-bench-", dir=base))
    print(f"Corpus in {work} (SIMULASI, deleted afterwards); {os.cpu_count()} cores.")
    # Terang's modules as bytecode, as `pip install` leaves an installed package and as Python caches
    # them on a first run; where PYTHONDONTWRITEBYTECODE is set (this sandbox), an editable install would
    # otherwise be compiled again in every process (about 0.05 s). Pelican's and Hugo's code is compiled too.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "terang")], check=True)
    rows: list[Row] = []
    try:
        for news in args.news:
            rows += bench_size(work, news, args.repeat)
            rows += bench_serve(work, news, args.repeat)
        if args.participants:
            rows += bench_participants(work, args.participants, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows)


def bench_participants(work: Path, count: int, repeat: int) -> list[Row]:
    """Aggregate a participant CSV of `count` rows (segment x kecamatan x month), in chunks."""
    path = participants(work / "peserta.csv", count)
    code = ("import sys; from pathlib import Path; from terang.data.participants import count_files; "
            "p = Path(sys.argv[1]); counts, problems = count_files(p.parent, [p]); assert not problems, problems[:3]")
    samples = [run([PY, "-c", code, str(path)], ROOT) for _ in range(repeat)]
    seconds, peak = median(samples)
    return [Row("Participant aggregation", f"M={count:,}".replace(",", "."), seconds, peak)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def bench_serve(work: Path, news: int, repeat: int) -> list[Row]:
    """`serve`: from saving an article to the new text being served (debounce included)."""
    project = work / f"n{news}" / "terang"
    port = free_port()
    proc = subprocess.Popen([PY, str(ROOT / "build.py"), "serve", "-q", "--proyek", str(project),
                             "--out", str(work / f"n{news}" / "preview"), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/berita/simulasi-00001/index.html"
    try:
        deadline = time.monotonic() + 600
        while "SIMULASI" not in fetch(url):
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("serve did not start")
            time.sleep(0.1)
        samples = []
        article = project / "content/berita/simulasi-00001.md"
        for i in range(repeat):
            marker = f"Sunting serve SIMULASI {i} {time.time_ns()}"
            start = time.perf_counter()
            with article.open("a", encoding="utf-8") as handle:
                handle.write(f"\n{marker}\n")
            while marker not in fetch(url):
                if time.perf_counter() - start > 120:
                    raise SystemExit("serve did not rebuild")
                time.sleep(0.005)
            samples.append(time.perf_counter() - start)
            time.sleep(1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return [Row("Terang serve, save to new page served", f"N={news}", statistics.median(samples), 0.0)]


if __name__ == "__main__":
    main()
