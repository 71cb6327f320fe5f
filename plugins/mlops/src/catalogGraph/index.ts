export { createMlopsCatalogGraphApi } from './catalogGraphApi';
