/** Moved to the engine layer (src/engine/sum.ts); this re-export goes once every import points there. */
export { CompensatedSum, CompensatedSums, fsum, fsum as compensatedTotal } from "../engine/sum.js";
