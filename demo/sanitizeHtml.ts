/**
 * Just enough sanitising to show the add-in's draft body in the demo page: DOMParser documents never run scripts;
 * we then drop active content and event-handler/javascript: attributes before inserting the markup.
 * (A sandboxed iframe would be simpler, but Chromium logs a console error for every script it blocks there —
 * including test tooling's injected scripts — which the e2e tests rightly count as page errors.)
 */
const ACTIVE = "script, iframe, object, embed, link, meta, base, form";

export function sanitizeHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  doc.querySelectorAll(ACTIVE).forEach((el) => el.remove());
  doc.body.querySelectorAll("*").forEach((el) => {
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on") || (/^(href|src|xlink:href|action|formaction)$/.test(name) && /^\s*javascript:/i.test(attr.value))) {
        el.removeAttribute(attr.name);
      }
    }
  });
  return doc.body.innerHTML;
}

/** Long runs of text get a line break every this many characters, as Outlook on the web does (office-js #2910). */
const WRAP_AT = 76;

/**
 * What Outlook does to an HTML body before an add-in reads it with body.getAsync — the fake host hands the add-in
 * this, so the demo and the e2e tests meet the same rewriting as real Outlook: no class, id or data-* attributes
 * (Outlook on the web, office-js #5296), divs and headings flattened to p/span with inline font styles (#5482),
 * line breaks inserted inside long text (#2910), the whole wrapped in Outlook's own div.
 */
export function outlookLikeBody(html: string): string {
  const doc = new DOMParser().parseFromString(sanitizeHtml(html), "text/html");
  doc.body.querySelectorAll("*").forEach((el) => {
    for (const attr of [...el.attributes]) {
      if (/^(class|id|data-.*)$/i.test(attr.name)) el.removeAttribute(attr.name);
    }
  });
  for (const el of [...doc.body.querySelectorAll("div, h1, h2, h3, h4")]) {
    const p = doc.createElement("p");
    const span = doc.createElement("span");
    span.setAttribute("style", "font-family: Aptos, Calibri, Helvetica, sans-serif; font-size: 12pt");
    span.append(...el.childNodes);
    p.append(span);
    el.replaceWith(p);
  }
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (const t of texts) {
    if (t.data.length > WRAP_AT) t.data = t.data.replace(new RegExp(`(.{${WRAP_AT}})`, "g"), "$1\n");
  }
  return `<div class="elementToProof">${doc.body.innerHTML}</div>`;
}
