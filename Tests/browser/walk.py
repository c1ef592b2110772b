#!/usr/bin/env python3
"""The candidate gateway in a real browser (headless Chromium from Debian, driven by Selenium).

Starts a throwaway embedded PostgreSQL (TALENTMATCH_HOME in a temporary folder), loads the demo
dataset with `talentmatch demo`, adds one open post, starts `talentmatch serve`, and walks
register -> profile -> rank as two new candidates, one in Chinese and one in English, clicking, and
a third in Chinese with the keyboard alone (keyboard.py: every control reachable by Tab, focus
always visible, no trap). The English candidate then reorders by dragging (drag.py: real mouse
drags through the DevTools protocol, the stored order checked after a reload). Then it runs
`talentmatch nightly --rerun` for tonight, and all three log in again, read their offer and
accept it (the third by keyboard). Then (lifecycle.py) a demo candidate the night left without an
offer reads why, post by post, and opens that night's own page from the list of their nights;
another asks for a review of their offer: its deadline shows
paused until the office upholds it over the API.

Registering asks for the code sent to the new contact, and a password is reset from the link in
its e-mail (and by the code in its SMS): `serve` writes every message to the outbox sink
(TALENTMATCH_HOME/outbox, one file each), where the walk reads them as a person reads their mail.

Every page is checked for console errors (a CSP violation is one) and saved as a 390-px-wide
full-page screenshot in the folder printed at the end (or --screenshots DIR); the pages of
issue 18 also at 1280 px.

Usage: Tests/browser/walk.py [--binary .build/debug/talentmatch] [--screenshots DIR] [--keep]
"""
import argparse, datetime, os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import drag, keyboard, lifecycle

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSWORD = "巴中的山水很美 a long passphrase"
NEW_PASSWORD = "a new passphrase after forgetting"


