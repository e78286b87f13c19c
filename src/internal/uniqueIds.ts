/** Moved to the engine layer (src/engine/ids.ts); this re-export goes once every import points there. */
export {
  IdDictionary,
  isMarkedUnique as isVerifiedUniqueIds,
  markUniqueIds as registerUniqueIds,
  rememberCheckedIds as rememberVerifiedIds,
} from "../engine/ids.js";
