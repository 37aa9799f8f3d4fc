export * from './openapi-validator.ts';
export * from './test-emulator.ts';
