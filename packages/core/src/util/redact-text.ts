/**
 * Text safe for a log line or an answer: credentials in URLs (`http://user:password@host`) become `***`,
 * absolute file paths (as in Node's `ENOENT: …, open '/srv/x.yaml'`) become `<path>`.
 *
 * @example
 * ```ts
 * redactText("ENOENT: no such file or directory, open '/srv/t.yaml'"); // "ENOENT: no such file or directory, open '<path>'"
 * ```
 */
export function redactText(text: string): string {
  return text.replace(/\/\/[^/@\s]+@/g, '//***@').replace(/(^|[\s'"(=,])\/[^\s'"(),]+/g, '$1<path>');
}
