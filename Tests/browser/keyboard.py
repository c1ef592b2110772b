"""Keyboard-only use of the candidate gateway, in the real browser.

Everything here is done with key presses sent to whichever element has focus
(`driver.switch_to.active_element.send_keys`): Tab, Shift+Tab, Enter, Space, arrows and typed
text. Nothing is clicked and no form is submitted from JavaScript; scripts only *read* the page
(which element has focus, its computed style, the list of controls). Only the first page of a
browser session is opened by URL, as a person would type it into the address bar.

On every page visited the walk Tabs all the way round and checks that
  - the first Tab stop is the skip link, and every stop shows a focus indicator (an outline
    with 3:1 contrast against what is behind it, or a box-shadow), on screen;
  - every control on the page (link, button, input, select, textarea) is reached;
  - focus comes back to where it started, and every Tab moves it (no keyboard trap);
  - on some pages, Shift+Tab retraces the same stops backwards.
It also checks that Enter on the skip link focuses <main>, that the error summary's link
focuses its field, and that after Add or Move the ranking page opens with focus on that post.
Failures name the page and the element.
"""
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

# Describes an element the same way in every script below, so messages can name it.
_DESCRIBE = """
function describe(e) {
  if (!e || e === document.body || e === document.documentElement) { return 'the page itself (<body>)'; }
  let d = e.tagName.toLowerCase();
  if (e.id) { d += '#' + e.id; }
  for (const a of ['name', 'value', 'href']) {
    if (e.getAttribute(a) && !(a === 'value' && e.tagName === 'INPUT' && e.type !== 'checkbox')) { d += `[${a}="${e.getAttribute(a)}"]`; }
  }
  const text = (e.getAttribute('aria-label') || e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  return text ? `${d} "${text}"` : d;
}
"""

# Every element a keyboard user must be able to reach: each shown, enabled link and form
# control (even one given tabindex=-1: that is the defect to catch), and anything else made a
# Tab stop with tabindex >= 0. Elements focusable only by script or link (tabindex=-1 on
# <main> or a ranking card) are no Tab stops. Radio groups would need handling; there are none.
_CONTROLS = _DESCRIBE + """
const NATIVE = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
function controls() {
  const all = document.querySelectorAll(NATIVE + ', [tabindex]');
  return Array.from(all).filter(e => !e.disabled && (e.matches(NATIVE) || e.tabIndex >= 0) && e.getClientRects().length > 0
      && getComputedStyle(e).visibility !== 'hidden' && !e.closest('[hidden], [inert]'));
}
"""

# The contrast of an outline with what lies behind it (WCAG 1.4.11 asks 3:1 of a focus ring):
# the colour under the middle of the ring's right (or left) side, found by asking which
# element is painted there and walking up to the first opaque background.
_RING_CONTRAST = """
function rgb(text) { return (text.match(/[\\d.]+/g) || []).map(Number); }
function luminance([r, g, b]) {
  const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
function behind(e, x, y) {
  let under = document.elementsFromPoint(x, y).find(o => o !== e && !e.contains(o));
  for (; under; under = under.parentElement) {
    const c = rgb(getComputedStyle(under).backgroundColor);
    if (c.length === 3 || c[3] > 0) { return c.slice(0, 3); }
  }
  return [255, 255, 255];
}
function ringContrast(e, s, r) {
  const reach = parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth) / 2;
  const x = r.right + reach < innerWidth ? r.right + reach : r.left - reach;
  if (x < 0) { return null; }
  const a = luminance(rgb(s.outlineColor)), b = luminance(behind(e, x, r.top + r.height / 2));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
"""

# Where focus is, and whether a sighted keyboard user can see it: an outline (site.css draws a
# 3-px one on :focus) or a box-shadow, and the element inside the viewport (a skip link left at
# left:-999px would be focused but invisible).
_FOCUS = _CONTROLS + _RING_CONTRAST + """
const e = document.activeElement;
const list = controls();
const s = getComputedStyle(e);
const r = e.getBoundingClientRect();
const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !/rgba\\(.*, 0\\)|transparent/.test(s.outlineColor);
const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
return {
  index: list.indexOf(e), description: describe(e), onPage: !!e && e !== document.body && e !== document.documentElement,
  indicator: outline || shadow, style: `outline: ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}; box-shadow: ${s.boxShadow}`,
  contrast: outline ? ringContrast(e, s, r) : null,
  onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
  isSkip: e.classList.contains('skip'),
};
"""


