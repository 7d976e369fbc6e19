/**
 * Node flags for a process that collects. A large fleet's run allocates some 6 GB of short-lived objects (pages
 * read, ARM answers), and V8's default young generation (16 MB semi-spaces) scavenges it about 530 times, copying
 * each time whatever a run has in flight: 32 MB halves the scavenges and cut a large run's wall time by about a tenth
 * on 2 cores (`npm run bench`; 64 MB gained nothing more and cost 150 MB of peak memory). Used by `npm start` (the
 * app's server, which runs the scheduled collections), `npm run collect` (package.json repeats it) and the benchmarks.
 */
export const COLLECTOR_NODE_FLAGS = ["--max-semi-space-size=32"];
