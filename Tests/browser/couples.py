#!/usr/bin/env python3
"""Couples in a real browser (issue 17): two new candidates rank posts, one invites the other by
the contact they sign in with, the other confirms, the helper proposes their joint list (same
county), tonight's match runs, both see their linked offers, one declines and both seats are
freed; the offer page says why each pair ranked higher was not possible; one partner's review
request pauses both offers until the office upholds it. Every couple page is saved at 390 and 1280 px in Chinese and in English.

Uses walk.py's Walk (a throwaway embedded cluster, the demo, `talentmatch serve`).

Usage: Tests/browser/couples.py [--binary .build/debug/talentmatch] [--screenshots DIR] [--keep]
"""
import argparse, os, subprocess, tempfile

from selenium.webdriver.common.by import By

import lifecycle
import walk as walking

PASSWORD = walking.PASSWORD


def both_languages(w, driver, name, expect_zh, expect_en):
    """The page as it is, then in the other language (the gateway's `lang` cookie), each at 390 and 1280 px."""
    w.page(driver, f"{name}-zh", expect=expect_zh, wide=True)
    driver.add_cookie({"name": "lang", "value": "en"})
    driver.refresh()
    w.page(driver, f"{name}-en", expect=expect_en, wide=True)
    driver.add_cookie({"name": "lang", "value": "zh-CN"})
    driver.refresh()


def login(w, driver, contact):
    driver.get(w.base + "/login")
    w.fill(driver, "contact", contact)
    w.fill(driver, "password", PASSWORD)
    w.click(driver, "form[action='/login'] button")


def psql_value(w, sql):
    url = w.run("db", "url").strip()
    return subprocess.run(["psql", "-At", url, "-c", sql], check=True, env=w.env, capture_output=True, text=True).stdout.strip()


def couple_walk(w):
    first, second = "13700000011", "couple.b@example.cn"
    w.candidate_until_ranked("zh-CN", first, "浏览器甲")
    w.candidate_until_ranked("zh-CN", second, "浏览器乙")
    a, b = w.browser("zh-CN"), w.browser("zh-CN")
    try:
        login(w, a, first)
        a.get(w.base + "/couple")
        both_languages(w, a, "couple-invite", "邀请对方共同申请", "Invite your partner")
        w.fill(a, "contact", second)
        w.click(a, "form[action='/couple/invite'] button")
        both_languages(w, a, "couple-invited", "等待对方确认", "waiting for confirmation")
        login(w, b, second)
        b.get(w.base + "/couple")
        both_languages(w, b, "couple-received", "浏览器甲", "浏览器甲")
        w.click(b, "form[action$='/confirm'] button")
        w.click(b, "input[name=rule][value=county]", navigates=False)
        w.click(b, "form[action='/couple/pairs/propose'] button")
        both_languages(w, b, "couple-joint-list", "共同志愿", "Joint list")
        pairs = len(b.find_elements(By.CSS_SELECTOR, "#joint-list > li"))
        if pairs < 1:
            w.failures.append(f"the helper proposed no pair ({pairs})")
        w.click(b, "#joint-list li:nth-child(2) form[action='/couple/pairs/move'] input[value=up] ~ button")
        w.page(b, "couple-moved", expect="共同志愿")
    finally:
        a.quit()
        b.quit()
    print(w.run("policy", "create", "--office", "BZ-HR", "--cap", "5119=30", "--cap", "511902=2",
                "--floor", "511921=2", "--note", "browser walk: room for the couple"))
    print(w.run("nightly", "--market", "main", "--rerun"))
    linked = psql_value(w, "SELECT count(*) FROM couple_offers")
    if linked != "2":
        w.failures.append(f"expected the couple's two offers linked, found {linked} links")
        return
    a, b = w.browser("zh-CN"), w.browser("en-US")
    try:
        login(w, a, first)
        a.get(w.base + "/offer")
        both_languages(w, a, "couple-offer", "共同申请的录用", "A couple's offer")
        # Why each pair ranked above theirs was not possible, for both partners' posts (or that they got their first).
        both_languages(w, a, "couple-offer-higher", "排在前面的岗位组合为什么没有录取", "Why the pairs you ranked higher were not possible")
        if not a.find_elements(By.CSS_SELECTOR, "#couple-higher"):
            w.failures.append("the couple's offer page does not explain the pairs ranked higher")
        review_pauses_both(w, a, first, second)
        w.click(a, "form[action$='/accept'] button")
        w.page(a, "couple-offer-accepted", expect="等待对方答复")
        login(w, b, second)
        b.get(w.base + "/offer")
        w.page(b, "couple-offer-partner-accepted-en", expect="Your partner has accepted", wide=True)
        w.fill(b, "reason", "We found work closer to our parents.")
        w.click(b, "form[action$='/decline'] button")
        w.page(b, "couple-offer-declined-en", expect="couple-offer", wide=True)
    finally:
        a.quit()
        b.quit()
    states = psql_value(w, "SELECT string_agg(o.state, ',' ORDER BY o.id) FROM offers o JOIN couple_offers l ON l.offer_id = o.id")
    if states != "declined,declined":
        w.failures.append(f"one decline should decline both linked offers, found {states}")


def review_pauses_both(w, a, first, second):
    """One partner asks for a review: both offers pause (ADR 0049), and the other partner's page
    says why their deadline stopped; the office upholds over the API and both resume."""
    w.fill(a, "review_reason", "请人工复核评分。")
    w.click(a, "form[action$='/review'] button")
    c = w.browser("zh-CN")
    try:
        login(w, c, second)
        c.get(w.base + "/offer")
        both_languages(w, c, "couple-offer-paused", "工作人员正在人工复核你们共同申请的录用", "A person is reviewing your offers as a couple")
        if not c.find_elements(By.CSS_SELECTOR, "#couple-paused") or c.find_elements(By.CSS_SELECTOR, "form[action$='/accept']"):
            w.failures.append("the partner's page does not say the couple's offers are paused, or still offers an answer")
    finally:
        c.quit()
    lifecycle.decide(w, first)
    states = psql_value(w, "SELECT string_agg(o.state, ',' ORDER BY o.id) FROM offers o JOIN couple_offers l ON l.offer_id = o.id")
    if states != "pending,pending":
        w.failures.append(f"upheld: both linked offers should resume, found {states}")
    a.get(w.base + "/offer")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(walking.ROOT, ".build", "debug", "talentmatch"))
    parser.add_argument("--screenshots", default=None)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="talentmatch-couples-")
    os.chmod(home, 0o755)
    shots = args.screenshots or tempfile.mkdtemp(prefix="talentmatch-couple-screens-")
    os.makedirs(shots, exist_ok=True)
    w = walking.Walk(os.path.abspath(args.binary), home, shots)
    try:
        w.run("demo", "--no-serve")
        w.psql("""
            INSERT INTO vacancies (centre_id, external_id, title, region_code, seats, staffing_type, min_education,
                                   accepted_modes, service_years, status)
            SELECT id, 'BROWSER-1', '南江县浏览器测试岗位', '511922', 4, 'institution', 'associate',
                   ARRAY['full_transfer', 'part_time'], 3, 'open' FROM centres WHERE code = 'BZ-CENTRE';
            INSERT INTO vacancy_specialties (vacancy_id, specialty_code, accepted_fit)
            SELECT id, '090101', 'same_class' FROM vacancies WHERE external_id = 'BROWSER-1';
        """)
        w.start_server()
        couple_walk(w)
    finally:
        w.close(home, args.keep)
    w.report(shots, "couples walk passed")


if __name__ == "__main__":
    main()
