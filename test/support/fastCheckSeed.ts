/**
 * Under CI (`CI` set) every property test draws its cases from one fixed seed, so that a
 * CI run is reproducible and a red run can be replayed; locally each run draws a fresh
 * seed and explores new cases. `FC_SEED` replays a given seed anywhere.
 */
import fc from "fast-check";

const seed = process.env.FC_SEED ?? (process.env.CI ? "20261207" : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
