import type { MailMessage } from './model.js';

/** Messages kept; older ones drop off. */
export const MAILBOX_LIMIT = 200;

/**
 * Where Cognito would send an email, the local one writes a line to the
 * terminal and keeps the message, readable at `GET /_local/mailbox`.
 */
export function deliver(mailbox: MailMessage[], message: MailMessage, log: (line: string) => void): void {
  mailbox.push(message);
  if (mailbox.length > MAILBOX_LIMIT) mailbox.splice(0, mailbox.length - MAILBOX_LIMIT);
  log(`[cognito] mail to ${message.to}: ${message.subject}: ${message.code}`);
}

/** Cognito's masked destination: `j***@e***` for `jane@example.com`. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return `${email.slice(0, 1)}***`;
  return `${email.slice(0, 1)}***@${email.slice(at + 1, at + 2)}***`;
}
