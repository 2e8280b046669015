"""Re-check latency of ``newslint lsp``, measured over the wire as an editor sees it.

    python benchmarks/lsp_latency.py [--runs 30] [--transcript FILE]

Starts ``newslint lsp`` as a subprocess, opens the seed article and a ~6 KB generated one
(benchmarks/gen_corpus.py), then edits each ``--runs`` times: every edit is a didChange
followed by didSave (a save lints at once; typing waits out the 200 ms debounce, which is
not what is measured), timed until the publishDiagnostics for the new version arrives. It
prints the median and 90th percentile per article, and the in-process lint time for
comparison. ``--transcript`` writes the JSON-RPC exchange of a short session (initialize →
didOpen → publishDiagnostics → codeAction) to FILE, for docs/editors.md.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, TextIO

HERE = Path(__file__).resolve().parent
SEED = HERE.parent / "seeds" / "000_515427318ff19ac6.txt"


class Client:
    """A minimal JSON-RPC client on a server's stdio (so the transcript is the wire)."""

    def __init__(self, cmd: list[str], cwd: Path, log: TextIO | None = None) -> None:
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0
        self.log = log

    def _trace(self, arrow: str, msg: dict[str, Any]) -> None:
        if self.log is not None:
            self.log.write(f"{arrow} {json.dumps(msg, ensure_ascii=False)}\n")

    def send(self, msg: dict[str, Any]) -> None:
        msg = {"jsonrpc": "2.0", **msg}
        self._trace("-->", msg)
        body = json.dumps(msg).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        msg: dict[str, Any] = json.loads(self.proc.stdout.read(length))
        self._trace("<--", msg)
        return msg

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            msg = self.read()
            if msg.get("id") == self.next_id and "method" not in msg:
                if "error" in msg:
                    raise RuntimeError(msg["error"])
                return msg.get("result")

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def wait_diagnostics(self, uri: str, version: int) -> list[dict[str, Any]]:
        while True:
            msg = self.read()
            p = msg.get("params") or {}
            if (
                msg.get("method") == "textDocument/publishDiagnostics"
                and p.get("uri") == uri
                and p.get("version") == version
            ):
                return list(p["diagnostics"])

    def close(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.wait(timeout=10)


def generated_article(folder: Path) -> Path:
    sys.path.insert(0, str(HERE))
    import gen_corpus

    head, paras = gen_corpus.article(random.Random(1), "en")
    path = folder / "generated.md"
    path.write_text(gen_corpus.render("md", "en", head, paras), encoding="utf-8")
    return path


def start(folder: Path, log: TextIO | None = None) -> Client:
    client = Client([sys.executable, "-m", "newslint", "lsp"], folder, log)
    client.request(
        "initialize",
        {"processId": None, "rootUri": folder.as_uri(), "capabilities": {}},
    )
    client.notify("initialized", {})
    return client


def open_doc(client: Client, path: Path, text: str) -> list[dict[str, Any]]:
    lang = "markdown" if path.suffix == ".md" else "plaintext"
    item = {"uri": path.as_uri(), "languageId": lang, "version": 1, "text": text}
    client.notify("textDocument/didOpen", {"textDocument": item})
    return client.wait_diagnostics(path.as_uri(), 1)


def measure(client: Client, path: Path, runs: int) -> list[float]:
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    open_doc(client, path, text)
    times = []
    for version in range(2, runs + 2):
        edited = text.replace(" ", "  ", version % 5 + 1)  # a small edit, like typing
        start_t = time.perf_counter()
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": edited}],
            },
        )
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        client.wait_diagnostics(uri, version)
        times.append(time.perf_counter() - start_t)
    return times


def in_process(path: Path, runs: int) -> list[float]:
    from newslint.api import Session

    session = Session.create(cwd=path.parent, isolated=True)
    text = path.read_text(encoding="utf-8")
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        session.linter.lint_bytes(text, path.name)
        out.append(time.perf_counter() - t)
    return out


HOUSE_RULES = """\
rules:
  - kind: replace
    code: HR100
    name: percent-spelling
    message: "write '{replacement}', not '{match}'"
    replacements: {per cent: percent}
"""


def transcript(out: Path) -> None:
    """A short session on a Markdown article with an emoji before the flagged words."""
    import io

    log = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp).resolve()
        (folder / "house.yaml").write_text(HOUSE_RULES, encoding="utf-8")
        (folder / "newslint.yaml").write_text("house-rules: [house.yaml]\n", encoding="utf-8")
        path = folder / "article.md"
        text = (
            "# Acme shares climb\n\n"
            "Traders cheered 🚀 as Acme rose 12 per cent, the company said.\n\n"
            "Reporting by Jane Doe; Editing by John Roe\n"
        )
        path.write_text(text, encoding="utf-8")
        client = start(folder, log)
        diags = open_doc(client, path, text)
        client.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": path.as_uri()},
                "range": diags[0]["range"],
                "context": {"diagnostics": [], "only": ["quickfix"]},
            },
        )
        client.close()
        out.write_text(log.getvalue().replace(folder.as_uri(), "file:///news"), "utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--transcript", type=Path, help="write a JSON-RPC transcript here")
    args = ap.parse_args()
    if args.transcript:
        transcript(args.transcript)
        print(f"transcript written to {args.transcript}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seed = folder / "seed.txt"
        seed.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
        articles = [seed, generated_article(folder)]
        client = start(folder)
        try:
            for path in articles:
                wire = measure(client, path, args.runs)
                local = in_process(path, args.runs)
                size = path.stat().st_size
                print(
                    f"{path.name:15} {size:6,} bytes  re-check over LSP: median "
                    f"{statistics.median(wire) * 1000:5.1f} ms, p90 "
                    f"{statistics.quantiles(wire, n=10)[-1] * 1000:5.1f} ms;  "
                    f"lint in process: median {statistics.median(local) * 1000:5.1f} ms"
                )
        finally:
            client.close()


if __name__ == "__main__":
    main()
