"""The widget in a real browser: Debian's Chromium, driven by Playwright, against `issqa serve`.

The widget is embedded with the one-line snippet on pages served from a different origin (a
tiny http.server on another loopback port), exactly as a site owner would. Screenshots of the
open panel are written to test-artifacts/widget/.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from issqa.feedback import FeedbackStore

from tests.conftest import REPO
from tests.servers import free_port, issqa_server

CHROMIUM = shutil.which("chromium")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed "
                       "(`apt-get install chromium` or `make chromium`); Playwright never "
                       "downloads a browser here"),
    pytest.mark.model,
]
ARTIFACTS = REPO / "test-artifacts" / "widget"
LAUNCH_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
WAIT_MS = 30_000  # generous waits for slow CI machines; nothing here measures speed
DEFAULT_ACCENT = "rgb(29, 78, 216)"

# Rules a careless host page might have; the Shadow DOM must keep the widget intact.
HOSTILE_CSS = """
body { font: 30px/3 serif; color: #c00; letter-spacing: 3px; text-transform: uppercase; }
button { background: red !important; font-size: 40px !important; border: 5px solid lime; }
input, p, div, ol, ul { all: unset; }
"""

XSS_PAGE = """\
---
id: markup-test
title: Markup test <img src=x onerror="window.__issqaXss='title'">
url: /station/test/markup
section: test
updated: 2026-01-01
sources:
  - https://example.org/markup
---
The markup test page is about the Quest airlock.

## Airlock notes
The Quest airlock manual quotes <script>window.__issqaXss='script'</script> as plain text. The \
Quest airlock label reads <img src=x onerror="window.__issqaXss='img'"> in the manual.
"""

ORBIT_PAGE = """\
---
id: orbit
title: Orbit and speed
url: //evil.example/orbit
section: systems
updated: 2026-01-01
sources:
  - https://example.org/orbit
---
The station circles Earth in low Earth orbit.

## Speed
The station moves at about 28,000 km/h (17,500 mph), which is roughly 8 km every second.
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep pytest output clean
        pass


@contextmanager
def static_site(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a loopback port: the site that embeds the widget."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("site")


@pytest.fixture(scope="module")
def site(site_dir) -> Iterator[str]:
    """The embedding site, an origin the servers allow."""
    with static_site(site_dir) as base:
        yield base


@pytest.fixture(scope="module")
def other_site(site_dir) -> Iterator[str]:
    """The same pages from another origin, which no server allows."""
    with static_site(site_dir) as base:
        yield base


@pytest.fixture(scope="module")
def feedback_db(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("feedback") / "feedback.sqlite3"


@pytest.fixture(scope="module")
def server(shipped_engine, site, feedback_db, tmp_path_factory) -> Iterator[str]:
    """The real service over the shipped corpus."""
    log = tmp_path_factory.mktemp("server") / "server.log"
    with issqa_server(shipped_engine.settings.index_dir, log,
                      allowed_origins=json.dumps([site]), feedback_db=str(feedback_db)) as running:
        yield running.url


@pytest.fixture(scope="module")
def xss_server(site, tmp_path_factory, shipped_engine) -> Iterator[str]:
    """A service over a tiny corpus whose text is full of markup."""
    root = tmp_path_factory.mktemp("xss")
    pages = root / "corpus" / "pages" / "test"
    pages.mkdir(parents=True)
    (pages / "markup.md").write_text(XSS_PAGE, encoding="utf-8")
    (pages / "orbit.md").write_text(ORBIT_PAGE, encoding="utf-8")
    build = subprocess.run(
        [sys.executable, "-m", "issqa", "build", "--corpus", str(root / "corpus"), "--index",
         str(root / "index"), "--quiet"], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    with issqa_server(root / "index", root / "server.log", allowed_origins=json.dumps([site]),
                      feedback_db=str(root / "feedback.sqlite3")) as running:
        yield running.url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context; any uncaught script error in the page fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], errors


def embed_page(site_dir: Path, site: str, name: str, script_from: str, *,
               endpoint: str | None = None, attrs: str = "", body: str = "",
               tail: str = "") -> str:
    """Write a host page with the one-line embed and return its URL."""
    endpoint = endpoint or script_from
    snippet = (f'<script src="{script_from}/widget.js" data-issqa-endpoint="{endpoint}" {attrs} '
               "defer></script>")
    html = textwrap.dedent(f"""\
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="icon" href="data:,"><title>Host page {name}</title>
        <style>{HOSTILE_CSS}</style></head>
        <body><h1>A site about space</h1><p>Some host page text.</p>{body}
        {snippet}{tail}
        </body></html>
        """)
    (site_dir / f"{name}.html").write_text(html, encoding="utf-8")
    return f"{site}/{name}.html"


def open_panel(page):
    from playwright.sync_api import expect

    page.get_by_role("button", name="Ask about the station").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(page.get_by_label("Your question")).to_be_focused()
    return dialog


def ask(page, question: str):
    """Ask through the panel; returns the /ask response body."""
    with page.expect_response(lambda r: r.url.endswith("/ask")
                              and r.request.method == "POST") as info:
        page.get_by_label("Your question").fill(question)
        page.get_by_label("Your question").press("Enter")
    answer = page.locator("issqa-widget .answer").last
    answer.locator(".answer-text").wait_for()
    return info.value.json()


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), animations="disabled")


def focus_inside_panel(page) -> bool:
    return page.evaluate("""() => {
        const widget = document.querySelector('issqa-widget');
        const active = widget.shadowRoot.activeElement;
        return document.activeElement === widget && !!active
            && widget.shadowRoot.querySelector('[role=dialog]').contains(active);
    }""")


def focused_class(page) -> str:
    return page.evaluate(
        "() => document.querySelector('issqa-widget').shadowRoot.activeElement?.className || ''")


# --- tests -------------------------------------------------------------------------------------


def test_answer_with_citations_and_the_cited_passage(page, server, site, site_dir):
    from playwright.sync_api import expect

    page.goto(embed_page(site_dir, site, "answer", server))
    assert not server.startswith(site)  # the widget really talks across origins
    open_panel(page)
    body = ask(page, "How fast does the station travel?")
    assert not body["abstained"] and body["citations"]

    answer = page.locator("issqa-widget .answer").last
    expect(answer.locator(".answer-text")).to_contain_text("28,000 km/h")
    expect(answer.get_by_role("heading", name="Sources")).to_be_visible()
    c = body["citations"][0]
    marker = answer.get_by_role("button", name=f"Source {c['n']}: {c['title']}")
    expect(marker).to_have_text(f"[{c['n']}]")
    passage = answer.get_by_role("region", name=f"Source {c['n']}: {c['title']}")
    expect(passage).to_be_hidden()

    marker.click()
    expect(passage).to_be_visible()
    expect(passage).to_be_focused()
    expect(marker).to_have_attribute("aria-expanded", "true")
    expect(passage.locator("blockquote")).to_have_text(c["snippet"])
    assert passage.locator("mark").inner_text() in body["answer"]
    link = passage.get_by_role("link")
    expected = server + c["url"] if c["url"].startswith("/") else c["url"]
    expect(link).to_have_attribute("href", expected)
    expect(link).to_have_attribute("target", "_blank")
    assert "noopener" in link.get_attribute("rel")
    expect(answer.get_by_role("group", name="Was this answer helpful?")).to_be_visible()
    screenshot(page, "panel-answer.png")

    # The source list toggles the same passage.
    toggle = answer.locator(".source-toggle").first
    toggle.click()
    expect(passage).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")


def test_abstention_shows_the_message_and_related_pages(page, server, site, site_dir):
    from playwright.sync_api import expect

    page.goto(embed_page(site_dir, site, "abstain", server))
    open_panel(page)
    body = ask(page, "What is the capital of France?")
    assert body["abstained"]
    answer = page.locator("issqa-widget .answer").last
    expect(answer.locator(".answer-text")).to_contain_text("could not find an answer")
    assert answer.locator(".marker").count() == 0
    assert answer.get_by_role("heading", name="Sources").count() == 0

    body = ask(page, "When are Artemis astronauts supposed to land on the Moon?")
    assert body["abstained"] and body["related"], "pick a question with related pages"
    answer = page.locator("issqa-widget .answer").last
    links = answer.get_by_role("list", name="Related pages").get_by_role("link")
    expect(links).to_have_count(len(body["related"]))
    for i, related in enumerate(body["related"]):
        expect(links.nth(i)).to_contain_text(related["title"])
        expect(links.nth(i)).to_have_attribute("href", server + related["url"])
    screenshot(page, "panel-abstained.png")


def test_a_stopped_server_shows_an_error_with_retry(page, server, site, site_dir):
    from playwright.sync_api import expect

    nothing_listens = f"http://127.0.0.1:{free_port()}"
    page.goto(embed_page(site_dir, site, "stopped", server, endpoint=nothing_listens))
    open_panel(page)
    page.get_by_label("Your question").fill("How fast does the station travel?")
    page.get_by_label("Your question").press("Enter")
    alert = page.locator("issqa-widget .answer").last.get_by_role("alert")
    expect(alert).to_contain_text("Could not reach the help service.")
    retry = alert.get_by_role("button", name="Try again")
    expect(retry).to_be_visible()
    screenshot(page, "panel-error.png")
    retry.click()
    expect(alert.get_by_role("button", name="Try again")).to_be_focused()


def test_retry_recovers_once_the_server_answers_again(page, server, site, site_dir):
    from playwright.sync_api import expect

    page.goto(embed_page(site_dir, site, "recover", server))
    page.route(f"{server}/ask", lambda route: route.abort("connectionrefused"))
    open_panel(page)
    page.get_by_label("Your question").fill("When was Zarya launched?")
    page.get_by_label("Your question").press("Enter")
    answer = page.locator("issqa-widget .answer").last
    expect(answer.get_by_role("alert")).to_contain_text("Could not reach the help service.")
    page.unroute(f"{server}/ask")
    answer.get_by_role("button", name="Try again").click()
    expect(answer.locator(".answer-text")).to_contain_text("1998")
    expect(answer.get_by_role("alert")).to_have_count(0)


def test_rate_limit_and_server_errors_are_explained(page, server, site, site_dir):
    from playwright.sync_api import expect

    cors = {"Access-Control-Allow-Origin": site, "Access-Control-Expose-Headers": "retry-after",
            "Content-Type": "application/json"}
    replies = [
        (429, {**cors, "Retry-After": "45"}, {"error": {"code": "rate_limited", "message":
                                                         "too many requests", "details": None}}),
        (503, cors, {"error": {"code": "not_ready", "message": "loading", "details": None}}),
    ]

    def fulfil(route):
        status, headers, body = replies.pop(0)
        route.fulfill(status=status, headers=headers, body=json.dumps(body))

    page.goto(embed_page(site_dir, site, "errors", server))
    page.route(f"{server}/ask", fulfil)
    open_panel(page)
    page.get_by_label("Your question").fill("How fast does the station travel?")
    page.get_by_label("Your question").press("Enter")
    first = page.locator("issqa-widget .answer").nth(0).get_by_role("alert")
    expect(first).to_contain_text("Too many questions right now.")
    expect(first).to_contain_text(re.compile(r"try again in (4[0-5]) seconds"))
    expect(first.get_by_role("button", name="Try again")).to_have_attribute("aria-disabled",
                                                                              "true")
    screenshot(page, "panel-rate-limited.png")

    page.get_by_label("Your question").fill("What is Canadarm2?")
    page.get_by_label("Your question").press("Enter")
    second = page.locator("issqa-widget .answer").nth(1).get_by_role("alert")
    expect(second).to_contain_text("The help service had a problem.")
    expect(second).to_contain_text("Error 503")
    expect(second.get_by_role("button", name="Try again")).not_to_have_attribute(
        "aria-disabled", "true")


def test_keyboard_only_flow(page, server, site, site_dir):
    from playwright.sync_api import expect

    page.goto(embed_page(site_dir, site, "keyboard", server,
                         body='<p><a href="#top">A host link</a></p>'))
    launcher = page.get_by_role("button", name="Ask about the station")
    expect(launcher).to_have_attribute("aria-haspopup", "dialog")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Tab")  # the host page's link
    page.keyboard.press("Tab")
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Ask about the station")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-modal", "true")
    question = page.get_by_label("Your question")
    expect(question).to_be_focused()

    with page.expect_response(lambda r: r.url.endswith("/ask")):
        page.keyboard.type("Who built the Columbus module?")
        page.keyboard.press("Enter")
    answer = page.locator("issqa-widget .answer").last
    expect(answer).to_have_attribute("aria-live", "polite")
    expect(answer.locator(".answer-text")).to_contain_text("Bremen")

    # Tab never leaves the open panel, and reaches a citation marker.
    seen = set()
    for _ in range(30):
        page.keyboard.press("Tab")
        assert focus_inside_panel(page)
        seen.add(focused_class(page))
        if "marker" in focused_class(page):
            break
    assert "marker" in focused_class(page), seen
    page.keyboard.press("Enter")
    passage = answer.locator(".passage").first
    expect(passage).to_be_visible()
    expect(passage).to_be_focused()

    # Shift+Tab from the first control wraps to the last.
    page.get_by_role("button", name="New conversation").focus()
    page.keyboard.press("Shift+Tab")
    assert focus_inside_panel(page)
    assert "submit" in focused_class(page)

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    # Enter reopens with the conversation kept.
    page.keyboard.press("Enter")
    expect(answer.locator(".answer-text")).to_contain_text("Bremen")


