"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef, type FocusEvent, type MouseEvent } from "react";

function ownLink(event: { target: EventTarget; currentTarget: HTMLElement }): { anchor: HTMLAnchorElement; href: string } | null {
  const anchor = (event.target as Element).closest?.("a[href]") as HTMLAnchorElement | null;
  if (!anchor || !event.currentTarget.contains(anchor) || anchor.target || anchor.hasAttribute("download")) return null;
  const url = new URL(anchor.href);
  return url.origin === window.location.origin ? { anchor, href: `${url.pathname}${url.search}${url.hash}` } : null;
}

/**
 * Plain links inside one element, followed in place as next/link follows them: a click on a same-origin link
 * becomes a client-side navigation, prefetched when the pointer or focus reaches it. A table or list of many links
 * draws `<a>` elements this way, each cheap to render on the server, instead of a Link component apiece.
 */
export function useSoftLinks() {
  const router = useRouter();
  const prefetched = useRef(new Set<string>());
  const onClick = useCallback(
    (event: MouseEvent<HTMLElement>) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = ownLink(event);
      if (!link) return;
      event.preventDefault();
      router.push(link.href);
    },
    [router],
  );
  const prefetch = useCallback(
    (event: MouseEvent<HTMLElement> | FocusEvent<HTMLElement>) => {
      const link = ownLink(event);
      if (!link || prefetched.current.has(link.href)) return;
      prefetched.current.add(link.href);
      router.prefetch(link.href);
    },
    [router],
  );
  return { onClick, onMouseOver: prefetch, onFocus: prefetch };
}
