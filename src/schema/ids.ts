import { ObjectId } from 'mongodb';
import { badUserInput } from '../errors.js';

/** Node `id` resolvers return the hex string; Pothos turns it into a global id. */
export const hexId = (doc: { _id: ObjectId }) => doc._id.toHexString();

/** A node's local id, already checked by the global-id decoder. */
export function toObjectId(id: string): ObjectId {
  if (!/^[0-9a-f]{24}$/.test(id)) throw badUserInput(`"${id}" is not a valid id`);
  return new ObjectId(id);
}

export function checkSearchText(name: string, value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (value.length > max) throw badUserInput(`"${name}" must be at most ${max} characters`);
  const trimmed = value.trim();
  return trimmed.length ? trimmed : null;
}