def test_follow_ups_use_the_thread_until_a_new_conversation(page, server, site, site_dir):
    from playwright.sync_api import expect

    page.goto(embed_page(site_dir, site, "thread", server))
    open_panel(page)
    first = ask(page, "When was Zarya launched?")
    assert not first["abstained"]
    with page.expect_request(lambda r: r.url.endswith("/ask")) as sent:
        body = ask(page, "Who built it?")
    assert sent.value.post_data_json["history"] == ["When was Zarya launched?"]
    assert body["interpreted_as"] == "Who built Zarya?"
    answer = page.locator("issqa-widget .answer").last
    expect(answer.locator(".read-as")).to_have_text("Read as: Who built Zarya?")
    expect(answer.locator(".answer-text")).to_contain_text("Khrunichev")
    screenshot(page, "thread.png")

    # Next questions are offered as buttons; one click asks it.
    offered = answer.get_by_role("list", name="You might also ask").get_by_role("button")
    assert offered.count() >= 1
    suggestion = offered.first.inner_text()
    assert suggestion in body["related_questions"]
    with page.expect_response(lambda r: r.url.endswith("/ask")) as asked:
        offered.first.click()
    assert asked.value.request.post_data_json["question"] == suggestion

    page.get_by_role("button", name="New conversation").click()
    expect(page.locator("issqa-widget .exchange")).to_have_count(0)
    expect(page.get_by_label("Your question")).to_be_focused()
    with page.expect_request(lambda r: r.url.endswith("/ask")) as sent:
        body = ask(page, "Who built it?")
    assert "history" not in sent.value.post_data_json
    assert body["interpreted_as"] != "Who built Zarya?"


