export * from './entities';
export * from './fields';
export * from './visitor';
export * from './agent';
export * from './settings';
