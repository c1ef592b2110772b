"""Drag to reorder on "My ranking" (rank.js), with a real mouse drag in the real browser.

Selenium's ActionChains cannot drive Chromium's HTML5 drag and drop, but mouse events sent
through the DevTools protocol (Input.dispatchMouseEvent) go through the browser's own input
path: press, moves and release start a native drag and fire dragstart, dragenter, dragover,
drop and dragend at rank.js's handlers, as a person's mouse does. The moves are spaced out
and end in a short hover (see glide), as a hand would.

Checks: the hint about dragging is shown (it is hidden without the script); dropping the last
post on the top half of the first makes it first, and after the page comes back from the server
and after a reload the stored order is the new one; letting go outside the list (a cancelled
drag) puts the cards back and saves nothing; dragging back restores the original order.

The cards are not focusable and rank.js has no keyboard handling: keyboard users reorder with
the Move up / Move down buttons, which keyboard.py walks.
"""
import time

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def order(driver):
    """The posts' ids in the order the page shows them."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#ranking li[data-id]')).map(li => li.getAttribute('data-id'))")


def point(driver, css, fraction):
    """A point inside the element: across the middle, `fraction` of the way down (viewport x, y)."""
    return driver.execute_script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return [r.left + r.width / 2, r.top + r.height * arguments[1]]", css, fraction)


def mouse(driver, kind, x, y):
    driver.execute_cdp_cmd("Input.dispatchMouseEvent", {
        "type": kind, "x": x, "y": y, "button": "left", "buttons": 0 if kind == "mouseReleased" else 1,
        "clickCount": 0 if kind == "mouseMoved" else 1})


def glide(driver, start, end):
    """Moves the pressed mouse from `start` to `end` in ten steps, then hovers there.

    The hover is a few one-pixel moves: a browser under a person's hand sends dragover every
    few hundred milliseconds while the pointer rests, but here dragover comes only with a
    move, and Chromium lets moves pass without one while the page answers the last."""
    (x, y), (tx, ty) = start, end
    for step in range(1, 11):
        mouse(driver, "mouseMoved", x + (tx - x) * step / 10, y + (ty - y) * step / 10)
        time.sleep(0.05)
    for wiggle in range(6):
        mouse(driver, "mouseMoved", tx, ty + wiggle % 2)
        time.sleep(0.1)


def drag(driver, source, target):
    """Presses at `source`, glides to `target` and lets go there."""
    mouse(driver, "mousePressed", *source)
    glide(driver, source, target)
    mouse(driver, "mouseReleased", *target)


class DragTest:
    def __init__(self, walk, driver, language):
        self.walk, self.driver, self.name = walk, driver, f"{language} drag"

    def fail(self, message):
        self.walk.failures.append(f"{self.name}: {message}")

    def fit(self):
        """Makes the window as tall as the page, so every point is on screen and nothing scrolls mid-drag."""
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(390, min(int(height) + 100, 3000))

    def card(self, post_id, fraction=0.5, part=""):
        return point(self.driver, f"#ranking li[data-id='{post_id}']{part}", fraction)

    def drop_and_wait(self, source, target):
        """Drags and waits for the page that rank.js's form submission brings back."""
        self.driver.execute_script("window.__walkMarker = true")
        drag(self.driver, source, target)
        try:
            WebDriverWait(self.driver, 20, ignored_exceptions=[WebDriverException]).until(self.walk.replaced)
            return True
        except Exception:
            self.fail(f"the drop submitted nothing (the page was not replaced); the page shows {order(self.driver)}")
            return False

    def reload(self):
        self.driver.refresh()
        WebDriverWait(self.driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
        self.fit()

    def expect_stored(self, wanted, when):
        """The page the server sent back, and the page after a reload, show `wanted`."""
        shown = order(self.driver)
        if shown != wanted:
            self.fail(f"{when}: the server's page shows {shown}, expected {wanted}")
        self.reload()
        stored = order(self.driver)
        if stored != wanted:
            self.fail(f"{when}: after a reload the stored order is {stored}, expected {wanted}")

    def run(self):
        driver = self.driver
        self.fit()
        before = order(driver)
        if len(before) < 2:
            self.fail(f"needs two ranked posts, found {before}")
            return
        hint = driver.find_elements(By.ID, "drag-hint")
        if not (hint and hint[0].is_displayed()):
            self.fail("the hint about dragging is not shown although rank.js runs")
        # Grab the last card by its region line (not its link) and drop it on the first card's top half.
        if self.drop_and_wait(self.card(before[-1], part=" p"), self.card(before[0], 0.2)):
            self.walk.page(driver, self.name.replace(" ", "-") + "-dropped", expect='class="rank"')
            self.fit()
            self.expect_stored([before[-1]] + before[:-1], "after dragging the last post to the top")
        self.cancelled()
        # Back again: the first card dropped on the last card's bottom half.
        moved = order(driver)
        if self.drop_and_wait(self.card(moved[0], part=" p"), self.card(moved[-1], 0.8)):
            self.expect_stored(before, "after dragging it back to the bottom")

    def cancelled(self):
        """A drag that passes over another card (which moves the cards while dragging) and is let
        go outside the list, on the page's heading, is cancelled: the cards go back, nothing is sent."""
        driver = self.driver
        shown = order(driver)
        driver.execute_script("window.__walkMarker = true")
        source, over, outside = self.card(shown[-1], part=" p"), self.card(shown[0], 0.2), point(driver, "main h1", 0.5)
        mouse(driver, "mousePressed", *source)
        glide(driver, source, over)
        if order(driver) == shown:
            self.fail(f"dragging the last post over the first moved no card (still {shown}): did the drag start?")
        glide(driver, over, outside)
        mouse(driver, "mouseReleased", *outside)
        time.sleep(1)
        if self.walk.replaced(driver):
            self.fail("a drag let go outside the list submitted the order")
            return
        if order(driver) != shown:
            self.fail(f"after a drag let go outside the list the page shows {order(driver)}, not {shown} as before")
        self.reload()
        if order(driver) != shown:
            self.fail(f"a drag let go outside the list changed the stored order to {order(driver)}")


def drag_reorder(walk, language, contact, password):
    """Logs in as a candidate who has ranked posts and drags them about on "My ranking"."""
    driver = walk.browser(language)
    try:
        driver.get(walk.base + "/login")
        walk.fill(driver, "contact", contact)
        walk.fill(driver, "password", password)
        walk.click(driver, "form[action='/login'] button")
        driver.get(walk.base + "/ranking")
        walk.page(driver, f"{language}-drag-ranking", expect='class="rank"')
        DragTest(walk, driver, language).run()
    finally:
        driver.quit()
