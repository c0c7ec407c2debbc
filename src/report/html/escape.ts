/**
 * Escaping for the HTML report. A result file is untrusted input: a scenario name, an error body or a URL can hold
 * markup (`</script><img onerror=…>`), so every string from it goes through `escapeHtml` in text and attributes,
 * and data handed to the page's script goes through `jsonForScript`, which cannot close the <script> it sits in.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or a quoted attribute value: the five characters that can change markup become entities. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * JSON for `<script type="application/json">`: `<`, `>` and `&` as \u escapes, so no `</script>` or `<!--` can appear
 * inside; U+2028/U+2029 too (older engines end a script line there). JSON.parse reads it back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
