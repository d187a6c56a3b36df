"""The documentation site: built once into a temporary folder, served over http
on localhost and opened in headless Chromium.

The build (``sphinx-build -W``, as ``make site`` runs it) must be free of
warnings. In the browser every page must load without a console error, a page
error or a failed request; every notebook page shows each figure stored in its
notebook; every link to the site itself answers 200 and its ``#fragment``
exists. The comparison notebook's page is saved as a screenshot to
``tests/artefacts/site-comparison.png`` (not committed).

The browser tests need Debian's ``chromium`` (or another Chromium on PATH)
and the ``playwright`` package, which drives it; Playwright's own browser
downloads are never used.
"""

from __future__ import annotations

import functools
import importlib.util
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
SCREENSHOT = REPO / "tests" / "artefacts" / "site-comparison.png"
#: Chromium binaries looked for on PATH, Debian's name first, then Debian's path
CHROMIUM_NAMES = ("chromium", "chromium-browser")
DEBIAN_CHROMIUM = "/usr/bin/chromium"
#: mime types of a notebook output that the page shows as an <img>
IMAGE_MIMES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml")


# ------------------------------------------------------------------ helpers
class _PageParser(HTMLParser):
    """Ids, text, tables (rows of cell texts) and images of notebook outputs of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.tables: list[list[list[str]]] = []
        self._text: list[str] = []
        self._skip = 0
        self._divs: list[bool] = []  # open <div>s: is each a notebook cell's output?
        self.output_images = 0
        self._cell: list[str] | None = None
        self._row: list[str] | None = None

    @property
    def text(self) -> str:
        """The page's text (not its scripts and styles), whitespace normalised."""
        return " ".join("".join(self._text).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name in ("id", "name"):
            if a.get(name):
                self.ids.add(str(a[name]))
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "div":
            self._divs.append("cell_output" in (a.get("class") or "").split())
        elif tag == "img" and any(self._divs):
            self.output_images += 1
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag == "div" and self._divs:
            self._divs.pop()
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self._text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse_page(html: str | Path) -> _PageParser:
    """``html`` (or the file it names) read by :class:`_PageParser`."""
    if isinstance(html, Path):
        html = html.read_text(encoding="utf-8")
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser


def image_outputs(notebook: Path) -> int:
    """Number of outputs of ``notebook`` that carry an image."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return sum(
        any(mime in out.get("data", {}) for mime in IMAGE_MIMES)
        for cell in nb["cells"]
        for out in cell.get("outputs", [])
    )


def find_chromium() -> str | None:
    """Path of a Chromium binary on PATH (Debian's ``chromium`` first) or at Debian's
    ``/usr/bin/chromium``, or None."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return DEBIAN_CHROMIUM if os.access(DEBIAN_CHROMIUM, os.X_OK) else None


def comparison_notebook() -> Path:
    """The comparison notebook (``notebooks/4.0-*.ipynb``)."""
    found = [nb for nb in NOTEBOOKS if nb.name.startswith("4.0-")]
    assert len(found) == 1, f"expected one notebooks/4.0-*.ipynb, found {[nb.name for nb in found]}"
    return found[0]


# ------------------------------------------------------------------ the build
@pytest.fixture(scope="module")
def stored_images() -> dict[str, int]:
    """{notebook file name: number of image outputs}, read just before the site is built."""
    return {nb.name: image_outputs(nb) for nb in NOTEBOOKS}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, stored_images: dict[str, int]) -> Path:
    """The site built from the checkout into a temporary folder; its html/ folder."""
    for module in ("sphinx", "myst_nb", "pydata_sphinx_theme", "numpydoc"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed: pip install -e .[docs] (or make venv)")
    out = tmp_path_factory.mktemp("site")
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q"]
    cmd += ["-d", str(out / "doctrees"), str(DOCS), str(out / "html")]
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0")
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"sphinx-build failed (warnings are errors):\n{proc.stderr[-5000:]}"
    assert proc.stderr.strip() == "", f"sphinx-build printed warnings:\n{proc.stderr[-5000:]}"
    return out / "html"


def test_every_notebook_has_a_page(site):
    assert NOTEBOOKS, "no notebooks in notebooks/"
    missing = [nb.name for nb in NOTEBOOKS if not (site / "notebooks" / f"{nb.stem}.html").is_file()]
    assert missing == []


def test_notebook_pages_keep_the_stored_outputs(site, stored_images):
    # nothing is re-executed: each image output of a notebook is one image of its page
    for nb in NOTEBOOKS:
        page = parse_page(site / "notebooks" / f"{nb.stem}.html")
        assert page.output_images == stored_images[nb.name], nb.name


def test_index_includes_the_readme_introduction(site):
    from docutils.nodes import make_id

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    intro = readme.split("## Tables and columns")[0]
    # the first paragraph after the title, without its Markdown marks
    first = " ".join(re.sub(r"[*`]", "", intro.split("\n\n")[1]).split())
    page = parse_page(site / "index.html")
    assert first in page.text
    # and the sections of the introduction (docutils makes each heading an id)
    for heading in re.findall(r"^## (.+)$", intro, re.M):
        assert make_id(heading) in page.ids, heading


def test_citation_page_shows_citation_cff(site):
    page = parse_page(site / "citing.html")
    cff = (REPO / "CITATION.cff").read_text(encoding="utf-8")
    # the whole file, line by line, as a literal block
    for line in cff.splitlines():
        assert " ".join(line.split()) in page.text, line
    # and the README's citation
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    cite = readme.split("## How to cite", 1)[1].split("\n## ", 1)[0]
    version = re.search(r"version \d+\.\d+\.\d+", cite)
    assert version is not None and version.group(0) in page.text


def _dictionary_row(column) -> list[str]:
    """The dictionary row expected for ``column`` of the contract, but its dtype."""
    return [
        column.name,
        " ".join(column.unit.split()),
        "yes" if column.required else "no",
        ", ".join(column.categories),
        " ".join(column.description.split()),
    ]


def _dictionary_tables(site: Path) -> dict[str, list[list[str]]]:
    """{table name: rows of its column table} of the dictionary page, in the contract's order."""
    from rbdata.contract.schema import CONTRACT

    page = parse_page(site / "dictionary.html")
    assert len(page.tables) == len(CONTRACT), "one column table per table of the contract"
    return dict(zip(CONTRACT, page.tables))


def test_dictionary_lists_every_table_and_column_of_the_contract(site):
    from rbdata.contract.schema import CONTRACT, TABLES

    assert set(TABLES) <= set(CONTRACT)
    page = parse_page(site / "dictionary.html")
    tables = _dictionary_tables(site)
    for name, table in CONTRACT.items():
        assert f"dictionary-{name.replace('_', '-')}" in page.ids, name
        for words in (table.title, table.description, table.call):
            assert " ".join(words.split()) in page.text, (name, words)
        rows = tables[name]
        assert rows[0] == ["column", "dtype", "unit", "required", "vocabulary", "meaning"]
        assert [[r[0], *r[2:]] for r in rows[1:]] == [_dictionary_row(c) for c in table.columns], name


def test_dictionary_dtypes_are_those_the_loaders_return(site):
    import rbdata
    from rbdata.contract.schema import TABLES

    tables = _dictionary_tables(site)
    for name in TABLES:
        df = getattr(rbdata, f"load_{name}")()
        shown = {row[0]: row[1] for row in tables[name][1:]}
        assert list(shown) == list(df.columns), name
        for column, dtype in df.dtypes.items():
            # datetime64[ns] -> datetime64
            assert shown[column] == str(dtype).split("[")[0], (name, column, str(dtype))


def test_dictionary_foreign_keys_link_to_their_tables(site):
    from rbdata.contract.schema import CONTRACT

    html = (site / "dictionary.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="#(dictionary-[a-z-]+)"', html))
    wanted = {f"dictionary-{fk.table.replace('_', '-')}" for t in CONTRACT.values() for fk in t.foreign_keys}
    assert wanted and wanted <= links, sorted(wanted - links)


def test_api_reference_documents_every_public_function_and_class(site):
    import rbdata

    page = parse_page(site / "api.html")
    missing = []
    for module in (rbdata, rbdata.compare, rbdata.scoring, rbdata.quality, rbdata.monitoring):
        for name in module.__all__:
            obj = getattr(module, name)
            if (
                inspect.isfunction(obj) or inspect.isclass(obj)
            ) and f"{module.__name__}.{name}" not in page.ids:
                missing.append(f"{module.__name__}.{name}")
    assert missing == []
    for name in ("load_targets", "parse", "parse_report", "raw_line", "ParseError", "ContractError"):
        assert f"rbdata.{name}" in page.ids


# ------------------------------------------------------------------ serving
class _Handler(SimpleHTTPRequestHandler):
    """Serves the site quietly and remembers every request answered with an error."""

    errors: list[str]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        self.errors.append(f"{code} {self.path}")
        super().send_error(code, message, explain)


@dataclass
class Server:
    """A site served on localhost: its root URL and the requests that failed."""

    url: str
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[Server]:
    errors: list[str] = []
    handler = type("Handler", (_Handler,), {"errors": errors})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}/", errors)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


# ------------------------------------------------------------------ the browser
@dataclass
class Visit:
    """What the browser saw on one page."""

    url: str
    problems: list[str]
    images: list[dict]
    links: list[str]


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        pytest.skip(
            f"no Chromium binary (looked for {', '.join(CHROMIUM_NAMES)} on PATH and {DEBIAN_CHROMIUM}): "
            "apt-get install chromium"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


#: Every <img> of the page scrolled into view and waited for; then what the browser decoded.
IMAGES_JS = """async () => {
  const imgs = Array.from(document.querySelectorAll('img'));
  for (const img of imgs) {
    img.scrollIntoView();
    if (!img.complete) {
      await new Promise(done => {
        img.addEventListener('load', done, {once: true});
        img.addEventListener('error', done, {once: true});
      });
    }
  }
  return imgs.map(img => ({
    src: img.currentSrc || img.src,
    output: img.closest('.cell_output') !== null,
    complete: img.complete,
    width: img.naturalWidth,
  }));
}"""


def visit(browser, url: str) -> Visit:
    """Open ``url`` in a new page and record console errors, page errors, failed
    requests, images and links."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []

    def on_console(msg) -> None:
        if msg.type == "error":
            problems.append(f"console: {msg.text}")

    def on_response(res) -> None:
        if res.status >= 400:
            problems.append(f"HTTP {res.status}: {res.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    page.on("requestfailed", lambda req: problems.append(f"request failed: {req.url} {req.failure}"))
    page.on("response", on_response)
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, url
        page.wait_for_load_state("networkidle")
        images = page.evaluate(IMAGES_JS)
        links = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
    finally:
        page.close()
    return Visit(url, problems, images, links)


@pytest.fixture(scope="module")
def visits(browser, server, site) -> dict[str, Visit]:
    """Every HTML page of the site (but the theme's own templates), visited once."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "_static" not in p.parts)
    return {page: visit(browser, server.url + page) for page in pages}


def test_pages_have_no_console_errors_and_no_failed_requests(visits, server):
    problems = {page: v.problems for page, v in visits.items() if v.problems}
    assert problems == {}
    assert server.errors == []


def test_every_notebook_page_shows_its_figures(visits, stored_images):
    for nb in NOTEBOOKS:
        v = visits[f"notebooks/{nb.stem}.html"]
        broken = [img["src"] for img in v.images if not (img["complete"] and img["width"] > 0)]
        assert broken == [], nb.name
        assert sum(img["output"] for img in v.images) == stored_images[nb.name], nb.name
    assert sum(stored_images.values()) > 0, "no notebook stores a figure: nothing was checked"


def _ids(url: str, cache: dict[str, set[str]]) -> set[str]:
    """Ids of the page at ``url`` (fetched over http, which must answer 200)."""
    if url not in cache:
        try:
            with urllib.request.urlopen(url, timeout=30) as res:
                assert res.status == 200, url
                body = res.read()
        except urllib.error.HTTPError as err:
            raise AssertionError(f"{url}: HTTP {err.code}") from None
        is_html = url.endswith((".html", "/"))
        cache[url] = parse_page(body.decode("utf-8")).ids if is_html else set()
    return cache[url]


def test_internal_links_resolve_with_their_fragments(visits, server):
    cache: dict[str, set[str]] = {}
    checked = 0
    problems = []
    for page, v in visits.items():
        for href in v.links:
            if not href.startswith(server.url):
                continue
            target, fragment = urldefrag(href)
            checked += 1
            try:
                ids = _ids(target, cache)
            except AssertionError as err:
                problems.append(f"{page}: {href}: {err}")
                continue
            if fragment and unquote(fragment) not in ids:
                problems.append(f"{page}: {href}: no id {unquote(fragment)!r}")
    assert problems == []
    # the index, every notebook page and the dictionary link inside the site
    for page in ["index.html", "dictionary.html", *(f"notebooks/{nb.stem}.html" for nb in NOTEBOOKS)]:
        assert any(h.startswith(server.url) for h in visits[page].links), page
    assert checked > 0


def test_screenshot_of_the_comparison_page(browser, server):
    nb = comparison_notebook()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(urljoin(server.url, f"notebooks/{nb.stem}.html"), wait_until="load")
        page.wait_for_load_state("networkidle")
        page.evaluate(IMAGES_JS)
        page.evaluate("window.scrollTo(0, 0)")
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        png = page.screenshot(path=str(SCREENSHOT), full_page=True)
    finally:
        page.close()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert width == 1280
    print(f"screenshot of {nb.stem}: {SCREENSHOT}")
