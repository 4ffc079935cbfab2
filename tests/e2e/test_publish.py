"""The publishing path: the built site served by deploy/nginx/ as in production, read in Chromium.

`make publish-check` runs this file (`make test` runs it with the rest). The `served` fixture does
what docs/about/deploy.md tells an operator to do, with a temporary folder and free loopback ports:

    python -m scripts nginx SITE CONF --server-name … --cert … --key … [--…-listen …]
    nginx -t -p CONF -c CONF/nginx.conf
    nginx -p CONF -c CONF/nginx.conf -g 'daemon off;'

The headers a response must carry are written out here, not read from deploy/nginx/: deleting a
header there must fail these tests. The Content-Security-Policy is the committed one
(deploy/nginx/csp.conf), which must equal what the built pages need and allow nothing but the
site itself.
"""

from __future__ import annotations

import gzip
import http.client
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from benchmarks.common import stop

from e2e.conftest import ROOT
from e2e.tabs import open_tab
from scripts import nginx_conf

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NGINX_INSTALL = "run `make nginx` (apt-get install nginx libnginx-mod-http-brotli-filter openssl)"

PAGE_TYPES = {
    "home": "",
    "borrower page": "borrowers/rights/",
    "training module": "training/03-contact-rules/",
    "law page": "laws/civil-code/",
    "topic page": "laws/topics/third-parties/",
    "laws index": "laws/",
    "changelog": "laws/changelog/",
    "about": "about/",
    "deploy guide": "about/deploy/",
    "404": "no-such-page/",
}

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "strict-transport-security": "max-age=31536000",
}
# Powerful features the site never uses; each must be switched off for every origin.
DENIED_FEATURES = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "serial",
    "usb",
    "xr-spatial-tracking",
]

HASHED = re.compile(
    r"^/assets/(javascripts|stylesheets)/(.+/)?[a-z]+\.[0-9a-f]{8}\.min\.(js|css)(\.map)?$"
)
CACHE_HASHED = "public, max-age=31536000, immutable"
CACHE_PAGE = "public, max-age=300"
CACHE_NOT_FOUND = "public, max-age=60"

UTF8 = "; charset=utf-8"
TYPES = {
    "": "text/html" + UTF8,  # folder URLs: their index.html
    ".html": "text/html" + UTF8,
    ".css": "text/css" + UTF8,
    ".js": "application/javascript" + UTF8,
    ".json": "application/json" + UTF8,
    ".map": "application/json" + UTF8,
    ".xml": "application/xml" + UTF8,
    ".yaml": "application/yaml" + UTF8,
    ".csv": "text/csv" + UTF8,
    ".svg": "image/svg+xml" + UTF8,
    ".png": "image/png",
    ".gz": "application/gzip",
    ".zip": "application/zip",
}
SPECIAL_TYPES = {
    "/changelog.xml": "application/atom+xml" + UTF8,
    "/assets/vendor/iframe-worker/LICENSE": "application/octet-stream",
}
TEXT_TYPES = {
    "text/html",
    "text/css",
    "text/csv",
    "text/plain",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/yaml",
    "image/svg+xml",
}
MIN_COMPRESSED = 256  # gzip_min_length and brotli_min_length in deploy/nginx/


# ---------------------------------------------------------------- the server


@dataclass
class Served:
    https: str  # https://127.0.0.1:PORT, no trailing slash
    http: str
    site: Path  # the folder nginx serves (a copy of the build plus a sample zip)
    cert: Path
    policy: str  # the committed Content-Security-Policy


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


