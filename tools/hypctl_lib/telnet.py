"""Telnet client side: strip IAC negotiation from a byte stream; connect with retries."""
import time

import serial

IAC, SB, SE = 255, 250, 240
WILL, WONT, DO, DONT = 251, 252, 253, 254


class TelnetFilter:
    """Stateful filter: feed() raw socket bytes (any chunking), get the data bytes back."""

    def __init__(self):
        self.state = "data"

    def feed(self, chunk):
        out = bytearray()
        for b in chunk:
            st = self.state
            if st == "data":
                if b == IAC:
                    self.state = "iac"
                else:
                    out.append(b)
            elif st == "iac":
                if b == IAC:
                    out.append(IAC)
                    self.state = "data"
                elif b in (WILL, WONT, DO, DONT):
                    self.state = "opt"
                elif b == SB:
                    self.state = "sb"
                else:                   # NOP, GA, ... : two-byte commands
                    self.state = "data"
            elif st == "opt":
                self.state = "data"
            elif st == "sb":
                if b == IAC:
                    self.state = "sb_iac"
            elif st == "sb_iac":
                self.state = "data" if b == SE else "sb"
        return bytes(out)


def escape(data):
    """Bytes to send to a Telnet server (a literal 0xFF is doubled)."""
    return data.replace(b"\xff", b"\xff\xff")


def connect(port, host="127.0.0.1", timeout=10.0, alive=lambda: True):
    """Open socket://host:port with pyserial, retrying until it listens or timeout."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return serial.serial_for_url(f"socket://{host}:{port}", timeout=0)
        except serial.SerialException:
            if time.monotonic() > deadline or not alive():
                raise
            time.sleep(0.1)
