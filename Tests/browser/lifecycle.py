"""Issue 16 in the browser: a candidate with no offer reads why, post by post (and on the
night's own page, from the list of their nights), and a review
request pauses an offer's deadline, which an office's upheld decision (over the API) resumes.

Both people are demo candidates, registered by the office and given a gateway account here
(the same password as the walk's own candidates): one the night left without an offer, one
holding a pending offer. Called from walk.py after tonight's match.
"""
import json, subprocess, urllib.request

from selenium.webdriver.common.by import By


def query(walk, sql):
    """One value from the walk's database."""
    url = walk.run("db", "url").strip()
    result = subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-At", url, "-c", sql], check=True, env=walk.env,
                            capture_output=True, text=True)
    return result.stdout.strip()


def account_for(walk, which):
    """Gives the first demo candidate `which` selects (a WHERE on candidate c) an account with
    the walk's password; returns their contact."""
    contact = query(walk, f"""
        SELECT c.contact FROM candidates c
        WHERE EXISTS (SELECT 1 FROM rankings r WHERE r.candidate_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM candidate_accounts a WHERE a.candidate_id = c.id) AND ({which})
        ORDER BY c.id LIMIT 1""")
    if not contact:
        raise SystemExit(f"no demo candidate where {which}")
    walk.psql(f"""
        INSERT INTO candidate_accounts (candidate_id, password_hash, profile_completed_at)
        SELECT c.id, (SELECT a.password_hash FROM candidate_accounts a JOIN candidates k ON k.id = a.candidate_id
                      WHERE k.contact = 'browser.b@example.cn'), now()
        FROM candidates c WHERE c.contact = '{contact}'""")
    return contact


def log_in(walk, language, contact, password):
    driver = walk.browser(language)
    driver.get(walk.base + "/login")
    walk.fill(driver, "contact", contact)
    walk.fill(driver, "password", password)
    walk.click(driver, "form[action='/login'] button")
    return driver


def no_offer_reads_why(walk, password):
    """A candidate the night left without an offer reads, for every post they ranked, their
    score, the cutoff and why, in both languages, at 390 and 1280 px."""
    contact = account_for(walk, "NOT EXISTS (SELECT 1 FROM offers o WHERE o.candidate_id = c.id)")
    for language, heading, why in (("zh-CN", "您填报的每个岗位", "分数线"), ("en-US", "Every post you ranked", "Cutoff")):
        driver = log_in(walk, language, contact, password)
        try:
            driver.get(walk.base + "/offer")
            walk.page(driver, f"{language}-no-offer-why", expect=heading, wide=True)
            posts = driver.find_elements(By.CSS_SELECTOR, "#night .night-posts > li")
            verdicts = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "#night .verdict")]
            if not posts or len(verdicts) != len(posts) or any(not text.strip() for text in verdicts):
                walk.failures.append(f"{language}: every ranked post needs its reason, got {verdicts}")
            if why not in driver.page_source:
                walk.failures.append(f"{language}: the no-offer page shows no cutoff")
            night_page_explains(walk, driver, language, heading)
        finally:
            driver.quit()


def night_page_explains(walk, driver, language, heading):
    """From the list of their nights, the candidate opens one night's own page: the same
    explanation, post by post, with the list to go to another night."""
    links = driver.find_elements(By.CSS_SELECTOR, "#nights a[href^='/offer/nights/']")
    if not links:
        walk.failures.append(f"{language}: the offer page lists no night to open")
        return
    links[0].click()
    walk.page(driver, f"{language}-one-night", expect=heading, wide=True)
    verdicts = driver.find_elements(By.CSS_SELECTOR, "#night .verdict")
    if not verdicts or driver.find_elements(By.CSS_SELECTOR, "#nights [aria-current='page']") == []:
        walk.failures.append(f"{language}: the night's page needs its verdicts and the night marked in the list")


def review_pauses_and_resumes(walk, password):
    """A candidate asks for a review: the offer shows its deadline paused; the office upholds
    it over the API; the offer is awaiting an answer again with a deadline."""
    contact = account_for(walk, "EXISTS (SELECT 1 FROM offers o WHERE o.candidate_id = c.id AND o.state = 'pending')")
    driver = log_in(walk, "en-US", contact, password)
    try:
        driver.get(walk.base + "/offer")
        walk.page(driver, "en-US-offer-before-review", expect="Awaiting your answer")
        walk.fill(driver, "review_reason", "My specialty matches my first choice exactly; please check the score.")
        walk.click(driver, "form[action$='/review'] button")
        walk.page(driver, "en-US-offer-under-review", expect='id="deadline-paused"', wide=True)
        if "Under review" not in driver.page_source or driver.find_elements(By.CSS_SELECTOR, "form[action$='/accept']"):
            walk.failures.append("under review: the state is not shown, or an answer is still offered")
        walk.navigate(driver, driver.find_element(By.CSS_SELECTOR, "a[hreflang^=zh]"))
        walk.page(driver, "zh-CN-offer-under-review", expect="人工复核中", wide=True)
        decide(walk, contact)
        driver.get(walk.base + "/offer")
        walk.page(driver, "zh-CN-offer-review-upheld", expect="待答复", wide=True)
        if 'id="deadline-paused"' in driver.page_source or not driver.find_elements(By.CSS_SELECTOR, "form[action$='/accept']"):
            walk.failures.append("upheld: the deadline still shows as paused, or no answer is offered")
        walk.navigate(driver, driver.find_element(By.CSS_SELECTOR, "a[hreflang=en]"))
        walk.page(driver, "en-US-offer-review-upheld", expect="Awaiting your answer", wide=True)
    finally:
        driver.quit()


def decide(walk, contact):
    """The office upholds the candidate's open review request over the API, as its staff's
    client would (the demo files requests of its own, so the walk picks its candidate's)."""
    offer = int(query(walk, f"""SELECT o.id FROM offers o JOIN candidates c ON c.id = o.candidate_id
                                WHERE c.contact = '{contact}' AND o.state = 'under_review'""") or 0)
    secret = walk.run("token", "issue", "--office", "BZ-HR", "--label", "browser walk reviewer").strip().splitlines()[-1]
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
    with urllib.request.urlopen(urllib.request.Request(walk.base + "/api/v1/reviews?status=open", headers=headers)) as response:
        request = next((item for item in json.load(response)["items"] if item["offerId"] == offer), None)
    if request is None:
        raise SystemExit(f"no open review request for offer {offer} in the office's queue")
    body = json.dumps({"decision": "upheld", "reason": "Checked: the score follows the published policy."}).encode()
    decision = urllib.request.Request(walk.base + f"/api/v1/reviews/{request['id']}/decision", data=body, headers=headers, method="POST")
    with urllib.request.urlopen(decision) as response:
        decided = json.load(response)
    if decided.get("offerState") != "pending":
        walk.failures.append(f"upheld: the offer is {decided.get('offerState')}, not pending again")
