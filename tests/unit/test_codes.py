"""Join codes are easy to read off a projector; secrets are random and stored hashed."""

import pytest

from workshop.domain import codes


def test_alphabet_leaves_out_look_alikes():
    for ambiguous in "0O1IL":
        assert ambiguous not in codes.JOIN_ALPHABET


def test_new_codes_use_only_the_alphabet():
    for _ in range(200):
        code = codes.new_join_code()
        assert len(code) == codes.JOIN_CODE_LENGTH
        assert set(code) <= set(codes.JOIN_ALPHABET)
        assert codes.is_join_code(code)


def test_codes_vary():
    assert len({codes.new_join_code() for _ in range(50)}) > 45


@pytest.mark.parametrize("typed, expected", [("abc 234", "ABC234"), ("ab-c2-34", "ABC234"), ("  xyz789\t", "XYZ789"), (None, "")])
def test_normalise_join_code(typed, expected):
    assert codes.normalise_join_code(typed) == expected


@pytest.mark.parametrize("text", ["", "ABC23", "ABC2345", "ABC0DE", "ABCIDE", "abc234", "ABC 34"])
def test_is_join_code_rejects(text):
    assert not codes.is_join_code(text)


def test_tokens_are_long_random_and_hashed():
    first, second = codes.new_token(), codes.new_token()
    assert first != second and len(first) >= 40
    digest = codes.hash_token(first)
    assert digest == codes.hash_token(first)
    assert first not in digest and len(digest) == 64
