import { describe, expect, it } from 'vitest';
import { emailProblem, normalizeCode } from './form-input';

describe('normalizeCode', () => {
  it('drops spaces inside and around a pasted code', () => {
    expect(normalizeCode('201 450')).toBe('201450');
    expect(normalizeCode(' 20 14 50\n')).toBe('201450');
    expect(normalizeCode('\t123456 ')).toBe('123456');
  });
});

describe('emailProblem', () => {
  it('accepts an ordinary address, spaces around it ignored', () => {
    expect(emailProblem(' rider@example.com ')).toBeNull();
    expect(emailProblem('first.last+rides@mail.example.co.uk')).toBeNull();
  });

  it('says what is wrong with an empty or malformed address', () => {
    expect(emailProblem('  ')).toBe('Enter your email address.');
    for (const bad of ['rider', 'rider@', '@example.com', 'rider@example', 'ri der@example.com', 'a@b@c.com']) {
      expect(emailProblem(bad)).toBe('Enter an email address like name@example.com.');
    }
  });
});
