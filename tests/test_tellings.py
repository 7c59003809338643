"""One quotation, many tellings; who is quoted where; how coverage moved (issue 11)."""

from __future__ import annotations

import json
import shutil

from conftest import COVERAGE, run

from search.tellings import Telling, differences, group, same_quotation, words


def jsonl(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


# ---------------------------------------------------------------- grouping, unit by unit


def test_a_part_or_a_rewording_is_the_same_quotation_a_different_remark_is_not():
    full = words("There is no deal on the table until the pickets go home.")
    assert same_quotation(words("no deal on the table"), full)
    long = words("We will never accept a deal that cuts the pay of the crane drivers and the ferry crews")
    assert same_quotation(words("We will never accept any deal that cuts the wages of the crane drivers and the ferry crews"), long)
    assert same_quotation(words("“There’s no deal until there’s a deal,”"), words("No deal until there's a deal."))
    assert not same_quotation(words("in the history of business"), words("done in the history of politics here"))
    assert not same_quotation(words("no deal"), full)  # too short to be one quotation


def test_a_group_never_spans_two_speakers_and_unattributed_words_stay_alone():
    said = "We will not go back to work without a written offer."
    groups = group([Telling("a", "Marta Oyelaran", said), Telling("b", "Gideon Thale", said),
                    Telling("c", "Oyelaran", said), Telling("d", None, said), Telling("e", None, said)])
    assert [[t.key for t in g] for g in groups] == [["a", "c"]]


def test_differences_mark_the_words_worded_otherwise():
    text = "There is no deal on the tables until pickets go home"
    spans = differences(text, "There is no deal on the table until the pickets go home.")
    assert [text[s:e] for s, e in spans] == ["tables"]


# ---------------------------------------------------------------- through the CLI


def test_the_seeds_two_no_deal_quotations_are_one_group(seed_index):
    result = run("quotes", '"no deal"', "--index", seed_index, "--color", "never")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("Donald Trump: “There’s no deal until there’s a deal,”  2 tellings · 2 outlets")
    assert "1 quotation (2 tellings)" in result.stderr
    lines = jsonl(run("quotes", '"no deal"', "--index", seed_index, "--json"))
    assert len(lines) == 2 and {q["group"]["id"] for q in lines} == {1}
    assert {q["article"][-24:] for q in lines} == {"000_fc4bdde0408150c7.txt", "003_82407850fd9ebce2.txt"}
    assert lines[0]["group"]["tellings"] == 2 and lines[0]["group"]["fullest"] == "There’s no deal until there’s a deal,"
    flat = run("quotes", '"no deal"', "--index", seed_index, "--flat", "--color", "never")
    assert "2 quotations" in flat.stderr and "tellings" not in flat.stdout


def test_tellings_across_outlets_oldest_first_with_parts_shown(coverage_index):
    result = run("quotes", "--speaker", "thale", "--index", coverage_index, "--color", "never")
    out = result.stdout
    assert "Gideon Thale: “There is no deal on the table until the pickets go home.”  2 tellings · 2 outlets" in out
    block = out.split("Gideon Thale: “There is no deal on the table")[1].splitlines()[1:3]
    assert block[0].lstrip().startswith("2024-03-04 · Lakeport Herald") and "(this wording)" in block[0]
    assert block[1].lstrip().startswith("2024-03-06 · Valley Courier") and "“no deal on the table”" in block[1]
    # A member that does not match the query still comes with its group.
    result = run("quotes", "pickets", "--index", coverage_index, "--color", "never")
    assert "Valley Courier" in result.stdout and "no deal on the table" in result.stdout


def test_differences_are_marked_plainly_when_piped(corpus, tmp_path):
    (corpus / "a.txt").write_text('Strike\n\n"We will never accept a deal that cuts the pay of the crane drivers," said Marta Oyelaran.\n')
    (corpus / "b.txt").write_text('Strike talks\n\n"We will never accept a deal that cuts the wages of the crane drivers," Marta Oyelaran said.\n')
    index = tmp_path / "ix"
    run("index", corpus, "--index", index)
    out = run("quotes", "--index", index, "--color", "never").stdout
    assert "2 tellings" in out and ("{+wages+}" in out or "{+pay+}" in out)


def test_groups_follow_articles_added_and_removed(tmp_path):
    corpus = tmp_path / "c"
    shutil.copytree(COVERAGE, corpus)
    index = tmp_path / "ix"
    run("index", corpus, "--index", index)
    (corpus / "wire" / "late.txt").write_text(
        'Late\n\nGideon Thale said again: "There is no deal on the table until the pickets go home."\n')
    run("index", corpus, "--index", index)
    lines = jsonl(run("quotes", "pickets", "--speaker", "thale", "--index", index, "--json"))
    assert {q["group"]["tellings"] for q in lines} == {3} and len(lines) == 3
    (corpus / "courier" / "ferry-passengers.txt").unlink()
    (corpus / "wire" / "late.txt").unlink()
    run("index", corpus, "--index", index)
    lines = jsonl(run("quotes", "pickets", "--speaker", "thale", "--index", index, "--json"))
    assert len(lines) == 1 and lines[0]["group"]["tellings"] == 1


# ---------------------------------------------------------------- who is quoted where, and when


def test_speakers_by_source_is_a_table_and_filters_by_date(coverage_index):
    result = run("speakers", "--by", "source", "--index", coverage_index, "--color", "never")
    header, *rows = result.stdout.splitlines()
    assert "Lakeport He" in header and "Valley Cour" in header and header.rstrip().endswith("all")
    oyelaran = next(r for r in rows if r.startswith("Marta Oyelaran"))
    assert oyelaran.split()[-1] == str(sum(int(c) for c in oyelaran.split()[2:-1] if c.isdigit()))
    early = jsonl(run("speakers", "--index", coverage_index, "--until", "2024-03-05", "--json"))
    assert {s["name"] for s in early} == {"Marta Oyelaran", "Gideon Thale"}
    assert all(set(s["by_source"]) == {"Lakeport Herald"} for s in early)


def test_timeline_counts_by_outlet_and_week_plain_when_piped(coverage_index):
    result = run("timeline", "strike", "--index", coverage_index, "--color", "never")
    assert result.exit_code == 0
    assert "█" not in result.stdout and "\x1b" not in result.stdout
    periods = jsonl(run("timeline", "strike", "--index", coverage_index, "--json"))
    assert [p["period"] for p in periods] == sorted(p["period"] for p in periods)
    assert periods[0]["period"] == "2024-03-04"  # the Monday of the strike's first week
    assert all(p["total"] == sum(p["counts"].values()) for p in periods)
    coloured = run("timeline", "strike", "--index", coverage_index, "--color", "always")
    assert "█" in coloured.stdout


def test_timeline_of_a_speaker_and_undated_articles_on_their_own_row(coverage_index):
    periods = jsonl(run("timeline", "--speaker", "leo brandt", "--index", coverage_index, "--json"))
    assert periods == [{"period": "undated", "total": 2, "counts": {"Coastline Wire": 2}}]
    months = jsonl(run("timeline", "--speaker", "oyelaran", "--by", "month", "--index", coverage_index, "--json"))
    assert [p["period"] for p in months] == ["2024-03"] and months[0]["total"] == 8


def test_the_shell_shows_groups_the_table_and_the_timeline(coverage_index):
    from search import render
    from search.shell.repl import Shell

    out: list[str] = []
    shell = Shell(coverage_index, render.Style(), write=out.append)
    for line in (":who pickets", ":where", ":timeline strike"):
        shell.handle(line)
    text = "".join(out)
    assert "2 tellings · 2 outlets" in text and "who is quoted where" in text and "2024-03-04" in text
