"""Terang against Terang: two checkouts measured alternately, run by run, on one corpus.

    python3 bench/compare.py --old 36301fd --new . --n 1000 --rounds 5
    python3 bench/compare.py --old /tmp/old --new /work/main --n 5000 --participants 1000000

Each of --old and --new is a folder holding a checkout (its build.py and terang/) or a git
revision of the repository this script is in; a revision is exported with `git archive` into a
temporary folder, deleted afterwards (the repository's branches, index and worktrees are not
touched). One SIMULASI corpus (bench/corpus.py) is generated and copied once per checkout, so
each keeps its own caches and site; every figure is then measured old, new, old, new, ... for
--rounds rounds, each build a fresh `python3 <checkout>/build.py` with PYTHONPATH set to that
checkout (checked: `import terang` must resolve inside it). Prints a Markdown table of median
and minimum per checkout and the ratios new/old, marking a median ratio above --limit.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import filecmp
import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate, participants  # noqa: E402
from run import Sample, fetch, free_port, run  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
FIGURES = ("cold", "no-change", "edit-one", "serve")
EDITED = "content/berita/simulasi-00000.md"  # edited by the edit-one rebuild, as in run.py
SERVED = "content/berita/simulasi-00001.md"  # edited while `serve` runs, as in run.py
SERVED_URL = "/berita/simulasi-00001/index.html"
BUILD_DONE = "Selesai dalam"  # the line `serve` prints when one of its full builds has finished
BUILD_FAILED = "Build gagal"
COUNT_CODE = ("import sys; from pathlib import Path; from {module} import count_files; "
              "p = Path(sys.argv[1]); counts, problems = count_files(p.parent, [p]); assert not problems, problems[:3]")


@dataclass
class Side:
    """One checkout and its own copy of the corpus, site folder and environment."""

    label: str
    root: Path
    describe: str
    project: Path = Path()
    out: Path = Path()
    env: dict[str, str] = field(default_factory=dict)

    def build(self) -> Sample:
        """One build of this side's corpus with this checkout's code, in a fresh process."""
        cmd = [PY, str(self.root / "build.py"), "-q", "--proyek", str(self.project), "--out", str(self.out)]
        return run(cmd, self.project, self.env)

    def clear(self) -> None:
        """No cache and no previous site: the next build is a cold one."""
        shutil.rmtree(self.project / ".cache", ignore_errors=True)
        shutil.rmtree(self.out, ignore_errors=True)

    def append(self, relative: str, line: str) -> None:
        """Save one more line at the end of a source file."""
        with (self.project / relative).open("a", encoding="utf-8") as handle:
            handle.write(f"\n{line}\n")


class Results:
    """Samples per figure and side, in the order the figures were first measured."""

    def __init__(self) -> None:
        self.samples: dict[str, dict[str, list[float]]] = {}

    def add(self, figure: str, label: str, value: float) -> None:
        self.samples.setdefault(figure, {}).setdefault(label, []).append(value)


def git(repo: Path, *args: str) -> str:
    """A read-only git command's output, or "" when it fails (not a repository, unknown revision)."""
    done = subprocess.run(["git", "--no-optional-locks", "-C", str(repo), *args], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def describe_folder(root: Path) -> str:
    """The commit a checkout folder is at, and whether it has uncommitted changes."""
    commit = git(root, "rev-parse", "--short", "HEAD")
    if not commit:
        return str(root)
    dirty = git(root, "status", "--porcelain", "--untracked-files=no")
    return f"{commit}{' + uncommitted changes' if dirty else ''} ({root})"


def export_revision(revision: str, into: Path) -> str:
    """Write the tree of a git revision of this repository into an empty folder; the commit's short name."""
    commit = git(ROOT, "rev-parse", "--verify", "--short", f"{revision}^{{commit}}")
    if not commit:
        raise SystemExit(f"neither a checkout folder nor a git revision of {ROOT}: {revision}")
    into.mkdir(parents=True)
    archive = subprocess.Popen(["git", "-C", str(ROOT), "archive", "--format=tar", commit], stdout=subprocess.PIPE)
    extract = subprocess.run(["tar", "-x", "-C", str(into)], stdin=archive.stdout)
    archive.stdout.close()
    if archive.wait() != 0 or extract.returncode != 0:
        raise SystemExit(f"git archive {commit} failed")
    return commit


def open_side(label: str, spec: str, temporary: Path) -> Side:
    """A checkout from a folder (used as it is) or from a revision (exported into `temporary`)."""
    folder = Path(spec).expanduser()
    if (folder / "build.py").is_file() and (folder / "terang").is_dir():
        root = folder.resolve()
        return Side(label, root, describe_folder(root))
    root = temporary / f"checkout-{label}"
    commit = export_revision(spec, root)
    return Side(label, root, f"{commit} (git archive of {spec})")


def check_import(side: Side) -> None:
    """Refuse to measure when `import terang` would not load this checkout's own package."""
    done = subprocess.run([PY, "-c", "import terang; print(terang.__file__)"], cwd=side.project,
                          env=side.env, capture_output=True, text=True)
    found = Path(done.stdout.strip()).resolve() if done.returncode == 0 else None
    if found is None or not found.is_relative_to(side.root / "terang"):
        raise SystemExit(f"{side.label}: import terang gives {found or done.stderr.strip()}, not {side.root / 'terang'}")


def compile_checkout(side: Side) -> None:
    """Bytecode for the checkout's modules, as run.py makes it (this sandbox sets PYTHONDONTWRITEBYTECODE)."""
    subprocess.run([PY, "-m", "compileall", "-q", str(side.root / "terang")], check=True, stdout=subprocess.DEVNULL)


def prepare(sides: list[Side], work: Path, news: int) -> None:
    """One corpus, copied once per side with that checkout's own templates; environments checked."""
    generated = generate(work / "corpus", news)
    shutil.rmtree(generated["pelican"])
    shutil.rmtree(generated["hugo"])
    for side in sides:
        side.project = work / side.label / "terang"
        side.out = work / side.label / "site"
        shutil.copytree(generated["terang"], side.project)
        if (side.root / "templates").is_dir():
            shutil.rmtree(side.project / "templates")
            shutil.copytree(side.root / "templates", side.project / "templates")
        paths = [str(side.root), *filter(None, [os.environ.get("PYTHONPATH", "")])]
        side.env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
        check_import(side)
        compile_checkout(side)
    shutil.rmtree(generated["terang"])


def alternate(sides: list[Side], rounds: int, name: str, step: Callable[[Side, int], None]) -> None:
    """old, new, old, new, ...: one step per side per round; bytecode refreshed before each step."""
    for number in range(rounds):
        print(f"{name}: round {number + 1} of {rounds}", file=sys.stderr, flush=True)
        for side in sides:
            compile_checkout(side)  # a checkout edited meanwhile would otherwise compile in every process
            step(side, number)


def measure_builds(sides: list[Side], rounds: int, wanted: set[str], results: Results) -> None:
    """Cold build, no-change rebuild and rebuild after editing one article (those wanted), each alternated.

    One cold build per side first, not measured: the first process of a run reads Python's
    libraries from disk, and would count against whichever side goes first.
    """

    def record(name: str, side: Side, sample: Sample) -> None:
        results.add(f"{name}, s", side.label, sample.seconds)
        results.add(f"{name}, peak MB", side.label, sample.peak_mb)

    def cold(side: Side, number: int) -> None:
        side.clear()
        record("cold full build (no cache)", side, side.build())

    def unchanged(side: Side, number: int) -> None:
        record("no-change rebuild", side, side.build())

    def edit_one(side: Side, number: int) -> None:
        side.append(EDITED, f"Sunting SIMULASI {number}.")
        record("rebuild after editing one article", side, side.build())

    alternate(sides, 1, "warm-up (not measured)", lambda side, number: (side.clear(), side.build()))
    steps = {"cold": ("cold build", cold), "no-change": ("no-change rebuild", unchanged), "edit-one": ("edit-one rebuild", edit_one)}
    for figure, (name, step) in steps.items():
        if figure in wanted:
            alternate(sides, rounds, name, step)


@contextlib.contextmanager
def serving(side: Side, port: int) -> Iterator[queue.Queue[str]]:
    """`serve` of this side's corpus on a port; yields its output lines, stops its whole process group.

    It serves the site the measured builds left, so its first build finds nothing changed.
    """
    cmd = [PY, str(side.root / "build.py"), "serve", "--proyek", str(side.project),
           "--out", str(side.out), "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=side.project, env=side.env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True)
    reader.start()
    try:
        yield lines
    finally:
        stop_group(proc)
        reader.join(timeout=5)


def stop_group(proc: subprocess.Popen[str]) -> None:
    """Ctrl+C to the server and its build processes; killed if they are still there after 30 s."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def await_build(lines: queue.Queue[str], side: Side, timeout: float = 600) -> None:
    """Wait for the server's next full build to finish; stop on a failed build or a silent server."""
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        if line.startswith(BUILD_DONE):
            return
        if line.startswith(BUILD_FAILED):
            break
    raise SystemExit(f"{side.label}: serve did not finish a build:\n{''.join(seen[-20:])}")


def measure_serve(sides: list[Side], rounds: int, saves: int, results: Results) -> None:
    """From saving an article to its new text being served; one server at a time, started per round."""

    def serve(side: Side, number: int) -> None:
        port = free_port()
        url = f"http://127.0.0.1:{port}{SERVED_URL}"
        with serving(side, port) as lines:
            await_build(lines, side)
            await_page(url, "SIMULASI", side)
            for save in range(saves):
                marker = f"Sunting serve SIMULASI {number} {save} {time.time_ns()}"
                start = time.perf_counter()
                side.append(SERVED, marker)
                await_page(url, marker, side, pause=0.005)
                results.add("serve: save to new page served, s", side.label, time.perf_counter() - start)
                await_build(lines, side)  # the background build ends before the next save or the stop

    alternate(sides, rounds, "serve", serve)


def await_page(url: str, text: str, side: Side, pause: float = 0.1, timeout: float = 120) -> None:
    """Poll a page until it holds `text`."""
    deadline = time.monotonic() + timeout
    while text not in fetch(url):
        if time.monotonic() > deadline:
            raise SystemExit(f"{side.label}: {url} did not show {text!r}")
        time.sleep(pause)


def measure_participants(sides: list[Side], rounds: int, rows: int, work: Path, results: Results) -> None:
    """Aggregating a participant CSV of `rows` rows, with each checkout's own module."""
    path = participants(work / "peserta" / "peserta.csv", rows)
    name = f"participant aggregation M={rows:,}".replace(",", ".")

    def aggregate(side: Side, number: int) -> None:
        staged = (side.root / "terang/data/participants.py").is_file()  # else before the stage subpackages
        code = COUNT_CODE.format(module="terang.data.participants" if staged else "terang.peserta")
        sample = run([PY, "-c", code, str(path)], side.project, side.env)
        results.add(f"{name}, s", side.label, sample.seconds)
        results.add(f"{name}, peak MB", side.label, sample.peak_mb)

    alternate(sides, rounds, "participant aggregation", aggregate)


def same_site(sides: list[Side]) -> str:
    """Whether the two sides' last builds wrote the same files with the same bytes."""
    old, new = (sorted(p.relative_to(side.out).as_posix() for p in side.out.rglob("*") if p.is_file()) for side in sides)
    if old != new:
        return f"the sites differ in their file lists ({len(set(old) ^ set(new))} names in one only)"
    differing = [name for name in old if not filecmp.cmp(sides[0].out / name, sides[1].out / name, shallow=False)]
    if differing:
        return f"{len(differing)} of {len(old)} files differ, e.g. {', '.join(differing[:3])}"
    return f"byte-identical ({len(old)} files)"


def ratio_text(new: float, old: float) -> str:
    return f"{new / old:.3f}" if old else "-"


def table(results: Results, sides: list[Side], limit: float) -> tuple[list[str], list[str]]:
    """The Markdown rows, and the figures whose median ratio new/old is above the limit."""
    old, new = (side.label for side in sides)
    lines = [f"| figure | {old} median | {old} min | {new} median | {new} min | {new}/{old} median | {new}/{old} min | |",
             "|---|--:|--:|--:|--:|--:|--:|---|"]
    above: list[str] = []
    for figure, by_side in results.samples.items():
        digits = 0 if figure.endswith("MB") else 3
        o, n = by_side[old], by_side[new]
        o_med, n_med = statistics.median(o), statistics.median(n)
        ratio = n_med / o_med if o_med else 0.0
        flag = f"**> {limit:.2f}**" if ratio > limit else ""
        if flag:
            above.append(figure)
        lines.append(f"| {figure} | {o_med:.{digits}f} | {min(o):.{digits}f} | {n_med:.{digits}f} | {min(n):.{digits}f} "
                     f"| {ratio_text(n_med, o_med)} | {ratio_text(min(n), min(o))} | {flag} |")
    return lines, above


def report(results: Results, sides: list[Side], args: argparse.Namespace, site: str, elapsed: float,
           load: tuple[float, float]) -> None:
    """The table for bench/README.md, with what was compared and how (a load above 0 means other work ran)."""
    lines, above = table(results, sides, args.limit)
    today = dt.date.today().isoformat()
    print(f"\nTerang {sides[0].label} = {sides[0].describe}; {sides[1].label} = {sides[1].describe}.")
    print(f"N={args.n} news (SIMULASI), {args.rounds} rounds alternating {sides[0].label} and {sides[1].label}, "
          f"{os.cpu_count()} cores, {args.work or '/dev/shm'}, {today}; {elapsed:.0f} s in all, load average {load[0]:.1f} before and {load[1]:.1f} after. "
          f"Sites built: {site}.\n")
    print("\n".join(lines))
    if above:
        print(f"\nMedian above {args.limit:.2f}× {sides[0].label}: {'; '.join(above)}.")
    else:
        print(f"\nEvery median within {args.limit:.2f}× {sides[0].label}.")


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Compare two Terang checkouts, alternating their runs on one SIMULASI corpus.")
    parser.add_argument("--old", required=True, help="checkout folder or git revision (exported with git archive)")
    parser.add_argument("--new", default=".", help="checkout folder or git revision (default: .)")
    parser.add_argument("--n", type=int, default=1000, help="news items in the corpus")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each figure per checkout, alternated")
    parser.add_argument("--only", nargs="+", choices=FIGURES, default=list(FIGURES), help="figures to measure (default: all)")
    parser.add_argument("--serve-saves", type=int, default=1, help="saves measured per serve start and round")
    parser.add_argument("--participants", type=int, default=0, help="rows of the participant CSV to aggregate (0: skip)")
    parser.add_argument("--limit", type=float, default=1.05, help="median ratio new/old above which a figure is marked")
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpus (default: a temporary folder in /dev/shm)")
    return parser.parse_args()


def main() -> None:
    args = parse()
    base = args.work or Path("/dev/shm" if Path("/dev/shm").is_dir() else tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix="terang-compare-", dir=base))
    started, load = time.perf_counter(), os.getloadavg()[0]
    try:
        sides = [open_side("old", args.old, work), open_side("new", args.new, work)]
        print(f"Corpus in {work} (SIMULASI, deleted afterwards).", file=sys.stderr)
        prepare(sides, work, args.n)
        results = Results()
        measure_builds(sides, args.rounds, set(args.only), results)
        site = same_site(sides)  # both sides built the same sources, edits included
        if "serve" in args.only:
            measure_serve(sides, args.rounds, args.serve_saves, results)
        if args.participants:
            measure_participants(sides, args.rounds, args.participants, work, results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(results, sides, args, site, time.perf_counter() - started, (load, os.getloadavg()[0]))


if __name__ == "__main__":
    main()
