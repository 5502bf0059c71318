// What a page needs only once it is used (a dialog, a backup, the lock,
// search) is loaded then: the build publishes each module a script loads
// with import() as its own file (internal/assets/bundle.go), and
// the service worker keeps them all offline. later waits for what such a
// module may need, every interface string and the stylesheet of what is
// loaded later (css/later.css, <body data-later-css>), then loads it.

import { allStrings } from "./strings.js";

let css = null;

export async function later(load) {
  await Promise.all([allStrings(), styles()]);
  return load();
}

// ask is dialog.js's, loaded on the first question.
export async function ask(...args) {
  const { ask } = await later(() => import("./dialog.js"));
  return ask(...args);
}

function styles() {
  const url = document.body.dataset.laterCss;
  if (!url || css) return css || Promise.resolve();
  css = new Promise(done => {
    const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href: url });
    link.addEventListener("load", done);
    link.addEventListener("error", () => { link.remove(); css = null; done(); });
    document.head.append(link);
  });
  return css;
}
