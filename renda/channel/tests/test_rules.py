from renda.channel.rules import format_code, normalize_code, scrub


def test_scrub_masks_phones_and_id_numbers_typed_into_text():
    text = "我的电话13812345678，身份证11010519491231002X，门牌号1234号"
    assert scrub(text) == "我的电话138****5678，身份证110105********002X，门牌号1234号"


def test_codes_read_aloud_and_typed_back():
    assert format_code("K7M29XQ4") == "K7M2-9XQ4"
    assert normalize_code(" k7m2-9xq4 ") == "K7M29XQ4"
    assert normalize_code("K7M2－9XQ4") == "K7M29XQ4"
