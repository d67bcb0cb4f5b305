#!/usr/bin/env python3
"""Whole-process measurements for docs/PERFORMANCE.md: the real kondens binary (release
build) on a generated 1-million-word project, and `qc` (PyPI qualitative-coding) importing
the same 50 files, side by side in one run.

    python3 benches/whole_process.py              # needs: cargo, and `pip install qualitative-coding`
    python3 benches/whole_process.py --scale 10   # 500 transcripts, 10 million words, 200,000 units

Prints a Markdown table. Each figure is the median of several runs; peak memory is the
process's peak resident set size (VmHWM), sampled every millisecond while it runs.
"""
import os, pty, select, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KONDENS = os.path.join(ROOT, "target", "release", "kondens")


def peak_memory(pid):
    """The process's peak resident memory so far (VmHWM), or None once it has exited.
    (ru_maxrss is no use here: for a child forked from Python it includes Python's own
    memory from before the exec.)"""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def run(cmd, cwd=None, env=None):
    """Runs a command; returns (seconds, peak resident memory in bytes), sampling the
    peak every millisecond while it runs."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while p.poll() is None:
        peak = max(peak, peak_memory(p.pid) or 0)
        time.sleep(0.001)
    took = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr.read().decode()}")
    return took, peak


def median(f, n):
    results = [f() for _ in range(n)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def open_to_first_frame(project, env):
    """Starts `kondens open` in a pseudo-terminal (200x50); seconds until the first frame
    is on the screen, and the process's peak memory."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.execv(KONDENS, [KONDENS, "open", project, "--coder", "coder1"])
    import fcntl, struct, termios
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    start = time.perf_counter()
    seen = b""
    while b"Code tree" not in seen:
        r, _, _ = select.select([fd], [], [], 10)
        if not r:
            sys.exit("no frame within 10 s")
        seen += os.read(fd, 65536)
    took = time.perf_counter() - start
    with open(f"/proc/{pid}/status") as f:
        hwm = next(int(l.split()[1]) * 1024 for l in f if l.startswith("VmHWM"))
    os.write(fd, b"q")
    while True:
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    os.waitpid(pid, 0)
    return took, hwm


def main():
    scale = int(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="kondens-perf-")
    env = dict(os.environ, KONDENS_CONFIG_DIR=os.path.join(work, "cfg"),
               KONDENS_DATA_DIR=os.path.join(work, "data"), KONDENS_STATE_DIR=os.path.join(work, "state"))
    subprocess.run(["cargo", "run", "--release", "--quiet", "--example", "generate", "--", work,
                    "--scale", str(scale)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    texts = os.path.join(work, "texts")
    files = sorted(os.path.join(texts, f) for f in os.listdir(texts))
    project = os.path.join(work, "project")
    text_bytes = sum(os.path.getsize(os.path.join(project, "transcripts", f))
                     for f in os.listdir(os.path.join(project, "transcripts")) if f.endswith(".txt"))
    rows = []

    def kondens_import():
        dest = tempfile.mkdtemp(dir=work)
        run([KONDENS, "new", os.path.join(dest, "p")], env=env)
        return run([KONDENS, "import", os.path.join(dest, "p")] + files, env=env)

    def qc_import():
        dest = tempfile.mkdtemp(dir=work)
        start = time.perf_counter()
        run(["qc", "init"], cwd=dest)
        run(["qc", "corpus", "import", "--importer", "verbatim", "-r", texts], cwd=dest)
        return time.perf_counter() - start, 0

    k_import = median(kondens_import, 3)
    rows.append((f"kondens import, {len(files)} files ({scale}M words)", k_import[0], k_import[1]))
    if scale == 1 and shutil.which("qc"):
        q_import = median(qc_import, 3)
        rows.append(("qc init + qc corpus import --importer verbatim -r, same 50 files", q_import[0], None))
    else:
        q_import = None
    rows.append(("kondens stats", *median(lambda: run([KONDENS, "stats", project], env=env), 5)))
    out = os.path.join(work, "export.json")
    rows.append(("kondens export --format json", *median(lambda: run([KONDENS, "export", project, "--format", "json", "--out", out], env=env), 5)))
    out = os.path.join(work, "export.ron")
    rows.append(("kondens export --format ron", *median(lambda: run([KONDENS, "export", project, "--out", out], env=env), 5)))
    rows.append(("kondens open → first frame (200×50)", *median(lambda: open_to_first_frame(project, env), 5)))

    print(f"Transcript text: {text_bytes / 1e6:.1f} MB in {len(files)} files.\n")
    print("| what | time (median) | peak memory | memory ÷ text |")
    print("|---|---|---|---|")
    for name, secs, mem in rows:
        m = f"{mem / 1e6:.1f} MB" if mem else "—"
        ratio = f"{mem / text_bytes:.2f}×" if mem else "—"
        print(f"| {name} | {secs * 1000:.0f} ms | {m} | {ratio} |")
    if q_import:
        print(f"\nkondens imports {q_import[0] / k_import[0]:.0f}× faster than qc on the same files.")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
