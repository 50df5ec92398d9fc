import { useEffect } from 'react';

/** Sets the tab title, so each page is named in history and for screen readers. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Wild Rydes`;
  }, [title]);
}