class KeyboardFailure(AssertionError):
    """The walk cannot go on: a control it needs could not be reached or did not respond."""


class Keyboard:
    def __init__(self, walk, driver):
        self.walk, self.driver = walk, driver
        self.name = "?"  # the page being walked, for messages
        self.reported = set()
        # Headless Chromium does not always count its window as focused after a page load (so
        # :focus does not match and no ring is drawn) until a key arrives; a person's browser
        # window is. The DevTools protocol can say the window has focus.
        driver.execute_cdp_cmd("Emulation.setFocusEmulationEnabled", {"enabled": True})

    # -- reading the page ------------------------------------------------------------------

    def focus(self):
        return self.driver.execute_script(_FOCUS)

    def controls(self):
        return self.driver.execute_script(_CONTROLS + "return controls().map(describe);")

    def matches(self, css, text=None):
        return self.driver.execute_script(
            "const e = document.activeElement;"
            "return e.matches(arguments[0]) && (!arguments[1] || e.textContent.includes(arguments[1]))", css, text)

    def value(self):
        return self.driver.execute_script(
            "const e = document.activeElement; return e.type === 'checkbox' ? e.checked : e.value;")

    # -- pressing keys -----------------------------------------------------------------------

    def press(self, *keys):
        self.driver.switch_to.active_element.send_keys(*keys)

    def press_and_wait(self, key):
        """Presses a key that should load another page (Enter on a link or a submit button) and
        waits until the new page has replaced this one (see Walk.navigate for the marker)."""
        self.driver.execute_script("window.__walkMarker = true")
        try:
            self.press(key)
        except WebDriverException as error:
            if "does not belong to the document" not in str(error):
                raise
        try:
            WebDriverWait(self.driver, 20, ignored_exceptions=[WebDriverException]).until(self.walk.replaced)
        except Exception:
            raise KeyboardFailure(f"{self.name}: pressing {key_name(key)} on {self.focus()['description']} loaded no new page")

    def report(self, problem):
        """Records a problem once, naming the first page it is seen on: the skip link, say, is on
        every page and met on every round."""
        if problem not in self.reported:
            self.reported.add(problem)
            self.walk.failures.append(f"{self.name}: {problem}")

    def check_stop(self, stop):
        """At a focus stop on the page: the focused element must show an indicator, on screen."""
        if not stop["onPage"]:
            return
        if not stop["indicator"]:
            self.report(f"no visible focus indicator on {stop['description']} ({stop['style']})")
        if stop["contrast"] is not None and stop["contrast"] < 3:
            self.report(f"the focus ring of {stop['description']} has {stop['contrast']:.1f}:1 "
                        f"against what is behind it, under 3:1 ({stop['style']})")
        if not stop["onScreen"]:
            self.report(f"{stop['description']} has focus but is outside the visible window")

    def tab(self, backwards=False):
        before = self.focus()
        self.press(Keys.SHIFT, Keys.TAB) if backwards else self.press(Keys.TAB)
        stop = self.focus()
        if stop["onPage"] and (stop["index"], stop["description"]) == (before["index"], before["description"]):
            raise KeyboardFailure(f"{self.name}: {'Shift+Tab' if backwards else 'Tab'} does not move focus from "
                                  f"{stop['description']} (a keyboard trap)")
        self.check_stop(stop)
        return stop

    def tab_to(self, css, what=None, text=None, backwards=False):
        """Tabs (forwards or backwards) until the element matching `css` (and holding `text`) has
        focus; fails naming the page and the element if a whole round goes by without reaching it."""
        limit = len(self.controls()) + 3
        seen = []
        for _ in range(limit):
            if self.matches(css, text):
                return len(seen)
            seen.append(self.tab(backwards)["description"])
        if self.matches(css, text):
            return len(seen)
        raise KeyboardFailure(f"{self.name}: Tab never reached {what or css}; the stops were: " + " → ".join(seen))

    def activate(self, css, what=None, text=None, key=Keys.ENTER):
        """Tabs to a link or submit button and presses Enter (or Space); waits for the next page."""
        self.tab_to(css, what, text)
        self.press_and_wait(key)

    def type_into(self, css, text, what=None):
        self.tab_to(css, what)
        self.press(Keys.CONTROL, "a")  # replaces what a re-rendered form kept
        self.press(Keys.DELETE)
        self.press(text)

    def toggle(self, css, want=True, what=None):
        """Tabs to a checkbox and presses Space if it is not already in the wanted state."""
        self.tab_to(css, what)
        if self.value() != want:
            self.press(Keys.SPACE)
        if self.value() != want:
            raise KeyboardFailure(f"{self.name}: Space did not {'check' if want else 'uncheck'} {what or css}")

    def choose(self, css, option_value, what=None):
        """Tabs to a select and moves its choice with the arrow keys (a closed select on Linux
        changes its value with Up/Down without opening the list)."""
        self.tab_to(css, what)
        options = self.driver.execute_script(
            "return Array.from(document.activeElement.options).map(o => o.value)")
        if option_value not in options:
            raise KeyboardFailure(f"{self.name}: {what or css} has no option {option_value!r}")
        steps = options.index(option_value) - options.index(self.value())
        for _ in range(abs(steps)):
            self.press(Keys.ARROW_DOWN if steps > 0 else Keys.ARROW_UP)
        if self.value() != option_value:
            raise KeyboardFailure(f"{self.name}: the arrow keys left {what or css} at {self.value()!r}, not {option_value!r}")

    # -- the whole page ----------------------------------------------------------------------

    def arrive(self, name, expect=None, status=None, survey=True, backwards_too=False, focused=None):
        """A new page has loaded: the walk's console and screenshot checks, where focus starts
        (`focused`: a CSS selector, when the page should open with focus on something), a survey."""
        self.name = name
        self.walk.page(self.driver, "keys-" + name.replace(" ", "-").replace(",", ""), expect=expect, status=status)
        if focused and not self.matches(focused):
            self.report(f"the page opened with focus on {self.focus()['description']}, not on {focused}")
        elif focused:
            self.check_stop(self.focus())
            self.walk.shot(self.driver, "keys-" + name.replace(" ", "-") + "-focus")
        if survey:
            self.survey(name, backwards_too)

    def survey(self, name, backwards_too=False):
        """Called on a freshly loaded page. Tabs all the way round and checks the skip link comes
        first, every control is reached, and focus gets back to the start (a trap would keep it
        somewhere). Leaves focus on the skip link."""
        self.name = name
        controls = self.controls()
        if self.focus()["onPage"]:
            # The page opened with focus on something (a #post-ID card): Tab on to the page's top.
            self.tab_to(".skip", "the skip link")
            first = self.focus()
        else:
            first = self.tab()
        if not first["isSkip"]:
            self.report(f"the first Tab stop is {first['description']}, not the skip link")
        reached, order = {first["index"]}, [first["index"]]
        # A round is every control once, plus one or two stops where focus leaves the page.
        for _ in range(len(controls) + 3):
            stop = self.tab()
            if stop["index"] == first["index"]:
                break
            reached.add(stop["index"])
            if stop["onPage"]:
                order.append(stop["index"])
        else:
            raise KeyboardFailure(f"{name}: focus never came back to the skip link after {len(controls) + 3} Tabs; "
                                  f"stuck at {stop['description']} (a keyboard trap?)")
        missing = [controls[i] for i in range(len(controls)) if i not in reached]
        for description in missing:
            self.report(f"Tab never reaches {description}")
        print(f"  keys {name}: Tab reached {len(controls) - len(missing)} of {len(controls)} controls")
        if backwards_too:
            self.survey_backwards(order)

    def survey_backwards(self, forward_order):
        """Shift+Tab from the skip link round the page must meet the same stops in reverse."""
        backward = []
        for _ in range(len(forward_order) + 3):
            stop = self.tab(backwards=True)
            if stop["onPage"]:
                backward.append(stop["index"])
            if stop["index"] == forward_order[0]:
                break
        expected = list(reversed(forward_order[1:])) + [forward_order[0]]
        if backward != expected:
            names = self.controls() + ["(outside the page)"]
            where = next(i for i, (a, b) in enumerate(zip(backward + [-1], expected + [-1])) if a != b)
            self.report(f"Shift+Tab does not retrace Tab: its stop {where + 1} is "
                                      f"{names[backward[where]] if where < len(backward) else 'missing'}, "
                                      f"expected {names[expected[where]] if where < len(expected) else 'none'}")

    def skip_link(self):
        """Enter on the skip link (where survey leaves focus) moves focus to <main> itself (so
        screen readers follow too, not only the next Tab), and the next Tab is main's first control."""
        name = self.name
        first = self.focus()
        if not first["isSkip"]:
            raise KeyboardFailure(f"{name}: focus is on {first['description']}, not the skip link")
        self.walk.shot(self.driver, "keys-skip-link-focused")
        self.press(Keys.ENTER)
        here = self.focus()
        if not self.matches("main"):
            self.report(f"Enter on the skip link left focus on {here['description']}, not on <main>")
        landed = self.tab()
        first_in_main = self.driver.execute_script(_CONTROLS + "return describe(controls().find(e => e.closest('main')));")
        if landed["description"] != first_in_main:
            self.report(f"after the skip link, Tab went to {landed['description']}, "
                                      f"not main's first control {first_in_main}")
        print(f"  keys {name}: Enter on the skip link focused {here['description']}; the next Tab {landed['description']}")


