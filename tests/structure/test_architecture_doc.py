"""docs/architecture.md leads to every dialogue's NLU, rules, responses and actions: each path in
its capability table exists, each domain section is a heading in domain.yml, and every NLU
file, rules file and action module is in the table."""
import re
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"


def rows() -> List[List[str]]:
    text = DOC.read_text(encoding="utf-8").split("## Where each capability lives", 1)[1]
    table = [line for line in text.splitlines() if line.startswith("|")][2:]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in table]


def paths(cell: str) -> List[str]:
    return re.findall(r"`([^`]+)`", cell)


def test_the_table_has_every_column_filled_for_dialogues():
    table = rows()
    assert len(table) >= 8 and all(len(row) == 6 for row in table)
    dialogues = [row for row in table if row[1]]
    assert all(row[2] and row[3] and row[4] and row[5] for row in dialogues)


def test_every_path_in_the_table_exists():
    missing = [p for row in rows() for cell in row[1:] for p in paths(cell)
               if not (ROOT / p).exists()]
    assert not missing, missing


def test_every_domain_section_is_a_heading_in_the_domain():
    domain = (ROOT / "domain.yml").read_text(encoding="utf-8")
    headings = set(re.findall(r"#\s*---\s*([^-(\n]+?)\s*(?:\(|-|$)", domain, re.M))
    sections = {row[3] for row in rows() if row[3]}
    assert sections <= headings, sections - headings


def test_every_nlu_rules_and_action_file_is_in_the_table():
    listed = {p.rstrip("/") for row in rows() for cell in row[1:] for p in paths(cell)}
    files = [*ROOT.glob("data/nlu/*.yml"), *ROOT.glob("data/rules/*.yml"),
             *ROOT.glob("data/stories/*.yml"), *ROOT.glob("actions/*.py"),
             *[p for p in ROOT.glob("actions/*") if p.is_dir() and p.name != "__pycache__"]]
    absent = [str(f.relative_to(ROOT)) for f in files
              if f.name != "__init__.py" and str(f.relative_to(ROOT)) not in listed]
    assert not absent, absent
