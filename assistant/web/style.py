"""The app's stylesheet and the small scripts its HTML panels run (data, no logic)."""

from __future__ import annotations

CSS = """
.gradio-container { max-width: 1480px !important; margin: 0 auto; width: 100% !important;
  box-sizing: border-box; }
#rp-header { border-bottom: 3px solid #1f4e79; padding: 4px 2px 10px; margin-bottom: 4px; }
#rp-header h1 { font-size: 1.45rem; margin: 0; color: #1f4e79; font-weight: 700; }
#rp-header p { margin: 2px 0 6px; color: #4a5563; font-size: .95rem; }
#rp-header .html-container { padding: 0; }
.status { font-size: .9rem; color: #374151; background: #f3f6fa; border: 1px solid #dbe3ee;
  border-radius: 6px; padding: 6px 10px; }
.status.empty { background: #fff7e6; border-color: #f0c36d; color: #5c3b00; }
.rp-section-title h3 { margin: 0 0 2px; font-size: 1.02rem; color: #1f2937; }
.rp-section-title p { margin: 0; font-size: .85rem; color: #6b7280; }

/* answers in the chat */
#rp-chat .placeholder-content { padding: 18px 22px 4px; }
#rp-chat .placeholder { font-size: .95rem; color: #374151; line-height: 1.5; }
#rp-chat .message-content { font-size: .95rem; }
#rp-chat .user .message-content { font-weight: 600; color: #1f2937; }
.answer p { margin: 0 0 .55em; line-height: 1.5; }
.answer ul { margin: .2em 0 .7em 1.1em; padding: 0; }
.answer li { margin: .25em 0; line-height: 1.5; }
.answer.pending { color: #6b7280; font-style: italic; }
.cite-ref { display: inline-block; cursor: pointer; color: #1f4e79; background: #e6eef7;
  border: 1px solid #b9cde4; border-radius: 4px; padding: 0 4px; margin: 0 1px;
  font-size: .8em; font-weight: 600; line-height: 1.35; vertical-align: 1px; }
.cite-ref:hover { background: #1f4e79; color: #fff; }
.ans-filters { font-size: .82rem; color: #374151; background: #f3f4f6; border-radius: 4px;
  padding: 3px 8px; margin-top: 6px; display: inline-block; }
.ans-hint { font-size: .8rem; color: #6b7280; margin-top: 6px; }
.ans-notice { font-size: .85rem; background: #fff7e6; border-left: 3px solid #f0a020;
  padding: 4px 8px; margin-bottom: 8px; }
.ans-warnings { font-size: .8rem; color: #7a4b00; margin-top: 6px; }
.msg-info p, .msg-error p { margin: 0; }
.msg-error { color: #9b1c1c; }

/* sources panel */
.src-question { font-size: .85rem; color: #374151; margin: 0 0 8px; }
.src-question q { font-style: italic; }
.src-empty, .passage-empty { color: #6b7280; font-size: .9rem; padding: 10px 4px; }
.src-list { display: flex; flex-direction: column; gap: 10px; max-height: 46vh;
  overflow-y: auto; padding-right: 4px; }
.src-card { border: 1px solid #d7dee8; border-radius: 8px; padding: 10px 12px; background: #fff; }
.src-card.selected { border-color: #1f4e79; box-shadow: 0 0 0 2px #c8d9ee; }
.src-card header { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; }
.src-n { display: inline-flex; align-items: center; justify-content: center; min-width: 1.6em;
  height: 1.6em; border-radius: 50%; background: #1f4e79; color: #fff; font-size: .8rem;
  font-weight: 700; margin-right: 2px; }
.src-who { font-weight: 650; color: #111827; }
.src-where { color: #6b7280; font-size: .85rem; }
.src-card blockquote { margin: 8px 0 6px; padding: 4px 10px; border-left: 3px solid #9fb7d3;
  color: #1f2937; font-size: .92rem; line-height: 1.5; white-space: pre-wrap;
  background: #f8fafc; }
.src-note { font-size: .8rem; color: #7a4b00; margin: 2px 0 4px; }
.src-meta { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 4px 0;
  font-size: .82rem; }
.src-meta dt { color: #6b7280; }
.src-meta dd { margin: 0; color: #1f2937; }
.src-open { margin-top: 4px; font-size: .82rem; padding: 3px 10px; border-radius: 5px;
  border: 1px solid #1f4e79; background: #fff; color: #1f4e79; cursor: pointer; }
.src-open:hover { background: #1f4e79; color: #fff; }

/* the passage inside its verslag */
.passage { border: 1px solid #d7dee8; border-radius: 8px; background: #fff; }
.passage-head { padding: 8px 12px; border-bottom: 1px solid #e5e7eb; background: #f3f6fa;
  border-radius: 8px 8px 0 0; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.passage-meta { color: #4b5563; font-size: .82rem; width: 100%; }
.passage-body { position: relative; max-height: 44vh; overflow-y: auto; padding: 10px 14px;
  white-space: pre-wrap; font-size: .9rem; line-height: 1.55; color: #374151; }
.passage-body mark { background: #ffe58a; color: #111827; padding: 1px 0;
  box-shadow: 0 0 0 2px #ffe58a; border-radius: 2px; }

/* upload report */
.report { border-radius: 6px; padding: 8px 10px; margin: 6px 0; font-size: .9rem; }
.report.ok { background: #edf7ee; border: 1px solid #a7d7ad; }
.report.failed { background: #fdecec; border: 1px solid #f0a8a8; }
.report-line { font-size: .75rem; color: #4b5563; white-space: pre-wrap; margin: 6px 0 0;
  background: transparent; }
footer { display: none !important; }

/* tabs */
#rp-tabs > .tab-wrapper button[role=tab] { font-size: 1rem; font-weight: 600; padding: 6px 18px; }
.tab-note { color: #4b5563; font-size: .92rem; padding: 12px 14px; background: #f8fafc;
  border: 1px dashed #cbd5e1; border-radius: 8px; }
.tab-note.tab-warn { background: #fff7e6; border: 1px solid #f0c36d; color: #5c3b00; }
.tab-note.tab-error { background: #fdecec; border: 1px solid #f0a8a8; color: #7f1d1d; }
.tab-hint { font-size: .82rem; color: #6b7280; margin: 2px 0 0; line-height: 1.4; }

/* Samenvatting: the draft */
.sum-draft { border: 1px solid #d7dee8; border-radius: 8px; background: #fff;
  padding: 14px 22px 18px; line-height: 1.5; font-size: .93rem; color: #1f2937;
  max-height: 78vh; overflow-y: auto; }
.sum-mode { font-size: .8rem; color: #1f4e79; background: #e6eef7; border-radius: 4px;
  padding: 3px 8px; display: inline-block; margin-bottom: 6px; }
.sum-mode.sum-llm { color: #5b21b6; background: #efe9fb; }
.sum-body h2 { font-size: 1.3rem; color: #1f4e79; margin: 6px 0 8px; }
.sum-body h3 { font-size: 1.1rem; margin: 18px 0 4px; padding-top: 10px;
  border-top: 1px solid #e5e7eb; color: #111827; }
.sum-body h4 { font-size: .95rem; margin: 10px 0 4px; color: #374151; font-style: italic; }
.sum-body p { margin: 0 0 .6em; }
.sum-body ul, .sum-body ol { margin: .2em 0 .8em 1.2em; padding: 0; }
.sum-body li { margin: .3em 0; }
.sum-body blockquote { margin: 6px 0; padding: 4px 10px; border-left: 3px solid #f0a020;
  background: #fff7e6; }
.sum-body > ul:first-of-type { background: #f3f6fa; border-radius: 6px; padding: 6px 10px 6px 26px;
  font-size: .86rem; }
.sum-ref { color: #1f4e79; background: #e6eef7; border: 1px solid #b9cde4; border-radius: 4px;
  padding: 0 4px; font-size: .8em; font-weight: 600; text-decoration: none; }
.sum-ref:hover { background: #1f4e79; color: #fff; }
.sum-sources { margin-top: 16px; border-top: 2px solid #1f4e79; padding-top: 6px; }
.sum-sources h3 { font-size: 1.05rem; margin: 4px 0 8px; color: #1f4e79; }
.sum-sources ol { list-style: none; margin: 0; padding: 0; display: flex;
  flex-direction: column; gap: 6px; }
.sum-source { border: 1px solid #e5e7eb; border-radius: 6px; padding: 6px 10px;
  font-size: .86rem; }
.sum-source:target { border-color: #1f4e79; box-shadow: 0 0 0 2px #c8d9ee; }
.sum-source .src-who { margin: 0 6px 0 2px; }
.sum-question { color: #4b5563; font-size: .82rem; font-style: italic; margin: 2px 0; }
.sum-source details summary { cursor: pointer; color: #1f4e79; font-size: .8rem; }
.sum-source blockquote { margin: 4px 0; padding: 3px 8px; border-left: 3px solid #9fb7d3;
  background: #f8fafc; white-space: pre-wrap; }
.sum-id { color: #9ca3af; font-size: .72rem; font-family: ui-monospace, monospace; }
.sum-warnings { margin-top: 10px; font-size: .82rem; color: #7a4b00; }

/* Overzicht */
.ov-lead { font-size: .9rem; color: #374151; margin: 0 0 6px; }
#rp-overview .ov-table { width: 100%; border-collapse: collapse; font-size: .9rem;
  background: #fff; border: 1px solid #d7dee8; margin: 0; padding: 0; }
#rp-overview .ov-table tr { border: 0; }
#rp-overview .ov-table th { text-align: left; background: #1f4e79; color: #fff; padding: 6px 10px;
  font-weight: 600; border: 0; }
#rp-overview .ov-table td { border: 0; border-bottom: 1px solid #e5e7eb; padding: 8px 10px;
  margin: 0; vertical-align: top; }
#rp-overview .ov-table tr:nth-child(even) td { background: #f8fafc; }
.ov-num { font-weight: 700; font-size: 1.1rem; color: #1f4e79; width: 4.5em; }
.ov-date { white-space: nowrap; width: 9em; }
.ov-people { list-style: none; margin: 0; padding: 0; }
.ov-people li { margin: 0 0 4px; line-height: 1.4; }
.ov-name { font-weight: 650; color: #111827; margin-right: 6px; }
.ov-role { color: #374151; margin-right: 6px; }
.ov-org { display: inline-block; font-size: .78rem; background: #e6eef7; color: #1f4e79;
  border-radius: 10px; padding: 0 8px; }
.ov-org.none { background: #f3f4f6; color: #6b7280; }
.ov-yield { font-size: .84rem; color: #374151; width: 34%; }
.ov-yield div { margin-top: 2px; }
.ov-source { color: #9ca3af; font-size: .75rem; }
#rp-heatmap img { object-fit: contain; }
.ov-stmts-head { font-size: .9rem; margin: 4px 0 8px; color: #374151; }
#rp-overview-statements .ov-stmt blockquote { margin: 6px 0 4px !important; }
.ov-stmts { display: flex; flex-direction: column; gap: 8px; max-height: 70vh;
  overflow-y: auto; padding-right: 4px; }

/* --- page layout, login line, tabs: every width from 360 px up (issue 14) --- */
/* the page frame: narrower side padding on a phone (clamp, as Gradio scopes @media rules
   under .contain); no frame element is widened by its content's min-content */
.gradio-container { padding-left: clamp(4px, calc((100vw - 360px) / 8), 12px) !important;
  padding-right: clamp(4px, calc((100vw - 360px) / 8), 12px) !important; }
.gradio-container .main { padding-left: clamp(2px, calc((100vw - 640px) / 4), 32px) !important;
  padding-right: clamp(2px, calc((100vw - 640px) / 4), 32px) !important; }
.gradio-container, .gradio-container .main, .gradio-container .wrap,
.gradio-container main.contain { min-width: 0 !important; max-width: 100vw;
  box-sizing: border-box; }
#rp-header-row { align-items: flex-start; gap: 8px; flex-wrap: wrap; }
#rp-title { flex: 1 1 320px !important; min-width: 0 !important; }
#rp-user { flex: 0 0 auto !important; min-width: 0 !important; }
.rp-user { font-size: .88rem; color: #374151; white-space: nowrap; padding-top: 4px; }
.rp-logout { margin-left: 8px; color: #1f4e79; font-weight: 600; border: 1px solid #1f4e79;
  border-radius: 5px; padding: 2px 10px; text-decoration: none; }
.rp-logout:hover, .rp-logout:focus { background: #1f4e79; color: #fff; }
/* Gradio hides tabs that do not fit behind a "More tabs" menu: show them as a second row */
#rp-tabs > .tab-wrapper { flex-wrap: wrap !important; height: auto !important;
  min-height: 34px; padding-bottom: 2px; }
#rp-tabs .tab-container { flex-wrap: wrap; height: auto !important; }
#rp-tabs .tab-wrapper button { white-space: nowrap; }
#rp-tabs .overflow-menu { display: contents; }
#rp-tabs .overflow-menu > button { display: none !important; }
#rp-tabs .overflow-dropdown, #rp-tabs .overflow-dropdown.hide { display: flex !important;
  position: static !important; flex-direction: row; flex-wrap: wrap; box-shadow: none;
  border: 0; padding: 0;
  margin: 0; background: transparent; min-width: 0; }
#rp-tabs .overflow-dropdown button { font-size: 1rem; font-weight: 600; padding: 6px 18px;
  color: var(--body-text-color-subdued); background: transparent; border-radius: 0; }
#rp-vragen, #rp-filters, #rp-ask, #rp-conv, #rp-export { flex-wrap: wrap; }
#rp-vragen > .column, #rp-filters > *, #rp-ask > *, #rp-conv > * { min-width: 0; }
.report-details summary { cursor: pointer; color: #1f4e79; font-size: .82rem; margin-top: 4px; }
.report.confirm { background: #fff7e6; border: 1px solid #f0c36d; }
.ans-overruled { font-size: .82rem; color: #5c3b00; background: #fff7e6;
  border-left: 3px solid #f0a020; padding: 3px 8px; margin-top: 6px; }
.ans-tools { margin-top: 6px; }
.ans-copy { font-size: .78rem; padding: 2px 10px; border-radius: 5px; border: 1px solid #9fb7d3;
  background: #fff; color: #1f4e79; cursor: pointer; }
.ans-copy:hover, .ans-copy:focus { background: #1f4e79; color: #fff; }
.ans-copy.copied::after { content: " ✓ gekopieerd"; }

/* [n] and its preview (hover or keyboard focus) */
/* the preview spans the answer's width just under the marker's line (never clipped by the
   chat's scroll box, never wider than the screen) */
.ans-body { position: relative; }
.cite-ref { position: static; }
.cite-ref:focus { outline: 2px solid #1f4e79; outline-offset: 1px; }
.cite-ref:focus, .cite-ref:focus-within { background: #1f4e79; color: #fff; }
.cite-tip { display: none; position: absolute; z-index: 50; left: 0; right: 0;
  margin-top: 1.5em; max-width: 36rem; background: #fff; color: #1f2937;
  border: 1px solid #9fb7d3; border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.15);
  padding: 6px 9px; font-size: .82rem; font-weight: 400; line-height: 1.4;
  white-space: normal; text-align: left; cursor: default; }
.cite-ref:hover .cite-tip, .cite-ref:focus .cite-tip { display: block; }
.cite-tip-who { display: block; font-weight: 650; color: #111827; }
.cite-tip-where { display: block; color: #6b7280; font-size: .76rem; margin-bottom: 3px; }
.cite-tip-quote { display: block; font-style: italic; }
#rp-chat .message, #rp-chat .message-content, #rp-chat .bubble-wrap { overflow: visible; }

/* heatmap labels readable (about 12 px): never narrower than 760 px; scrolls inside its box */
#rp-heatmap, #rp-heatmap .image-container, #rp-heatmap .image-frame { overflow-x: auto;
  justify-content: flex-start !important; align-items: flex-start !important; }
#rp-heatmap img { max-width: none !important; width: max(100%, 760px) !important;
  height: auto !important; object-position: left top; }
#rp-heatmap .image-frame { display: block !important; }
#rp-heatmap { max-width: 100%; }
#rp-overview, #rp-overview-statements { overflow-x: auto; }

@media (max-width: 640px) {
  /* (Gradio scopes rules in @media under .contain: the page frame is set outside it) */
  /* no flex item may be widened by its content's min-content (a wide table or image);
     Gradio's own inline min-widths (column wrapping) still apply */
  *:not(img) { min-width: 0; }
  #rp-header h1 { font-size: 1.2rem; }
  #rp-header p { font-size: .88rem; }
  /* the file drop zone above its button, both full width */
  #rp-upload-row { flex-direction: column !important; }
  #rp-upload-row > * { width: 100% !important; }
  /* the three filters one under the other, full width */
  #rp-filters .form { flex-direction: column !important; }
  #rp-filters .form > * { width: 100% !important; }
  #rp-tabs .tab-wrapper button, #rp-tabs .overflow-dropdown button { padding: 6px 9px !important;
    font-size: .92rem !important; }
  #rp-chat { height: 62vh !important; max-height: 62vh; }
  .src-list { max-height: 70vh; }
  .passage-body { max-height: 60vh; }
  .src-meta { grid-template-columns: 1fr; }
  #rp-overview .ov-table { font-size: .82rem; }
  #rp-overview .ov-table th, #rp-overview .ov-table td { padding: 5px 6px; }
  .ov-yield { width: auto; }
  .ov-date { width: auto; white-space: normal; }
  /* the heatmap keeps its size (readable labels) and scrolls sideways inside its box */
  #rp-heatmap, #rp-heatmap .image-container, #rp-heatmap button, #rp-heatmap .image-frame {
    width: 100% !important; max-width: 100% !important; min-width: 0 !important; }
  #rp-heatmap .image-frame { overflow-x: auto !important; }
  /* a wide table (Overzicht) scrolls inside its own box, never the page */
  #rp-tabs .tabitem .block { max-width: 100% !important; min-width: 0 !important; }
  #rp-tabs .tabitem .html-container { overflow-x: auto; }
  #rp-tab-overzicht .row { flex-direction: column; }
  #rp-tab-overzicht .column, #rp-tab-overzicht .form { width: 100%; min-width: 0 !important;
    max-width: 100%; }
}
"""

