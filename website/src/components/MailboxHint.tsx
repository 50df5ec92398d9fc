import { useConfig } from '../config/config-context';

/** Local cloud only: there is no real email, so say where the codes go. */
export function MailboxHint() {
  const { mailboxUrl } = useConfig();
  if (!mailboxUrl) return null;
  return (
    <aside className="hint" aria-label="Where codes arrive">
      <strong>Running locally:</strong> no email is sent. Codes arrive in the terminal running the local cloud and in the{' '}
      <a href={mailboxUrl} target="_blank" rel="noreferrer">
        local mailbox
      </a>
      .
    </aside>
  );
}
