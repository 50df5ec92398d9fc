/**
 * The English day and month abbreviations AWS services write into dates, in
 * the order `Date#getUTCDay()` and `Date#getUTCMonth()` count them: Cognito's
 * SRP TIMESTAMP (`Tue Nov 3 08:05:09 UTC 2026`), API Gateway's
 * `requestContext.requestTime` (`21/Nov/2026:23:33:11 +0000`) and the `exp`
 * and `iat` claims its Cognito authorizer passes on (`Sat Nov 21 23:33:11 UTC 2026`).
 * Fixed, never the machine's locale.
 */
export const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A date or time field in two digits (`08`). */
export const twoDigits = (n: number): string => String(n).padStart(2, '0');
