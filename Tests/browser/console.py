#!/usr/bin/env python3
"""The staff console in a real browser (headless Chromium from Debian, driven by Selenium).

Starts a throwaway embedded PostgreSQL, runs `talentmatch demo --no-serve` (which prints the demo
office admin's and centre editor's sign-in and TOTP keys), starts `talentmatch serve`, and:

- signs in as the office admin in Chinese and as the centre editor in English, each with a code
  computed here from the printed key (RFC 6238, written out below, not taken from the server);
- the centre editor writes a post in the form (refused beside its fields, in both languages, then
  saved and opened for editing); the office admin reads the policy, is refused a bad draft, saves
  two versions, and reads their diff and a version's page, each page in both languages; then
  reads the runs list, the demo night's page with its charts and its county map, in both
  languages; then tries a draft as a what-if, changes it, commits it from the result page, and
  after a night reads the parity report (issue 15, ADR 0052, 0054, 0055);
- the office admin decides the demo's review request, confirms password and code again, issues
  an API token (its secret shown once) and revokes it, reads the audit log, staff and centres,
  and invites a centre's editor in the console (the link shown once);
- invites an analyst with `talentmatch staff invite`; the analyst and the editor the console
  invited each open their link, set a password, scan nothing but read the key beside the QR
  code, type a code computed from it, see the recovery codes once, and reach the console — one
  in Chinese, one in English.

Every page is checked for console errors and saved at 390 px and 1280 px.

Usage: Tests/browser/console.py [--binary .build/debug/talentmatch] [--screenshots DIR] [--keep]
"""
import argparse, base64, hashlib, hmac, os, re, struct, subprocess, tempfile, time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from walk import ROOT, Walk

PASSWORD = "控制台的密码 a long staff passphrase"


