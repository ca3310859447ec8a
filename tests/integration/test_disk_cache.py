"""The parse cache on disk (``disk_cache``): a later run reuses it only where nothing changed
and finds exactly what a cold run finds; a broken, foreign or unwritable cache costs speed,
never a result."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from briefcheck import checks, disk_cache
from briefcheck.model import Finding
from briefcheck.serve_cache import ParseCache
from briefcheck.site import Project, load_site

SITE = Path(__file__).resolve().parents[1] / "fixtures" / "figures" / "acceptance" / "site1"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.delenv("BRIEFCHECK_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    shutil.copytree(SITE, tmp_path / "site")
    return Project.from_config_file(tmp_path / "site" / "mkdocs.yml")


def _run(project: Project, parsed: ParseCache) -> list[Finding]:
    return checks.run(parsed.site(project))


def _cold(project: Project) -> list[Finding]:
    return checks.run(load_site(project))


def test_a_second_run_reuses_every_unchanged_brief(project: Project) -> None:
    first = ParseCache()
    before = _run(project, first)
    disk_cache.save(project, first)
    loaded = disk_cache.load(project)
    assert loaded is not None
    assert _run(project, loaded) == before
    assert loaded.memo.reused == len(list(project.docs_dir.glob("*.md")))


def test_an_edit_between_runs_is_read_again(project: Project) -> None:
    first = ParseCache()
    _run(project, first)
    disk_cache.save(project, first)
    brief = sorted(project.docs_dir.glob("*.md"))[1]
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text + "\nThe firm later said 123,456 records were copied.\n", "utf-8")
    loaded = disk_cache.load(project)
    assert loaded is not None
    assert _run(project, loaded) == _cold(project)
    assert loaded.memo.reused == len(list(project.docs_dir.glob("*.md"))) - 1


def _render_all(parsed: ParseCache, project: Project) -> dict[str, object]:
    site = parsed.site(project)
    return {b.path: parsed.rendered(b, site.notes[b.path]) for b in site.briefs}


def test_a_run_that_changed_nothing_does_not_rewrite_the_file(project: Project) -> None:
    first = ParseCache()
    _run(project, first)
    html = _render_all(first, project)
    disk_cache.save(project, first)
    path = disk_cache.cache_file(project)
    written = path.stat().st_ino, path.read_bytes()
    loaded = disk_cache.load(project)
    assert loaded is not None
    _run(project, loaded)
    assert _render_all(loaded, project) == html  # the notes' HTML comes from the file
    assert not loaded.changed
    disk_cache.save(project, loaded)
    assert (path.stat().st_ino, path.read_bytes()) == written
    brief = sorted(project.docs_dir.glob("*.md"))[0]
    brief.write_text(brief.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    again = disk_cache.load(project)
    assert again is not None
    _run(project, again)
    assert again.changed
    disk_cache.save(project, again)
    assert path.read_bytes() != written[1]


def test_rendered_notes_follow_the_bibliography(project: Project) -> None:
    parsed = ParseCache()
    before = _render_all(parsed, project)
    assert _render_all(parsed, project) == before
    bib = next(project.root.joinpath("sources").glob("*.bib"))
    text = bib.read_text(encoding="utf-8")
    title = text.split("title", 1)[1].split("{", 1)[1].split("}", 1)[0]
    bib.write_text(text.replace(title, title + " Revisited", 1), encoding="utf-8")
    after = _render_all(parsed, project)
    assert after != before
    assert "Revisited" in str(after) and "Revisited" not in str(before)


def test_a_broken_cache_file_is_ignored_and_replaced(project: Project) -> None:
    path = disk_cache.cache_file(project)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x80\x05not a pickle at all")
    assert disk_cache.load(project) is None
    fresh = ParseCache()
    assert _run(project, fresh) == _cold(project)
    disk_cache.save(project, fresh)
    assert disk_cache.load(project) is not None


def test_the_cache_is_kept_outside_the_project(project: Project) -> None:
    disk_cache.save(project, ParseCache())
    path = disk_cache.cache_file(project)
    assert path.is_file()
    assert project.root not in path.parents
    assert not (project.root / ".cache").exists()


def test_older_versions_and_unused_files_are_removed(project: Project, tmp_path: Path) -> None:
    other = Project.from_config_file(_copy(tmp_path / "other"))
    disk_cache.save(other, ParseCache())
    folder = disk_cache.folder()
    mine_before = folder / (disk_cache.cache_file(project).name.split("-")[0] + "-0ld.pickle")
    mine_before.write_bytes(b"an older briefcheck's cache")
    forgotten = folder / "0123456789abcdef-0ld.pickle"
    forgotten.write_bytes(b"a project not built for months")
    month_ago = time.time() - 31 * 86400
    os.utime(forgotten, (month_ago, month_ago))
    disk_cache.save(project, ParseCache())
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [disk_cache.cache_file(project).name, disk_cache.cache_file(other).name]
    )


def _copy(target: Path) -> Path:
    shutil.copytree(SITE, target)
    return target / "mkdocs.yml"


def test_turned_off_by_the_environment(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFCHECK_NO_CACHE", "1")
    disk_cache.save(project, ParseCache())
    assert not disk_cache.cache_file(project).exists()


def test_a_folder_that_cannot_be_made_only_costs_the_cache(
    project: Project, tmp_path: Path
) -> None:
    (tmp_path / "user-cache").write_text("a file where the folder would go", encoding="utf-8")
    disk_cache.save(project, ParseCache())  # no exception
    assert disk_cache.load(project) is None
