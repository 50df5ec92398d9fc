import { Children, useEffect, useRef, type ReactNode } from 'react';

/**
 * A message region screen readers announce when its text changes. Errors use
 * role="alert" (assertive); progress and success use role="status" (polite).
 * The region is always rendered so the first message is announced too.
 *
 * `role` pins the region's role for its whole life: a region whose role flips from
 * status to alert in the same render as its new text is not announced by some
 * readers, so a region whose tone changes (the ride's) keeps one role and changes
 * only its text and colour.
 *
 * `focusKey`: when it changes to a non-null value, focus moves to the message.
 * A form whose button disables itself while it works would otherwise drop focus
 * to <body> when the answer comes; the message is where the rider's attention
 * belongs (and the reader reads it as it takes focus).
 */
export function Status({
  tone,
  role,
  focusKey,
  children,
  ...rest
}: {
  tone: 'error' | 'info' | 'success';
  role?: 'status' | 'alert';
  focusKey?: unknown;
  children?: ReactNode;
  'data-testid'?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const mounted = useRef(false);
  useEffect(() => {
    // Not on the first render: a message the page opens with ("We emailed you a code")
    // must not take focus from the page's heading.
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    if (focusKey === null || focusKey === undefined || focusKey === false) return;
    ref.current?.focus();
  }, [focusKey]);
  return (
    <div
      ref={ref}
      role={role ?? (tone === 'error' ? 'alert' : 'status')}
      tabIndex={focusKey === undefined ? undefined : -1}
      // Empty (only false/null parts): no box, so nothing sits under the button before a message.
      className={Children.toArray(children).length > 0 ? `status status--${tone}` : 'status status--empty'}
      {...rest}
    >
      {children}
    </div>
  );
}
