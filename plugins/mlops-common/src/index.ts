/**
 * Isomorphic MLightenment code shared by the catalog module, the backend and
 * the frontend: the entity kinds, the check engine with its outcome
 * vocabulary, and the maturity rubric and scoring.
 *
 * @packageDocumentation
 */

export * from './kinds';
export * from './framework';
export * from './checks';
export * from './acceptance';
export * from './maturity';
export * from './permissions';
export * from './drift';
export * from './gates';
export * from './value';
export * from './diagnostic';
export * from './api';