def test_corpus_markup_is_shown_as_text(page, xss_server, site, site_dir):
    from playwright.sync_api import expect

    page.on("dialog", lambda d: pytest.fail(f"a dialog opened: {d.message}"))
    page.goto(embed_page(site_dir, site, "xss", xss_server))
    open_panel(page)
    body = ask(page, "What does the Quest airlock manual quote?")
    assert "<script>" in body["answer"] and "<img" in body["answer"]
    answer = page.locator("issqa-widget .answer").last
    text = answer.locator(".answer-text")
    expect(text).to_contain_text("<script>window.__issqaXss='script'</script>")
    expect(text).to_contain_text("<img src=x onerror=\"window.__issqaXss='img'\">")
    toggle = answer.locator(".source-toggle").first
    expect(toggle).to_contain_text("Markup test <img src=x onerror=")
    toggle.click()
    expect(answer.locator(".passage blockquote").first).to_contain_text("<script>")
    screenshot(page, "panel-markup-as-text.png")
    widget = page.locator("issqa-widget")
    assert widget.locator("img").count() == 0 and widget.locator("script").count() == 0
    assert page.evaluate("window.__issqaXss") is None

    # The corpus accepts "//host/path" as site-relative; the widget makes no link of it.
    body = ask(page, "How fast does the station move?")
    assert body["citations"][0]["url"] == "//evil.example/orbit"
    answer = page.locator("issqa-widget .answer").last
    answer.locator(".marker").first.click()
    passage = answer.locator(".passage").first
    expect(passage).to_be_visible()
    expect(passage.get_by_role("link")).to_have_count(0)


