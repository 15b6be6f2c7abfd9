import pytest

from renda.lawtext.numerals import cn_to_int, int_to_cn


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零三", 103),
        ("一百一十", 110),
        ("一百二十", 120),
        ("两千零五", 2005),
        ("一千零一十", 1010),
        ("三万五千", 35000),
        ("五十万", 500000),
        ("二〇二一", 2021),
        ("二零二四", 2024),
        ("103", 103),
        ("１２", 12),
        ("一 百", 100),
        ("壹佰零叁", 103),
    ],
)
def test_cn_to_int_reads_chinese_and_arabic_numerals(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text", ["", "条", "第一", "abc"])
def test_cn_to_int_rejects_non_numerals(text):
    with pytest.raises(ValueError):
        cn_to_int(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1, "一"),
        (10, "十"),
        (15, "十五"),
        (103, "一百零三"),
        (110, "一百一十"),
        (1010, "一千零一十"),
        (10010, "一万零一十"),
        (1260, "一千二百六十"),
    ],
)
def test_int_to_cn_writes_the_usual_form(value, text):
    assert int_to_cn(value) == text


def test_int_to_cn_round_trips_through_cn_to_int():
    for value in range(1, 30000, 7):
        assert cn_to_int(int_to_cn(value)) == value
