/**
 * Records keyed by indicator names (internal to the satisfaction module).
 *
 * Results key objects by indicator names that come from the data, so a name such as
 * `"__proto__"`, `"constructor"` or `"toString"` must be an ordinary key. The objects made
 * here inherit nothing: their prototype is an empty, frozen object whose own prototype
 * is `null`, so every key is an own data property and no method is inherited. Unlike
 * `Object.create(null)` (which V8 keeps in slow dictionary mode), they stay fast when a
 * survey has a million respondents.
 */

/** The shared, empty prototype: no keys, prototype `null`. */
const NO_KEYS: object = Object.freeze(Object.create(null));

function KeyedRecord(this: object): void {}
KeyedRecord.prototype = NO_KEYS;

/** A new empty record that inherits no properties (`"__proto__"` is a plain key in it). */
export function emptyRecord<T>(): Record<string, T> {
  return new (KeyedRecord as unknown as new () => Record<string, T>)();
}
