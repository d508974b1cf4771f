from replylint.lengths import count_sms, count_twitter, is_gsm7


def test_gsm7_single_and_multipart_boundaries():
    assert count_sms("a" * 160).parts == 1
    assert count_sms("a" * 161).parts == 2
    assert count_sms("a" * 306).parts == 2
    assert count_sms("a" * 307).parts == 3
    assert count_sms("a" * 160).encoding == "GSM-7"


def test_extension_characters_take_two_septets():
    m = count_sms("€" * 80)
    assert m.encoding == "GSM-7" and m.units == 160 and m.parts == 1
    assert count_sms("€" * 81).parts == 2


def test_spanish_accents_force_ucs2():
    assert not is_gsm7("á") and is_gsm7("é") and is_gsm7("ñ") and is_gsm7("¿") and is_gsm7("¡")
    m = count_sms("Información" + "a" * 59)
    assert m.encoding == "UCS-2" and m.parts == 1 and m.non_gsm == ("ó",)
    assert count_sms("ó" + "a" * 70).parts == 2
    assert count_sms("ó" + "a" * 133).parts == 2
    assert count_sms("ó" + "a" * 134).parts == 3


def test_emoji_in_sms_counts_two_utf16_units():
    assert count_sms("😀" * 35).parts == 1
    assert count_sms("😀" * 36).parts == 2


def test_twitter_weighting():
    assert count_twitter("a" * 280).length == 280
    assert count_twitter("日本語").length == 6
    assert count_twitter("Hola 👍🏽").length == 5 + 2
    assert count_twitter("👨‍👩‍👧").length == 2
    assert count_twitter("ver https://example.com/a/very/long/path/that/goes/on").length == 4 + 23
    assert count_twitter("“quotes” — dash").length == len("“quotes” — dash")


def test_twitter_leading_mentions_are_free():
    assert count_twitter("@ana @luis Hola").length == 4
    assert count_twitter("Hola @ana").length == 9
