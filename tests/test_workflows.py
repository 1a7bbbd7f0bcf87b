"""GitHub workflows are valid and safe, checked with tools that work offline."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from scripts import paths

WORKFLOWS = sorted((paths.ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_there_are_workflows():
    assert WORKFLOWS


def test_workflows_match_the_github_schema():
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                             *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", *map(str, WORKFLOWS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_exactly_the_readme_test_command():
    run = (paths.ROOT / ".ci" / "run").read_text()
    readme = (paths.ROOT / "README.md").read_text()
    assert "exec make test" in run
    assert "make test" in readme.split("\n## ")[0], "README's opening must give `make test`"


# --- Contributor files: issue forms, pull-request template, pre-commit -----------------------------

ISSUE_DIR = paths.ROOT / ".github" / "ISSUE_TEMPLATE"


def check_schema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True)


def test_issue_forms_match_the_github_schema(tmp_path):
    forms = sorted(f for f in ISSUE_DIR.glob("*.yml") if f.name != "config.yml")
    assert {f.stem for f in forms} == {"page-problem", "helpline-or-law-changed"}
    result = check_schema("vendor.github-issue-forms", *forms)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_schema("vendor.github-issue-config", ISSUE_DIR / "config.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    # The schema check is real: a form without a body is refused.
    broken = tmp_path / "broken.yml"
    broken.write_text('name: "x"\ndescription: "y"\n')
    assert check_schema("vendor.github-issue-forms", broken).returncode != 0


def test_issue_chooser_sends_people_in_need_to_the_contacts_page_not_to_an_issue():
    import yaml

    config = yaml.safe_load((ISSUE_DIR / "config.yml").read_text(encoding="utf-8"))
    site_url = re.search(r'site_url: !ENV \[SITE_URL, "([^"]+)"\]', (paths.ROOT / "mkdocs.yml").read_text()).group(1)
    assert config["blank_issues_enabled"] is False
    assert config["contact_links"][0]["url"] == site_url + "contacts/"


def test_pull_request_template_asks_the_three_questions_in_both_languages():
    text = (paths.ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for phrase in ("Les deux langues sont à jour", "Both languages are updated", "Sources citées et lues",
                   "Sources cited and read", "Vérifications vertes", "Checks green"):
        assert phrase in text, phrase
    assert text.count("- [ ]") >= 3


def test_pre_commit_is_valid_local_and_calls_the_make_commands():
    import yaml

    config_path = paths.ROOT / ".pre-commit-config.yaml"
    result = subprocess.run([str(BIN / "pre-commit"), "validate-config", str(config_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert all(repo["repo"] == "local" for repo in config["repos"]), "hooks must not download anything"
    assert [hook["entry"] for hook in hooks] == ["make fix"]
    assert "make check" in (paths.ROOT / ".github" / "workflows" / "site.yml").read_text()
    assert re.search(r"^fix: .*\n\t@\$\(RUN\) check --fix", (paths.ROOT / "Makefile").read_text(), re.M)
