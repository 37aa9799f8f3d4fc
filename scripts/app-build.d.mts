/** Runs `vite build` when dist/ is older than the app's sources; false when the build failed. */
export function buildAppIfStale(): boolean;
