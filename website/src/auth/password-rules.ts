/**
 * The user pool's password policy, in one place. The stack's pool requires these;
 * checking them in the browser saves a round trip and tells the rider exactly which
 * rule is unmet instead of Cognito's single InvalidPasswordException message.
 * If the pool's policy changes, change it here.
 */

export interface PasswordRule {
  id: 'length' | 'lowercase' | 'uppercase' | 'digit' | 'symbol';
  /** Shown to the rider as a checklist item. */
  label: string;
  test: (password: string) => boolean;
}

export const MIN_PASSWORD_LENGTH = 12;

/** Cognito's accepted special characters (its docs list exactly these). */
const COGNITO_SYMBOLS = `^$*.[]{}()?"!@#%&/\\,><':;|_~\`=+- `;

export const PASSWORD_RULES: readonly PasswordRule[] = [
  { id: 'length', label: `At least ${MIN_PASSWORD_LENGTH} characters`, test: (p) => [...p].length >= MIN_PASSWORD_LENGTH },
  { id: 'lowercase', label: 'A lowercase letter (a–z)', test: (p) => /[a-z]/.test(p) },
  { id: 'uppercase', label: 'An uppercase letter (A–Z)', test: (p) => /[A-Z]/.test(p) },
  { id: 'digit', label: 'A number (0–9)', test: (p) => /[0-9]/.test(p) },
  { id: 'symbol', label: 'A symbol such as ! @ # $ %', test: (p) => [...p].some((c) => COGNITO_SYMBOLS.includes(c)) },
];

export interface RuleResult {
  rule: PasswordRule;
  met: boolean;
}

export function checkPassword(password: string): RuleResult[] {
  return PASSWORD_RULES.map((rule) => ({ rule, met: rule.test(password) }));
}

export function isPasswordValid(password: string): boolean {
  return PASSWORD_RULES.every((rule) => rule.test(password));
}

/** The unmet rules as one sentence, for a form's error message. */
export function describeUnmetRules(password: string): string | null {
  const unmet = checkPassword(password).filter((r) => !r.met);
  if (unmet.length === 0) return null;
  // Lower-case only the label's first letter: "An uppercase letter (A–Z)" must keep its A–Z.
  const asPhrase = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);
  return `The password needs: ${unmet.map((r) => asPhrase(r.rule.label)).join('; ')}.`;
}
