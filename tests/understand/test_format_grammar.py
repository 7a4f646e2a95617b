"""What a clause about the output's format says, read by its grammar: a success denied or a failure
stated is a gap, a failure denied or a success stated is none (`slots.format_verdict`). Phrasings
written fresh for these tests, not taken from the bank or the eval suite."""

import pytest

from agent.understand.rules import understand
from agent.understand.output_format import format_verdict

GAP = [
    "honestly it never gets the invoice schema right",
    "the model can't produce our EDI format correctly",
    "it doesn't follow the template once the list gets long",
    "about one reply in fifteen won't parse as JSON",
    "the XML it writes is malformed every so often",
    "our YAML configs come back broken now and then",
    "it keeps drifting from the layout we gave it",
    "the field names are inconsistent from one output to the next",
    "it ignores the enum values in the schema",
    "the markdown it returns fails our validator",
    "even with three examples in the prompt it won't respect the spec",
    "the format is the problem, not the content",
]
NO_GAP = [
    "the JSON it gives back is clean",
    "it never breaks the schema",
    "format-wise it's fine",
    "the output parses every single time",
    "it follows our template without any trouble",
    "schema errors are rare, it hardly ever fails validation",
    "the csv it writes is always valid",
    "it handles the structure properly",
]
# Not a verdict on the model's output: a requirement, a shortfall in figures, the team's habit, the
# documents' own layout, or no format named at all.
NEITHER = [
    # "follow-up" names a thing of the domain, not a format the model follows
    "it turns the notes into our JSON record with medications and follow-up appointments",
    "we need valid JSON out of it",
    "prompting gets about 90% valid output",
    "we follow a template for the weekly report",
    "our scanned PDFs have an inconsistent layout",
    "the answers are fine",
    "the tone is wrong for our brand",
]


@pytest.mark.parametrize("text", GAP)
def test_a_failed_format_is_a_gap(text):
    assert format_verdict(text) is True
    assert understand(text).updates.get("output_format_gap") is True


@pytest.mark.parametrize("text", NO_GAP)
def test_a_format_the_model_gets_right_is_no_gap(text):
    assert format_verdict(text) is False
    assert understand(text).updates.get("output_format_gap") is False


@pytest.mark.parametrize("text", NEITHER)
def test_words_that_judge_no_output_give_no_verdict(text):
    assert format_verdict(text) is None


@pytest.mark.parametrize(
    "text",
    ["our uptime is 99.9% and it has to stay there", "the cache hit rate is 94% already", "occupancy is 97% in August"],
)
def test_a_high_rate_of_something_other_than_the_output_says_nothing_of_the_format(text):
    assert "output_format_gap" not in understand(text).updates


def test_the_last_clause_of_a_contrast_stands():
    text = "it gets the field names right but the nesting is wrong"
    assert understand(text).updates.get("output_format_gap") is True


# A measured shortfall is a gap: a rate capped by "only", "at best", or below the rate needed.
SHORTFALL = [
    "even our best prompt only gets 64% of the generated playbooks through the linter",
    "zero-shot accuracy on our part codes is around 72%, and ops needs 98",
    "it tops out at about 80% correct no matter how we prompt it",
    # below the people who do the work today
    "few-shot gets ~78% of claims into the right bucket, our human triage team is at 95%",
    "prompting manages 81% while the coders hit 96%",
]
NO_SHORTFALL = [
    "we're at 97% accuracy and need 95",
    "only 20% of users ask a second question",
    "about 40% of traffic is mobile",
]


@pytest.mark.parametrize("text", SHORTFALL)
def test_a_measured_shortfall_is_a_gap(text):
    assert format_verdict(text) is True
    assert understand(text).updates.get("output_format_gap") is True


@pytest.mark.parametrize("text", NO_SHORTFALL)
def test_a_rate_that_meets_the_need_or_is_no_output_quality_is_none(text):
    assert format_verdict(text) is None
