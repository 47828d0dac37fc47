import html
import re
from pathlib import Path

import pytest

from tui import make_app

TREES = Path(__file__).parent.parent / "trees"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def save_dir(tmp_path: Path) -> Path:
    path = tmp_path / "saved"
    path.mkdir()
    return path


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


@pytest.fixture
def app_for(data_dir, save_dir, config_path):
    """An app on a tree file of tests/trees (or on the picker, given None), with its own data, save and config."""

    def build(name: str | Path | None, **kwargs):
        target = None if name is None else (name if isinstance(name, Path) else TREES / name)
        return make_app(target, data_dir=data_dir, save_dir=save_dir, config_path=config_path, **kwargs)

    return build


def screen_text(app) -> str:
    """What the terminal shows, as text: the screenshot with its SVG stripped away."""
    svg = app.export_screenshot()
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    return html.unescape("".join(lines)).replace("\xa0", " ")


def flat_text(app) -> str:
    """The screen's words with line wrapping undone, to look for phrases that may wrap."""
    return " ".join(screen_text(app).split())
