export * from './types';
export * from './relations';
export * from './references';
export * from './validation';
export * from './catalogInfoSchema';
export * from './businessDrivers';
export * from './catalogMessages';
export * from './yamlLocations';
