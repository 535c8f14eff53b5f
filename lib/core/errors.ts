/**
 * The errors the library throws, as public API: apps catch them by class. They are defined
 * with the private helpers that throw them (lib/private/validation.ts,
 * lib/private/peer-dependencies.ts); this module is what lib/index.ts exports.
 */
export { ValidationError } from '../private/validation';
export { PeerDependencyError } from '../private/peer-dependencies';
