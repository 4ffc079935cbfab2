"""scripts.csp and scripts.nginx_conf: the policy from the pages, nginx files from deploy/nginx/."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import csp, nginx_conf
from scripts.cli import main

PAGE = """<!doctype html><html><head>
<script>__md_scope=new URL(".",location)</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="assets/bundle.js"></script>
</head><body><table><tr><td style="text-align: right;">1</td></tr></table>
<script>var palette=1</script></body></html>"""


def test_hash_is_the_one_chromium_asks_for():
    """Chromium's own message for a blocked `<script>1</script>` names this hash."""
    assert "'sha256-a4ayc/80/OGda4BO/1o/V0etpOqiLx1JwB5S3beHW0s='" == csp.source_hash("1")


def test_line_breaks_are_hashed_as_the_parser_sees_them():
    """CR LF and CR reach the script as LF, so they hash the same."""
    assert csp.source_hash("a\nb") == csp.source_hash("a\r\nb") == csp.source_hash("a\rb")


def test_scan_hashes_each_distinct_inline_script_once():
    """Inline scripts count once across pages; JSON data and external scripts do not count."""
    inventory = csp.scan([("a/index.html", PAGE), ("b/index.html", PAGE)])
    assert 2 == inventory.pages
    assert {
        csp.source_hash('__md_scope=new URL(".",location)'): "a/index.html",
        csp.source_hash("var palette=1"): "a/index.html",
    } == inventory.scripts
    assert [csp.source_hash("text-align: right;")] == list(inventory.style_attributes)
    assert [] == inventory.problems


def test_event_handlers_and_javascript_urls_are_problems():
    """No hash may allow script in an attribute: scanning names each one with its page."""
    html = '<a href=" JavaScript:alert(1)">x</a><img src="a.png" onerror="x()">'
    inventory = csp.scan([("x.html", html)])
    assert [
        'x.html: inline script in <a href="javascript:…"> is not allowed',
        "x.html: inline script in <img onerror=…> is not allowed",
    ] == inventory.problems


def test_policy_lists_hashes_sorted_and_nothing_from_elsewhere():
    """script-src is 'self' and the hashes; styles add 'unsafe-hashes' only for style attributes."""
    value = csp.policy(csp.scan([("a.html", PAGE)]))
    directives = dict(d.split(" ", 1) for d in value.split("; "))
    hashes = sorted(
        [csp.source_hash('__md_scope=new URL(".",location)'), csp.source_hash("var palette=1")]
    )
    assert " ".join(["'self'", *hashes]) == directives["script-src"]
    align = csp.source_hash("text-align: right;")
    assert f"'self' 'unsafe-hashes' {align}" == directives["style-src"]
    assert "'none'" == directives["default-src"] == directives["frame-ancestors"]
    assert "unsafe-inline" not in value and "http" not in value
    no_styles = csp.policy(csp.scan([("b.html", "<script>1</script>")]))
    assert "style-src 'self';" in no_styles


def test_nginx_include_round_trips_on_one_line():
    """The include is one add_header line (nginx would keep line breaks inside the quotes)."""
    value = csp.policy(csp.scan([("a.html", PAGE)]))
    include = csp.nginx_include(value)
    assert value == csp.read_include(include)
    assert 1 == sum(1 for line in include.splitlines() if not line.startswith("#"))
    with pytest.raises(ValueError):
        csp.read_include("# nothing here\n")


def test_render_fills_every_name_and_refuses_what_nginx_would_misread():
    """@NAMES@ are filled in; a missing value, or a value with ; { } quotes or $, is an error."""
    assert "root /srv/site;" == nginx_conf.render("root @ROOT@;", {"ROOT": "/srv/site"})
    with pytest.raises(ValueError, match="@KEY@"):
        nginx_conf.render("ssl_certificate_key @KEY@;", {})
    for bad in ("/srv/site; autoindex on", "a}b", "$host", "", " x"):
        with pytest.raises(ValueError):
            nginx_conf.render("root @ROOT@;", {"ROOT": bad})


def test_settings_default_to_debians_paths():
    """Without --runtime-dir: Debian's pid file (its systemd unit expects it), logs, temp files."""
    settings = nginx_conf.Settings(Path("/srv/s"), "fagui.example.cn", Path("/c"), Path("/k"))
    values = settings.values()
    assert ("/run/nginx.pid", "/var/log/nginx", "/var/lib/nginx", "www-data", "80", "443") == (
        values["PID"],
        values["LOG_DIR"],
        values["TEMP_DIR"],
        values["USER"],
        values["HTTP_LISTEN"],
        values["HTTPS_LISTEN"],
    )


@pytest.fixture
def site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    return site


@pytest.fixture
def templates(tmp_path, site):
    """A copy of deploy/nginx/ whose csp.conf is what `site` needs."""
    folder = tmp_path / "templates"
    folder.mkdir()
    for file in nginx_conf.TEMPLATES.iterdir():
        (folder / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    include = csp.nginx_include(nginx_conf.required_policy(site))
    (folder / "csp.conf").write_text(include, encoding="utf-8")
    return folder


def test_write_config_renders_nginx_conf_and_copies_the_rest(site, templates, tmp_path):
    """nginx.conf gets the settings; the other files are copied unchanged."""
    settings = nginx_conf.Settings(
        site, "fagui.example.cn", Path("/c.pem"), Path("/k.pem"), runtime_dir=tmp_path / "run"
    )
    written = nginx_conf.write_config(site, tmp_path / "out", settings, templates)
    assert sorted(p.name for p in templates.iterdir()) == sorted(p.name for p in written)
    text = (tmp_path / "out" / "nginx.conf").read_text(encoding="utf-8")
    assert f"root {site};" in text and f"pid {tmp_path / 'run' / 'nginx.pid'};" in text
    assert "@" not in text.replace("@…@", "")
    assert (tmp_path / "run" / "logs").is_dir()


def test_write_config_refuses_a_site_the_committed_policy_would_break(site, templates, tmp_path):
    """A page with another inline script than the committed policy allows stops the rendering."""
    (site / "new.html").write_text("<script>somethingNew()</script>", encoding="utf-8")
    settings = nginx_conf.Settings(site, "x", Path("/c"), Path("/k"))
    with pytest.raises(nginx_conf.PolicyMismatch, match="--write`, review"):
        nginx_conf.write_config(site, tmp_path / "out", settings, templates)
    assert not (tmp_path / "out").exists()


def test_cli_csp_check_and_write(site, templates, capsys):
    """`csp SITE --check` passes on a match and fails on a change until `--write` updates it."""
    args = ["csp", str(site), "--templates", str(templates)]
    assert 0 == main([*args, "--check"])
    (site / "new.html").write_text("<script>somethingNew()</script>", encoding="utf-8")
    assert 1 == main([*args, "--check"])
    assert "does not match" in capsys.readouterr().err
    assert 0 == main([*args, "--write"])
    assert 0 == main([*args, "--check"])
    assert 0 == main(args)
    printed = capsys.readouterr().out.splitlines()[-1]
    assert printed.startswith("default-src 'none'; script-src 'self' 'sha256-")
