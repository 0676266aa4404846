/** How findings are shown: the parts of a credential that are public stay, the secret never does. */

/** Connection URLs keep scheme, user, host and database; the password is never shown. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]*)@/i, '$1…@');
}

/** PEM keys keep their (public) BEGIN line (PuTTY: its first line) and the last 4 characters of the body. */
export function redactPem(pem: string): string {
  const header = /^(?:-----BEGIN [A-Z ]+-----|PuTTY-User-Key-File-\d+: [\w@.-]+)/.exec(pem)?.[0] ?? '-----BEGIN';
  const body = pem
    .slice(header.length)
    .replace(/-----END [A-Z ]+-----\s*$/, '')
    .replace(/\\n|\s/g, '');
  return `${header}…${body.length >= 16 ? body.slice(-4) : ''}`;
}
