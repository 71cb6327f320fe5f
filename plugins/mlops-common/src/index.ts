/**
 * Isomorphic MLightenment code shared by the catalog module, the backend and
 * the frontend: the entity kinds and acceptance-criteria evaluation.
 *
 * @packageDocumentation
 */

export * from './kinds';
export * from './acceptance';