def test_feedback_is_stored_in_sqlite(page, server, site, site_dir, feedback_db):
    from playwright.sync_api import expect

    page.goto(embed_page(site_dir, site, "feedback", server))
    open_panel(page)
    body = ask(page, "What is Canadarm2?")
    group = page.locator("issqa-widget .answer").last.get_by_role(
        "group", name="Was this answer helpful?")
    status = group.get_by_role("status")

    group.get_by_role("button", name="Helpful", exact=True).click()
    expect(status).to_have_text("Thanks for your feedback.")
    expect(group.get_by_role("button", name="Helpful", exact=True)).to_have_attribute(
        "aria-pressed", "true")
    rows = {r.answer_id: r for r in FeedbackStore(feedback_db).rows()}
    stored = rows[body["answer_id"]]
    assert stored.helpful is True and stored.comment is None and stored.origin == site

    group.get_by_role("button", name="Add a comment").click()
    comment = group.get_by_label("Comment on this answer")
    expect(comment).to_be_focused()
    comment.fill("Clear, thanks <b>really</b>")
    group.get_by_role("button", name="Send comment").click()
    expect(status).to_have_text("Thanks, your comment was sent.")
    group.get_by_role("button", name="Not helpful").click()
    expect(status).to_have_text("Thanks for your feedback.")
    stored = {r.answer_id: r for r in FeedbackStore(feedback_db).rows()}[body["answer_id"]]
    assert stored.helpful is False and stored.comment == "Clear, thanks <b>really</b>"


