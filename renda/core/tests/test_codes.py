"""Random codes: the right length and alphabet, and every character equally likely."""

from collections import Counter

from renda.core.codes import UNAMBIGUOUS, random_code


def test_codes_use_only_the_alphabet_at_the_length_asked():
    assert set(UNAMBIGUOUS).isdisjoint("01ILO")
    for length in (1, 6, 8, 12):
        code = random_code(length)
        assert len(code) == length and set(code) <= set(UNAMBIGUOUS)
    assert set(random_code(40, "abc")) <= set("abc")


def test_every_position_spreads_over_the_whole_alphabet():
    codes = [random_code(8) for _ in range(6200)]
    assert len(set(codes)) == len(codes)
    for position in (0, 7):
        counts = Counter(code[position] for code in codes)
        # 200 expected per character; a fair draw stays far inside this band
        assert set(counts) == set(UNAMBIGUOUS)
        assert min(counts.values()) > 110 and max(counts.values()) < 300
