"""The production nginx configuration, rendered from deploy/nginx/ for one built site.

    >>> release = Path("/srv/fagui/releases/2026-11-28")
    >>> settings = Settings(root=release, server_name="fagui.example.cn",
    ...                     cert=Path("/etc/ssl/fagui.pem"), key=Path("/etc/ssl/fagui.key"))
    >>> write_config(release, Path("/etc/nginx"), settings)

deploy/nginx/nginx.conf holds @NAMES@ for what differs between hosts (ports, paths, the site's
folder); every other file there is copied as it is. The Content-Security-Policy include
(deploy/nginx/csp.conf) is committed; `write_config` refuses a site whose pages need a different
policy, so nginx never serves pages that its own policy would break.
`make publish-check` runs the same rendering with loopback ports and a temporary folder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from scripts import csp

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "deploy" / "nginx"
MAIN = "nginx.conf"
CSP_INCLUDE = "csp.conf"
PLACEHOLDER = re.compile(r"@([A-Z_]+)@")


@dataclass(frozen=True)
class Settings:
    """What differs between one nginx host and another. Defaults are Debian's own paths."""

    root: Path
    server_name: str
    cert: Path
    key: Path
    http_listen: str = "80"
    https_listen: str = "443"
    user: str = "www-data"
    # Debian's pid file (its systemd unit expects it), logs and temporary files; one folder for
    # all three when nginx runs outside systemd (the check runs it in a temporary folder).
    runtime_dir: Path | None = None

    def values(self) -> dict[str, str]:
        run = self.runtime_dir
        return {
            "ROOT": str(self.root),
            "SERVER_NAME": self.server_name,
            "CERT": str(self.cert),
            "KEY": str(self.key),
            "HTTP_LISTEN": self.http_listen,
            "HTTPS_LISTEN": self.https_listen,
            "USER": self.user,
            "PID": str(run / "nginx.pid") if run else "/run/nginx.pid",
            "LOG_DIR": str(run / "logs") if run else "/var/log/nginx",
            "TEMP_DIR": str(run / "temp") if run else "/var/lib/nginx",
        }


class PolicyMismatch(Exception):
    """The site's pages need another Content-Security-Policy than the committed one."""


def render(template: str, values: Mapping[str, str]) -> str:
    """Fill in every @NAME@; a name without a value, or a value nginx would misread, is an error."""
    missing = sorted({m.group(1) for m in PLACEHOLDER.finditer(template)} - set(values))
    if missing:
        raise ValueError(f"no value for {', '.join('@' + m + '@' for m in missing)}")
    for name, value in values.items():
        if not value.strip() or value != value.strip() or re.search(r"[\n;{}\"'#$]", value):
            raise ValueError(
                f"@{name}@ may not be empty or hold ; {{ }} quotes # $ or a newline: {value!r}"
            )
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def required_policy(site: Path) -> str:
    """The policy the built pages need; raises ValueError on inline code no hash may allow."""
    inventory = csp.scan_site(site)
    if inventory.problems:
        raise ValueError("\n".join(inventory.problems))
    return csp.policy(inventory)


def committed_policy(templates: Path = TEMPLATES) -> str:
    return csp.read_include((templates / CSP_INCLUDE).read_text(encoding="utf-8"))


def check_policy(site: Path, templates: Path = TEMPLATES) -> str:
    """The committed policy, after making sure it is exactly what the built pages need."""
    needed, committed = required_policy(site), committed_policy(templates)
    if needed != committed:
        raise PolicyMismatch(
            f"{templates / CSP_INCLUDE} does not match the pages in {site}:\n"
            f"  committed: {committed}\n  needed:    {needed}\n"
            f"Run `python -m scripts csp {site} --write`, review the change, and update the "
            "Content-Security-Policy header on the CDN too if the site is published there."
        )
    return committed


def write_config(
    site: Path, out: Path, settings: Settings, templates: Path = TEMPLATES
) -> list[Path]:
    """Write the configuration for `settings` into `out`; returns the files written."""
    check_policy(site, templates)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(p for p in templates.iterdir() if p.is_file()):
        text = source.read_text(encoding="utf-8")
        if source.name == MAIN:
            text = render(text, settings.values())
        elif PLACEHOLDER.search(text):
            raise ValueError(f"{source}: only {MAIN} may hold @…@ names")
        target = out / source.name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    if settings.runtime_dir:
        for sub in ("logs", "temp"):
            (settings.runtime_dir / sub).mkdir(parents=True, exist_ok=True)
    return written