class Walk:
    def __init__(self, binary, home, shots):
        self.binary, self.home, self.shots = binary, home, shots
        self.env = dict(os.environ, TALENTMATCH_HOME=home, TALENTMATCH_SCHEMA_DIR=os.path.join(ROOT, "Schema"))
        self.env.pop("DATABASE_URL", None)
        self.port = free_port()
        self.base = f"http://localhost:{self.port}"
        self.server = None
        self.count = 0
        self.failures = []
        self.read_messages = set()

    def run(self, *args, check=True):
        result = subprocess.run([self.binary, *args], env=self.env, cwd=ROOT, capture_output=True, text=True)
        if check and result.returncode != 0:
            raise SystemExit(f"talentmatch {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def psql(self, sql):
        url = self.run("db", "url").strip()
        subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-q", url, "-c", sql], check=True, env=self.env)

    def start_server(self):
        log = open(os.path.join(self.shots, "serve.log"), "w")
        self.server = subprocess.Popen([self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                                       env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=1)
                return
            except Exception:
                time.sleep(0.2)
        raise SystemExit("talentmatch serve did not answer /health")

    def stop_server(self):
        if self.server:
            self.server.terminate()
            self.server.wait(timeout=30)

    def close(self, home, keep):
        """Stops the server and the cluster and, unless kept, removes the walk's home."""
        self.stop_server()
        self.run("db", "stop", check=False)
        if not keep:
            shutil.rmtree(home, ignore_errors=True)

    def report(self, shots, passed):
        """Prints where the screenshots are and every failure; exits 1 if there was one."""
        print(f"{self.count} screenshots in {shots}")
        if self.failures:
            print("FAILED:\n  " + "\n  ".join(self.failures))
            sys.exit(1)
        print(passed)

    # -- browser helpers ------------------------------------------------------------------

    def browser(self, language):
        options = Options()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=390,844", f"--lang={language}"]:
            options.add_argument(flag)
        options.add_experimental_option("prefs", {"intl.accept_languages": language})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
        driver = webdriver.Chrome(options=options, service=service)
        driver.set_window_size(390, 844)
        return driver

    # -- the outbox sink: the messages a person would have received -----------------------

    def message(self, contact, kind):
        """The newest unread message of `kind` to `contact`, as written by serve's worker."""
        folder = os.path.join(self.home, "outbox")
        for _ in range(200):
            names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
            for name in reversed([n for n in names if f"-{kind}-" in n and n not in self.read_messages]):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    text = handle.read()
                if text.startswith(f"To: {contact}\n"):
                    self.read_messages.add(name)
                    return text
            time.sleep(0.2)
        raise SystemExit(f"no {kind} message for {contact} in {folder}")

    def code(self, contact, kind="contact_verification"):
        body = self.message(contact, kind).split("\n\n", 1)[1]
        return re.search(r"(?<![0-9])([0-9]{6})(?![0-9])", body).group(1)

    def verify(self, driver, language, contact):
        """The page after registering asks for the code; type the one the message brought."""
        self.page(driver, f"{language}-verify", expect='autocomplete="one-time-code"', wide=True)
        self.fill(driver, "code", self.code(contact))
        self.click(driver, "form[action='/verify'] button")

    def page(self, driver, name, expect=None, status=None, wide=False):
        """Checks the current page for console errors and saves a full-height 390-px screenshot.

        `status` names the one HTTP status this page is expected to answer with (422 for a form
        sent back with errors): Chromium logs any non-2xx document as a network error, so that
        single expected entry is allowed; every other console error fails the walk."""
        if expect:
            try:
                WebDriverWait(driver, 15).until(lambda d: expect in d.page_source)
            except Exception:
                self.failures.append(f"{name}: expected {expect!r} on {driver.current_url}")
        WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"
                  and not (status and entry.get("source") == "network" and f"status of {status}" in entry["message"])]
        if errors:
            self.failures.append(f"{name}: console errors {errors}")
        height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
        driver.set_window_size(390, min(max(int(height) + 100, 844), 8000))
        self.count += 1
        driver.save_screenshot(os.path.join(self.shots, f"{self.count:02d}-{name}.png"))
        if wide:
            driver.set_window_size(1280, 900)
            height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
            driver.set_window_size(1280, min(max(int(height) + 100, 900), 8000))
            driver.save_screenshot(os.path.join(self.shots, f"{self.count:02d}-{name}-1280.png"))
        driver.set_window_size(390, 844)
        print(f"  ok {name}: {driver.current_url}")

    def shot(self, driver, name):
        """Saves what the window shows now (a focused control, say), without resizing it."""
        self.count += 1
        driver.save_screenshot(os.path.join(self.shots, f"{self.count:02d}-{name}.png"))

    def fill(self, driver, field, value):
        element = driver.find_element(By.ID, field)
        element.clear()
        element.send_keys(value)

    def click(self, driver, css, navigates=True):
        self.navigate(driver, driver.find_element(By.CSS_SELECTOR, css), navigates)

    def navigate(self, driver, element, navigates=True):
        """Clicks, and for a link or submit button waits until the next page has replaced this one.

        The old document carries a marker; the next one does not. (Waiting for the old node to go
        stale trips chromedriver's "node does not belong to the document" error during navigation.)"""
        if navigates:
            driver.execute_script("window.__walkMarker = true")
        try:
            element.click()
        except WebDriverException as error:
            if not navigates or "does not belong to the document" not in str(error):
                raise
        if navigates:
            WebDriverWait(driver, 20, ignored_exceptions=[WebDriverException]).until(self.replaced)

    @staticmethod
    def replaced(driver):
        try:
            return driver.execute_script("return window.__walkMarker !== true && document.readyState === 'complete'")
        except WebDriverException:
            return False

    # -- the walk -----------------------------------------------------------------------

    def keyboard(self, part, *args):
        """Runs a part of the keyboard walk; a control it could not reach ends that part (it is
        recorded as a failure) and says whether the walk can go on."""
        try:
            part(self, *args)
            return True
        except keyboard.KeyboardFailure as failure:
            self.failures.append(str(failure))
            return False

    def candidate_until_ranked(self, language, contact, name):
        driver = self.browser(language)
        zh = language.startswith("zh")
        try:
            driver.get(self.base + "/")
            self.page(driver, f"{language}-home", expect='lang="zh-CN"' if zh else 'lang="en"')
            driver.get(self.base + "/register")
            self.fill(driver, "full_name", name)
            self.fill(driver, "contact", contact)
            self.fill(driver, "password", "short")
            self.click(driver, "#consent_matching", navigates=False)
            self.click(driver, "#consent_sensitive", navigates=False)
            self.click(driver, "form[action='/register'] button[type=submit]")
            self.page(driver, f"{language}-register-error", expect='id="password-error"', status=422)
            self.fill(driver, "password", PASSWORD)
            self.click(driver, "form[action='/register'] button[type=submit]")
            # Registering answers the same whoever owns the contact: the page asks for the code.
            self.verify(driver, language, contact)
            self.page(driver, f"{language}-verified", expect='role="status"')
            self.fill(driver, "contact", contact)
            self.fill(driver, "password", PASSWORD)
            self.click(driver, "form[action='/login'] button")
            self.page(driver, f"{language}-profile-empty", expect='id="specialty_q"')
            if not driver.current_url.endswith("/profile"):
                self.failures.append(f"{language}: registration did not lead to the profile ({driver.current_url})")
            # Specialty search by name, then by code.
            self.fill(driver, "specialty_q", "农学" if zh else "0901")
            self.click(driver, "button[name=action][value=search]")
            driver.find_element(By.ID, "sp-090101").click()
            Select(driver.find_element(By.ID, "education")).select_by_value("bachelor")
            self.fill(driver, "experience_years", "3")
            Select(driver.find_element(By.ID, "current_province")).select_by_value("510000")
            Select(driver.find_element(By.ID, "hukou_province")).select_by_value("510000")
            self.click(driver, "button[name=action][value=regions]")
            Select(driver.find_element(By.ID, "current_prefecture")).select_by_value("511900")
            Select(driver.find_element(By.ID, "hukou_prefecture")).select_by_value("511900")
            self.click(driver, "button[name=action][value=regions]")
            Select(driver.find_element(By.ID, "current_county")).select_by_value("511922")
            Select(driver.find_element(By.ID, "hukou_county")).select_by_value("511921")
            if not driver.find_element(By.ID, "md-full_transfer").is_selected():
                driver.find_element(By.ID, "md-full_transfer").click()
            driver.find_element(By.ID, "md-part_time").click()
            self.page(driver, f"{language}-profile-filled", expect="090101")
            self.click(driver, "button[name=action][value=save]")
            self.page(driver, f"{language}-profile-saved", expect='role="status"')
            driver.get(self.base + "/posts?specialty=0901")
            self.page(driver, f"{language}-posts", expect="浏览器测试岗位")
            self.navigate(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "浏览器测试岗位"))
            self.page(driver, f"{language}-post", expect="加入我的志愿" if zh else "Add to my ranking")
            self.click(driver, "form[action='/ranking/add'] button")
            self.page(driver, f"{language}-ranking-one", expect='class="rank"')
            driver.get(self.base + "/posts?specialty=0901")
            self.navigate(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "南江县农业技术推广员"))
            self.click(driver, "form[action='/ranking/add'] button")
            # Move the second post up with the keyboard-accessible button, then back down.
            self.click(driver, "form[action='/ranking/move'] input[value=up] ~ button")
            self.page(driver, f"{language}-ranking-two", expect="真实的意愿" if zh else "really prefer")
            self.click(driver, "form[action='/ranking/move'] input[value=down] ~ button")
            first = driver.find_element(By.CSS_SELECTOR, "#ranking li .rank ~ a").text
            if "浏览器测试岗位" not in first:
                self.failures.append(f"{language}: the test post should be first again, found {first}")
            driver.get(self.base + "/account")
            self.page(driver, f"{language}-account", expect='action="/account/consent"', wide=True)
            self.navigate(driver, driver.find_element(By.CSS_SELECTOR, "a[href='/account/messages']"))
            self.page(driver, f"{language}-messages", expect='name="channels"', wide=True)
            self.click(driver, "#channels-both", navigates=False)
            self.click(driver, "form[action='/account/messages'] button")
            self.page(driver, f"{language}-messages-needs-second", expect='id="channels-error"', status=422, wide=True)
            driver.get(self.base + "/data")
            self.page(driver, f"{language}-data", expect="/data/export.json")
            self.click(driver, "form[action='/logout'] button")
            self.page(driver, f"{language}-logged-out", expect='href="/register"')
        finally:
            driver.quit()

    def candidate_offer(self, language, contact):
        driver = self.browser(language)
        zh = language.startswith("zh")
        try:
            driver.get(self.base + "/login")
            self.fill(driver, "contact", contact)
            self.fill(driver, "password", PASSWORD)
            self.click(driver, "form[action='/login'] button")
            driver.get(self.base + "/offer")
            self.page(driver, f"{language}-offer", expect="为什么是这个岗位" if zh else "Why this post")
            self.click(driver, "form[action$='/accept'] button")
            self.page(driver, f"{language}-offer-accepted", expect="已接受" if zh else "Accepted")
            if zh:
                self.navigate(driver, driver.find_element(By.CSS_SELECTOR, "a[hreflang=en]"))
                self.page(driver, "switched-to-english", expect='lang="en"')
        finally:
            driver.quit()


    def password_reset(self, language, contact, by_link):
        """Forgotten password: ask, then follow the e-mail's link (or type the SMS's code)."""
        driver = self.browser(language)
        zh = language.startswith("zh")
        try:
            driver.get(self.base + "/login")
            self.navigate(driver, driver.find_element(By.CSS_SELECTOR, "a[href='/reset']"))
            self.page(driver, f"{language}-reset", expect='action="/reset"', wide=True)
            self.fill(driver, "contact", contact)
            self.click(driver, "form[action='/reset'] button")
            self.page(driver, f"{language}-reset-code", expect='action="/reset/code"', wide=True)
            text = self.message(contact, "password_reset")
            if by_link:
                link = re.search(r"https?://\S+/reset/new\?token=[A-Za-z0-9_-]+", text)
                if not link:
                    raise SystemExit(f"the reset message has no link:\n{text}")
                driver.get(link.group(0))
                self.page(driver, f"{language}-reset-link", expect='name="token"', wide=True)
            else:
                self.fill(driver, "code", re.search(r"(?<![0-9])([0-9]{6})(?![0-9])", text.split("\n\n", 1)[1]).group(1))
            self.fill(driver, "new_password", NEW_PASSWORD)
            self.click(driver, "form[action='/reset/new'] button" if by_link else "form[action='/reset/code'] button")
            self.page(driver, f"{language}-reset-done", expect='role="status"')
            if "/login" not in driver.current_url:
                self.failures.append(f"{language}: the reset did not lead to the log-in page ({driver.current_url})")
            self.fill(driver, "contact", contact)
            self.fill(driver, "password", NEW_PASSWORD)
            self.click(driver, "form[action='/login'] button")
            driver.get(self.base + "/offer")
            self.page(driver, f"{language}-after-reset", expect="已接受" if zh else "Accepted")
            if by_link:
                driver.get(link.group(0))
                self.page(driver, f"{language}-reset-link-used", expect='href="/reset"', status=404)
        finally:
            driver.quit()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "talentmatch"))
    parser.add_argument("--screenshots", default=None)
    parser.add_argument("--keep", action="store_true", help="keep the temporary cluster folder")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="talentmatch-browser-")
    os.chmod(home, 0o755)
    shots = args.screenshots or tempfile.mkdtemp(prefix="talentmatch-screens-")
    os.makedirs(shots, exist_ok=True)
    walk = Walk(os.path.abspath(args.binary), home, shots)
    try:
        print("demo dataset and tonight's match ...")
        walk.run("demo", "--no-serve")
        walk.psql("""
            INSERT INTO vacancies (centre_id, external_id, title, region_code, seats, staffing_type, min_education,
                                   accepted_modes, service_years, status)
            SELECT id, 'BROWSER-1', '南江县浏览器测试岗位', '511922', 4, 'institution', 'associate',
                   ARRAY['full_transfer', 'part_time'], 3, 'open' FROM centres WHERE code = 'BZ-CENTRE';
            INSERT INTO vacancy_specialties (vacancy_id, specialty_code, accepted_fit)
            SELECT id, '090101', 'same_class' FROM vacancies WHERE external_id = 'BROWSER-1';
            INSERT INTO vacancy_incentives (vacancy_id, kind, amount_yuan, note)
            SELECT id, 'settling_in_payment', 20000, '一次性' FROM vacancies WHERE external_id = 'BROWSER-1';
        """)
        walk.start_server()
        print("register, profile, rank ...")
        walk.candidate_until_ranked("zh-CN", "13700000001", "浏览器甲")
        walk.candidate_until_ranked("en-US", "browser.b@example.cn", "Browser B")
        print("keyboard only ...")
        keyboard_ok = walk.keyboard(keyboard.register_profile_rank, "zh-CN", "13700000003", "键盘丙", PASSWORD)
        print("drag to reorder ...")
        drag.drag_reorder(walk, "en-US", "browser.b@example.cn", PASSWORD)
        # The demo's cap of 12 on the whole prefecture counts every seat held there (issue 14),
        # and the demo's night filled it: the office raises it to take the new post's four
        # seats too (a complete new version, so the other cap and the floor are repeated).
        print("a new policy version with room for the new post ...")
        print(walk.run("policy", "create", "--office", "BZ-HR", "--cap", "5119=20", "--cap", "511902=2",
                       "--floor", "511921=2", "--note", "browser walk: room for the new post"))
        # The demo ran tonight's match already, and a night after today is refused (issue 14):
        # replace tonight's run, so the new candidates' rankings are matched with everyone's.
        print("nightly match, rerun for tonight ...")
        print(walk.run("nightly", "--market", "main", "--rerun"))
        print("offers ...")
        walk.candidate_offer("zh-CN", "13700000001")
        walk.candidate_offer("en-US", "browser.b@example.cn")
        if keyboard_ok:
            walk.keyboard(keyboard.accept_offer, "zh-CN", "13700000003", PASSWORD)
        print("a candidate with no offer reads why; a review pauses and resumes a deadline ...")
        lifecycle.no_offer_reads_why(walk, PASSWORD)
        lifecycle.review_pauses_and_resumes(walk, PASSWORD)
        print("forgotten passwords: the e-mail's link, the SMS's code ...")
        walk.password_reset("en-US", "browser.b@example.cn", by_link=True)
        walk.password_reset("zh-CN", "13700000001", by_link=False)
    finally:
        walk.close(home, args.keep)
    walk.report(shots, "browser walk passed")


if __name__ == "__main__":
    main()
