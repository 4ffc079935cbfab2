"""Browser tabs that record every request, so a test can prove nothing left the machine.

Its own module, imported as `e2e.tabs` by conftest.py and by tests alike: pytest loads
conftest.py under a second module name, so a registry kept there would not be the one that
tests importing `open_tab` from it append to, and their tabs would go unwatched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Visit:
    """A browser tab that records every request, so a test can prove nothing left the machine."""

    page: object
    requests: list[str]
    origin: str
    stubs: set[str] = field(default_factory=set)

    def external_requests(self) -> list[str]:
        local = (self.origin, "data:", "blob:", "about:")
        return [u for u in self.requests if not u.startswith(local) and u not in self.stubs]

    def stub(self, url: str, html: str) -> None:
        """Answer `url` with `html` from inside the browser: the request never leaves the machine
        (e.g. the quick exit's neutral page), so it does not count as external."""
        self.stubs.add(url)
        self.page.route(
            url, lambda route: route.fulfill(status=200, content_type="text/html", body=html)
        )


# Every tab opened during the current test; `_no_request_leaves_the_machine` checks them all.
VISITS: list[Visit] = []


def open_tab(browser, origin: str, **context_args) -> Visit:
    """The one way browser tests open pages: every request is recorded, and any request not to
    `origin` is aborted here and fails the test that made it."""
    context = browser.new_context(**context_args)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    # Anything bound elsewhere is stopped here and still recorded above.
    context.route(re.compile(r"^(?!" + re.escape(origin) + r").*"), lambda route: route.abort())
    visit = Visit(context.new_page(), requests, origin)
    VISITS.append(visit)
    return visit


def expect_leaks(visit: Visit) -> list[str]:
    """Stop watching `visit` and return its requests to other hosts: only for the test that
    proves the watch catches a page that makes such a request."""
    VISITS.remove(visit)
    return visit.external_requests()
