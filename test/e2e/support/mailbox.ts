/** Reads verification codes from the local Cognito's mailbox (GET /_local/mailbox). */

interface MailMessage {
  to: string;
  subject: string;
  code: string;
  sentAt: string;
}

/**
 * Waits for a message to `email` that is newer than the `after` messages already
 * seen for it, and returns its code.
 */
export async function waitForCode(mailboxUrl: string, email: string, after = 0, timeoutMs = 10_000): Promise<{ code: string; count: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(mailboxUrl);
    if (!response.ok) throw new Error(`mailbox answered ${response.status}`);
    const messages = ((await response.json()) as MailMessage[]).filter((m) => m.to.toLowerCase() === email.toLowerCase());
    const latest = messages.at(-1);
    if (messages.length > after && latest) return { code: latest.code, count: messages.length };
    if (Date.now() > deadline) throw new Error(`No new code for ${email} in the mailbox after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function countMessages(mailboxUrl: string, email: string): Promise<number> {
  const messages = (await (await fetch(mailboxUrl)).json()) as MailMessage[];
  return messages.filter((m) => m.to.toLowerCase() === email.toLowerCase()).length;
}