def test_a_disallowed_origin_is_refused(page, server, other_site, site, site_dir):
    from playwright.sync_api import expect

    assert other_site != site
    page.goto(embed_page(site_dir, other_site, "elsewhere", server))
    open_panel(page)  # the script itself loads anywhere: only the API calls are guarded
    page.get_by_label("Your question").fill("How fast does the station travel?")
    page.get_by_label("Your question").press("Enter")
    expect(page.locator("issqa-widget .answer").last.get_by_role("alert")).to_contain_text(
        "Could not reach the help service.")

    def preflight(origin: str) -> httpx.Response:
        return httpx.options(f"{server}/ask", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})

    refused = preflight(other_site)
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
    allowed = preflight(site)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == site


def test_demo_page_works_under_its_strict_content_security_policy(page, server):
    from playwright.sync_api import expect

    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    page.goto(f"{server}/demo")
    launcher = page.get_by_role("button", name="Ask about the station")
    expect(launcher).to_have_css("position", "fixed")
    expect(launcher).to_have_css("background-color", DEFAULT_ACCENT)
    open_panel(page)
    body = ask(page, "When was Zarya launched?")
    expect(page.locator("issqa-widget .answer-text").last).to_contain_text("1998")
    assert not body["abstained"]
    screenshot(page, "demo.png")
    assert violations == []


def test_theming_isolation_and_a_360px_screen(page, server, site, site_dir):
    from playwright.sync_api import expect

    url = embed_page(site_dir, site, "themed", server,
                     attrs='data-issqa-accent="#b00020" data-issqa-position="left" '
                           'data-issqa-title="Station help"',
                     tail=f'<script src="{server}/widget.js" defer></script>')
    page.goto(url)
    expect(page.locator("issqa-widget")).to_have_count(1)  # included twice, mounted once
    launcher = page.get_by_role("button", name="Ask about the station")
    expect(launcher).to_have_css("background-color", "rgb(176, 0, 32)")
    expect(launcher).to_have_css("color", "rgb(255, 255, 255)")
    # The host page's button, body and reset rules stay outside.
    expect(launcher).to_have_css("font-size", "15px")
    expect(launcher).to_have_css("text-transform", "none")
    box = launcher.bounding_box()
    assert box["x"] < 1280 / 2, box
    page.get_by_role("button", name="Ask about the station").click()
    dialog = page.get_by_role("dialog", name="Station help")
    expect(dialog).to_be_visible()
    expect(dialog.locator("header")).to_have_css("background-color", "rgb(176, 0, 32)")

    # A light accent gets dark text on it; a host-page CSS custom property overrides too.
    page.evaluate("document.querySelector('issqa-widget').setAttribute('accent', '#ffd400')")
    expect(dialog.locator("header")).to_have_css("color", "rgb(17, 17, 17)")
    page.add_style_tag(content="issqa-widget { --issqa-accent: rgb(0, 110, 60); }")
    expect(dialog.locator("header")).to_have_css("background-color", "rgb(0, 110, 60)")
    page.keyboard.press("Escape")
    launcher.click()
    expect(dialog.locator("header")).to_have_css("color", "rgb(255, 255, 255)")

    page.set_viewport_size({"width": 360, "height": 740})
    box = dialog.bounding_box()
    assert (box["x"], box["width"]) == (0, 360), box
    question = page.get_by_label("Your question")
    ask(page, "How many solar arrays are there?")
    q_box = question.bounding_box()
    assert q_box["x"] >= 0 and q_box["x"] + q_box["width"] <= 360, q_box
    submit = dialog.get_by_role("button", name="Ask")
    s_box = submit.bounding_box()
    assert s_box["x"] + s_box["width"] <= 360 and s_box["y"] + s_box["height"] <= 740, s_box
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width  # nothing overflows sideways
    screenshot(page, "panel-360px.png")