@pytest.fixture(scope="session")
def served(built_site):
    """The built site behind Debian's nginx, configured by deploy/nginx/, for the whole session."""
    if not Path(NGINX).exists() or not shutil.which("openssl"):
        pytest.fail(f"nginx or openssl is missing: {NGINX_INSTALL}")
    # Readable by nginx's worker user (www-data when run as root), unlike pytest's own tmp folders.
    base = Path(tempfile.mkdtemp(prefix="publish-check-"))
    process = None
    try:
        base.chmod(0o755)
        site = base / "site"
        shutil.copytree(built_site, site)
        with zipfile.ZipFile(site / "sample.zip", "w") as zf:  # the site has no .zip of its own yet
            zf.writestr("README.txt", "sample " * 100)
        cert, key = self_signed(base)
        conf, run = base / "nginx", base / "run"
        http_port, https_port = free_port(), free_port()
        render = subprocess.run(
            [
                sys.executable,
                "-m",
                "scripts",
                "nginx",
                str(site),
                str(conf),
                "--server-name",
                "localhost",
                "--cert",
                str(cert),
                "--key",
                str(key),
                "--http-listen",
                f"127.0.0.1:{http_port}",
                "--https-listen",
                f"127.0.0.1:{https_port}",
                "--runtime-dir",
                str(run),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert render.returncode == 0, render.stdout + render.stderr
        main = conf / "nginx.conf"
        syntax = subprocess.run(
            [NGINX, "-t", "-p", str(conf), "-c", str(main)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert syntax.returncode == 0, syntax.stderr
        output = base / "nginx-output.log"
        with output.open("wb") as log:
            process = subprocess.Popen(
                [NGINX, "-p", str(conf), "-c", str(main), "-g", "daemon off;"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                pytest.fail(f"nginx exited with {process.returncode}:\n{output.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx did not start listening within 20 s")
                time.sleep(0.05)
        yield Served(
            f"https://127.0.0.1:{https_port}",
            f"http://127.0.0.1:{http_port}",
            site,
            cert,
            nginx_conf.committed_policy(),
        )
    finally:
        if process is not None:
            stop(process, timeout=10)
        shutil.rmtree(base, ignore_errors=True)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(served: Served, url: str, method: str = "GET", **headers: str) -> Answer:
    """One request with Python's client (HTTP/1.1), verifying the check's own certificate."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        context = ssl.create_default_context(cafile=str(served.cert))
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, context=context, timeout=30)
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request(
            method, parts.path or "/", headers={k.replace("_", "-"): v for k, v in headers.items()}
        )
        response = conn.getresponse()
        answer_headers = {k.lower(): v for k, v in response.getheaders()}
        return Answer(response.status, answer_headers, response.read())
    finally:
        conn.close()


# ---------------------------------------------------------------- what every answer must carry


def parse_policy(value: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (d.split() for d in value.split(";") if d.strip())}


def header_problems(served: Served, path: str, status: int, headers: dict[str, str]) -> list[str]:
    """Everything wrong with the headers of one answer of the HTTPS server, as readable lines."""
    problems = []
    where = f"{status} {path}"
    for name, value in {**SECURITY_HEADERS, "content-security-policy": served.policy}.items():
        if headers.get(name) != value:
            problems.append(f"{where}: {name} is {headers.get(name)!r}, expected {value!r}")
    declared = headers.get("permissions-policy", "").split(",")
    features = dict(f.strip().split("=", 1) for f in declared if "=" in f)
    not_denied = [f for f in DENIED_FEATURES if features.get(f) != "()"]
    if not_denied:
        problems.append(f"{where}: Permissions-Policy does not deny {', '.join(not_denied)}")
    if status in (200, 404):
        expected = (
            CACHE_NOT_FOUND
            if status == 404 or path == "/404.html"
            else CACHE_HASHED
            if HASHED.match(path)
            else CACHE_PAGE
        )
        if headers.get("cache-control") != expected:
            problems.append(
                f"{where}: cache-control is {headers.get('cache-control')!r}, expected {expected!r}"
            )
    kind = headers.get("content-type", "").split(";")[0]
    length = headers.get("content-length")
    if (
        status in (200, 404)
        and kind in TEXT_TYPES
        and "content-encoding" not in headers
        and not (length and int(length) < MIN_COMPRESSED)
    ):
        problems.append(f"{where}: {kind} sent uncompressed ({length} bytes)")
    return problems


def expected_type(path: str) -> str:
    if path in SPECIAL_TYPES:
        return SPECIAL_TYPES[path]
    return TYPES[Path(path).suffix if not path.endswith("/") else ""]


def test_committed_policy_matches_the_build(built_site):
    """deploy/nginx/csp.conf allows exactly the inline scripts the built pages have."""
    try:
        nginx_conf.check_policy(built_site)
    except nginx_conf.PolicyMismatch as err:
        pytest.fail(str(err))


def test_policy_allows_nothing_but_the_site():
    """Every fetch is 'self' or nothing; inline scripts only by hash; no frame may hold the site."""
    policy = parse_policy(nginx_conf.committed_policy())
    assert ["'none'"] == policy["default-src"]
    assert ["'none'"] == policy["frame-ancestors"]
    assert ["'none'"] == policy["base-uri"]
    assert "'self'" in policy["script-src"]
    assert [] == [s for s in policy["script-src"] if s != "'self'" and not s.startswith("'sha256-")]
    allowed = {"style-src": {"'self'", "'unsafe-hashes'"}, "img-src": {"'self'", "data:"}}
    for name in ("style-src", "font-src", "connect-src", "worker-src", "img-src"):
        others = [s for s in policy[name] if s not in allowed.get(name, {"'self'"})]
        hashes_ok = name == "style-src"
        assert [] == [s for s in others if not (hashes_ok and s.startswith("'sha256-"))], name


# ---------------------------------------------------------------- plain HTTP checks


def site_paths(site: Path) -> list[str]:
    paths = []
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = "/" + file.relative_to(site).as_posix()
        paths.append(rel.removesuffix("index.html") if rel.endswith("/index.html") else rel)
    return paths


def test_every_file_has_its_type_headers_and_compression(served):
    """Each published file: 200, its content type, every header, gzip when asked for gzip."""
    problems = []
    for path in site_paths(served.site):
        answer = fetch(served, served.https + path, accept_encoding="gzip")
        if answer.status != 200:
            problems.append(f"{answer.status} {path}")
            continue
        if answer.headers.get("content-type") != expected_type(path):
            problems.append(
                f"{path}: content-type {answer.headers.get('content-type')!r}, "
                f"expected {expected_type(path)!r}"
            )
        problems += header_problems(served, path, answer.status, answer.headers)
        encoding = answer.headers.get("content-encoding")
        if encoding not in (None, "gzip"):
            problems.append(f"{path}: asked for gzip, got {encoding}")
        body = gzip.decompress(answer.body) if encoding == "gzip" else answer.body
        file = served.site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        if body != file.read_bytes():
            problems.append(f"{path}: the body is not the file")
    assert [] == problems


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search/search_index.json",
        "/assets/extra.css",
        "/data/catalog.json",
        "/changelog.xml",
        "/laws/civil-code/",
    ],
)
def test_brotli_when_the_reader_accepts_it(served, path):
    """Text is sent with brotli when the browser offers it (Chromium does over HTTPS)."""
    plain = fetch(served, served.https + path)
    answer = fetch(served, served.https + path, accept_encoding="gzip, deflate, br")
    assert "br" == answer.headers.get("content-encoding")
    assert "Accept-Encoding" == answer.headers.get("vary")
    assert len(answer.body) < len(plain.body) / 2


def test_compressed_files_are_not_compressed_again(served):
    """Zip and gzip files go out as they are."""
    for path in ("/sample.zip", "/sitemap.xml.gz", "/assets/images/favicon.png"):
        answer = fetch(served, served.https + path, accept_encoding="gzip, br")
        assert 200 == answer.status
        assert "content-encoding" not in answer.headers, path


def test_plain_http_sends_readers_to_https(served):
    """Plain HTTP redirects to the same path over HTTPS, without HSTS (meaningless there)."""
    answer = fetch(served, served.http + "/borrowers/rights/")
    assert 301 == answer.status
    assert "https://127.0.0.1/borrowers/rights/" == answer.headers["location"]
    assert "strict-transport-security" not in answer.headers


@pytest.mark.parametrize(
    ("path", "method", "status"),
    [
        ("/no-such-page/", "GET", 404),
        ("/assets/", "GET", 404),  # a folder without index.html
        ("/assets/javascripts/bundle.00000000.min.js", "GET", 404),  # a hashed name that is gone
        ("/.git/config", "GET", 404),
        ("/", "POST", 405),
        ("/", "DELETE", 405),
    ],
)
def test_errors_carry_the_headers_and_the_404_page(served, path, method, status):
    """Missing files get the site's 404 page, briefly cached; other methods than GET are refused."""
    answer = fetch(served, served.https + path, method=method, accept_encoding="gzip")
    assert status == answer.status
    problems = header_problems(served, path, status, answer.headers)
    assert [] == [p for p in problems if "cache-control" not in p or status == 404]
    if status == 404 and not path.startswith("/."):
        assert "404" in gzip.decompress(answer.body).decode("utf-8")


def test_a_folder_without_slash_redirects_relatively(served):
    """/borrowers → /borrowers/, without naming this host or port (a CDN stands in front)."""
    answer = fetch(served, served.https + "/borrowers")
    assert 301 == answer.status
    assert "/borrowers/" == answer.headers["location"]


# ---------------------------------------------------------------- in the browser


@dataclass
class Watched:
    """A phone tab on the served site that records everything the check fails on."""

    served: Served
    visit: object
    problems: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    @property
    def page(self):
        return self.visit.page


def watch(browser, served: Served) -> Watched:
    visit = open_tab(
        browser,
        served.https,
        viewport={"width": 375, "height": 667},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        ignore_https_errors=True,
    )
    watched = Watched(served, visit)
    context, page = visit.page.context, visit.page
    context.expose_function(
        "__publishCheckViolation", lambda text: watched.problems.append(f"CSP: {text}")
    )
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => window.__publishCheckViolation("
        "`${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'}"
        " on ${location.pathname}`))"
    )

    def on_console(message):
        url = urlsplit(message.location.get("url") or "").path
        policy_text = re.search(
            r"Content.Security.Policy|Permissions.Policy|Refused to", message.text
        )
        if message.type == "error" and "status of 404" in message.text and url in watched.paths:
            return  # a 404 page the test asked for
        if message.type == "error" or policy_text:
            watched.problems.append(f"console {message.type}: {message.text} ({url})")

    def on_response(response):
        if response.url.startswith(served.https):
            path = urlsplit(response.url).path
            headers = response.all_headers()
            watched.problems += header_problems(served, path, response.status, headers)

    page.on("console", on_console)
    page.on("pageerror", lambda error: watched.problems.append(f"page error: {error}"))
    page.on(
        "requestfailed",
        lambda request: watched.problems.append(
            f"request failed: {request.url} ({request.failure})"
        ),
    )
    context.on("response", on_response)
    return watched


@pytest.fixture
def reader(browser, served):
    watched = watch(browser, served)
    yield watched
    watched.page.context.close()
    assert [] == watched.visit.external_requests()


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_loads_with_the_headers_in_force(reader, path):
    """Each kind of page loads on a phone with no CSP violation, console error or bad response."""
    reader.paths.append(f"/{path}")
    response = reader.page.goto(f"{reader.served.https}/{path}")
    reader.page.wait_for_load_state("networkidle")
    assert (404 if path == PAGE_TYPES["404"] else 200) == response.status
    assert reader.page.locator("h1").first.is_visible()
    assert [] == reader.problems


@pytest.mark.browser
def test_search_runs_under_the_policy(reader):
    """Search on a phone: worker and index come from the site, compressed; a result opens."""
    page = reader.page
    loaded: dict[str, str | None] = {}
    page.context.on(
        "response",
        lambda r: loaded.setdefault(urlsplit(r.url).path, r.headers.get("content-encoding")),
    )
    page.goto(f"{reader.served.https}/")
    page.locator("label[for='__search']").first.click()
    box = page.locator("input.md-search__input")
    box.fill("砍头息")
    box.press("End")  # Material listens for keyup; fill() with CJK text sends none
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    workers = [p for p in loaded if p.startswith("/assets/javascripts/workers/search.")]
    assert workers and loaded[workers[0]] == "br"
    assert "br" == loaded.get("/search/search_index.json")
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state("networkidle")
    assert "?h=" in page.url
    assert [] == reader.problems


@pytest.mark.browser
def test_materials_sitemap_probe_finds_the_sitemap(reader):
    """Material fetches sitemap.xml beside every <link rel="alternate">, the feed's included: the
    feed sits at the site root so that the probe finds /sitemap.xml, not a 404 page each view."""
    answers: dict[str, int] = {}

    def on_response(response):
        if response.url.endswith("sitemap.xml"):
            answers[urlsplit(response.url).path] = response.status

    reader.page.context.on("response", on_response)
    reader.page.goto(f"{reader.served.https}/borrowers/rights/")
    reader.page.wait_for_load_state("networkidle")
    assert {"/sitemap.xml": 200} == answers
    assert [] == reader.problems
