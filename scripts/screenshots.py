#!/usr/bin/env python
"""Drive Chromium over the demo and write PNGs of the main pages to docs/ (``make screenshots``).

Starts its own ``runserver --noreload`` on a free port against the demo database, signs in as the
demo users and photographs each page in SHOTS at a desktop and, for some, a phone width.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

from playwright.sync_api import sync_playwright

BASE = Path(__file__).resolve().parent.parent
DOCS = BASE / "docs"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# (file name, user or None for signed out, path, viewport width)
SHOTS = [
    ("login.png", None, "/login/", 1200),
    ("home-vhxh.png", "vhxh", "/", 1200),
    ("home-current-year.png", "chutich", "/", 1200),
    ("new-year.png", "ketoan", "/reporting/new-year/", 1200),
    ("home-thon1-phone.png", "thon1", "/", 390),
    ("home-huyen.png", "huyen", "/", 1200),
    ("children-list.png", "vhxh", "/children/", 1200),
    ("allowances-list.png", "vhxh", "/children/allowances/?month=09/2024", 1200),
    ("children-list-thon1-phone.png", "thon1", "/children/", 390),
    ("children-register.png", "vhxh", "/children/new/?new=1", 1200),
    ("children-dashboard.png", "vhxh", "/children/dashboard/?on=31/12/2022", 1200),
    ("cases-list.png", "vhxh", "/children/cases/", 1200),
    ("funds.png", "ketoan", "/funds/", 1200),
    ("plan.png", "vhxh", "/programs/", 1200),
    ("reporting.png", "vhxh", "/reporting/", 1200),
    ("reporting-district.png", "huyen", "/reporting/", 1200),
]


# Printed documents: (file name, user, page that links to the PDF, the link's CSS selector); page 1
# of the PDF is rendered to PNG with pdftoppm (poppler-utils).
PDF_SHOTS = [
    ("plan-pdf.png", "vhxh", "/programs/", "#plan-pdf"),
]


def pdf_page_png(pdf: bytes, target: Path) -> None:
    """Page 1 of ``pdf`` as a PNG about as wide as the report screenshot (70 dpi)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(source),
                        str(Path(tmp) / "page")], check=True)  # fmt: skip
        shutil.copy(Path(tmp) / "page.png", target)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    """``scripts/screenshots.py [name.png …]``: only those shots when names are given."""
    only = set(sys.argv[1:])
    port = free_port()
    env = {**os.environ, "DJANGO_DEBUG": "1"}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=BASE,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(60):
            try:
                urlopen(f"{base}/healthz", timeout=1)  # noqa: S310 - our own local server
                break
            except OSError:
                time.sleep(0.5)
        DOCS.mkdir(exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            contexts = {}
            for name, user, path, width in SHOTS:
                if only and name not in only:
                    continue
                key = (user, width)
                if key not in contexts:
                    ctx = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
                    page = ctx.new_page()
                    if user:
                        page.goto(f"{base}/login/")
                        page.fill("#id_username", user)
                        page.fill("#id_password", "ytich-demo")
                        page.click("button[type=submit]")
                        page.wait_for_url(f"{base}/")
                    contexts[key] = page
                page = contexts[key]
                page.goto(f"{base}{path}")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(DOCS / name), full_page=True)
                print(f"docs/{name}")
            for name, user, path, link in PDF_SHOTS:
                if only and name not in only or (user, 1200) not in contexts:
                    continue
                page = contexts[(user, 1200)]
                page.goto(f"{base}{path}")
                page.locator("main a[href^='/programs/']").filter(has_text="2022").first.click()
                pdf = page.request.get(base + page.locator(link).get_attribute("href"))
                pdf_page_png(pdf.body(), DOCS / name)
                print(f"docs/{name}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
