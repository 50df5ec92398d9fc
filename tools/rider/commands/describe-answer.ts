import type { AuthMode } from '../../../lib/auth-mode.js';
import type { ApiAnswer } from '../../shared/api-call.js';

/**
 * A refusal in words: API Gateway's bare status and body, then what usually
 * causes it in this mode and what to do.
 */
export function explainRefusal(mode: AuthMode, answer: ApiAnswer, tokenUse: 'id' | 'access' = 'id'): string {
  const body = answer.text.trim() || '(empty body)';
  const lines = [`The API answered ${answer.status} ${body}${answer.requestId ? ` (request id ${answer.requestId})` : ''}`];
  const message = String((answer.json as { message?: string; Message?: string } | undefined)?.message ?? (answer.json as { Message?: string } | undefined)?.Message ?? '');
  let hint: string | undefined;
  if (answer.status === 401 && /expired/i.test(message)) hint = 'The ID token expired: sign in again (npm run rider -- sign-in).';
  else if (answer.status === 401 && mode === 'cognito' && tokenUse === 'access') hint = "The Cognito authorizer found no valid access token with this method's scope in Authorization: sign in through the hosted UI (npm run rider -- sign-in --hosted-ui).";
  else if (answer.status === 401) hint = `The ${mode === 'lambda' ? 'Lambda' : 'Cognito'} authorizer found no valid ID token in Authorization: sign in (npm run rider -- sign-in).`;
  else if (answer.status === 403 && message === 'Forbidden') hint = 'API Gateway refused the request before any authorizer: a missing or wrong API key (x-api-key), or WAF.';
  else if (answer.status === 403 && message === 'Missing Authentication Token') hint = mode === 'iam' ? 'iam mode wants a SigV4 signature; sign in so this tool can sign.' : 'No such path or method on this API.';
  else if (answer.status === 403 && /explicit deny/.test(message)) hint = 'A policy denied it: the source-IP resource policy, or (lambda mode) the authorizer denied this rider (suspended group).';
  else if (answer.status === 403) hint = 'The signature or the role\'s policy did not allow this call.';
  else if (answer.status === 429) hint = 'Throttled (stage or usage plan): wait a moment and try again.';
  else if (answer.status === 400) hint = 'The API refused the input; the message says what was wrong.';
  if (hint) lines.push(`  → ${hint}`);
  return lines.join('\n');
}
