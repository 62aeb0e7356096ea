"""The end of the day in Debian's Chromium: the closing summary, thanks on a phone, the report printed to PDF.

A whole workshop (tests/support/scenario.py: three corporations, one of them below the privacy
threshold) is played over the API and sockets of the real server; then the facilitator's, the
projector's and a phone's browsers look at the end. Screenshots go to test-output/screenshots/report/:
the projector at 1920x1080 and 1366x768, the phone at 390x844, the control view at 1440x900, the report
as printed (print media) and, when pdftoppm is installed, every page of the PDF.
"""

import json
import shutil
import subprocess

import pytest

from tests.support import scenario
from tests.support.browser import MISSING, SHOTS, shot, skip_module_without_browser

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

skip_module_without_browser()
if not MISSING:
    from playwright.sync_api import expect

FOLDER = SHOTS / "report"


@pytest.fixture(scope="module")
def played(server):
    driver = scenario.Remote(server)
    try:
        yield scenario.run(driver)
    finally:
        driver.close()


def closing_problems(page) -> list[str]:
    """Text of the closing summary below 32px, or anything outside the window."""
    return page.evaluate(
        """() => {
        const problems = [];
        for (const node of document.querySelectorAll("#closing *")) {
          if (node.closest("[hidden]")) continue;
          const own = [...node.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
          const rect = node.getBoundingClientRect();
          if (!own || !rect.width) continue;
          const size = parseFloat(getComputedStyle(node).fontSize);
          if (size < 32) problems.push(`text below 32px (${size}px): ${node.textContent.trim().slice(0, 40)}`);
          if (rect.bottom > window.innerHeight + 1 || rect.right > window.innerWidth + 1)
            problems.push(`outside the window: ${node.textContent.trim().slice(0, 40)}`);
        }
        return problems;
      }"""
    )


