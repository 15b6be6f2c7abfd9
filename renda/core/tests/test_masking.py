from renda.core.masking import mask_id_number, mask_name, mask_phone


def test_phone_keeps_three_and_four_digits():
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("123") == "***"


def test_id_number_keeps_region_and_last_four():
    assert mask_id_number("110101199001011234") == "110101********1234"
    assert mask_id_number("11010119900") == "110101*9900"


def test_name_keeps_the_family_name():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳修文") == "欧***"
    assert mask_name("李") == "李"
