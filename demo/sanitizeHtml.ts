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