def key_name(key):
    return {Keys.ENTER: "Enter", Keys.SPACE: "Space", Keys.TAB: "Tab"}.get(key, repr(key))


# -- the keyboard walk ---------------------------------------------------------------------------

def register_profile_rank(walk, language, contact, name, password):
    """Home → register (with an error first) → profile → posts → post → ranking, by keyboard."""
    driver = walk.browser(language)
    keys = Keyboard(walk, driver)
    zh = language.startswith("zh")
    try:
        driver.get(walk.base + "/")
        keys.arrive(f"{language} home")
        keys.skip_link()
        keys.activate("a[href='/register']", "the register link")

        keys.arrive(f"{language} register", backwards_too=True)
        keys.type_into("#full_name", name)
        keys.type_into("#contact", contact)
        keys.type_into("#password", "short")
        keys.toggle("#consent_matching", what="the matching consent")
        keys.toggle("#consent_sensitive", what="the sensitive-data consent")
        keys.activate("form[action='/register'] button[type=submit]", "the register button")

        keys.arrive(f"{language} register with errors", expect='id="password-error"', status=422)
        # The error summary's link takes focus to the field (a same-page link, no new page).
        keys.tab_to(".error-summary a[href='#password']", "the summary's link to the password")
        keys.press(Keys.ENTER)
        if not keys.matches("#password"):
            keys.report(f"Enter on the summary link left focus on {keys.focus()['description']}, not on the password")
        keys.type_into("#password", password)
        keys.activate("form[action='/register'] button[type=submit]", "the register button")

        # Registering answers the same whoever owns the contact: the page asks for the code sent to it.
        keys.arrive(f"{language} verify the contact", expect='autocomplete="one-time-code"')
        keys.type_into("#code", walk.code(contact))
        keys.press_and_wait(Keys.ENTER)  # implicit submission from the code field
        keys.arrive(f"{language} verified, log in", expect='role="status"')
        keys.type_into("#contact", contact)
        keys.type_into("#password", password)
        keys.press_and_wait(Keys.ENTER)  # implicit submission from the password field

        fill_profile(keys, language, zh)
        rank_two_posts(keys, language, zh)
    finally:
        driver.quit()


