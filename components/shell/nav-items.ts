/** The pages in the navigation: only those that have something to show. */
export const navItems = [
  { href: "/", label: "Overview" },
  { href: "/runs", label: "Runs" },
] as const;
