/**
 * HTML built from template literals that escape every interpolated value unless it is already
 * `Html`: a page cannot print a project name as markup by forgetting to escape it.
 */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What may be interpolated: text (escaped), numbers, Html (kept), nothing, or a list of these. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

function piece(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(piece).join('');
  return escapeHtml(String(value));
}

/** `html\`<td>${name}</td>\`` — the values are escaped, the template is trusted. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += piece(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Markup that is known to be safe (built by this module, or a constant). Never pass user text. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** Data for a page script, in a `<script type="application/json">` block (not run; CSP allows it). */
export function jsonData(id: string, data: unknown): Html {
  // `<` escaped so no value can close the script element
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return html`<script type="application/json" id="${id}">${trusted(json)}</script>`;
}
