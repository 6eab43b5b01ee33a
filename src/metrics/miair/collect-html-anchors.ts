/**
 * Adds to `anchors` the lower-cased value of every HTML `id` or `name`
 * attribute of `text`: the matches of `/\b(?:id|name)\s*=\s*["']([^"']+)["']/g`
 * (a value may open with one kind of quote and close with the other, as in
 * that expression), found without a regular expression. A regular expression
 * without a fixed first character tries every offset of the document; this
 * scan visits only the `=` signs.
 */
export function collectHtmlAnchors(text: string, anchors: Set<string>): void {
  const length = text.length;
  // Matches do not overlap: a match starts at or after the end of the previous one.
  let matchEnd = 0;
  for (let equals = text.indexOf('=', matchEnd); equals !== -1; equals = text.indexOf('=', equals + 1)) {
    let nameEnd = equals;
    while (nameEnd > matchEnd && isWhitespace(text.charCodeAt(nameEnd - 1))) nameEnd--;
    let start = -1;
    if (nameEnd - 2 >= matchEnd && text.startsWith('id', nameEnd - 2)) start = nameEnd - 2;
    else if (nameEnd - 4 >= matchEnd && text.startsWith('name', nameEnd - 4)) start = nameEnd - 4;
    if (start < 0 || (start > 0 && isAsciiWordCode(text.charCodeAt(start - 1)))) continue;
    let cursor = equals + 1;
    while (cursor < length && isWhitespace(text.charCodeAt(cursor))) cursor++;
    if (!isQuote(text.charCodeAt(cursor))) continue;
    const valueStart = cursor + 1;
    let valueEnd = valueStart;
    while (valueEnd < length && !isQuote(text.charCodeAt(valueEnd))) valueEnd++;
    if (valueEnd === valueStart || valueEnd >= length) continue;
    anchors.add(text.slice(valueStart, valueEnd).toLowerCase());
    matchEnd = valueEnd + 1;
    equals = valueEnd;
  }
}

function isQuote(code: number): boolean {
  return code === 34 || code === 39;
}

/** `[A-Za-z0-9_]`: what `\b` reads as a word character without the `u` flag. */
function isAsciiWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** JavaScript's `\s`: ASCII white space, no-break space, the Unicode space separators, line and paragraph separators, BOM. */
function isWhitespace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}
