export * from './id';
export * from './permissions';
export * from './lifecycle';
export * from './config';
export * from './events';
export * from './contracts';
export * from './webhooks';
export * from './proactive';
