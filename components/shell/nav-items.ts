/** The pages in the navigation: only those that have something to show. `travels`: keeps `?run=N` (time travel). */
export const navItems = [
  { href: "/", label: "Overview", travels: true },
  { href: "/pools", label: "Pools", travels: true },
  { href: "/clusters", label: "Clusters", travels: true },
  { href: "/runs", label: "Runs" },
] as const;
