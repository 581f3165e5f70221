import { validateSync, type ValidatorOptions } from "class-validator";
import { ArgumentValidationError, type ValidatorFn } from "type-graphql";

/** type-graphql's own defaults for argument validation. */
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

const isObject = (value: unknown): value is object => value !== null && typeof value === "object";

/**
 * Argument validation as type-graphql does it (class-validator on argument and input objects, with the
 * same options and the same `ArgumentValidationError`, code BAD_USER_INPUT), but synchronous, with
 * class-validator imported once. type-graphql's own validation imports class-validator dynamically on
 * every validated argument; under the tsx loader each such import waits for a turn of the event loop,
 * so the root lookups of one document (50 aliased `node(id:, year:)`) fell into several DataLoader
 * batches, and several round trips, instead of one. The constraints are all synchronous ones.
 */
export const validateArgs: ValidatorFn = (value) => {
  const objects = Array.isArray(value) ? value.filter(isObject) : isObject(value) ? [value] : [];
  const errors = objects.flatMap((o) => validateSync(o, OPTIONS));
  if (errors.length > 0) throw new ArgumentValidationError(errors);
};
