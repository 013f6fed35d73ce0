/** Date rules of the assistant: pure functions of an explicit instant (luxon, Europe/Paris). */
export * from './calendar';
export * from './phoneLine';
export * from './withdrawal';
export * from './escalation';
export * from './refund';
