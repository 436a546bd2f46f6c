import { z } from 'zod';

/** The field shapes every collection shares. */
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const timestamp = z.string().min(10);
/** 万元, at most 4 decimals (one 元). */
export const wan = z.number().finite().nonnegative();
