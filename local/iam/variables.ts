/**
 * IAM policy variables (IAM user guide, "IAM policy elements: Variables and tags"): `${key}` in a
 * Resource or in a condition value stands for the value of that request-context key, e.g.
 * `${cognito-identity.amazonaws.com:sub}` for the caller's identity-pool identity id, or
 * `${aws:userid}` (`ROLEID:session` for a role session). Three special forms stand for a character
 * that would otherwise be read as syntax: `${*}`, `${?}` and `${$}`. A default may follow the key:
 * `${aws:username, 'nobody'}`.
 *
 * "If AWS cannot resolve a variable this might cause the entire statement to be invalid": a key the
 * request does not carry leaves the statement out (it neither allows nor denies); see `resolve`.
 */

/** One piece of a pattern: text as written in the policy (wildcards live), or a substituted value (always literal). */
export type PatternPart = { text: string; literal: boolean };

const VARIABLE = /\$\{([^}]*)\}/g;

/** Request values by key; `null` = the key is known to be absent from this request. */
export type VariableSource = (key: string) => string | null | undefined;

/**
 * Splits a policy string at its variables and substitutes them. `absent` when a variable names a
 * key without a value in this request (and has no default): the statement cannot apply; `unknown`
 * when it names a key this cloud does not model.
 */
export function resolve(pattern: string, lookup: VariableSource): PatternPart[] | 'absent' | 'unknown' {
  if (!pattern.includes('${')) return [{ text: pattern, literal: false }];
  const parts: PatternPart[] = [];
  let last = 0;
  for (const m of pattern.matchAll(VARIABLE)) {
    if (m.index! > last) parts.push({ text: pattern.slice(last, m.index), literal: false });
    last = m.index! + m[0].length;
    const inside = m[1]!;
    if (inside === '*' || inside === '?' || inside === '$') {
      parts.push({ text: inside, literal: true });
      continue;
    }
    const withDefault = /^\s*([^,\s]+)\s*,\s*'([^']*)'\s*$/.exec(inside);
    const key = withDefault ? withDefault[1]! : inside.trim();
    const value = lookup(key);
    if (typeof value === 'string') parts.push({ text: value, literal: true });
    else if (withDefault) parts.push({ text: withDefault[2]!, literal: true });
    // A key this cloud does not model at all cannot be substituted: nothing can be decided.
    else return value === undefined ? 'unknown' : 'absent';
  }
  if (last < pattern.length) parts.push({ text: pattern.slice(last), literal: false });
  return parts;
}

/** The parts as a regular expression: `*` and `?` are wildcards only where the policy wrote them. */
export function partsToRegExp(parts: PatternPart[], options: { wildcards: boolean; ignoreCase: boolean }): RegExp {
  const escape = (s: string) => s.replace(/[\\^$.|+()[\]{}*?]/g, '\\$&');
  const source = parts
    .map((p) =>
      p.literal || !options.wildcards
        ? escape(p.text)
        : p.text
            .split('')
            .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : escape(ch)))
            .join(''),
    )
    .join('');
  return new RegExp(`^${source}$`, options.ignoreCase ? 'is' : 's');
}