def fill_profile(keys, language, zh):
    driver = keys.driver
    keys.arrive(f"{language} empty profile", expect='id="specialty_q"')
    keys.type_into("#specialty_q", "农学" if zh else "0901")
    keys.activate("button[name=action][value=search]", "the specialty search button")
    keys.arrive(f"{language} profile with search results", expect="sp-090101")
    keys.toggle("#sp-090101", what="the specialty 090101")
    keys.choose("#education", "bachelor", "the education select")
    keys.type_into("#experience_years", "3")
    keys.choose("#current_province", "510000", "the current province")
    keys.choose("#hukou_province", "510000", "the hukou province")
    keys.activate("button[name=action][value=regions]", "the update-regions button")
    keys.arrive(f"{language} profile with prefectures", expect="current_prefecture", survey=False)
    keys.choose("#current_prefecture", "511900", "the current prefecture")
    keys.choose("#hukou_prefecture", "511900", "the hukou prefecture")
    keys.activate("button[name=action][value=regions]", "the update-regions button")
    keys.arrive(f"{language} profile with counties", expect="current_county")
    keys.choose("#current_county", "511922", "the current county")
    keys.choose("#hukou_county", "511921", "the hukou county")
    keys.toggle("#md-full_transfer", what="the full-transfer mode")
    keys.toggle("#md-part_time", what="the part-time mode")
    keys.activate("button[name=action][value=save]", "the save button")
    keys.arrive(f"{language} profile saved", expect='role="status"')
    if "090101" not in driver.page_source or 'value="511922" selected' not in driver.page_source:
        keys.report("the saved profile lost the specialty or the county")


