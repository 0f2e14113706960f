"""What every page gets from the router for print and for assistive technology.

- Print (a browser's print, or Chromium's print to PDF, on A4): the sidebar, header, toolbars, download buttons
  and tab bars are left out; columns stack so each chart takes the page's width; every chart is scaled to the
  width of the paper rather than cut off at its right (each chart's drawing gets a viewBox, kept up to date as
  Plotly redraws it, so the browser can scale it: nothing has to run at the moment of printing, which Chromium's
  print to PDF does not wait for); a chart is not split across two sheets.
- Keyboard: a focus ring on every control, thick enough to see on light and dark themes.
- Screen readers: Material icons are decoration, so their names ("check_circle", "keyboard_arrow_right") are
  hidden from assistive technology (the words beside them say it); a chart is read as its name and summary,
  not as its tick labels; the page navigation reads as groups of links; captions have enough contrast.
"""

import streamlit as st

ABOUT = (
    "**Business services dashboard**: spend, service levels, contracts and benchmarks of the force's business "
    "services. OFFICIAL. Choose a light or dark theme in this menu's settings; it is kept for this browser."
)

STYLE = """
<style>
.st-key-bsdash_page_support { display: none; }
:focus-visible {
  outline: 3px solid #0072B2 !important;
  outline-offset: 2px !important;
  box-shadow: 0 0 0 5px rgba(255, 255, 255, 0.6) !important;
}
/* Captions darker than Streamlit's faded grey (3.9:1 on white), for 4.5:1 on light and dark themes alike. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: inherit !important; }
[data-testid="stCaptionContainer"] { opacity: 0.82; }
/* A page's sections are h2 (headings in order) at the size their h3 had; the rare h3 under them a step smaller. */
[data-testid="stMain"] h2 { font-size: 1.75rem !important; }
[data-testid="stMain"] h3 { font-size: 1.4rem !important; }
/* SQL and JSON in code blocks: every token in the text colour (some highlighting colours fell below 4.5:1 on the
   code's background); keywords in bold instead. */
[data-testid="stCode"] .token { color: inherit !important; }
[data-testid="stCode"] .token.keyword { font-weight: 700; }
/* Long lines wrap instead of scrolling sideways: a region scrolled by mouse alone is out of a keyboard's reach. */
[data-testid="stCode"] pre, [data-testid="stCode"] code { white-space: pre-wrap !important; word-break: break-word; }
/* The date fields' day, month and year: targets of at least 24 by 24 pixels (WCAG 2.5.8). */
[role="spinbutton"][data-rac] {
  display: inline-flex; min-width: 24px; min-height: 24px; align-items: center; justify-content: center;
}
@media print {
  @page { size: A4; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stElementToolbar"], [data-testid="stDownloadButton"], [data-testid="stSkipLink"],
  .modebar-container, [role="tablist"], [data-testid="stExpander"] { display: none !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stMainBlockContainer"] {
    margin: 0 !important; padding: 0 !important; max-width: 100% !important; width: 100% !important;
    left: 0 !important; overflow: visible !important;
  }
  /* Columns of charts stack, each chart the paper's width; the headline tiles keep their rows. */
  [data-testid="stHorizontalBlock"]:has(.stPlotlyChart) { flex-wrap: wrap !important; }
  [data-testid="stHorizontalBlock"]:has(.stPlotlyChart) > [data-testid="stColumn"] {
    flex: 1 1 100% !important; width: 100% !important; min-width: 100% !important;
  }
  [data-testid="stVerticalBlockBorderWrapper"], [data-testid="stMetric"] { break-inside: avoid; }
  .stElementContainer:has(.stHeading), .stHeading, h1, h2, h3 { break-after: avoid; }
  .stElementContainer:has(.stPlotlyChart), [data-testid="stFullScreenFrame"]:has(.stPlotlyChart),
  .stPlotlyChart, .stPlotlyChart .js-plotly-plot, .stPlotlyChart .plot-container {
    width: 100% !important; height: auto !important; break-inside: avoid;
  }
  /* A chart wider than the paper is scaled down to its width; one narrower keeps its size. */
  .stPlotlyChart .svg-container {
    width: 100% !important; max-width: var(--bsdash-width, 100%); height: auto !important;
    aspect-ratio: var(--bsdash-ratio, 16 / 9);
  }
  .stPlotlyChart svg.main-svg { width: 100% !important; height: 100% !important; }
}
</style>
"""

SCRIPT = """
<script>
(() => {
  if (window.__bsdashPageSupport) return;
  window.__bsdashPageSupport = true;
  const tidy = () => {
    for (const box of document.querySelectorAll('.stPlotlyChart .svg-container')) {
      const svgs = box.querySelectorAll('svg.main-svg');
      const width = parseFloat(svgs[0] && svgs[0].getAttribute('width'));
      const height = parseFloat(svgs[0] && svgs[0].getAttribute('height'));
      if (!width || !height) continue;
      const viewBox = `0 0 ${width} ${height}`;
      for (const svg of svgs) {
        if (svg.getAttribute('viewBox') !== viewBox) svg.setAttribute('viewBox', viewBox);
      }
      box.style.setProperty('--bsdash-ratio', `${width} / ${height}`);
      box.style.setProperty('--bsdash-width', `${width}px`);
    }
    for (const icon of document.querySelectorAll('[data-testid="stIconMaterial"]:not([aria-hidden])')) {
      icon.setAttribute('aria-hidden', 'true');
    }
    // A chart is named and summed up on its container (role figure); its drawing's tick labels are not read.
    for (const plot of document.querySelectorAll('.stPlotlyChart .js-plotly-plot:not([aria-hidden])')) {
      plot.setAttribute('aria-hidden', 'true');
    }
    // The page navigation nests its sections' links in divs inside its list: read it as groups of links.
    const nav = document.querySelector('ul[data-testid="stSidebarNavItems"]');
    if (nav && nav.getAttribute('role') !== 'none') {
      nav.setAttribute('role', 'none');
    }
    if (nav) {
      for (const item of nav.querySelectorAll('li:not([role])')) item.setAttribute('role', 'none');
      for (const section of nav.children) {
        const header = section.querySelector('[data-testid="stNavSectionHeader"]');
        if (header && section.getAttribute('role') !== 'group') {
          section.setAttribute('role', 'group');
          section.setAttribute('aria-label', header.innerText.trim());
        }
      }
    }
  };
  let queued = false;
  const soon = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; tidy(); });
  };
  new MutationObserver(soon).observe(document.body, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['width', 'height'],
  });
  window.addEventListener('beforeprint', tidy);
  tidy();
})();
</script>
"""


def page_support() -> None:
    """Call once per run, from the router, before the page."""
    st.html(STYLE)
    with st.container(key="bsdash_page_support"):  # hidden: the script takes no room on the page
        st.html(SCRIPT, unsafe_allow_javascript=True)
