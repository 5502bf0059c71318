// Matching for search (find.js): text folded to lower case without accents
// and with plain quotes, kept the same length so that a match's position in
// the folded text is its position in the text shown.

export function fold(s) {
  let out = s.toLowerCase();
  if (out.length !== s.length) out = s;
  out = out.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
  if (!/[^\x00-\x7f]/.test(out)) return out;
  let r = "";
  for (const ch of out) {
    const f = ch.normalize("NFD")[0];
    r += f.length === ch.length ? f : ch;
  }
  return r;
}

// match scores folded texts, each given with its weight, for every term
// found in one of them, and the whole phrase more; 0 unless every term is
// found somewhere.
export function match(terms, ...texts) {
  let score = 0;
  for (const t of terms) {
    let hit = 0;
    for (const [text, weight] of texts) {
      const n = occurrences(text, t);
      if (n) hit += weight * Math.min(n, 5);
    }
    if (!hit) return 0;
    score += hit;
  }
  if (terms.length > 1) {
    const phrase = terms.join(" ");
    for (const [text, weight] of texts) if (text.includes(phrase)) score += 5 * weight;
  }
  return score;
}

function occurrences(text, term) {
  let n = 0;
  for (let i = text.indexOf(term); i >= 0 && n < 5; i = text.indexOf(term, i + term.length)) n++;
  return n;
}

// snippet returns nodes for up to about width characters of text around
// its first match, each match of the whole phrase in a <mark> or, without
// one, each match of a term.
export function snippet(text, terms, width) {
  const folded = fold(text);
  const phrase = terms.join(" ");
  if (terms.length > 1 && folded.includes(phrase)) terms = [phrase];
  const first = Math.min(...terms.map(t => folded.indexOf(t)).filter(i => i >= 0), Infinity);
  let start = 0, end = text.length;
  if (text.length > width) {
    start = first === Infinity ? 0 : Math.max(0, first - Math.floor(width / 3));
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    end = Math.min(text.length, start + width);
    const space = text.lastIndexOf(" ", end);
    if (end < text.length && space > start) end = space;
  }
  const marks = [];
  for (const t of terms) {
    for (let i = folded.indexOf(t, start); i >= 0 && i < end; i = folded.indexOf(t, i + t.length)) marks.push([i, Math.min(i + t.length, end)]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  const nodes = [];
  if (start > 0) nodes.push("… ");
  let at = start;
  for (const [a, b] of marks) {
    if (a < at) continue;
    nodes.push(text.slice(at, a));
    const m = document.createElement("mark");
    m.textContent = text.slice(a, b);
    nodes.push(m);
    at = b;
  }
  nodes.push(text.slice(at, end));
  if (end < text.length) nodes.push(" …");
  return nodes;
}
