"""`quiz serve` in a real browser: the docs' screenshots at the advice, and the memory each visitor costs.

It serves the bundled "Can you get him back?", opens it in Debian's headless Chromium (as
tests/test_serve.py does), takes one of the tree's scenarios to its advice by key presses
and saves a screenshot of the page in docs/ at two window sizes. Then it opens more
visitors, one browser context each, and reads the memory of every `quiz play` process the
server started for them from /proc: resident (RSS) and proportional (PSS, which shares the
pages processes have in common between them).

    .venv/bin/python bench/serve.py               # 8 visitors
    .venv/bin/python bench/serve.py --visitors 3

It writes the table to bench/out/serve.md and prints it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from quiz import Session, load_path  # noqa: E402
from tests import browser  # noqa: E402

TREE = REPO / "trees" / "get-him-back.json"
SCENARIO = "apologise after a fight"
SIZES = {"serve-outcome.png": (1000, 640), "serve-outcome-narrow.png": (480, 560)}


def _visitors(server_pid: int) -> list[int]:
    """The `quiz play` processes the server started, one a visitor."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        parent = int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))
        if parent == server_pid and b"play" in command:
            found.append(int(entry.name))
    return sorted(found)


def _memory_kb(pid: int) -> tuple[int, int]:
    rss = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("VmRSS:"))
    pss = next(line for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines() if line.startswith("Pss:"))
    return int(rss.split()[1]), int(pss.split()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--visitors", type=int, default=8)
    args = parser.parse_args()
    tree = load_path(TREE).tree
    assert tree is not None
    scenario = next(s for s in tree.scenarios if s.name == SCENARIO)
    with tempfile.TemporaryDirectory() as scratch:
        home, log = Path(scratch) / "home", Path(scratch) / "serve.log"
        home.mkdir()
        served = browser.served("get-him-back", env=browser.environment(home), log=log)
        with served as (url, server), sync_playwright() as p:
            chromium = browser.launch(p)
            contexts = []
            for shot, (width, height) in SIZES.items():
                context = browser.visitor(chromium, width=width, height=height)
                contexts.append(context)
                page = browser.open_quiz(context, url)
                browser.wait_for(page, "Start")
                browser.press(page, "Enter")
                end = browser.take(page, Session.start(tree), scenario.answers)
                browser.wait_for(page, browser.shown(end))
                time.sleep(0.5)  # the last frame drawn
                page.screenshot(path=str(REPO / "docs" / shot))
                print(f"docs/{shot}: {width}x{height}")
            while len(contexts) < args.visitors:
                context = browser.visitor(chromium)
                contexts.append(context)
                browser.wait_for(browser.open_quiz(context, url), "Start")
            time.sleep(2)  # every process settled after its first screen
            pids = _visitors(server)
            memory = [_memory_kb(pid) for pid in pids]
            server_rss = _memory_kb(server)[0]
            chromium.close()
    rss = [m[0] / 1024 for m in memory]
    pss = [m[1] / 1024 for m in memory]
    lines = [
        f"{len(pids)} visitors, a `quiz play` process each (two at the advice, the rest at the welcome page):",
        "",
        "| per visitor | median | min | max |",
        "|---|---:|---:|---:|",
        f"| RSS (MB) | {statistics.median(rss):.1f} | {min(rss):.1f} | {max(rss):.1f} |",
        f"| PSS (MB) | {statistics.median(pss):.1f} | {min(pss):.1f} | {max(pss):.1f} |",
        "",
        f"The server itself (textual-serve): {server_rss / 1024:.1f} MB RSS.",
    ]
    report = "\n".join(lines) + "\n"
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / "serve.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
