/**
 * Formula injection (OWASP "CSV injection"): text from users that a spreadsheet would take
 * for a formula or a DDE call when the cell is typed or edited — it starts with = + - @,
 * a tab or a carriage return. We never write a formula (every value is a plain string,
 * number or date), and such text additionally gets the quotePrefix style so Excel/WPS keep
 * it as text even when the user opens the cell and presses Enter.
 */
const TRIGGER = /^[=+\-@\t\r]/;

export function looksLikeFormula(text: string): boolean {
  return TRIGGER.test(text);
}