def rank_two_posts(keys, language, zh):
    driver = keys.driver
    for count, title in enumerate(["浏览器测试岗位", "南江县农业技术推广员"], 1):
        keys.activate("nav a[href='/posts']", "the posts link")
        keys.arrive(f"{language} posts {count}", survey=count == 1)
        # Typing the filter and pressing Enter submits the GET form (implicit submission).
        keys.type_into("#specialty", "0901", "the specialty filter")
        keys.press_and_wait(Keys.ENTER)
        keys.arrive(f"{language} posts filtered {count}", expect=title, survey=False)
        keys.activate("main a", f"the link to {title}", text=title)
        keys.arrive(f"{language} post {count}", expect="加入我的志愿" if zh else "Add to my ranking", survey=count == 1)
        post = driver.current_url.rstrip("/").rsplit("/", 1)[-1]
        keys.activate("form[action='/ranking/add'] button", "the add-to-ranking button")
        keys.arrive(f"{language} ranking {count}", expect='class="rank"', backwards_too=count == 2, focused=f"#post-{post}")
    # Up on the second post, then down on it again: the test post is first at the end. Each
    # answer opens the page with focus on the moved post's card, so its other button is near.
    keys.tab_to("input[value=up] ~ button", "the move-up button of the second post")
    post = driver.execute_script("return document.activeElement.form.elements.vacancy.value")
    keys.press_and_wait(Keys.ENTER)
    keys.arrive(f"{language} ranking moved up", survey=False, focused=f"#post-{post}")
    check_first(keys, "南江县农业技术推广员", "after Move up")
    stops = keys.tab_to(f"#post-{post} input[value=down] ~ button", "the moved post's move-down button")
    if stops > 2:
        keys.report(f"the moved post's Move down button is {stops} Tabs away from where the page opened, not 2")
    keys.press_and_wait(Keys.ENTER)
    keys.arrive(f"{language} ranking moved down", survey=False, focused=f"#post-{post}")
    check_first(keys, "浏览器测试岗位", "after Move down")


def check_first(keys, title, when):
    first = keys.driver.execute_script("return document.querySelector('#ranking li .rank ~ a').textContent")
    if title not in first:
        raise KeyboardFailure(f"{keys.name}: {when} the first post is {first!r}, not {title}")


def accept_offer(walk, language, contact, password):
    """Log in, open the offer from the navigation, accept it: by keyboard."""
    driver = walk.browser(language)
    keys = Keyboard(walk, driver)
    zh = language.startswith("zh")
    try:
        driver.get(walk.base + "/")
        keys.arrive(f"{language} home again", survey=False)
        keys.activate("a[href='/login']", "the log-in link")
        keys.arrive(f"{language} log-in")
        keys.type_into("#contact", contact)
        keys.type_into("#password", password)
        keys.press_and_wait(Keys.ENTER)  # implicit submission from the password field
        keys.arrive(f"{language} logged in", survey=False)
        keys.activate("nav a[href='/offer']", "the offer link")
        keys.arrive(f"{language} offer", expect="为什么是这个岗位" if zh else "Why this post")
        keys.activate("form[action$='/accept'] button", "the accept button", key=Keys.SPACE)
        keys.arrive(f"{language} offer accepted", expect="已接受" if zh else "Accepted")
    finally:
        driver.quit()
