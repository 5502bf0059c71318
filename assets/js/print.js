// Printing: "Print with my answers" and "Print blank" set a class on <html>
// that the print stylesheet reads, then open the browser's print dialog.

export function setupPrint() {
  const root = document.documentElement;
  window.addEventListener("beforeprint", () => runningHead(root));
  const fill = document.getElementById("print-fill");
  if (document.body.dataset.page === "print") {
    root.classList.add("print-blank");
    fill && fill.addEventListener("change", () => {
      root.classList.toggle("print-blank", !fill.checked);
      root.classList.toggle("print-answers", fill.checked);
    });
  }
  document.addEventListener("click", e => {
    const b = e.target.closest("[data-print]");
    if (!b) return;
    const mode = b.dataset.print;
    if (mode === "answers" || mode === "blank") {
      root.classList.toggle("print-blank", mode === "blank");
      root.classList.toggle("print-answers", mode === "answers");
      const section = b.closest(".worksheet");
      if (section) section.classList.add("print-only-this");
      root.classList.add("print-one");
      window.addEventListener("afterprint", () => {
        root.classList.remove("print-one");
        section && section.classList.remove("print-only-this");
        if (document.body.dataset.page !== "print") root.classList.remove("print-blank", "print-answers");
      }, { once: true });
    }
    window.print();
  });
}

// runningHead puts the book's title and the worksheet's (or page's) title
// in custom properties the @page margin boxes of print.css read. Setting a
// property through the CSSOM is allowed by the strict CSP.
function runningHead(root) {
  const book = document.querySelector(".site-title");
  const one = document.querySelector(".print-only-this .ws-title");
  const h1 = document.querySelector("main h1");
  root.style.setProperty("--print-book", JSON.stringify(book ? book.textContent.trim() : ""));
  root.style.setProperty("--print-sheet", JSON.stringify((one || h1 || { textContent: "" }).textContent.trim()));
}
