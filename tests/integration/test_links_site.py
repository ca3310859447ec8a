"""Links end to end: ``briefcheck check`` and ``briefcheck snapshot`` on a site whose sources
live on a local web server; findings at the url field, the cache between runs, offline runs,
snapshots written atomically with a header and then used by the figure checks."""

from __future__ import annotations

import sys
from pathlib import Path

from fakeweb import Web
from support import Run, brief, briefcheck, listing, online, run_command, write_site


def _site(root: Path, web: Web) -> Path:
    bib = "\n".join(
        [
            online("occ", "Penalty notice", url=web.url("/ok-occ"), outlet="OCC"),
            online("moved", "Moved page", url=web.url("/moved")),
            online("gone", "Gone page", url=web.url("/gone")),
        ]
    )
    body = (
        "The regulator fined the bank $80 million.[^1] A later page moved.[^2]"
        " A third is gone.[^3] See also <" + web.url("/forbidden") + ">.\n\n"
        "[^1]: @occ\n[^2]: @moved\n[^3]: @gone\n"
    )
    options = {
        "links": {"enabled": True, "allow_private": True, "timeout": 2, "cache": ".cache/links"},
        "figures": {"enabled": True},
    }
    return write_site(root, {"index.md": brief("Links", body)}, {"references.bib": bib},
                      options=options)  # fmt: skip


def _by_rule(run: Run) -> dict[str, list[dict[str, object]]]:
    found: dict[str, list[dict[str, object]]] = {}
    for item in run.json()["findings"]:
        found.setdefault(item["rule"], []).append(item)
    return found


def test_check_reports_each_link_at_its_place(tmp_path: Path, web: Web) -> None:
    root = _site(tmp_path / "site", web)
    run = briefcheck("--format", "json", cwd=root)
    assert run.returncode == 1, run.log  # link-broken is an error
    found = _by_rule(run)
    assert set(found) == {"link-broken", "link-redirect", "link-blocked"}
    (broken,) = found["link-broken"]
    bib_lines = (root / "sources" / "references.bib").read_text().splitlines()
    assert broken["path"] == "sources/references.bib"
    assert web.url("/gone") in bib_lines[int(broken["line"]) - 1]  # type: ignore[call-overload]
    assert broken["related"][0]["path"] == "briefs/index.md"  # type: ignore[index]
    (redirect,) = found["link-redirect"]
    assert web.url("/ok-new") in str(redirect["message"])
    (blocked,) = found["link-blocked"]
    assert blocked["path"] == "briefs/index.md" and blocked["line"] == 5
    assert "links: 4 link(s)" in run.stderr


def test_second_run_and_offline_run_ask_nothing_of_verified_pages(tmp_path: Path, web: Web) -> None:
    root = _site(tmp_path / "site", web)
    briefcheck(cwd=root)
    verified = {"/ok-occ", "/moved", "/ok-new"}
    before = len(web.log)
    briefcheck(cwd=root)
    again = {path for _, path in web.log[before:]}
    assert not again & verified and again == {"/gone", "/forbidden"}
    before = len(web.log)
    offline = briefcheck("--offline", "--format", "json", cwd=root)
    assert len(web.log) == before
    rules = {item["rule"] for item in offline.json()["findings"]}
    assert rules == {"link-redirect", "link-unchecked"}  # failures are never cached
    assert "offline: --offline" in offline.stderr


def test_no_links_flag_and_disabled_links_send_nothing(tmp_path: Path, web: Web) -> None:
    root = _site(tmp_path / "site", web)
    run = briefcheck("--no-links", "--format", "json", cwd=root)
    assert web.log == [] and run.returncode == 0
    assert not any(f["rule"].startswith("link-") for f in run.json()["findings"])


def _snapshot(root: Path, *args: str) -> Run:
    return run_command([sys.executable, "-m", "briefcheck.cli", "snapshot", *args], root)


def test_snapshot_writes_text_with_a_header_and_reports_changes(tmp_path: Path, web: Web) -> None:
    root = _site(tmp_path / "site", web)
    first = _snapshot(root, "occ", "gone")
    assert first.returncode == 1  # one source failed
    assert "occ: new:" in first.stdout and "gone: failed:" in first.stdout
    text = (root / "sources" / "snapshots" / "occ.txt").read_text()
    header, body = text.split("\n\n", 1)
    assert header.splitlines()[0] == f"Url: {web.url('/ok-occ')}"
    assert "Http-Status: 200" in header and "Content-Hash: sha256:" in header
    assert body.strip() == "The fine was $80 million."
    assert not (root / "sources" / "snapshots" / "gone.txt").exists()
    assert _snapshot(root, "occ").stdout.startswith("occ: unchanged:")
    # The figure checks read the snapshot (its header skipped): $80 million agrees.
    check = briefcheck("--no-links", "--format", "json", cwd=root)
    assert not [f for f in check.json()["findings"] if f["rule"] == "figure-source-mismatch"]


def test_snapshot_leaves_hand_made_files_alone(tmp_path: Path, web: Web) -> None:
    root = _site(tmp_path / "site", web)
    folder = root / "sources" / "snapshots"
    folder.mkdir(parents=True)
    (folder / "occ.md").write_text("The author's own notes: $80 million.\n")
    before = listing(folder)
    run = _snapshot(root, "--all")
    assert "occ: kept:" in run.stdout
    assert {k: v for k, v in listing(folder).items() if k == "occ.md"} == before
    assert not list(folder.glob(".*"))  # no temporary file left behind


def test_snapshot_needs_keys_or_all(tmp_path: Path, web: Web) -> None:
    root = _site(tmp_path / "site", web)
    run = _snapshot(root)
    assert run.returncode == 2 and "KEY" in run.stderr


def test_sources_page_shows_status_and_last_verified(tmp_path: Path, web: Web) -> None:
    from support import mkdocs_build

    root = _site(tmp_path / "site", web)
    bib = root / "sources" / "references.bib"
    bib.write_text(
        bib.read_text() + online("evil", "<script>alert(1)</script>", url="javascript:alert(1)"),
        encoding="utf-8",
    )
    built = mkdocs_build(root)
    assert built.returncode == 0, built.log
    page = (root / "site" / "sources" / "index.html").read_text(encoding="utf-8")
    row = page[page.index("<code>gone</code>") :].split("</tr>", 1)[0]
    assert "broken" in row and "404" in row and "UTC" in row
    assert 'href="../"' in row or "Links" in row  # the citing brief, linked
    moved = page[page.index("<code>moved</code>") :].split("</tr>", 1)[0]
    assert "moved permanently" in moved
    assert "<script>alert(1)</script>" not in page
    assert 'href="javascript:' not in page
    assert "links: 4 link(s)" in built.log  # the uncited entry is not checked
