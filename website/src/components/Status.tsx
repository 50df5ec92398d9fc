import type { ReactNode } from 'react';

/**
 * A message region screen readers announce when its text changes. Errors use
 * role="alert" (assertive); progress and success use role="status" (polite).
 * The region is always rendered so the first message is announced too.
 */
export function Status({ tone, children }: { tone: 'error' | 'info' | 'success'; children?: ReactNode }) {
  const role = tone === 'error' ? 'alert' : 'status';
  return (
    <div role={role} className={children ? `status status--${tone}` : 'status status--empty'}>
      {children}
    </div>
  );
}
