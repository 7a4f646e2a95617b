"""The slot classifier and its labelled bank: the shipped weights are trained on the shipped bank,
the held-out fifth is never trained on, and the understander clears the bar on it."""

from __future__ import annotations

import pytest

from agent.understand import training
from agent.understand.clauses import mark
from agent.understand.slot_model import SlotModel, shipped_model
from tools.profile import DECISION_SLOTS


def test_the_shipped_model_is_trained_on_the_shipped_bank():
    assert shipped_model().bank_digest == training.digest(), "retrain: python -m agent.understand.training"


def test_the_held_out_split_is_never_trained_on():
    examples = training.load_bank()
    train, test = training.split(examples)
    assert len(examples) >= 800
    assert {e.text for e in train}.isdisjoint(e.text for e in test)
    assert 0.15 < len(test) / len(examples) < 0.25


def test_every_decision_slot_has_a_head():
    assert set(shipped_model().heads) == set(DECISION_SLOTS)


@pytest.fixture(scope="module")
def reports():
    return training.held_out_reports()


# Issue 11's bar: 0.90 macro-F1 on the held-out fifth (the understander measures 0.908, the
# classifier's heads alone 0.880), and no prohibition read as permission.
HELD_OUT_FLOOR = 0.90


def test_the_understander_holds_its_floor_on_held_out_clauses(reports):
    understander, _ = reports
    assert understander.permissive_prohibitions == []
    assert understander.macro_f1 >= HELD_OUT_FLOOR, training.format_report(understander)


def test_the_report_covers_every_slot_value(reports):
    understander, _ = reports
    scored = {(s.slot, s.value) for s in understander.scores}
    assert scored == {(slot, value) for slot in DECISION_SLOTS for value in training.SLOT[slot].values}


def test_a_bad_label_in_the_bank_names_the_entry(tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_text("- text: data stays here\n  labels: {data_residency: maybe}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="entry 1.*data_residency='maybe'"):
        training.load_bank(bank)


def test_training_is_deterministic_and_round_trips(tmp_path, monkeypatch):
    monkeypatch.setattr(training, "EPOCHS", 40)  # the shape of training, not its quality
    examples = training.load_bank()[:200]
    model = training.train(examples, "test")
    model.save(tmp_path / "m.npz")
    again = SlotModel.load(tmp_path / "m.npz")
    clause = [mark("nothing may leave our data centre")]
    assert [r.value for r in model.read(clause)[0]] == [r.value for r in again.read(clause)[0]]