# Runs once in the sources panel: a card's button (data-turn/data-cite) or a [n] marker in
# the chat (classes rp-t<turn> rp-n<n>: the chat's sanitiser keeps no data-*) opens that
# source through the panel's click event.
SOURCES_JS = """
window.__raadpleegOpen = (turn, n) => trigger('click', {turn: turn, n: n});
if (!window.__raadpleegBound) {
  window.__raadpleegBound = true;
  const num = (el, prefix) => {
    for (const c of el.classList) {
      if (c.startsWith(prefix) && /^\\d+$/.test(c.slice(prefix.length))) {
        return Number(c.slice(prefix.length));
      }
    }
    return NaN;
  };
  const open = (el) => {
    const turn = el.dataset.cite ? Number(el.dataset.turn) : num(el, 'rp-t');
    const n = el.dataset.cite ? Number(el.dataset.cite) : num(el, 'rp-n');
    if (Number.isInteger(turn) && Number.isInteger(n)) window.__raadpleegOpen(turn, n);
  };
  const copy = async (btn) => {
    const body = btn.closest('.answer')?.querySelector('.ans-body');
    if (!body) return;
    const text = body.innerText.trim();
    try { await navigator.clipboard.writeText(text); } catch (err) {
      const area = document.createElement('textarea');
      area.value = text; document.body.appendChild(area); area.select();
      document.execCommand('copy'); area.remove();
    }
    btn.classList.add('copied');
    setTimeout(() => btn.classList.remove('copied'), 2000);
  };
  document.addEventListener('click', (e) => {
    const t = e.target;
    const btn = t && t.closest ? t.closest('.ans-copy') : null;
    if (btn) { e.preventDefault(); copy(btn); return; }
    const el = t && t.closest ? t.closest('[data-cite], .cite-ref') : null;
    if (!el) return;
    e.preventDefault();
    open(el);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const el = e.target && e.target.closest ? e.target.closest('.cite-ref') : null;
    if (!el) return;
    e.preventDefault();
    open(el);
  });
}
"""

# Runs in the passage panel: scroll the highlighted passage into the middle of its box.
PASSAGE_JS = """
const show = () => {
  const mark = element.querySelector('mark');
  const box = element.querySelector('.passage-body');
  if (!mark || !box) return;
  box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 4);
  element.scrollIntoView({block: 'nearest', behavior: 'smooth'});
};
watch('value', show);
show();
"""

# Runs once when the page loads: the question box gets the focus without scrolling the title
# out of view (Gradio's autofocus scrolls).
FOCUS_JS = """
() => {
  const focus = () => {
    const box = document.querySelector('#rp-question textarea');
    if (!box) return false;
    box.focus({preventScroll: true});
    window.scrollTo(0, 0);
    return true;
  };
  if (!focus()) {
    const timer = setInterval(() => { if (focus()) clearInterval(timer); }, 200);
    setTimeout(() => clearInterval(timer), 5000);
  }
}
"""
