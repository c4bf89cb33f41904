/**
 * The archive index's own script (assets/site.js), small and ours: it loads the search index that
 * search-index.js assigns to a global (a script file, not a fetch of JSON, which browsers refuse from file://),
 * and shows the rows that match the filters and the words typed. Without it the page still lists every report.
 * Plain ES2017 in a string: it runs in the reader's browser, not in Node.
 */
import { FOLDED_LETTERS } from './search-documents.js';

export const PAGE_SCRIPT = `(function () {
  'use strict';
  var lang = document.documentElement.lang || 'en';
  var input = document.getElementById('q');
  var count = document.getElementById('count');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tbody tr'));
  var filters = Array.prototype.slice.call(document.querySelectorAll('select[data-facet]'));
  var plural = new Intl.PluralRules(lang);
  var number = new Intl.NumberFormat(lang);
  // The same terms as the index was built with (src/site/search-documents.ts): no case, no accents.
  var folded = ${JSON.stringify(FOLDED_LETTERS)};
  var fold = function (c) { return Object.prototype.hasOwnProperty.call(folded, c) ? folded[c] : c; };
  var processTerm = function (term) { return term.normalize('NFD').replace(/\\p{M}/gu, '').toLowerCase().replace(/[^\\u0000-\\u007f]/g, fold); };
  var tokenize = function (text) { return text.split(/[\\p{Z}\\p{P}\\p{S}\\p{C}]+/u); };
  var search = null;
  var data = window.reportSearchIndex;
  if (data && window.MiniSearch) {
    search = window.MiniSearch.loadJS(data.index, { fields: data.fields, storeFields: [], tokenize: tokenize, processTerm: processTerm });
  }
  function countText(n) {
    var key = 'plural' + plural.select(n).replace(/^./, function (c) { return c.toUpperCase(); });
    return (count.dataset[key] || count.dataset.pluralOther).replace('{n}', number.format(n));
  }
  function update() {
    var query = input.value.trim();
    var found = null;
    if (query && search) {
      found = new Set();
      search.search(query, { prefix: true, fuzzy: function (term) { return term.length > 5 ? 0.2 : 0; }, combineWith: 'AND', boost: data.boost })
        .forEach(function (r) { found.add(String(r.id)); });
    }
    var shown = 0;
    rows.forEach(function (row) {
      var ok = !found || found.has(row.dataset.id);
      filters.forEach(function (select) {
        if (ok && select.value !== '') ok = (' ' + row.getAttribute('data-' + select.dataset.facet) + ' ').indexOf(' ' + select.value + ' ') >= 0;
      });
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = countText(shown);
  }
  input.addEventListener('input', update);
  filters.forEach(function (select) { select.addEventListener('change', update); });
  if (input.value || filters.some(function (s) { return s.value !== ''; })) update();
})();
`;
