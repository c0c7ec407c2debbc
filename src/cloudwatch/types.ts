/** The evidence section's types are the result contract's (src/result/evidence.ts): this room builds values of them. */
export type * from '../result/evidence.js';
