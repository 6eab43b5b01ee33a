import { describe, expect, it } from 'vitest';
import { findInlineHtmlUrls } from './find-inline-html-urls.js';

/** Each URL found in the whole text as `tag attribute: url`. */
function urlSummaries(text: string): string[] {
  return findInlineHtmlUrls(text, 0, text.length).map((found) => `${found.tag} ${found.attribute}: ${found.url}`);
}

describe('findInlineHtmlUrls', () => {
  it.each([
    ['a double-quoted href', 'Get it from <a href="https://a.example/x">here</a>.', ['a href: https://a.example/x']],
    ['a single-quoted src', 'Logo: <img src=\'./logo.png\' alt="logo">', ['img src: ./logo.png']],
    ['an unquoted value', '<a href=https://a.example/x>x</a>', ['a href: https://a.example/x']],
    ['upper-case names, values as written', '<A HREF="https://a.example/?a=1&amp;b=2">x</A>', ['a href: https://a.example/?a=1&amp;b=2']],
    ['spaces around = and a self-closing tag', '<img alt="x" src = "a.png" />', ['img src: a.png']],
    ['a tag across a line break', 'See <a\nhref="https://a.example">it</a>.', ['a href: https://a.example']],
    ['several tags in order', '<a href="u1">a</a> and <img src="u2"> and <a href="u3">b</a>', ['a href: u1', 'img src: u2', 'a href: u3']],
    ['no URL from other attributes', '<a title="href=x" name="top">x</a>', []],
    ['no URL from an empty value', '<a href="">x</a>', []],
    ['no URL from a closing tag or a comparison', 'a < b and </a href="x">', []],
    ['no URL from an escaped <', 'Write \\<a href="x"> to link.', []],
    ['no URL from an unclosed tag', '<a href="x" and more text', []],
    ['no URL from a tag across a blank line', '<a\n\nhref="x">', []],
  ])('finds %s', (_name, text, expected) => {
    expect(urlSummaries(text)).toEqual(expected);
  });

  it('reads only the range it is given when start and end are passed', () => {
    const text = '<a href="before">x</a> `<a href="code">` <a href="after">y</a>';
    const codeStart = text.indexOf('`');
    const codeEnd = text.lastIndexOf('`') + 1;
    expect(findInlineHtmlUrls(text, 0, codeStart).map((found) => found.url)).toEqual(['before']);
    expect(findInlineHtmlUrls(text, codeEnd, text.length).map((found) => found.url)).toEqual(['after']);
  });
});
