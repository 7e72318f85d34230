export * from './methods';
export * from './views';
export * from './errors';
export * from './fields';
