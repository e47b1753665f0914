"""The app's stylesheet and the small scripts its HTML panels run (data, no logic)."""

from __future__ import annotations

CSS = """
.gradio-container { max-width: 1480px !important; margin: 0 auto; }
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
  document.addEventListener('click', (e) => {
    const t = e.target;
    const el = t && t.closest ? t.closest('[data-cite], .cite-ref') : null;
    if (!el) return;
    e.preventDefault();
    const turn = el.dataset.cite ? Number(el.dataset.turn) : num(el, 'rp-t');
    const n = el.dataset.cite ? Number(el.dataset.cite) : num(el, 'rp-n');
    if (Number.isInteger(turn) && Number.isInteger(n)) window.__raadpleegOpen(turn, n);
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
