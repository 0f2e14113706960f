"""A keyboard-only walk through a page, as someone who cannot use a mouse goes through it: Tab from the top, and
on a chart's "Chart | Table" tabs, the arrow key to open its table (whose downloads are drawn only then).

Each stop is described by what it is (a filter of the sidebar by its label, a download by its file, a tab), so a
test can say how many presses it took to reach every filter and every download.
"""

from dataclasses import dataclass, field

# What has the focus: the filter it belongs to (the sidebar widget's label), a download button's key, a tab.
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {kind: 'none', name: ''};
  const text = (node) => (node ? node.innerText || node.textContent || '' : '').trim().split('\\n')[0];
  const sidebar = el.closest('[data-testid="stSidebar"]');
  const download = el.closest('[data-testid="stDownloadButton"]');
  if (download) {
    const keyed = download.closest('[class*="st-key-"]');
    const key = keyed ? [...keyed.classList].find(c => c.startsWith('st-key-')) : '';
    return {kind: 'download', name: key || text(download)};
  }
  if (sidebar) {
    const widget = el.closest('[data-testid="stRadio"], [data-testid="stSelectbox"], [data-testid="stMultiSelect"],'
      + ' [data-testid="stButtonGroup"], [data-testid="stDateInput"]');
    if (widget) {
      const label = widget.querySelector('[data-testid="stWidgetLabel"]');
      return {kind: 'filter', name: text(label)};
    }
    return {kind: 'sidebar', name: text(el) || el.getAttribute('aria-label') || el.tagName};
  }
  if (el.getAttribute('role') === 'tab') {
    return {kind: 'tab', name: text(el), selected: el.getAttribute('aria-selected') === 'true'};
  }
  return {kind: 'other', name: (el.getAttribute('aria-label') || text(el) || el.tagName).slice(0, 60)};
}"""


# Whether this chart's downloads can be reached without opening its Table tab: a download button comes after the
# focused tab list and before the next one (on a page whose downloads live inside the Table tab, none does).
DOWNLOADS_FOLLOW_JS = """() => {
  const tabs = document.activeElement.closest('[role="tablist"]');
  const all = [...document.querySelectorAll('[role="tablist"], [data-testid="stDownloadButton"]')];
  const next = all[all.indexOf(tabs) + 1];
  return Boolean(next && next.matches('[data-testid="stDownloadButton"]'));
}"""


@dataclass
class Walk:
    presses: int = 0
    stops: list[dict] = field(default_factory=list)
    reached: dict[str, int] = field(default_factory=dict)  # "filter:Departments" / "download:st-key-..." -> presses

    def first(self, kind: str) -> dict[str, int]:
        return {name.split(":", 1)[1]: n for name, n in self.reached.items() if name.startswith(kind + ":")}


def walk(page, wanted_filters: set[str], wanted_downloads: int, *, opening, limit: int = 400) -> Walk:
    """Tab through `page` until every filter named in `wanted_filters` and `wanted_downloads` download buttons
    have had the focus (or `limit` presses). Where a chart's downloads are inside its Table tab, the tab is opened
    with the right arrow, once, inside `opening(page)` (a context manager that waits until the page has run again
    and drawn)."""
    result = Walk()
    opened: set[int] = set()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # from the top of the page
    while result.presses < limit:
        page.keyboard.press("Tab")
        result.presses += 1
        stop = page.evaluate(FOCUS_JS)
        result.stops.append(stop)
        if stop["kind"] in ("filter", "download"):
            result.reached.setdefault(f"{stop['kind']}:{stop['name']}", result.presses)
        if stop["kind"] == "tab" and stop["name"] == "Chart" and stop.get("selected"):
            index = page.evaluate("() => [...document.querySelectorAll('[role=tab]')].indexOf(document.activeElement)")
            if index not in opened and not page.evaluate(DOWNLOADS_FOLLOW_JS):
                opened.add(index)
                with opening(page):
                    page.keyboard.press("ArrowRight")
        filters = set(result.first("filter"))
        if wanted_filters <= filters and len(result.first("download")) >= wanted_downloads:
            break
    return result
