/**
 * What a rider types, made ready to send: codes as Cognito reads them, and an email
 * check before a round trip.
 */

/**
 * A code from the email, as pasted: mail apps and phones often group the digits
 * ("201 450") or carry a trailing newline. Cognito compares the code exactly, so any
 * whitespace, inside or around it, is dropped before sending.
 */
export function normalizeCode(code: string): string {
  return code.replace(/\s+/g, '');
}

/**
 * The pool signs riders up with their email as the username (UsernameAttributes:
 * email), and refuses anything that does not look like one with
 * "InvalidParameterException: Username should be an email." Checking the shape here
 * says it in the rider's words, next to the field, without a round trip. Loose on
 * purpose: one @, something before it, a dot in the domain, no spaces.
 */
export function emailProblem(email: string): string | null {
  const value = email.trim();
  if (!value) return 'Enter your email address.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return 'Enter an email address like name@example.com.';
  return null;
}
