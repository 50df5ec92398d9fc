import { DAY_NAMES, MONTH_NAMES, twoDigits as two } from '../time-names.js';

/**
 * The TIMESTAMP of a PASSWORD_VERIFIER answer: `Tue Nov 3 08:05:09 UTC 2026`
 * (Java's `EEE MMM d HH:mm:ss z yyyy` in UTC; the day is not zero-padded).
 * It is signed into the proof, so the server must take the exact string the
 * client sent; it only checks that the string has that shape.
 */
export function formatSrpTimestamp(date: Date): string {
  return `${DAY_NAMES[date.getUTCDay()]} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(
    date.getUTCMinutes(),
  )}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

const SHAPE = new RegExp(
  `^(${DAY_NAMES.join('|')}) (${MONTH_NAMES.join('|')}) ([1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]) UTC ([0-9]{4})$`,
);

/** The instant a well-formed timestamp names, or undefined if it is malformed or not a real date. */
export function parseSrpTimestamp(text: string): Date | undefined {
  const m = SHAPE.exec(text);
  if (!m) return undefined;
  const [, day, month, date, hh, mm, ss, year] = m;
  const when = new Date(Date.UTC(Number(year), MONTH_NAMES.indexOf(month as (typeof MONTH_NAMES)[number]), Number(date), Number(hh), Number(mm), Number(ss)));
  // Reject Feb 30 and a weekday that does not match the date.
  if (when.getUTCDate() !== Number(date) || DAY_NAMES[when.getUTCDay()] !== day) return undefined;
  return when;
}
