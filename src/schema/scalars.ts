import { Kind } from 'graphql';
import { badUserInput as badInput } from '../errors.js';
import { builder } from './builder.js';

function parseDateTime(value: unknown): Date {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
  )
    throw badInput(`DateTime must be an ISO 8601 string with a time zone, e.g. 2024-05-21T03:36:45Z`);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput(`"${value}" is not a valid DateTime`);
  return date;
}

function parseDay(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw badInput('Date must be a string YYYY-MM-DD, e.g. 2024-05-21');
  const date = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    throw badInput(`"${value}" is not a valid Date`);
  return date;
}

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO 8601 string in UTC (e.g. 2024-05-21T03:36:45.000Z).',
  serialize: (value) => value.toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('Date', {
  description: 'A calendar day, YYYY-MM-DD (UTC). As a filter bound it is inclusive.',
  serialize: (value) => value.toISOString().slice(0, 10),
  parseValue: parseDay,
  parseLiteral: (ast) => parseDay(ast.kind === Kind.STRING ? ast.value : undefined),
});
