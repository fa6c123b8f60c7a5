from hypctl_lib.telnet import TelnetFilter, escape

IAC, WILL, WONT, DO, DONT, SB, SE = 255, 251, 252, 253, 254, 250, 240


def test_strips_negotiation():
    raw = bytes([IAC, WILL, 1, IAC, DO, 3, IAC, WONT, 34]) + b"hello" + \
        bytes([IAC, DONT, 5]) + b"\r\n"
    assert TelnetFilter().feed(raw) == b"hello\r\n"


def test_escaped_iac_and_subnegotiation():
    raw = b"a" + bytes([IAC, IAC]) + b"b" + bytes([IAC, SB, 24, 0, 1, 2, IAC, SE]) + b"c"
    assert TelnetFilter().feed(raw) == b"a\xffbc"


def test_iac_inside_subnegotiation_and_two_byte_commands():
    raw = bytes([IAC, SB, 31, IAC, IAC, 7, IAC, SE, IAC, 241]) + b"ok"   # 241 = NOP
    assert TelnetFilter().feed(raw) == b"ok"


def test_state_survives_any_chunking():
    raw = b"TEL" + bytes([IAC, WILL, 1, IAC, SB, 1, 2, IAC, SE, IAC, IAC]) + b"NET-OK\n"
    want = b"TEL\xffNET-OK\n"
    for step in range(1, len(raw) + 1):
        f = TelnetFilter()
        got = b"".join(f.feed(raw[i:i + step]) for i in range(0, len(raw), step))
        assert got == want, step


def test_escape():
    assert escape(b"a\xffb") == b"a\xff\xffb"
