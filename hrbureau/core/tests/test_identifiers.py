"""DOMAIN.md §4: USCC and resident ID rules, dirty spreadsheet values, phones, masking."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from hrbureau.core.identifiers import (
    USCC_CHARSET,
    birth_date_from_id,
    gender_from_id,
    generate_resident_id,
    generate_uscc,
    mask_id_number,
    mask_phone,
    normalize_phone,
    normalize_resident_id,
    normalize_uscc,
    uscc_check_character,
)


def _code(func, value):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        func(value)
    return caught.value.code


def test_the_public_uscc_example_is_valid() -> None:
    assert normalize_uscc("91350100M000100Y43") == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("91350100m000100y43", "91350100M000100Y43"),  # lower case
        (" 91350100M000100Y43\u3000", "91350100M000100Y43"),  # stray spaces, ideographic space
        ("９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43"),  # full width from a Chinese IME
        ("9135 0100 M000 100Y 43", "91350100M000100Y43"),
    ],
)
def test_uscc_is_normalised(dirty: str, clean: str) -> None:
    assert normalize_uscc(dirty) == clean


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("91350100M000100Y44", "check"),  # wrong position 18
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y433", "length"),
        ("91350100I000100Y43", "character"),  # I is never used
        ("9135010OM000100Y43", "character"),  # O is never used
        ("91A50100M000100Y43", "division"),  # positions 3-8 must be digits
        ("", "required"),
        (None, "required"),
        (9.13501e17, "number"),
        ("9.13501E+17", "scientific"),
    ],
)
def test_bad_usccs_are_rejected_with_the_reason(value: object, code: str) -> None:
    assert _code(normalize_uscc, value) == code


def _message(language: str, value: str) -> str:
    with translation.override(language):
        try:
            normalize_uscc(value)
        except ValidationError as error:
            return str(error.messages[0])
    raise AssertionError("no error")


def test_uscc_messages_say_what_is_wrong_in_chinese_and_english() -> None:
    assert _message("zh-hans", "91350100M000100Y44") == "91350100M000100Y44 的校验码应为 3，而不是 4。"
    assert (
        _message("en", "91350100M000100Y44")
        == "The check character of 91350100M000100Y44 should be 3, not 4."
    )


@given(st.randoms(use_true_random=False))
def test_every_generated_uscc_is_valid_and_any_single_change_of_the_check_is_caught(
    rng: random.Random,
) -> None:
    code = generate_uscc(rng)
    assert normalize_uscc(code) == code
    wrong = next(c for c in USCC_CHARSET if c != code[17])
    with pytest.raises(ValidationError):
        normalize_uscc(code[:17] + wrong)


def test_a_valid_code_with_an_e_between_digits_is_not_mistaken_for_scientific_notation() -> None:
    # Excel writes mangled numbers as 4.40301E+17 (always with a sign); a code may contain a bare E.
    assert normalize_uscc("914403060004E56782") == "914403060004E56782"


def test_uscc_check_character_formula() -> None:
    # check = CH[(31 - Σ cᵢwᵢ mod 31) mod 31] with the GB 32100 weights: a hand-computed case.
    assert uscc_check_character("91350100M000100Y4") == "3"


def test_the_public_id_example_is_valid() -> None:
    assert normalize_resident_id("11010519491231002X") == "11010519491231002X"
    assert gender_from_id("11010519491231002X") == "female"  # sequence 002: even
    assert birth_date_from_id("11010519491231002X") == dt.date(1949, 12, 31)


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("11010519491231002x", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),
        (" 110105 19491231 002X ", "11010519491231002X"),
    ],
)
def test_resident_id_is_normalised(dirty: str, clean: str) -> None:
    assert normalize_resident_id(dirty) == clean


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("110105194912310021", "check"),
        ("11010519491331002X", "birth_date"),  # month 13
        ("11010519490230002X", "birth_date"),  # 30 February
        ("11010518991231002X", "birth_date"),  # before 1900
        ("1101051949123100", "length"),
        ("11010519491231A02X", "character"),
        ("11010519491231002Y", "character"),
        (4.40301e17, "number"),
        ("4.40301E+17", "scientific"),
        (440301199001011234, "number"),
        ("440301199001011234.0", "number"),
    ],
)
def test_bad_ids_are_rejected_never_stored(value: object, code: str) -> None:
    assert _code(normalize_resident_id, value) == code


def test_a_future_birth_date_is_impossible() -> None:
    rng = random.Random(1)
    future = generate_resident_id(rng, address="440306", birth_date=dt.date(2030, 1, 1), male=True)
    assert _code(normalize_resident_id, future) == "birth_date"


@given(st.randoms(use_true_random=False), st.dates(dt.date(1930, 1, 1), dt.date(2020, 12, 31)), st.booleans())
def test_generated_ids_carry_their_birth_date_and_gender(
    rng: random.Random, birth: dt.date, male: bool
) -> None:
    number = generate_resident_id(rng, address="440306", birth_date=birth, male=male)
    assert normalize_resident_id(number) == number
    assert birth_date_from_id(number) == birth
    assert gender_from_id(number) == ("male" if male else "female")


@pytest.mark.parametrize(
    ("value", "clean"),
    [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("0755-12345678", "0755-12345678"),
        ("075512345678", "075512345678"),
    ],
)
def test_phones(value: str, clean: str) -> None:
    assert normalize_phone(value) == clean


@pytest.mark.parametrize("value", ["12812345678", "1381234567", "hello", "1.38123E+10"])
def test_bad_phones(value: str) -> None:
    with pytest.raises(ValidationError):
        normalize_phone(value)


def test_masking() -> None:
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_phone("13812345678") == "138****5678"


@pytest.mark.parametrize(
    ("account", "shown"),
    [
        ("6228000000000001", "************0001"),
        ("6222 0210 0112 3456", "************3456"),
        ("12345678901", "*******8901"),  # 11 digits: not a phone number's 138****5678
        ("1234", "****"),
        ("", ""),
    ],
)
def test_a_bank_account_shows_its_last_four_digits(account: str, shown: str) -> None:
    from hrbureau.core.identifiers import mask_account

    assert mask_account(account) == shown
