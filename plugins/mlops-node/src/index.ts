/**
 * Extension points of the MLightenment backend plugin (`mlops`): backend
 * modules add maturity checks and the facts those checks read, drift sources
 * and KPI sources.
 *
 * @packageDocumentation
 */

export * from './extensions';
export * from './driftSources';
export * from './kpiSources';
export * from './sourceBindings';
