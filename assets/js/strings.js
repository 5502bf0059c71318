// The interface strings of the book's language: the [script] section of
// its table (internal/i18n). The build writes into every page, as a JSON
// data block, the strings its script (js/app.js) names; the block's
// data-all is the whole section, which allStrings fetches before a module
// loaded later (later.js) asks for its own. t("key", { name: value })
// fills in {name}; a plural string takes its form from n through the
// language's rules, and numbers and dates are written the language's way
// through Intl.

const block = document.getElementById("wb-strings");
let table = block ? JSON.parse(block.textContent) : {};
let all = null;

// lang is the page's language, the one Intl formats for.
export const lang = document.documentElement.lang || "en";

const rules = new Intl.PluralRules(lang);
const numbers = new Intl.NumberFormat(lang);

// t returns the string of key with vars filled in; the key itself when the
// table lacks it, which the build makes impossible for the default theme.
export function t(key, vars = {}) {
  let s = table[key];
  if (s && typeof s === "object") s = s[rules.select(vars.n)] ?? s.other;
  if (typeof s !== "string") return key;
  return s.replace(/\{(\w+)\}/g, (m, name) => {
    if (!(name in vars)) return m;
    const v = vars[name];
    return typeof v === "number" ? numbers.format(v) : String(v);
  });
}

// allStrings puts the whole section in the page's block, once, for the
// modules loaded later, which read it when they start. Offline, the
// service worker has it; failing that, they show the keys.
export function allStrings() {
  const url = block && block.dataset.all;
  if (!url) return Promise.resolve();
  all ||= fetch(url).then(r => (r.ok ? r.text() : Promise.reject(new Error(r.statusText)))).then(text => {
    table = JSON.parse(text);
    block.textContent = text;
  }).catch(() => { all = null; });
  return all;
}
