import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** Client-side navigation under /app/ with the History API; the API serves index.html for every /app/ path. */
const NAVIGATIE = 'schuldhulp:navigatie';

export function navigeer(pad: string): void {
  history.pushState(null, '', pad);
  window.dispatchEvent(new Event(NAVIGATIE));
}

export function useLocatie(): URL {
  const [href, zetHref] = useState(location.href);
  useEffect(() => {
    const bij = () => zetHref(location.href);
    window.addEventListener('popstate', bij);
    window.addEventListener(NAVIGATIE, bij);
    return () => {
      window.removeEventListener('popstate', bij);
      window.removeEventListener(NAVIGATIE, bij);
    };
  }, []);
  return new URL(href);
}

/** A plain anchor that navigates inside the app (new tab and modifier clicks keep working). */
export function AppLink({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const klik = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigeer(href);
  };
  return <a href={href} onClick={klik} {...rest} />;
}
