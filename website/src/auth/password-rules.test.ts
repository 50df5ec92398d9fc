import { describe, expect, it } from 'vitest';
import { checkPassword, describeUnmetRules, isPasswordValid, MIN_PASSWORD_LENGTH, PASSWORD_RULES } from './password-rules';

describe('password rules (the pool: 12+ chars, lower, upper, digit, symbol)', () => {
  it('has the five rules of the stack`s pool', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(PASSWORD_RULES.map((r) => r.id)).toEqual(['length', 'lowercase', 'uppercase', 'digit', 'symbol']);
  });

  it('accepts a password meeting every rule', () => {
    expect(isPasswordValid('Giddy-up-2026!')).toBe(true);
    expect(describeUnmetRules('Giddy-up-2026!')).toBeNull();
  });

  it.each([
    ['Sh0rt!pass', 'length'],
    ['all-lower-case-1!', 'uppercase'],
    ['ALL-UPPER-CASE-1!', 'lowercase'],
    ['No-Digits-Here!!', 'digit'],
    ['NoSymbols12345', 'symbol'],
  ])('%s fails only the %s rule', (password, ruleId) => {
    const unmet = checkPassword(password).filter((r) => !r.met).map((r) => r.rule.id);
    expect(unmet).toEqual([ruleId]);
    expect(isPasswordValid(password)).toBe(false);
  });

  it('counts a space and other Cognito symbols as symbols', () => {
    expect(isPasswordValid('Unicorn rides 1')).toBe(true);
    expect(isPasswordValid('Unicorn^rides1')).toBe(true);
  });

  it('names every unmet rule in one sentence', () => {
    expect(describeUnmetRules('abc')).toBe(
      'The password needs: at least 12 characters; an uppercase letter (A–Z); a number (0–9); a symbol such as ! @ # $ %.',
    );
  });
});
