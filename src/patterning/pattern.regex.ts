/**
 * MATCHES takes a PCRE regular expression. JavaScript's engine (without the `u` flag, which
 * would reject PCRE's permissive escapes such as `\@`) covers what indicators use in practice;
 * a leading PCRE option group like `(?i)` or `(?is)` is turned into JavaScript flags. What the
 * engine cannot compile (possessive quantifiers, atomic groups, `(?x)`) is reported, not guessed.
 */
const LEADING_OPTIONS = /^\(\?([imsx]+)\)/;

export type RegexResult = { readonly regex: RegExp } | { readonly error: string };

/** Compiles a MATCHES operand, or says why it cannot be compiled. */
export function compileStixRegex(source: string): RegexResult {
  let body = source;
  let flags = '';
  const options = LEADING_OPTIONS.exec(source);
  if (options) {
    const letters = options[1] ?? '';
    if (letters.includes('x')) return { error: 'the (?x) option is not supported' };
    flags = [...new Set(letters)].join('');
    body = source.slice(options[0].length);
  }
  try {
    return { regex: new RegExp(body, flags) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
