"""Rendering a canned response is all or nothing: every variable filled, or a refusal naming what is
missing or unknown — never a half-filled text for a citizen."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.canned import (
    VARIABLES,
    CannedTemplate,
    MissingVariable,
    canned_ref,
    check_canned_ref,
    check_template,
    render,
    variables_in,
)
from desktop.domain.errors import BadInput
from desktop.views.canned import deadline_date

VALUES = {
    "nama_pelapor": "Siti Aminah",
    "nomor_tiket": "ADU-2026-000123",
    "unit": "Biro Humas",
    "tenggat": "27 Maret 2026",
}
KNOWN = re.compile(r"\{(" + "|".join(VARIABLES) + r")\}")


def test_every_variable_is_filled() -> None:
    template = "Yth. {nama_pelapor}, laporan {nomor_tiket} ditangani {unit} hingga {tenggat}. Salam, {unit}"
    assert render(template, VALUES) == (
        "Yth. Siti Aminah, laporan ADU-2026-000123 ditangani Biro Humas hingga 27 Maret 2026. Salam, Biro Humas"
    )
    assert render("Tanpa variabel.", {}) == "Tanpa variabel."


def test_a_missing_value_is_refused_with_its_name_and_the_templates_title() -> None:
    with pytest.raises(MissingVariable) as refused:
        render("Laporan {nomor_tiket}, tenggat {tenggat}.", {**VALUES, "nomor_tiket": None, "tenggat": ""}, "Terima")
    assert refused.value.missing == ("nomor_tiket", "tenggat") and refused.value.unknown == ()
    assert refused.value.message == "the canned response 'Terima' cannot be used: no value for {nomor_tiket}, {tenggat}"
    assert isinstance(refused.value, BadInput) and refused.value.exit_code == 2


def test_an_unknown_variable_is_refused_when_saved_and_when_used() -> None:
    with pytest.raises(MissingVariable, match=r"unknown variable\(s\) \{tanggal\}"):
        check_template("Diterima pada {tanggal}.")
    with pytest.raises(MissingVariable) as refused:
        render("{tanggal} {nomor_tiket}", {"nomor_tiket": None})
    assert refused.value.unknown == ("tanggal",) and refused.value.missing == ("nomor_tiket",)
    assert "unknown variable(s) {tanggal}; no value for {nomor_tiket}" in refused.value.message
    check_template("Yth. {nama_pelapor}, { Sapaan } bebas.")  # with spaces: text, not a variable


def test_references_name_a_key_and_a_version() -> None:
    assert canned_ref("terima", 3) == "terima@3"
    for bad in ("terima", "terima@0", "Terima@1", "terima@x", "@1", "terima@1@2"):
        with pytest.raises(BadInput, match="key@version"):
            check_canned_ref(bad)
    made = CannedTemplate("jadwal", 2, None, None, "Jadwal", "Buka.", True, None, datetime(2026, 1, 1))
    assert made.ref == "jadwal@2"


def test_the_deadline_date_is_local_and_indonesian() -> None:
    assert deadline_date(datetime(2026, 3, 27, 16, 30), "Asia/Jakarta") == "27 Maret 2026"
    assert deadline_date(datetime(2026, 3, 27, 16, 30), "Asia/Makassar") == "28 Maret 2026"
    assert deadline_date(datetime(2026, 12, 31, 14, 59), "Asia/Jayapura") == "31 Desember 2026"
    assert deadline_date(datetime(2026, 12, 31, 15, 0), "Asia/Jayapura") == "1 Januari 2027"
    assert deadline_date(datetime(2026, 8, 17, 3), "Not/AZone") == "17 Agustus 2026"  # falls back to WIB
    assert deadline_date(None, "Asia/Jakarta") is None  # no deadline: rendering refuses {tenggat}


# Text around the variables: anything but braces, which could make a variable of their own.
_text = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="{}"), max_size=30)
_values = st.fixed_dictionaries(
    {
        name: st.text(alphabet=st.characters(codec="utf-8", exclude_characters="{}"), min_size=1, max_size=20)
        for name in VARIABLES
    }
)


@given(
    parts=st.lists(st.tuples(_text, st.sampled_from(sorted(VARIABLES))), max_size=8),
    tail=_text,
    values=_values,
)
def test_a_template_whose_variables_all_have_values_leaves_none_unfilled(
    parts: list[tuple[str, str]], tail: str, values: dict[str, str]
) -> None:
    template = "".join(f"{text}{{{name}}}" for text, name in parts) + tail
    out = render(template, values)
    assert KNOWN.search(out) is None
    assert out == "".join(text + values[name] for text, name in parts) + tail


@given(parts=st.lists(st.tuples(_text, st.sampled_from(sorted(VARIABLES))), min_size=1, max_size=8), data=st.data())
def test_any_variable_without_a_value_refuses_the_whole_template(
    parts: list[tuple[str, str]], data: st.DataObject
) -> None:
    template = "".join(f"{text}{{{name}}}" for text, name in parts)
    used = variables_in(template)
    absent = data.draw(st.lists(st.sampled_from(used), min_size=1, unique=True))
    values = {name: (None if name in absent else "isi") for name in VARIABLES}
    with pytest.raises(MissingVariable) as refused:
        render(template, values)
    assert set(refused.value.missing) == set(absent)
    assert [name for name in used if name in absent] == list(refused.value.missing)  # in order of first use


@given(values=_values, inserted=st.sampled_from(sorted(VARIABLES)))
def test_a_value_is_inserted_as_it_is_never_expanded_again(values: dict[str, str], inserted: str) -> None:
    values = {**values, "nama_pelapor": "{" + inserted + "}"}  # a reporter who calls themselves "{unit}"
    assert render("Yth. {nama_pelapor}", values) == "Yth. {" + inserted + "}"