def totp(key, at=None, digits=6):
    """RFC 6238 (HMAC-SHA1, 30-second steps) from a base32 key, as an authenticator app computes it."""
    secret = base64.b32decode(key.replace(" ", "").upper() + "=" * (-len(key.replace(" ", "")) % 8))
    step = int((at if at is not None else time.time()) // 30)
    mac = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


assert totp(base64.b32encode(b"12345678901234567890").decode(), at=59, digits=8) == "94287082", "RFC 6238 test vector"


class ConsoleWalk(Walk):
    def keys(self, demo_output):
        """The demo's staff: sign-in name -> TOTP key, from what `demo` printed."""
        return dict(re.findall(r"sign-in name (\S+), password \S+, TOTP key ([A-Z2-7]+)", demo_output))

    def sign_in(self, language, login, password, key, tag):
        driver = self.browser(language)
        try:
            driver.get(self.base + "/console/sign-in")
            self.page(driver, f"{tag}-console-sign-in", expect='autocomplete="current-password"', wide=True)
            self.fill(driver, "login", login)
            self.fill(driver, "password", "not the password")
            self.click(driver, "main form button")
            self.page(driver, f"{tag}-console-sign-in-refused", expect='id="password-error"', status=401, wide=True)
            self.fill(driver, "password", password)
            self.click(driver, "main form button")
            self.page(driver, f"{tag}-console-code", expect='autocomplete="one-time-code"', wide=True)
            self.fill(driver, "code", totp(key))
            self.click(driver, "main form button")
            self.page(driver, f"{tag}-console-home", expect="/console/sign-out", wide=True)
            self.posts(driver, tag)
            self.post_form(driver, tag)
            self.policy(driver, tag)
            self.runs(driver, tag)
            self.county_map(driver, tag)
            self.what_if(driver, tag)
            self.click(driver, "form[action='/console/sign-out'] button")
            self.page(driver, f"{tag}-console-signed-out", expect='role="status"')
        finally:
            driver.quit()

    def posts(self, driver, tag):
        """The posts list (searched), a post's page, and for a centre editor closing one."""
        self.click(driver, "a[href='/console/posts']")
        self.page(driver, f"{tag}-console-posts", expect="<table", wide=True)
        self.fill(driver, "q", "2026-00")
        self.click(driver, "form.filters button")
        self.page(driver, f"{tag}-console-posts-searched", expect="<table", wide=True)
        self.click(driver, "tbody tr:last-child a")
        self.page(driver, f"{tag}-console-post", expect="<dl", wide=True)
        closes = driver.find_elements(By.CSS_SELECTOR, "form[action$='/close'] button")
        if closes:
            self.navigate(driver, closes[0])
            self.page(driver, f"{tag}-console-post-closed", expect="<dl", wide=True)
            if driver.find_elements(By.CSS_SELECTOR, "form[action$='/close']"):
                self.failures.append(f"{tag}: the post still offers to close after closing")
        if driver.find_elements(By.CSS_SELECTOR, "a[href='/console']"):
            self.upload(driver, tag)
        self.click(driver, "a[href='/console']")

    def upload(self, driver, tag):
        """A centre editor's CSV: one bad row is shown by row and column, fixed, checked, imported."""
        self.click(driver, "a[href='/console/posts']")
        links = driver.find_elements(By.CSS_SELECTOR, "a[href='/console/posts/import']")
        if not links:
            return
        self.navigate(driver, links[0])
        self.page(driver, f"{tag}-console-import", expect='type="file"', wide=True)
        header = "岗位编号,岗位名称,地区代码,岗位数,编制类型,引进方式,户籍限制\r\n"
        good = header + "WALK-1,通江县浏览器上传岗位,511921,2,事业编制,全职调入,\r\nWALK-2,南江县浏览器上传岗位,511922,1,合同制,远程,\r\n"
        bad = good.replace(",511922,1,", ",511922,many,")
        for name, text, action, status, expect in [("bad", bad, "check", 422, "<caption>"), ("fixed", good, "check", None, 'role="status"'),
                                                   ("imported", good, "import", None, 'role="status"')]:
            path = os.path.join(self.shots, f"{tag}-{name}.csv")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write("\ufeff" + text)
            driver.find_element(By.ID, "file").send_keys(path)
            self.click(driver, f"button[value='{action}']")
            self.page(driver, f"{tag}-console-import-{name}", expect=expect, status=status, wide=True)
        outcome = driver.find_element(By.CSS_SELECTOR, "[role=status] strong").text
        if "2" not in outcome or driver.find_elements(By.CSS_SELECTOR, "caption"):
            self.failures.append(f"{tag}: the import did not write the file's two rows: {outcome}")
        # The same page in the other language, with the bad file's table.
        self.click(driver, "a[hreflang]")
        self.page(driver, f"{tag}-console-import-other-language", expect='type="file"', wide=True)
        driver.find_element(By.ID, "file").send_keys(os.path.join(self.shots, f"{tag}-bad.csv"))
        self.click(driver, "button[value='check']")
        self.page(driver, f"{tag}-console-import-bad-other-language", expect="<caption>", status=422, wide=True)
        self.click(driver, "a[hreflang]")

    def both_languages(self, driver, name, **checks):
        """The current page, then the same page in the other language, then back."""
        self.page(driver, name, wide=True, **checks)
        self.click(driver, "a[hreflang]")
        self.page(driver, name + "-other-language", wide=True, **{k: v for k, v in checks.items() if k != "status"})
        self.click(driver, "a[hreflang]")

    def post_form(self, driver, tag):
        """A centre editor's new post: a bad form shows each error beside its field (in both
        languages) and keeps what was typed; fixed, it is saved as a draft and can be changed."""
        self.click(driver, "a[href='/console/posts']")
        links = driver.find_elements(By.CSS_SELECTOR, "a[href='/console/posts/new']")
        if not links:
            return
        self.navigate(driver, links[0])
        self.both_languages(driver, f"{tag}-console-post-new", expect='name="external_id"')
        for attempt in ["refused", "refused-again"]:
            self.fill(driver, "external_id", "WALK-FORM-1")
            self.fill(driver, "title", "巴州区浏览器表单岗位")
            self.fill(driver, "region_code", "511921")
            self.fill(driver, "seats", "many")
            self.click(driver, "main form button[type=submit]")
            self.page(driver, f"{tag}-console-post-new-{attempt}", expect='id="seats-error"', status=422, wide=True)
            if driver.find_element(By.ID, "external_id").get_attribute("value") != "WALK-FORM-1":
                self.failures.append(f"{tag}: the post form lost what was typed")
            if attempt == "refused":
                self.click(driver, "a[hreflang]")  # the same mistake, in the other language
        self.click(driver, "a[hreflang]")
        self.fill(driver, "external_id", "WALK-FORM-1")
        self.fill(driver, "title", "巴州区浏览器表单岗位")
        self.fill(driver, "region_code", "511921")
        self.fill(driver, "seats", "2")
        self.click(driver, "#mode-full_transfer", navigates=False)
        self.click(driver, "main form button[type=submit]")
        self.page(driver, f"{tag}-console-post-created", expect="WALK-FORM-1", wide=True)
        self.click(driver, "a[href$='/edit']")
        self.both_languages(driver, f"{tag}-console-post-edit", expect='value="WALK-FORM-1"')
        self.click(driver, "a[href='/console']")

    def policy(self, driver, tag):
        """An office admin's policy: the version in force and the history, the editor refusing a
        bad draft beside its fields, two new versions saved, their diff and a version's page."""
        links = driver.find_elements(By.CSS_SELECTOR, "a[href='/console/policy']")
        if not links:
            return
        self.navigate(driver, links[0])
        self.both_languages(driver, f"{tag}-console-policy", expect="/console/policy/new")
        self.click(driver, "a[href='/console/policy/new']")
        self.both_languages(driver, f"{tag}-console-policy-new", expect='name="weight_experience"')
        self.fill(driver, "weight_experience", "lots")
        self.fill(driver, "offer_days", "99")
        self.click(driver, "main form button[type=submit]")
        self.page(driver, f"{tag}-console-policy-refused", expect='id="weight_experience-error"', status=422, wide=True)
        self.fill(driver, "weight_experience", "2")
        self.fill(driver, "offer_days", "7")
        empty = [e for e in driver.find_elements(By.CSS_SELECTOR, "input[id^='region_']") if not e.get_attribute("value")]
        row = empty[0].get_attribute("id").split("_")[1]
        self.fill(driver, f"region_{row}", "511922")
        self.fill(driver, f"floor_{row}", "1")
        self.fill(driver, f"reason_{row}", "南江县是艰苦地区，保底一人")
        self.fill(driver, "note", "浏览器：南江保底一人")
        self.click(driver, "main form button[type=submit]")
        self.page(driver, f"{tag}-console-policy-saved", expect="/console/policy/versions/", wide=True)
        self.click(driver, "a[href='/console/policy/new']")
        self.fill(driver, "weight_experience", "3")
        self.fill(driver, "note", "浏览器：经历权重 3")
        self.click(driver, "main form button[type=submit]")
        self.page(driver, f"{tag}-console-policy-saved-again", expect="浏览器：经历权重 3", wide=True)
        self.click(driver, "form[action='/console/policy/diff'] button")
        self.both_languages(driver, f"{tag}-console-policy-diff", expect="<table")
        self.click(driver, "a[href='/console/policy']")
        self.click(driver, "tbody a[href^='/console/policy/versions/']")
        self.both_languages(driver, f"{tag}-console-policy-version", expect="<dl")
        self.click(driver, "a[href='/console']")

    def what_if(self, driver, tag):
        """Issue 15, ADR 0054: an office admin edits a policy, tries it first as a what-if against
        the committed night (in Chinese), changes the draft in English (it survives the round trip
        in hidden fields) and tries it again, commits it from the result page; then, after a night,
        reads the office's parity report in both languages."""
        links = driver.find_elements(By.CSS_SELECTOR, "a[href='/console/policy']")
        if not links or not driver.find_elements(By.CSS_SELECTOR, "a[href='/console']"):
            return
        self.navigate(driver, links[0])
        if not driver.find_elements(By.CSS_SELECTOR, "a[href='/console/policy/new']"):
            return
        self.click(driver, "a[href='/console/policy/new']")
        self.fill(driver, "weight_experience", "4")
        self.fill(driver, "note", "浏览器：试算后提交")
        self.click(driver, "main form button[formaction='/console/policy/what-if']")
        self.page(driver, f"{tag}-console-whatif", expect='name="action" value="edit"', wide=True)
        driver.add_cookie({"name": "lang", "value": "en"})
        self.click(driver, "form.whatif-actions button[name='action']")
        self.page(driver, f"{tag}-console-whatif-change-other-language", expect="浏览器：试算后提交", wide=True)
        self.click(driver, "main form button[formaction='/console/policy/what-if']")
        self.page(driver, f"{tag}-console-whatif-other-language", expect="Commit as a new version", wide=True)
        self.click(driver, "form.whatif-actions button:not([name])")
        self.page(driver, f"{tag}-console-whatif-committed", expect="浏览器：试算后提交", wide=True)
        driver.add_cookie({"name": "lang", "value": "zh-CN" if tag == "zh" else "en"})
        self.run("nightly", "--rerun", check=False)
        url = self.run("db", "url").strip()
        run = subprocess.run(["psql", "-At", url, "-c", "SELECT max(id) FROM match_runs WHERE status = 'committed'"],
                             check=True, env=self.env, capture_output=True, text=True).stdout.strip()
        driver.get(f"{self.base}/console/runs/{run}/parity")
        self.both_languages(driver, f"{tag}-console-parity", expect="/parity.csv")

    def runs(self, driver, tag):
        """An office's nights (issue 15, ADR 0052): the list with the nights side by side, then the
        demo's night with its summary, verdict, lottery, charts with their tables, and its offers
        searched, each page in both languages at 390 and 1280 px."""
        links = driver.find_elements(By.CSS_SELECTOR, "a[href='/console/runs']")
        if not links:
            return
        self.navigate(driver, links[0])
        self.both_languages(driver, f"{tag}-console-runs", expect='<svg class="chart"')
        self.click(driver, "tbody a[href^='/console/runs/']")
        self.both_languages(driver, f"{tag}-console-run", expect='<svg class="chart"')
        for chart in ["fill-by-region", "choice-received"]:
            if not driver.find_elements(By.CSS_SELECTOR, f"section[aria-labelledby='{chart}-heading'] svg title"):
                self.failures.append(f"{tag}: the night's page has no {chart} chart with a title")
        self.fill(driver, "q", "巴州")
        self.click(driver, "form.filters button")
        self.page(driver, f"{tag}-console-run-offers-searched", expect="<main", wide=True)
        self.click(driver, "a[href='/console']")

    def county_map(self, driver, tag):
        """An office's county map of the demo's night: every county of 巴中 drawn and in the
        table, the legend, and the CSV link; in both languages, at 1280 and 390 px."""
        if not driver.find_elements(By.CSS_SELECTOR, "a[href='/console/policy']"):
            return
        driver.get(f"{self.base}/console/runs/{self.demo_run}/map")
        self.both_languages(driver, f"{tag}-console-county-map", expect='<g id="county-511921">')
        drawn = len(driver.find_elements(By.CSS_SELECTOR, "figure.county-map svg g[id^='county-']"))
        rows = len(driver.find_elements(By.CSS_SELECTOR, "table tbody tr[id^='row-']"))
        if drawn != 5 or rows != 5:
            self.failures.append(f"{tag}: county map drew {drawn} counties and {rows} rows, expected 5 of 巴中")
        driver.get(self.base + "/console")

    def next_step_code(self, key):
        """A code of a time step not used yet: each step's code is accepted once (sign-in spent the current one)."""
        time.sleep(30 - time.time() % 30 + 1)
        return totp(key)

    def reviews_and_tokens(self, language, login, password, key, tag):
        """An office admin decides the demo's review request (refused without a reason, beside the
        field, then upheld with one), confirms password and code again, issues an API token whose
        secret is shown once, revokes it, and reads the audit log, staff and centres; each page in
        both languages at 390 and 1280 px (issue 15, ADR 0053)."""
        driver = self.browser(language)
        try:
            driver.get(self.base + "/console/sign-in")
            self.fill(driver, "login", login)
            self.fill(driver, "password", password)
            self.click(driver, "main form button")
            self.fill(driver, "code", self.next_step_code(key))
            self.click(driver, "main form button")
            self.click(driver, "a[href='/console/reviews']")
            self.both_languages(driver, f"{tag}-console-reviews", expect="<table")
            self.click(driver, "tbody a[href^='/console/reviews/']")
            self.both_languages(driver, f"{tag}-console-review", expect='name="decision"')
            self.click(driver, "#decision-upheld", navigates=False)
            self.click(driver, "main form button[type=submit]")
            self.page(driver, f"{tag}-console-review-refused", expect='id="reason-error"', status=422, wide=True)
            if not driver.find_element(By.ID, "decision-upheld").is_selected():
                self.failures.append(f"{tag}: the review form lost the chosen decision")
            self.fill(driver, "reason", "已核实：专业与岗位要求一致，维持录用。")
            self.click(driver, "main form button[type=submit]")
            self.both_languages(driver, f"{tag}-console-review-decided", expect="已核实：专业与岗位要求一致")
            self.click(driver, "a[href='/console/tokens']")
            self.both_languages(driver, f"{tag}-console-tokens", expect='id="label"')
            driver.get(self.base + "/console/reauth?next=/console/tokens")
            self.both_languages(driver, f"{tag}-console-reauth", expect='id="code"')
            self.fill(driver, "password", "not the password")
            self.fill(driver, "code", "000000")
            self.click(driver, "main form button")
            self.page(driver, f"{tag}-console-reauth-refused", expect='id="password-error"', status=401, wide=True)
            self.fill(driver, "password", password)
            self.fill(driver, "code", self.next_step_code(key))
            self.click(driver, "main form button")
            self.page(driver, f"{tag}-console-tokens-confirmed", expect='id="label"')
            self.fill(driver, "label", "browser-walk-token")
            self.click(driver, "main form[action='/console/tokens'] button[type=submit]")
            self.page(driver, f"{tag}-console-token-issued", expect='id="token-secret"', wide=True)
            secret = driver.find_element(By.ID, "token-secret").text
            if not secret.startswith("tm_"):
                self.failures.append(f"{tag}: no token secret shown: {secret!r}")
            self.click(driver, "button[aria-label$='browser-walk-token']")
            self.both_languages(driver, f"{tag}-console-token-revoked", expect='role="status"')
            if secret in driver.page_source:
                self.failures.append(f"{tag}: the token secret is shown again")
            for path, expect in [("/console/audit", "token.revoke"), ("/console/staff", 'id="login"'), ("/console/centres", "TJ-CENTRE")]:
                self.click(driver, f"a[href='{path}']")
                self.both_languages(driver, f"{tag}-console-{path.split('/')[-1]}", expect=expect)
            return self.invite_in_console(driver, tag)
        finally:
            driver.quit()

    def invite_in_console(self, driver, tag):
        """The admin, still within the re-authentication window, invites a centre's editor in the
        console; the single-use link is shown once, and is returned for the new editor to open."""
        self.click(driver, "a[href='/console/staff']")
        Select(driver.find_element(By.ID, "organisation")).select_by_value("centre:TJ-CENTRE")
        Select(driver.find_element(By.ID, "role")).select_by_value("centre_editor")
        self.fill(driver, "name", "浏览器 控制台邀请")
        self.fill(driver, "login", "console-invited-editor")
        self.click(driver, "main form[action='/console/staff'] button[type=submit]")
        self.page(driver, f"{tag}-console-staff-invited", expect='id="invitation-url"', wide=True)
        link = driver.find_element(By.ID, "invitation-url").text.strip()
        return link if link.startswith("http") else self.base + link

    def accept_invitation(self, language, link, tag):
        driver = self.browser(language)
        try:
            driver.get(link)
            self.page(driver, f"{tag}-console-invitation", expect='id="new_password"', wide=True)
            self.fill(driver, "new_password", PASSWORD)
            self.fill(driver, "repeat_password", PASSWORD + " typo")
            self.click(driver, "main form button")
            self.page(driver, f"{tag}-console-invitation-refused", expect='id="repeat_password-error"', status=422, wide=True)
            self.fill(driver, "new_password", PASSWORD)
            self.fill(driver, "repeat_password", PASSWORD)
            self.click(driver, "main form button")
            self.page(driver, f"{tag}-console-enrol", expect='class="qr"', wide=True)
            key = driver.find_element(By.ID, "totp-key").text
            self.fill(driver, "code", totp(key))
            self.click(driver, "main form button")
            self.page(driver, f"{tag}-console-recovery-codes", expect="<code>", wide=True)
            codes = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "ul.codes code")]
            if len(codes) != 10:
                self.failures.append(f"{tag}: {len(codes)} recovery codes shown, expected 10")
            self.click(driver, "main form button")
            self.page(driver, f"{tag}-console-home-new", expect="/console/sign-out", wide=True)
            driver.get(link)
            self.page(driver, f"{tag}-console-invitation-used", expect="<main", status=404)
        finally:
            driver.quit()

    def invite(self, login, role, organisation):
        output = self.run("staff", "invite", *organisation, "--role", role, "--name", f"浏览器 {login}", "--login", login,
                          "--base-url", self.base)
        return re.search(r"^(http\S+/console/invitation/\S+)$", output, re.M).group(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "talentmatch"))
    parser.add_argument("--screenshots", default=None)
    parser.add_argument("--keep", action="store_true", help="keep the temporary cluster folder")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="talentmatch-console-")
    os.chmod(home, 0o755)
    shots = args.screenshots or tempfile.mkdtemp(prefix="talentmatch-console-screens-")
    os.makedirs(shots, exist_ok=True)
    walk = ConsoleWalk(os.path.abspath(args.binary), home, shots)
    try:
        print("demo dataset and its staff ...")
        demo = walk.run("demo", "--no-serve")
        keys = walk.keys(demo)
        walk.demo_run = re.search(r"sees of run (\d+)", demo).group(1)
        if set(keys) != {"bz-admin", "bz-editor"}:
            raise SystemExit(f"demo printed no staff keys: {keys}")
        walk.start_server()
        print("sign in with password and TOTP ...")
        walk.sign_in("zh-CN", "bz-admin", "bazhong-console-2026", keys["bz-admin"], "zh")
        walk.sign_in("en-US", "bz-editor", "bazhong-console-2026", keys["bz-editor"], "en")
        print("review decision, re-authentication, API token issued and revoked, audit log ...")
        invited = walk.reviews_and_tokens("zh-CN", "bz-admin", "bazhong-console-2026", keys["bz-admin"], "zh")
        print("invitations (one from the command line, one from the console), enrolment, recovery codes ...")
        walk.accept_invitation("zh-CN", walk.invite("browser-analyst", "office_analyst", ["--office", "BZ-HR"]), "zh")
        walk.accept_invitation("en-US", invited, "en")
    finally:
        walk.close(home, args.keep)
    walk.report(shots, "console browser walk passed")


if __name__ == "__main__":
    main()
