#!/usr/bin/env python3
"""Completes a staff invitation over plain HTTP the way a browser does, for console-load.sh:
set the password, read the TOTP key from the enrolment page, post a code, acknowledge the
recovery codes. Prints the Cookie header of the signed-in staff session.

    console-enrol.py INVITATION_LINK PASSWORD

Cookies are kept by hand (name -> value from each Set-Cookie), not by http.cookiejar, because
the jar will not send a Secure `__Host-` cookie back over http:// even to loopback, where a
browser would; so the server keeps its production cookie settings while it is measured.
"""
import base64
import hashlib
import hmac
import re
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def totp(key, at=None, digits=6):
    """RFC 6238 (HMAC-SHA1, 30-second steps) from a base32 key, as an authenticator app computes it."""
    secret = base64.b32decode(key.replace(" ", "").upper() + "=" * (-len(key.replace(" ", "")) % 8))
    step = int((at if at is not None else time.time()) // 30)
    mac = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


assert totp(base64.b32encode(b"12345678901234567890").decode(), at=59, digits=8) == "94287082", "RFC 6238 test vector"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Each 303 is looked at (and its cookies kept) before the next request is made."""
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)
cookies = {}


def request(url, form=None):
    """(status, location, body) of one request, keeping every cookie the answer sets."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
    if data is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        response = opener.open(urllib.request.Request(url, data=data, headers=headers))
    except urllib.error.HTTPError as error:
        response = error
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        value = rest.split(";", 1)[0]
        if "max-age=0" in header.lower() or not value:
            cookies.pop(name, None)
        else:
            cookies[name] = value
    return response.status, response.headers.get("Location", ""), response.read().decode("utf-8", "replace")


def csrf(body):
    match = re.search(r'name="_csrf" value="([^"]*)"', body)
    if not match:
        sys.exit("console-enrol: no _csrf field on the page")
    return match.group(1)


def main():
    link, password = sys.argv[1], sys.argv[2]
    base = re.match(r"(https?://[^/]+)", link).group(1)
    status, _, body = request(link)
    if status != 200:
        sys.exit(f"console-enrol: the invitation answered {status}")
    status, location, _ = request(link, {"_csrf": csrf(body), "new_password": password, "repeat_password": password})
    if status != 303 or not location.endswith("/console/enrol"):
        sys.exit(f"console-enrol: setting the password answered {status} {location}")
    status, _, body = request(base + "/console/enrol")
    key = re.search(r'id="totp-key"[^>]*>([^<]+)<', body)
    if status != 200 or not key:
        sys.exit(f"console-enrol: the enrolment page answered {status} without a TOTP key")
    status, location, _ = request(base + "/console/enrol", {"_csrf": csrf(body), "code": totp(key.group(1).strip())})
    if status != 303 or not location.endswith("/console/recovery-codes"):
        sys.exit(f"console-enrol: the code answered {status} {location}")
    status, _, body = request(base + "/console/recovery-codes")
    status, location, _ = request(base + "/console/recovery-codes", {"_csrf": csrf(body)})
    if status != 303:
        sys.exit(f"console-enrol: acknowledging the recovery codes answered {status}")
    status, _, _ = request(base + "/console")
    if status != 200:
        sys.exit(f"console-enrol: /console answered {status} after enrolment")
    print("; ".join(f"{k}={v}" for k, v in cookies.items()))


if __name__ == "__main__":
    main()