def test_starter_questions_come_from_the_faqs_unless_the_page_gives_them(
        page, server, site, site_dir):
    from playwright.sync_api import expect

    starters = httpx.get(f"{server}/suggestions", params={"n": 4}).json()["questions"]
    assert len(starters) == 4
    page.goto(embed_page(site_dir, site, "starters", server))
    dialog = open_panel(page)
    chips = dialog.get_by_role("list", name="Example questions").get_by_role("button")
    expect(chips).to_have_text(starters)
    with page.expect_response(lambda r: r.url.endswith("/ask")) as asked:
        chips.nth(1).click()
    assert asked.value.request.post_data_json["question"] == starters[1]

    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(embed_page(site_dir, site, "own-starters", server,
                         attrs='data-issqa-suggestions="Is there a toilet?|How do you sleep?"'))
    dialog = open_panel(page)
    chips = dialog.get_by_role("list", name="Example questions").get_by_role("button")
    expect(chips).to_have_text(["Is there a toilet?", "How do you sleep?"])
    assert not any("/suggestions" in url for url in requested)

    page.goto(embed_page(site_dir, site, "no-starters", server,
                         attrs='data-issqa-suggestions="none"'))
    dialog = open_panel(page)
    expect(dialog.get_by_role("list", name="Example questions")).to_be_hidden()


@pytest.fixture(scope="module")
def llm_server(shipped_engine, site, tmp_path_factory):
    """The real service with a scripted language model behind it."""
    from tests.llm_server import scripted_llm

    log = tmp_path_factory.mktemp("llm-server") / "server.log"
    with scripted_llm() as llm, issqa_server(
            shipped_engine.settings.index_dir, log, allowed_origins=json.dumps([site]),
            llm_base_url=llm.url, llm_timeout_s="8") as running:
        yield running.url, llm


def test_streamed_answers_show_each_verified_sentence_as_it_comes(
        page, llm_server, site, site_dir):
    from playwright.sync_api import expect

    from tests.llm_server import Reply, first_sentence, passages_of

    server, llm = llm_server
    seen: dict[str, str] = {}

    def script(messages):
        passages = passages_of(messages)
        seen["first"], seen["second"] = first_sentence(passages[1]), first_sentence(passages[2])
        # Slow pieces: the first sentence is on screen well before the reply ends.
        return Reply(content=f"{seen['first']} [1] Martians built it in 1850. [1] "
                             f"{seen['second']} [2]", pieces=8, piece_delay_s=0.4)
    llm.script = script
    page.goto(embed_page(site_dir, site, "stream", server, attrs='data-issqa-stream="true"'))
    open_panel(page)
    page.get_by_label("Your question").fill("How fast does the station travel?")
    page.get_by_label("Your question").press("Enter")
    answer = page.locator("issqa-widget .answer").last
    streaming = answer.locator(".answer-text.streaming")
    expect(streaming).to_be_visible()
    expect(streaming).to_contain_text(seen["first"])
    assert answer.locator(".sources").count() == 0  # sources come with the last chunk
    expect(answer.get_by_role("heading", name="Sources")).to_be_visible()
    text = answer.locator(".answer-text").inner_text()
    assert seen["first"] in text and seen["second"] in text
    assert "Martians" not in text and "1850" not in text
    expect(answer.locator(".marker")).to_have_count(2)
    screenshot(page, "streamed.png")

    # A follow-up in streaming mode sends the thread as earlier user messages.
    llm.script = lambda _messages: Reply(content="NO ANSWER")
    with page.expect_request(lambda r: r.url.endswith("/v1/chat/completions")) as sent:
        page.get_by_label("Your question").fill("Who built it?")
        page.get_by_label("Your question").press("Enter")
    messages = sent.value.post_data_json["messages"]
    assert [m["content"] for m in messages] == ["How fast does the station travel?",
                                                "Who built it?"]
    expect(page.locator("issqa-widget .answer").last.locator(".answer-text")).not_to_have_class(
        re.compile("streaming"))
