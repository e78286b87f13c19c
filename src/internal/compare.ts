/** Moved to the engine layer (src/engine/rank.ts); this re-export goes once every import points there. */
export { compareIds } from "../engine/rank.js";
