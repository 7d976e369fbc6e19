"use client";

import { usePathname, useRouter } from "next/navigation";
import { useCallback, useTransition } from "react";
import { poolViewSearch, type PoolView } from "@/lib/model/pool-view";

export type NavigateOptions = { replace?: boolean; keepPage?: boolean };

/**
 * Changes the pools view by changing the URL (the one place its state lives), inside a transition so the current
 * table stays on screen, marked as updating, until the server has the new page. Any change but paging goes back to
 * page 1.
 */
export function usePoolViewNavigation(view: PoolView) {
  const router = useRouter();
  const pathname = usePathname();
  const [isPending, startTransition] = useTransition();
  const navigate = useCallback(
    (patch: Partial<PoolView>, { replace = false, keepPage = false }: NavigateOptions = {}) => {
      const search = poolViewSearch({ ...view, ...(keepPage ? {} : { page: 1 }), ...patch });
      const href = search ? `${pathname}?${search}` : pathname;
      startTransition(() => {
        if (replace) router.replace(href, { scroll: false });
        else router.push(href, { scroll: false });
      });
    },
    [view, pathname, router],
  );
  return { navigate, isPending };
}
