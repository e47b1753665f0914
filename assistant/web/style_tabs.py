"""The Overzicht and Samenvatting tabs' own stylesheet (appended to style.CSS at launch) and the
small scripts of their HTML panels (data, no logic)."""

from __future__ import annotations

TABS_CSS = """
/* Overzicht: hosts, attendance, the heatmap table, statements that open their verslag */
.ov-host { color: #4b5563; font-size: .85rem; border-top: 1px dashed #d7dee8; padding-top: 3px; }
.at-wrap, .hm-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%;
  border: 1px solid #d7dee8; border-radius: 8px; background: #fff; }
.at-table, .hm-table { border-collapse: separate; border-spacing: 0; font-size: .88rem;
  width: 100%; margin: 0 !important; }
.at-table th, .at-table td, .hm-table th, .hm-table td { border: 0 !important;
  border-bottom: 1px solid #eef1f5 !important; padding: 6px 8px; text-align: left;
  vertical-align: middle; background: #fff; }
.at-table, .hm-table { border: 0 !important; }
.at-table thead th, .hm-table thead th { background: #1f4e79 !important; color: #fff !important;
  font-weight: 600; position: sticky; top: 0; }
.hm-table thead th span { color: #fff; }
#rp-tab-overzicht .html-container, #rp-heatmap, #rp-attendance, #rp-overview,
#rp-overview-statements, #rp-overview-passage { min-width: 0; max-width: 100%; }
/* the tables scroll inside their box: their width never widens the page */
.at-wrap, .hm-wrap { width: 100%; contain: inline-size; }
#rp-tabs .tab-container { flex-wrap: wrap; }
.at-table tbody th, .hm-table tbody th { position: sticky; left: 0; z-index: 1;
  font-weight: 600; color: #111827; min-width: 9.5em; max-width: 16em;
  box-shadow: 1px 0 0 #e5e7eb; }
.at-table thead th:first-child, .hm-table thead th:first-child { left: 0; z-index: 2; }
.at-sprak { color: #14532d; font-weight: 600; }
.at-aanwezig { color: #7a4b00; }
.at-niet-aanwezig { color: #9ca3af; }
.hm-table thead th.hm-col { min-width: 5.2em; max-width: 9em; font-size: .8rem;
  line-height: 1.2; vertical-align: bottom; text-align: center; }
.hm-table thead th.hm-apart { background: #4b5563 !important; }
.hm-table td { text-align: center; padding: 3px; }
.hm-zero { color: #c0c6cf; }
.hm-cell { min-width: 44px; min-height: 40px; width: 100%; border: 1px solid #b9cde4;
  border-radius: 6px; cursor: pointer; font-weight: 700; font-size: .95rem; color: #0f2a44;
  background: rgba(31, 78, 121, var(--hm, .2)); }
.hm-cell.hm-dark { color: #fff; }
.hm-cell:hover, .hm-cell:focus-visible, .hm-row:hover, .hm-row:focus-visible {
  outline: 3px solid #f0a020; outline-offset: 1px; }
.hm-row { background: none; border: 0; padding: 4px 0; text-align: left; cursor: pointer;
  overflow-wrap: break-word; hyphens: manual;
  color: #1f4e79; font-weight: 600; font-size: .86rem; line-height: 1.25;
  text-decoration: underline dotted; min-height: 40px; }
.hm-row-empty { color: #9ca3af; font-weight: 500; font-size: .86rem; }
.hm-note { font-size: .8rem; color: #6b7280; margin: 6px 2px 0; }
.tag-reasons { font-size: .8rem; color: #374151; margin: 4px 0; }
.tag-reasons ul { list-style: none; margin: 2px 0 0; padding: 0; display: flex;
  flex-wrap: wrap; gap: 4px 10px; }
.tag-name { display: inline-block; background: #e6eef7; color: #1f4e79; border-radius: 10px;
  padding: 0 8px; font-weight: 600; }
.tag-why { color: #6b7280; }
.ov-open { margin-top: 4px; font-size: .85rem; color: #1f4e79; background: #e6eef7;
  border: 1px solid #b9cde4; border-radius: 6px; padding: 6px 12px; cursor: pointer;
  min-height: 36px; }
.ov-open:hover { background: #1f4e79; color: #fff; }
#rp-overview-passage .passage-body { max-height: 60vh; }
#rp-overview-passage .src-n { display: none; }  /* no source number outside an answer */
@media (max-width: 640px) {
  .at-table, .hm-table { font-size: .82rem; }
  .at-table tbody th, .hm-table tbody th { min-width: 12.5em; max-width: 12.5em; }
  .hm-table thead th.hm-col { font-size: .72rem; min-width: 7.5em; }
  .hm-row { font-size: .76rem; }
  .hm-cell { min-width: 40px; }
  .ov-stmts { max-height: none; }
  #rp-overview .ov-table thead { display: none; }
  #rp-overview .ov-table tr, #rp-overview .ov-table td { display: block; width: auto; }
}
"""

# Runs once in the heatmap panel: a cell's or a row's button opens its statements through the
# panel's click event (data-row, data-col).
HEATMAP_JS = """
element.addEventListener('click', (e) => {
  const b = e.target && e.target.closest ? e.target.closest('button[data-row]') : null;
  if (!b) return;
  e.preventDefault();
  trigger('click', {row: b.dataset.row, col: b.dataset.col || ''});
});
"""

# Runs once in the statements panel: "Toon in verslag" (data-stmt) opens that statement in
# its verslag.
STATEMENTS_JS = """
element.addEventListener('click', (e) => {
  const b = e.target && e.target.closest ? e.target.closest('button[data-stmt]') : null;
  if (!b) return;
  e.preventDefault();
  trigger('click', {stmt: b.dataset.stmt});
});
"""
