import { randomUUID } from 'node:crypto';

/** A new rule's key: it stays the same in every later version that copies the rule. */
export const newRuleKey = (): string => randomUUID().replaceAll('-', '').slice(0, 12);