def test_the_end_of_the_day(server, pages, played, tmp_path):
    expect.set_options(timeout=15_000)
    code, token = played.created["code"], played.created["control_token"]
    goal_texts = [text for text, _ in scenario.GOALS]

    # ---- the projector: the closing summary, not the lobby ----
    screen = pages.open("screen", 1920, 1080)
    screen.goto(f"{server.url}/w/{code}/screen#{played.created['screen_key']}")
    closing = screen.locator("#closing")
    expect(closing).to_be_visible()
    expect(screen.locator("#lobby")).to_be_hidden()
    expect(closing.locator(".closing-goal-text")).to_have_text(goal_texts)
    expect(closing.locator(".closing-goal").nth(0).locator(".closing-verdict.blocked")).to_be_visible()
    expect(closing.locator(".closing-goal").nth(1).locator(".closing-verdict.pass")).to_be_visible()
    expect(closing.locator(".closing-goal").nth(1).locator(".closing-pledge", has_text=scenario.ZONNIG)).to_contain_text("4")
    expect(closing.locator(".closing-org")).to_have_count(3)
    expect(closing.locator(".closing-org", has_text=scenario.WOONSTEDE).locator(".closing-count")).to_have_text("4")
    expect(closing.locator(".closing-total")).to_contain_text("8")
    shot(screen, "closing-projector-1920.png", FOLDER)
    assert closing_problems(screen) == []
    remote = pages.open("remote viewer", 1366, 768)
    remote.goto(f"{server.url}/w/{code}/screen#{played.created['screen_key']}")
    expect(remote.locator("#closing .closing-goal-text")).to_have_count(2)
    shot(remote, "closing-projector-1366.png", FOLDER)
    outside = [p for p in closing_problems(remote) if p.startswith("outside")]
    assert outside == []

    # ---- a phone: thanks, where my ambitions went, my answers to take home ----
    phone = pages.open("phone (Anne)", 390, 844, mobile=True)
    phone.context.add_cookies([{"name": f"samenspel_{code}", "value": played.people[0]["token"], "url": server.url}])
    phone.goto(f"{server.url}/w/{code}")
    expect(phone.locator("#stage .phone-title")).to_have_text("Bedankt!")
    mine = phone.locator(".my-ambitions .mine-item")
    expect(mine).to_have_count(1)
    expect(mine.locator(".mine-text")).to_have_text(scenario.AMBITIONS[0][1])
    expect(mine.locator(".went-into")).to_contain_text(goal_texts[0])
    expect(phone.locator("#download-mine")).to_be_hidden()  # the summary's own button, not the same link twice
    shot(phone, "closing-phone.png", FOLDER)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    with phone.expect_download() as download:
        phone.locator("#closing-download").click()
    answers = json.loads(open(download.value.path(), encoding="utf-8").read())["answers"]
    assert len(answers) == 9 and any(a["answer"].get("text") == scenario.REFLECTIONS[0][1] for a in answers)

    # ---- the control view: the session has ended; the report opens from it ----
    control = pages.open("control", 1440, 900)
    control.on("dialog", lambda dialog: dialog.accept())
    control.goto(f"{server.url}/w/{code}/control#{token}")
    expect(control.locator("#now .now-title")).to_contain_text("afgesloten")
    expect(control.locator("#actions [data-action=end]")).to_have_count(0)
    expect(control.locator("#actions [data-action=next]")).to_have_count(0)  # every activity ran: nothing next
    expect(control.locator("#upcoming")).to_be_hidden()
    shot(control, "closing-control.png", FOLDER)
    with control.context.expect_page() as opened:
        control.locator("#report-link").click()
    report = opened.value
    report.set_viewport_size({"width": 1440, "height": 900})
    expect(report.locator("header.cover h1")).to_have_text("Samen verduurzamen")
    assert token not in report.url
    expect(report.locator("section.activity")).to_have_count(len(scenario.AGENDA) + 1)
    report.emulate_media(media="print")
    shot(report, "report-print-media.png", FOLDER)
    pdf = tmp_path / "report.pdf"
    report.pdf(path=str(pdf), prefer_css_page_size=True, outline=True, tagged=True)
    report.emulate_media(media="screen")
    shot(report, "report-screen.png", FOLDER)
    check_pdf(pdf)

    # ---- the Excel workbook from the control view ----
    from openpyxl import load_workbook

    control.locator("#settings-box summary").click()  # downloads live in the settings menu
    with control.expect_download() as download:
        control.locator("#export-workbook").click()
    assert download.value.suggested_filename == f"samenspel-{code}.xlsx"
    download.value.save_as(tmp_path / "results.xlsx")
    book = load_workbook(tmp_path / "results.xlsx")
    assert book.sheetnames[0] == "Overzicht" and book.sheetnames[-3:] == [scenario.WOONSTEDE, scenario.THUISBAAS, scenario.ZONNIG]

    # ---- resume and end again from the control view ----
    control.locator("#actions [data-action=lobby]").click()
    expect(screen.locator("#lobby-code")).to_be_visible()
    expect(phone.locator("#stage .waiting")).to_be_visible()
    # From the lobby, Next after the last activity ends the session again.
    expect(control.locator("#upcoming")).to_contain_text("afsluiting")
    control.locator("#actions [data-action=end]").click()
    expect(screen.locator("#closing .closing-goal")).to_have_count(2)
    expect(phone.locator("#stage .phone-title")).to_have_text("Bedankt!")
    assert pages.errors == [], "\n".join(pages.errors)


def check_pdf(path) -> None:
    """The printed report: A4, every activity on a page of its own, Dutch, and nothing private in it.

    Chromium writes the headings as the PDF's outline, which says on which page each one landed.
    """
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842), "A4 in points"
    whole = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for heading in ("Verslag van de workshop", "Samen verduurzamen", "Organisaties en deelnemers", "Gelijke stem", "Bijlage"):
        assert heading.casefold() in whole.casefold(), heading
    assert " ".join(scenario.OBJECTION.split()) in whole and scenario.ZONNIG in whole
    for private in scenario.PRIVATE_REFLECTIONS:
        assert " ".join(private.split()) not in whole
    top = next(item for item in reader.outline if isinstance(item, list))
    pages = {item.title: reader.get_destination_page_number(item) for item in top if not isinstance(item, list)}
    starts = [pages[item["title"]] for item in scenario.AGENDA] + [pages["Verborgen antwoorden"]]
    assert starts[0] > 0 and starts == sorted(set(starts)), f"each activity starts a page of its own: {starts}"
    hidden = " ".join(scenario.HIDDEN_AMBITION.split())
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert [i for i, text in enumerate(texts) if hidden in text] == [starts[-1]], "the hidden answer only in the appendix"
    if shutil.which("pdftoppm"):
        FOLDER.mkdir(parents=True, exist_ok=True)
        for old in FOLDER.glob("report-page-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(path), str(FOLDER / "report-page")], check=True)
