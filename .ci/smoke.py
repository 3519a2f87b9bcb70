"""Deploy smoke test: sign in through a running server and load each app's main page.

Usage: smoke.py URL USER PASSWORD [--https]. With --https the requests carry the headers the
TLS-terminating proxy adds (X-Forwarded-Proto: https, X-Forwarded-For), as README's deployment
has it; cookies are kept by hand because they are marked Secure. Standard library only.
"""

import re
import sys
import urllib.error
import urllib.parse
import urllib.request

PAGES = [
    "/",
    "/children/",
    "/children/cases/",
    "/funds/",
    "/programs/",
    "/reporting/",
    "/accounts/me/",
    "/api/docs/",
]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, url, https):
        self.url = url.rstrip("/")
        self.https = https
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path, data=None, referer=None):
        headers = {"Host": urllib.parse.urlsplit(self.url).netloc}
        if self.https:
            headers |= {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if referer:
            scheme = "https" if self.https else "http"
            headers["Referer"] = f"{scheme}://{headers['Host']}{referer}"
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.url + path, data=body, headers=headers)  # noqa: S310 (http URL given)
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, response.headers, response.read().decode("utf-8", "replace")


def check(condition, message):
    if not condition:
        sys.exit(f"FAIL: {message}")
    print(f"ok   {message}")


def main():
    url, username, password = sys.argv[1:4]
    client = Client(url, "--https" in sys.argv)
    status, _h, body = client.request("/healthz")
    check(status == 200 and '"ok"' in body, "/healthz answers 200")
    status, _h, body = client.request("/login/")
    check(status == 200 and "Đăng nhập" in body, "/login/ answers 200 in Vietnamese")
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', body)
    check(assets and all(re.search(r"\.[0-9a-f]{12}\.", a) for a in assets), "static files have hashed names")
    for asset in assets:
        status, headers, _ = client.request(asset)
        check(status == 200 and "max-age" in headers.get("Cache-Control", ""), f"{asset} served, cacheable")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = {"csrfmiddlewaretoken": token, "username": username, "password": password}
    status, headers, _ = client.request("/login/", form, referer="/login/")
    check(status == 302 and headers["Location"] == "/", f"{username} signs in")
    for page in PAGES:
        status, _h, body = client.request(page)
        check(status == 200 and "<html" in body, f"{page} answers 200")
    status, _h, body = client.request("/children/999999999/")
    check(status == 404 and "Không tìm thấy trang" in body and "URLconf" not in body, "404 is the Vietnamese page")


if __name__ == "__main__":
    main()
