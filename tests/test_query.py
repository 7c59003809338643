"""`search query` on a real index of the seeds: ranking, phrase-exact highlights, JSON offsets."""

from __future__ import annotations

import json
import re

from conftest import run


def hits_json(index, query, *extra):
    result = run("query", query, "--index", index, "--json", *extra)
    return result, [json.loads(line) for line in result.stdout.splitlines()]


def marked(fragment):
    return [fragment["text"][m["start"]:m["end"]] for m in fragment["matches"]]


def test_speaker_and_phrase_ranks_putins_root_causes_first(seed_index):
    result, hits = hits_json(seed_index, 'speaker:putin "root causes"')
    assert result.exit_code == 0
    top = hits[0]
    assert top["article"].endswith("003_82407850fd9ebce2.txt")
    text = " ".join(f["text"] for f in top["fragments"])
    assert "all the root causes of the conflict must be resolved" in text
    assert "Vladimir Putin" in top["speakers"]
    # The phrase lies inside Putin's quotation, which `speaker:` marks: one span, never the words twice.
    assert any("root causes" in m for f in top["fragments"] for m in marked(f))
    for f in top["fragments"]:
        ends = [(m["start"], m["end"]) for m in f["matches"]]
        assert all(e1 < s2 for (_, e1), (s2, _) in zip(ends, ends[1:])), ends
    plain = run("query", 'speaker:putin "root causes"', "--index", seed_index, "--color", "never").stdout
    assert " ".join(plain.split()).count("root causes of the conflict must be resolved") == 1


def test_phrase_highlights_only_the_phrase(seed_index):
    result, hits = hits_json(seed_index, '"no deal"', "--limit", "20")
    assert result.exit_code == 0 and hits
    spans = [" ".join(re.findall(r"\w+", m.lower())) for h in hits for f in h["fragments"] for m in marked(f)]
    assert spans and all(s == "no deal" for s in spans), spans
    # Seed 003 says "no Yalta, no Munich": those "no"s are not the phrase and stay unmarked.
    assert not any("Yalta" in f["text"] and f["matches"] for h in hits for f in h["fragments"])


def test_three_word_phrase_snippet_is_taken_where_the_phrase_is(seed_index):
    result, hits = hits_json(seed_index, '"no deal until"')
    assert result.exit_code == 0
    first = hits[0]["fragments"][0]
    assert "There’s no deal until there’s a deal" in first["text"] or "No deal until there’s a deal" in first["text"]
    assert [m.lower() for m in marked(first)] == ["no deal until"]


def test_stemmed_term_finds_and_lights_the_inflected_word(seed_index):
    result, hits = hits_json(seed_index, "sanction")
    assert result.exit_code == 0 and hits
    words = {m for h in hits for f in h["fragments"] for m in marked(f)}
    assert "sanctions" in words


def test_json_offsets_point_at_the_highlighted_words(seed_index):
    result, hits = hits_json(seed_index, "ceasefire OR summit", "--limit", "10")
    assert hits
    for hit in hits:
        assert {"rank", "score", "article", "source", "title", "date", "pos", "speakers", "fragments"} <= set(hit)
        for f in hit["fragments"]:
            for m in f["matches"]:
                assert f["text"][m["start"]:m["end"]].lower().startswith(("ceasefire", "summit"))


def test_hits_show_rank_source_title_paragraph_and_speakers(seed_index):
    result = run("query", "root causes", "--index", seed_index, "--color", "never")
    out = result.stdout
    assert " 1 003 (outlet not stated) · Donald Trump failed to secure" in out
    assert "¶23" in out and "quoted: Vladimir Putin" in out


def test_colour_on_request_and_never_when_piped_or_no_color(seed_index, monkeypatch):
    coloured = run("query", "ceasefire", "--index", seed_index, "--color", "always").stdout
    assert "\x1b[1;31mceasefire\x1b[0m" in coloured
    piped = run("query", "ceasefire", "--index", seed_index).stdout  # CliRunner output is not a terminal
    assert "\x1b" not in piped
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in run("query", "ceasefire", "--index", seed_index).stdout


def test_all_terms_required_then_any_term_fallback_says_so(seed_index):
    result = run("query", "ceasefire unicorn", "--index", seed_index)
    assert result.exit_code == 0
    assert "no passage has all the terms" in result.stderr
    result, hits = hits_json(seed_index, "ceasefire Kendall-Taylor")
    assert hits and all("Kendall-Taylor" in " ".join(f["text"] for f in h["fragments"]) for h in hits)


def test_field_aliases_and_fuzzy_and_wildcard(seed_index):
    _, by = hits_json(seed_index, 'by:"vladimir putin"')
    _, speaker = hits_json(seed_index, 'speaker:"vladimir putin"')
    assert by == speaker and by
    _, fuzzy = hits_json(seed_index, "sanctons~")
    assert "sanctions" in {m for h in fuzzy for f in h["fragments"] for m in marked(f)}
    _, wild = hits_json(seed_index, "zelensk*")
    assert {"Zelenskyy", "Zelensky"} <= {m for h in wild for f in h["fragments"] for m in marked(f)}
    _, outlet = hits_json(seed_index, "outlet:004 ceasefire")
    assert outlet and all(h["source"].startswith("004") for h in outlet)


def test_speaker_search_forgives_spelling_and_marks_the_quotation(seed_index):
    _, hits = hits_json(seed_index, "speaker:zelensky")
    assert hits
    assert "long and substantive" in [m for h in hits for f in h["fragments"] for m in marked(f)]


def test_sort_by_date_and_limit_and_pages(seed_index):
    result, hits = hits_json(seed_index, "putin", "--limit", "2")
    assert len(hits) == 2 and [h["rank"] for h in hits] == [1, 2]
    _, page2 = hits_json(seed_index, "putin", "--limit", "2", "--page", "2")
    assert [h["rank"] for h in page2] == [3, 4]
    assert run("query", "putin", "--index", seed_index, "--sort", "date").exit_code == 0


def test_no_hits_exits_1(seed_index):
    result = run("query", "xylophonequartet", "--index", seed_index)
    assert result.exit_code == 1 and result.stdout == ""


def test_paging_counts_agree_and_a_page_past_the_end_says_so(seed_index):
    everything = run("query", "ceasefire", "--index", seed_index, "--limit", "100", "--json")
    total = len(everything.stdout.splitlines())
    assert 10 < total < 20  # the seeds: a second page, shorter than the first
    last = run("query", "ceasefire", "--index", seed_index, "--page", "2")
    assert last.exit_code == 0
    assert last.stderr.startswith(f"{total} passages, showing 11-{total} (page 2 of 2)")
    beyond = run("query", "ceasefire", "--index", seed_index, "--page", "3")
    assert beyond.exit_code == 1
    assert beyond.stderr.startswith(f"{total} passages; page 3 is past the last (2)")
    one = run("query", 'speaker:putin "root causes"', "--index", seed_index)
    assert one.stderr.startswith("1 passage ·")  # a short page is an exact count, never "at least"
