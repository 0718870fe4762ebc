/** A tiny history router: the console's pages are paths under /console. */
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/console';

export function navigate(path: string): void {
  history.pushState(null, '', BASE + path);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname.slice(BASE.length) || '/');
  useEffect(() => {
    const on = () => setPath(location.pathname.slice(BASE.length) || '/');
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return path;
}

/** An in-app link: a real <a href> (keyboard, middle-click) that navigates without a reload. */
export function linkProps(path: string) {
  return {
    href: BASE + path,
    onClick: (e: MouseEvent) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(path);
    },
  };
}
