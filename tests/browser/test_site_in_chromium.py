"""What a reader and an editor do on the demo site, in Chromium."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

BRIEF = "shanghai-police-leak/"


def test_hovering_a_note_marker_shows_the_formatted_citation(page: Page, base_url: str) -> None:
    page.goto(base_url + BRIEF)
    page.locator("a.footnote-ref").first.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    # The Chicago full form, not the raw "@key" the author wrote.
    expect(tooltip).to_contain_text(
        "“Alleged Chinese police database hack leaks data of 1 billion,” The Indian Express,"
        " July 6, 2022."
    )
    expect(tooltip).not_to_contain_text("@indianexpress2022")


def test_an_ibid_note_reads_ibid(page: Page, base_url: str) -> None:
    page.goto(base_url + BRIEF)
    notes = page.locator("div.footnote li")
    expect(notes.filter(has_text=re.compile(r"^\s*Ibid\."))).not_to_have_count(0)


def test_the_source_link_leads_to_the_cited_page(page: Page, base_url: str) -> None:
    page.goto(base_url + BRIEF)
    target = (
        "https://indianexpress.com/article/technology/tech-news-technology/"
        "alleged-chinese-police-database-hack-leaks-data-of-1-billion-7981937/"
    )
    link = page.locator("div.footnote li").first.get_by_role("link").first
    expect(link).to_have_attribute("href", target)
    link.click()
    page.wait_for_url(target)
    expect(page).to_have_title("outside")  # the stub that stands in for the internet


def test_the_byline_links_to_the_brief_in_the_report(page: Page, base_url: str) -> None:
    page.goto(base_url + "shanghai-leak-what-we-know/")
    status = page.locator(".briefcheck-byline .briefcheck-status a")
    expect(status).to_have_text("Fact-check: 1 error, 1 warning")
    status.click()
    page.wait_for_url(re.compile(r"/fact-check/#file-briefs-shanghai-leak-what-we-know-md$"))
    expect(page.locator("#file-briefs-shanghai-leak-what-we-know-md")).to_be_in_viewport()


def test_the_report_names_the_24_vs_23_tb_conflict(page: Page, base_url: str) -> None:
    page.goto(base_url + "fact-check/")
    row = page.locator("tr[data-rule=figure-inconsistent]")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("23 terabytes")
    expect(row).to_contain_text("about 24 terabytes")
    expect(row).to_contain_text("briefs/shanghai-police-leak.md:11")


def test_the_report_filters_by_severity_and_rule(page: Page, base_url: str) -> None:
    page.goto(base_url + "fact-check/")
    rows = page.locator("table.briefcheck-findings tbody tr")
    visible = page.locator("table.briefcheck-findings tbody tr:visible")
    total = rows.count()
    expect(visible).to_have_count(total)
    page.get_by_label("info").uncheck()
    expect(visible).to_have_count(total - page.locator("tr[data-severity=info]").count())
    page.get_by_label("Rule").select_option("figure-malformed")
    expect(visible).to_have_count(1)
    expect(visible.first).to_contain_text("$197,00")
    expect(page.locator(".briefcheck-shown")).to_have_text("1 finding shown")


def test_search_finds_a_brief_by_a_word_in_its_body(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("s")  # Material's shortcut opens the search box
    page.locator("input.md-search__input").press_sequentially("Commissioner", delay=30)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    expect(results.first.locator("a").first).to_have_attribute(
        "href", re.compile(r"starwood-marriott-breach/")
    )


def test_the_home_page_lists_briefs_newest_first(page: Page, base_url: str) -> None:
    page.goto(base_url)
    titles = page.locator("a.briefcheck-brief-title")
    expect(titles).to_have_count(3)
    expect(titles.first).to_have_text("The Shanghai Police Leak: What We Know, and What We Don't")
    expect(titles.last).to_have_text(
        "Four Years Unnoticed: Lessons from the Starwood Reservation Breach"
    )


def test_the_navigation_has_years_and_the_fact_check_pages(page: Page, base_url: str) -> None:
    page.goto(base_url)
    nav = page.locator("nav.md-nav--primary")
    for label in ("2022", "2021", "Fact-check", "Topics"):
        expect(nav.get_by_text(label, exact=True).first).to_be_attached()
